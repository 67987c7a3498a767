// Membership changes are set-based and idempotent; group changes change members' teams at once;
// active=false suspends (personal API keys stop), active=true restores, DELETE removes.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { insertKeyAudited } from '../../src/api-keys/service.ts';
import { userTeams } from '../../src/directory/service.ts';
import { addPerson, startTestServer, type TestServer } from '../helpers/server.ts';
import { openTestSession } from '../sessions/open-session.ts';
import { createGroup, createUser, patchOp, scimOrg } from './helpers.ts';

let server: TestServer;
before(async () => { server = await startTestServer({ databasePoolMax: 8 }); });
after(async () => { await server?.close(); });

const memberCount = async (gid: string) => Number((await server.deps.db('group_members').where({ group_id: gid }).count('* as n'))[0]!.n);

async function personalKey(orgId: string, userId: string): Promise<string> {
  const key = await server.deps.db.transaction((tx) => insertKeyAudited(tx, orgId, null, { name: 'laptop', kind: 'personal', userId }));
  return key!.secret;
}

test('adding and removing members is idempotent; removing a non-member or an impossible id is a no-op', async () => {
  const { scim } = await scimOrg(server);
  const [u1, u2] = [await createUser(scim), await createUser(scim)];
  const gid = await createGroup(scim, 'Team');
  const add = patchOp({ op: 'add', path: 'members', value: [{ value: u1 }, { value: u1 }, { value: u2.toUpperCase() }] });
  assert.equal((await scim.patch(`/Groups/${gid}`, add)).status, 204);
  assert.equal((await scim.patch(`/Groups/${gid}`, add)).status, 204);
  assert.equal(await memberCount(gid), 2);
  const versionBefore = (await scim.get(`/Groups/${gid}`)).body.meta.version;
  assert.equal((await scim.patch(`/Groups/${gid}`, add)).status, 204);
  assert.equal((await scim.get(`/Groups/${gid}`)).body.meta.version, versionBefore, 'a no-op PATCH changes nothing, not even the version');
  const remove = patchOp({ op: 'remove', path: `members[value eq "${u1}"]` });
  assert.equal((await scim.patch(`/Groups/${gid}`, remove)).status, 204);
  assert.equal((await scim.patch(`/Groups/${gid}`, remove)).status, 204);
  assert.equal((await scim.patch(`/Groups/${gid}`, patchOp({ op: 'remove', path: 'members[value eq "not-a-uuid"]' }))).status, 204);
  assert.equal(await memberCount(gid), 1);
  const bad = await scim.patch(`/Groups/${gid}`, patchOp({ op: 'add', path: 'members', value: [{ value: u1 }, { value: '00000000-0000-4000-8000-000000000000' }] }));
  assert.equal(bad.status, 400);
  assert.equal(bad.body.scimType, 'invalidValue');
  assert.equal(await memberCount(gid), 1, 'no partial write: u1 was not added either');
});

test("group changes change the members' teams at once; suspension stops personal keys, reactivation restores, DELETE removes", async () => {
  const org = await scimOrg(server);
  const { scim } = org;
  const uid = await createUser(scim, 'person@example.com');
  const key = await personalKey(org.id, uid);
  const me = () => server.as(key).get('/v1/me');
  assert.equal((await me()).status, 200);

  const gid = await createGroup(scim, 'Deployers', [uid]);
  assert.deepEqual((await me()).body.teams, ['Deployers']);
  await scim.patch(`/Groups/${gid}`, patchOp({ op: 'Replace', path: 'displayName', value: 'Operators' }));
  assert.deepEqual((await me()).body.teams, ['Operators'], 'a rename shows at once');
  assert.deepEqual(await userTeams(server.deps.db, org.id, uid), ['Operators']);

  await scim.patch(`/Users/${uid}`, patchOp({ op: 'Replace', path: 'active', value: 'False' }));
  assert.equal((await me()).status, 401, "a suspended person's API key stops at once");
  assert.equal(await memberCount(gid), 1, 'suspension keeps memberships');
  await scim.patch(`/Users/${uid}`, patchOp({ op: 'replace', value: { active: true } }));
  assert.equal((await me()).status, 200, 'reactivation restores the key');
  assert.deepEqual((await me()).body.teams, ['Operators']);

  await scim.patch(`/Groups/${gid}`, patchOp({ op: 'remove', path: 'members' }));
  assert.deepEqual((await me()).body.teams, []);
  await scim.patch(`/Groups/${gid}`, patchOp({ op: 'add', path: 'members', value: [{ value: uid }] }));

  assert.equal((await scim.delete(`/Users/${uid}`)).status, 204);
  assert.equal((await scim.delete(`/Users/${uid}`)).status, 404);
  assert.equal((await me()).status, 401);
  assert.equal(await memberCount(gid), 0, 'DELETE removes the memberships');
  assert.equal((await server.deps.db('users').where({ id: uid })).length, 0);
});

