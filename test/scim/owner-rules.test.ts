// Issue 13.1: a SCIM token never does more than its minter could do over /v1 (admin-minted tokens
// may not suspend, rename or delete owners, nor delete users; owner scope ends when its minter
// stops being an owner). Issue 13.10: SCIM and /v1 changing owners at once lock in one order, so
// every answer is a success, a rule's refusal or a 409, never a 500 from a deadlock.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { addPerson, createOrg, startTestServer, type TestServer } from '../helpers/server.ts';
import { createUser, patchOp, scimClient, type ScimClient } from './helpers.ts';

let server: TestServer;
before(async () => { server = await startTestServer({ databasePoolMax: 10 }); });
after(async () => { await server?.close(); });

async function mint(slug: string, key: string): Promise<{ scim: ScimClient; id: string; scope: string }> {
  const res = await server.as(key).post(`/v1/orgs/${slug}/scim-tokens`).send({ name: 'idp' });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return { scim: scimClient(server, res.body.secret), id: res.body.id, scope: res.body.scope };
}

const suspend = patchOp({ op: 'replace', value: { active: false } });

test('13.1: a token minted by an admin may not suspend, rename or delete an owner, nor delete users; an owner-minted one may', async () => {
  const org = await createOrg(server);
  const admin = await addPerson(server, org, 'admin');
  const owner2 = await addPerson(server, org, 'owner');
  await addPerson(server, org, 'owner'); // so owner2 is not the last active owner
  const byAdmin = await mint(org.slug, admin.key);
  const byOwner = await mint(org.slug, org.ownerKey);
  assert.equal(byAdmin.scope, 'admin');
  assert.equal(byOwner.scope, 'owner');

  const ownerUser = (await byAdmin.scim.get(`/Users/${owner2.userId}`)).body;
  for (const [what, res] of [
    ['suspend', await byAdmin.scim.patch(`/Users/${owner2.userId}`, suspend)],
    ['rename', await byAdmin.scim.patch(`/Users/${owner2.userId}`, patchOp({ op: 'replace', path: 'userName', value: 'mine@example.com' }))],
    ['PUT', await byAdmin.scim.put(`/Users/${owner2.userId}`, { ...ownerUser, displayName: 'Renamed' })],
    ['delete', await byAdmin.scim.delete(`/Users/${owner2.userId}`)],
  ] as const) {
    assert.equal(res.status, 403, `${what}: ${res.text}`);
    assert.match(res.body.detail, /admin scope/);
  }
  const row = await server.deps.db('users').where({ id: owner2.userId }).first('active', 'user_name', 'display_name');
  assert.equal(row.active, true);
  assert.equal(row.user_name, owner2.email);
  // What an admin may do over /v1, the admin's token may do: manage non-owners, but not delete them.
  const person = await createUser(byAdmin.scim);
  assert.equal((await byAdmin.scim.patch(`/Users/${person}`, suspend)).status, 204);
  assert.equal((await byAdmin.scim.delete(`/Users/${person}`)).status, 403);
  assert.equal((await server.as(admin.key).delete(`/v1/orgs/${org.slug}/members/${person}`)).status, 403, '/v1 refuses the admin the same');
  // The owner's token may.
  assert.equal((await byOwner.scim.patch(`/Users/${owner2.userId}`, suspend)).status, 204);
  assert.equal((await byOwner.scim.delete(`/Users/${person}`)).status, 204);
});

test('13.1: owner scope lasts while the minting owner is one; tokens without a recorded minter act as admins', async () => {
  const org = await createOrg(server);
  const owner2 = await addPerson(server, org, 'owner');
  const target = await addPerson(server, org, 'owner');
  const token = await mint(org.slug, owner2.key);
  assert.equal(token.scope, 'owner');
  assert.equal((await token.scim.patch(`/Users/${target.userId}`, patchOp({ op: 'replace', path: 'displayName', value: 'Changed by owner scope' }))).status, 204);
  assert.equal((await server.as(org.ownerKey).patch(`/v1/orgs/${org.slug}/members/${owner2.userId}`).send({ role: 'admin' })).status, 200);
  const refused = await token.scim.patch(`/Users/${target.userId}`, suspend);
  assert.equal(refused.status, 403, 'demoted, its minter no longer lends it owner powers');
  const legacy = await mint(org.slug, org.ownerKey);
  await server.deps.db('scim_tokens').where({ id: legacy.id }).update({ minted_role: null, minted_by_key_id: null });
  assert.equal((await legacy.scim.patch(`/Users/${target.userId}`, suspend)).status, 403);
});

test('13.10: SCIM suspending owners while /v1 changes owners never answers 500', async () => {
  const org = await createOrg(server);
  const owners = [];
  for (let i = 0; i < 4; i++) owners.push(await addPerson(server, org, 'owner'));
  const { scim } = await mint(org.slug, org.ownerKey);
  // The owner with the highest id: on main, SCIM locked it first and the other owners after, /v1
  // locked all owners in id order: opposite orders.
  const sorted = [...owners].sort((a, b) => (a.userId < b.userId ? -1 : 1));
  const statuses = new Map<number, number>();
  const count = (s: number) => statuses.set(s, (statuses.get(s) ?? 0) + 1);
  for (let round = 0; round < 25; round++) {
    const calls: Promise<{ status: number }>[] = [];
    for (const o of sorted.slice(1)) {
      calls.push(scim.patch(`/Users/${o.userId}`, patchOp({ op: 'replace', value: { active: round % 2 === 1 } })));
      calls.push(server.as(org.ownerKey).patch(`/v1/orgs/${org.slug}/members/${sorted[0]!.userId}`).send({ active: true }));
    }
    for (const r of await Promise.all(calls)) count(r.status);
  }
  assert.ok(![...statuses.keys()].some((s) => s >= 500), `answers: ${JSON.stringify([...statuses])}`);
  assert.ok(![...statuses.keys()].some((s) => s !== 200 && s !== 204 && s !== 409), `answers: ${JSON.stringify([...statuses])}`);
  const active = await server.deps.db('users').where({ org_id: org.id, role: 'owner', active: true }).count('* as n');
  assert.ok(Number(active[0]!.n) >= 1, 'an active owner remains');
});
