// SCIM tokens (shown once, listed with last use, revocable, several live at once) and tenant
// isolation: a token of organization A sees and changes nothing of organization B.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { addPerson, startTestServer, type TestServer } from '../helpers/server.ts';
import { createGroup, createUser, patchOp, scimClient, scimOrg } from './helpers.ts';

let server: TestServer;
before(async () => { server = await startTestServer(); });
after(async () => { await server?.close(); });

test('tokens: created once with the secret, listed with last use, rotated without downtime, revoked at once', async () => {
  const org = await scimOrg(server);
  const admin = server.as(org.ownerKey);
  const second = await admin.post(`/v1/orgs/${org.slug}/scim-tokens`).send({ name: 'rotation' });
  assert.equal(second.status, 201);
  assert.match(second.body.secret, /^ghs_/);
  const stored = await server.deps.db('scim_tokens').where({ id: second.body.id }).first();
  assert.notEqual(stored.secret_hash.toString('utf8'), second.body.secret, 'only the hash is stored');

  const newClient = scimClient(server, second.body.secret);
  assert.equal((await org.scim.get('/Users')).status, 200);
  assert.equal((await newClient.get('/Users')).status, 200, 'both tokens are live at once');

  const list = await admin.get(`/v1/orgs/${org.slug}/scim-tokens`);
  assert.equal(list.status, 200);
  assert.equal(list.body.items.length, 2);
  assert.ok(list.body.items.every((t: Record<string, unknown>) => t.secret === undefined), 'the secret is never listed');
  const first = list.body.items.find((t: { name: string }) => t.name === 'idp');
  assert.ok(first.lastUsedAt, 'last use is recorded');

  assert.equal((await admin.delete(`/v1/orgs/${org.slug}/scim-tokens/${first.id}`)).status, 204);
  const refused = await org.scim.get('/Users');
  assert.equal(refused.status, 401);
  assert.equal(refused.body.status, '401');
  assert.deepEqual(refused.body.schemas, ['urn:ietf:params:scim:api:messages:2.0:Error']);
  assert.equal((await newClient.get('/Users')).status, 200, 'the other token keeps working');

  const events = await server.deps.db('audit_events').where({ org_id: org.id }).whereIn('action', ['scim_token.created', 'scim_token.revoked']);
  assert.equal(events.length, 3);
});

test('tokens: only owners and admins manage them; other organizations get 404; SCIM tokens are not /v1 credentials', async () => {
  const org = await scimOrg(server);
  const viewer = await addPerson(server, org, 'viewer');
  assert.equal((await server.as(viewer.key).post(`/v1/orgs/${org.slug}/scim-tokens`).send({ name: 'x' })).status, 403);
  assert.equal((await server.as(viewer.key).get(`/v1/orgs/${org.slug}/scim-tokens`)).status, 403);
  const other = await scimOrg(server);
  assert.equal((await server.as(other.ownerKey).get(`/v1/orgs/${org.slug}/scim-tokens`)).status, 404);
  assert.equal((await server.as(org.scimToken).get(`/v1/orgs/${org.slug}/members`)).status, 401);
  assert.equal((await server.as(org.ownerKey).post(`/v1/orgs/${org.slug}/scim-tokens`).send({ name: '' })).status, 400);
});

test('missing, malformed and unknown SCIM credentials are 401 with the Error schema', async () => {
  const agent = (await import('supertest')).default(`${server.url}/scim/v2`);
  for (const auth of [undefined, 'non-token', 'Bearer ghs_nope', 'Basic Zm9vOmJhcg==']) {
    const req = agent.get('/Users');
    const res = auth ? await req.set('Authorization', auth) : await req;
    assert.equal(res.status, 401, String(auth));
    assert.equal(res.body.status, '401');
    assert.ok(res.body.detail);
    assert.match(String(res.headers['content-type']), /application\/scim\+json/);
  }
});