test("SCIM suspension and deletion end the person's sessions at once", async () => {
  const org = await scimOrg(server);
  const uid = await createUser(org.scim);
  const session = await openTestSession(server, org.id, uid);
  const me = () => server.as(session.token).get('/v1/me');
  assert.equal((await me()).status, 200);
  await org.scim.patch(`/Users/${uid}`, patchOp({ op: 'Replace', path: 'active', value: 'False' }));
  assert.equal((await me()).status, 401, 'the session token stops at once');
  const row = await server.deps.db('sessions').where({ id: session.sessionId }).first();
  assert.ok(row.ended_at);
  assert.equal(row.end_reason, 'scim_suspended');
  await org.scim.patch(`/Users/${uid}`, patchOp({ op: 'replace', path: 'active', value: true }));
  const second = await openTestSession(server, org.id, uid);
  await org.scim.delete(`/Users/${uid}`);
  assert.equal((await server.as(second.token).get('/v1/me')).status, 401);
});

test('the last active owner cannot be suspended or deleted over SCIM; with a second owner it can', async () => {
  const org = await scimOrg(server);
  const owner = await addPerson(server, org, 'owner');
  const off = patchOp({ op: 'replace', path: 'active', value: false });
  const refused = await org.scim.patch(`/Users/${owner.userId}`, off);
  assert.equal(refused.status, 400);
  assert.equal(refused.body.scimType, 'mutability');
  assert.equal((await org.scim.delete(`/Users/${owner.userId}`)).status, 400);
  assert.equal((await server.deps.db('users').where({ id: owner.userId }).first()).active, true);
  await addPerson(server, org, 'owner');
  assert.equal((await org.scim.patch(`/Users/${owner.userId}`, off)).status, 204);
});

/** The SQL the server runs while `fn` runs (knex's query event: the real statements, observed). */
async function statements(fn: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const listener = (q: { sql: string }) => seen.push(q.sql);
  server.deps.db.on('query', listener);
  try {
    await fn();
  } finally {
    server.deps.db.removeListener('query', listener);
  }
  return seen;
}

test('groups read without members never touch group_members; a membership PATCH never reads the member list', async () => {
  const { scim } = await scimOrg(server);
  const users = [await createUser(scim), await createUser(scim), await createUser(scim)];
  const gid = await createGroup(scim, 'Observed', users.slice(0, 2));
  const reads = await statements(async () => {
    assert.equal((await scim.get(`/Groups/${gid}?excludedAttributes=members`)).body.members, undefined);
    assert.equal((await scim.get('/Groups?excludedAttributes=members&filter=displayName eq "Observed"')).body.Resources[0].members, undefined);
    assert.equal((await scim.get('/Groups?attributes=displayName')).body.Resources[0].members, undefined);
  });
  assert.ok(reads.length >= 3);
  assert.deepEqual(reads.filter((q) => q.includes('group_members')), []);
  const writes = await statements(async () => {
    assert.equal((await scim.patch(`/Groups/${gid}`, patchOp({ op: 'add', path: 'members', value: [{ value: users[2] }] }, { op: 'remove', path: `members[value eq "${users[0]}"]` }))).status, 204);
  });
  const touching = writes.filter((q) => q.includes('group_members'));
  assert.equal(touching.length, 2);
  assert.ok(touching.every((q) => /^\s*(insert into|delete from) group_members/.test(q)), touching.join('\n'));
});

test('a 50,000-member PUT is one request well within Okta\'s 60 s; +1/−1 on it stays cheap', async () => {
  const org = await scimOrg(server);
  const { rows } = await server.deps.db.raw(
    `insert into users (org_id, user_name, source) select ?, 'bulk' || i || '@example.com', 'scim' from generate_series(1, 50001) i returning id`,
    [org.id],
  );
  const ids = (rows as { id: string }[]).map((r) => r.id);
  const gid = await createGroup(org.scim, 'Everyone', ids.slice(0, 10));
  const members = ids.slice(1, 50001).map((value) => ({ value, display: 'x' }));
  let t = Date.now();
  const put = await org.scim.put(`/Groups/${gid}?excludedAttributes=members`, { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Everyone', members });
  const putMs = Date.now() - t;
  assert.equal(put.status, 200, put.text.slice(0, 300));
  assert.ok(putMs < 60_000, `took ${putMs} ms`);
  console.log(`50,000-member PUT: ${putMs} ms`);
  assert.equal(await memberCount(gid), 50_000);
  assert.equal((await server.deps.db('group_members').where({ group_id: gid, user_id: ids[0] })).length, 0, 'the member missing from the list is removed');

  t = Date.now();
  assert.equal((await org.scim.patch(`/Groups/${gid}`, patchOp({ op: 'add', path: 'members', value: [{ value: ids[0] }] }))).status, 204);
  assert.equal((await org.scim.patch(`/Groups/${gid}`, patchOp({ op: 'remove', path: `members[value eq "${ids[5]}"]` }))).status, 204);
  const smallMs = Date.now() - t;
  assert.ok(smallMs < 2000, `two single-member PATCHes took ${smallMs} ms`);
  assert.equal(await memberCount(gid), 50_000);
  const audit = await server.deps.db('audit_events').where({ org_id: org.id, action: 'group.members_changed' }).orderBy('id');
  assert.equal(audit[1].details.addedCount, 49_991);
  assert.equal(audit[1].details.removedCount, 1);
  assert.equal(audit[1].details.added.length, 1000, 'the audit record lists at most 1000 ids; counts are exact');
});