test("a token of organization A sees and changes nothing of organization B", async () => {
  const a = await scimOrg(server);
  const b = await scimOrg(server);
  const bUser = await createUser(b.scim, 'shared@example.com');
  const bGroup = await createGroup(b.scim, 'Shared', [bUser]);
  const aUser = await createUser(a.scim, 'shared@example.com'); // the same userName is free in A

  assert.equal((await a.scim.get(`/Users/${bUser}`)).status, 404);
  assert.equal((await a.scim.get(`/Groups/${bGroup}`)).status, 404);
  assert.equal((await a.scim.put(`/Users/${bUser}`, { userName: 'x' })).status, 404);
  assert.equal((await a.scim.patch(`/Users/${bUser}`, patchOp({ op: 'replace', path: 'active', value: false }))).status, 404);
  assert.equal((await a.scim.delete(`/Users/${bUser}`)).status, 404);
  assert.equal((await a.scim.delete(`/Groups/${bGroup}`)).status, 404);
  const list = await a.scim.get('/Users');
  assert.deepEqual(list.body.Resources.map((r: { id: string }) => r.id), [aUser]);
  assert.equal((await a.scim.get('/Groups')).body.totalResults, 0);
  assert.equal((await a.scim.get(`/Users?filter=${encodeURIComponent(`id eq "${bUser}"`)}`)).body.totalResults, 0);
  assert.equal((await a.scim.post('/.search', { filter: 'userName sw "shared"' })).body.totalResults, 1);

  // A's group cannot take B's user as a member.
  const aGroup = await createGroup(a.scim, 'Mine');
  const steal = await a.scim.patch(`/Groups/${aGroup}`, patchOp({ op: 'add', path: 'members', value: [{ value: bUser }] }));
  assert.equal(steal.status, 400);
  assert.equal(steal.body.scimType, 'invalidValue');
  assert.equal((await server.deps.db('group_members').where({ group_id: aGroup })).length, 0);

  // Nothing of B changed.
  const bRow = await server.deps.db('users').where({ id: bUser }).first();
  assert.equal(bRow.active, true);
  assert.equal((await server.deps.db('group_members').where({ group_id: bGroup })).length, 1);
});

test('every SCIM change is audited with the SCIM token as actor', async () => {
  const org = await scimOrg(server);
  const uid = await createUser(org.scim);
  const gid = await createGroup(org.scim, 'Audited', [uid]);
  await org.scim.patch(`/Users/${uid}`, patchOp({ op: 'Replace', path: 'active', value: 'False' }));
  await org.scim.patch(`/Users/${uid}`, patchOp({ op: 'replace', path: 'active', value: true }));
  await org.scim.patch(`/Users/${uid}`, patchOp({ op: 'replace', path: 'title', value: 'Boss' }));
  await org.scim.patch(`/Groups/${gid}`, patchOp({ op: 'replace', path: 'displayName', value: 'Renamed' }));
  await org.scim.delete(`/Groups/${gid}`);
  await org.scim.delete(`/Users/${uid}`);
  const token = await server.deps.db('scim_tokens').where({ org_id: org.id }).first();
  const events = await server.deps.db('audit_events').where({ org_id: org.id }).whereNot('action', 'like', 'scim_token.%').whereNot('action', 'like', 'organization.%').whereNot('action', 'like', 'api_key.%').orderBy('id');
  assert.deepEqual(events.map((e: { action: string }) => e.action), [
    'user.provisioned', 'group.created', 'group.members_changed', 'user.suspended', 'user.reactivated', 'user.updated', 'group.updated', 'group.deleted', 'user.deleted',
  ]);
  for (const e of events) {
    assert.equal(e.actor_type, 'scim_token');
    assert.equal(e.actor_id, token.id);
    assert.match(e.actor_label, /scim token idp/);
  }
});

test('a token another instance remembers stops working there once revoked here, or deleted by hand', async () => {
  const other = await startTestServer({ databaseUrl: server.databaseUrl });
  try {
    const org = await scimOrg(server);
    const there = scimClient(other, org.scimToken);
    assert.equal((await there.get('/Users')).status, 200); // remembered by the other instance
    assert.equal((await there.get('/Users')).status, 200);
    const id = (await server.deps.db('scim_tokens').where({ org_id: org.id }).first('id')).id;
    assert.equal((await server.as(org.ownerKey).delete(`/v1/orgs/${org.slug}/scim-tokens/${id}`)).status, 204);
    assert.equal(await statusWithin(() => there.get('/Users'), 401), 401, 'the other instance heard the revocation');

    const second = await server.as(org.ownerKey).post(`/v1/orgs/${org.slug}/scim-tokens`).send({ name: 'again' });
    const again = scimClient(other, second.body.secret);
    assert.equal((await again.get('/Users')).status, 200);
    await server.deps.db('scim_tokens').where({ id: second.body.id }).delete(); // a hand-written change is heard too
    assert.equal(await statusWithin(() => again.get('/Users'), 401), 401);
  } finally {
    await other.close();
  }
});

/** The notice crosses instances asynchronously (milliseconds): ask until the answer is `want`, for at most 2 s. */
async function statusWithin(call: () => PromiseLike<{ status: number }>, want: number): Promise<number> {
  const until = Date.now() + 2000;
  let status = (await call()).status;
  while (status !== want && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 20));
    status = (await call()).status;
  }
  return status;
}
