// Every Okta body of test/fixtures/scim/examples/okta, replayed through the real API; assertions are on
// the stored state (read back from the database and over SCIM), not only on the status.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { createUser, example, scimOrg } from './helpers.ts';

let server: TestServer;
before(async () => { server = await startTestServer(); });
after(async () => { await server?.close(); });

const OKTA_USER_ID = '23a35c27-23d3-4c03-b4c5-6443c09e7173';
const OKTA_OTHER_ID = '89bb1940-b905-4575-9e7f-6f887cfb368e';
const OKTA_GROUP_ID = 'abf4dd94-a4c0-4f67-89c9-76b03340cb9b';

const userRow = (id: string) => server.deps.db('users').where({ id }).first();
const memberIds = async (groupId: string) => (await server.deps.db('group_members').where({ group_id: groupId }).orderBy('user_id')).map((r: { user_id: string }) => r.user_id).sort();

test('Okta user lifecycle: create, conflict, case-insensitive lookup, GET, PUT, path-less deactivate', async () => {
  const { scim, id: orgId } = await scimOrg(server);
  const created = await scim.post('/Users', example('okta/okta-01-create-user.request.json'));
  assert.equal(created.status, 201);
  assert.match(String(created.headers['content-type']), /^application\/scim\+json/);
  assert.equal(created.headers.location, created.body.meta.location);
  const id = created.body.id as string;
  const row = await userRow(id);
  assert.equal(row.org_id, orgId);
  assert.equal(row.user_name, 'test.user@okta.local');
  assert.equal(row.external_id, '00ujl29u0le5T6Aj10h7');
  assert.equal(row.given_name, 'Test');
  assert.equal(row.family_name, 'User');
  assert.equal(row.email, 'test.user@okta.local');
  assert.equal(row.source, 'scim');
  assert.equal(row.attributes.locale, 'en-US');
  assert.equal(row.attributes.password, undefined, 'the placeholder password is never stored');
  assert.deepEqual(created.body.groups, []);

  const again = await scim.post('/Users', example('okta/okta-01-create-user.request.json'));
  assert.equal(again.status, 409);
  assert.equal(again.body.scimType, 'uniqueness');
  assert.equal(again.body.status, '409');

  const lookup = await scim.get('/Users?filter=userName%20eq%20%22TEST.USER%40okta.local%22&startIndex=1&count=100');
  assert.equal(lookup.status, 200);
  assert.equal(lookup.body.totalResults, 1, 'userName eq is case-insensitive (otherwise Okta re-creates the user)');
  assert.equal(lookup.body.Resources[0].id, id);

  const none = await scim.get('/Users?filter=userName%20eq%20%22nobody%40okta.local%22&startIndex=1&count=100');
  assert.deepEqual(none.body, example('okta/okta-03-filter-no-match.response-200.json'));

  const put = await scim.put(`/Users/${id}`, example('okta/okta-04-put-user.request.json', { [OKTA_USER_ID]: id }));
  assert.equal(put.status, 200);
  const afterPut = await userRow(id);
  assert.equal(afterPut.given_name, 'Another');
  assert.equal(afterPut.attributes.name.middleName, 'Excited');
  assert.equal(afterPut.attributes.emails[0].display, 'test.user@okta.local');
  assert.equal(afterPut.external_id, null, 'PUT replaces: the externalId it omits is cleared');
  assert.equal(afterPut.active, true);

  const off = await scim.patch(`/Users/${id}`, example('okta/okta-05-deactivate-user.patch.json'));
  assert.ok(off.status === 204 || off.status === 200);
  assert.equal((await userRow(id)).active, false);
  const read = await scim.get(`/Users/${id}`);
  assert.equal(read.body.active, false, 'a deactivated user is still readable (Okta never deletes)');
  assert.equal(read.body.name.givenName, 'Another');
});

test('Okta group push: create, lookup, path-less rename, remove+add, PUT members, replace members, delete', async () => {
  const { scim } = await scimOrg(server);
  const u1 = await createUser(scim);
  const u2 = await createUser(scim);
  const created = await scim.post('/Groups', example('okta/okta-06-create-group.request.json'));
  assert.equal(created.status, 201);
  const gid = created.body.id as string;
  assert.deepEqual(created.body.members, []);

  const found = await scim.get('/Groups?filter=displayName%20eq%20%22test%20scimv2%22&startIndex=1&count=100');
  assert.equal(found.body.totalResults, 1, 'group displayName eq is case-insensitive');
  const missing = await scim.get('/Groups?filter=displayName%20eq%20%22Nope%22&startIndex=1&count=100');
  assert.deepEqual(missing.body, example('okta/okta-11-group-filter-no-match.response-200.json'));

  const renamed = await scim.patch(`/Groups/${gid}`, { ...example('okta/okta-07-group-rename.patch.json', { [OKTA_GROUP_ID]: gid, 'Test SCIMv2': 'Renamed SCIMv2' }) });
  assert.equal(renamed.status, 204);
  assert.equal((await server.deps.db('groups').where({ id: gid }).first()).display_name, 'Renamed SCIMv2');

  await server.deps.db('group_members').insert({ org_id: (await server.deps.db('groups').where({ id: gid }).first()).org_id, group_id: gid, user_id: u2 });
  const removeAdd = await scim.patch(`/Groups/${gid}`, example('okta/okta-08-group-members-remove-add.patch.json', { [OKTA_OTHER_ID]: u2, [OKTA_USER_ID]: u1 }));
  assert.equal(removeAdd.status, 204);
  assert.deepEqual(await memberIds(gid), [u1]);

  const put = await scim.put(`/Groups/${gid}`, example('okta/okta-09-group-members.put.json', { [OKTA_USER_ID]: u2 }));
  assert.equal(put.status, 200);
  assert.deepEqual(put.body.members.map((m: { value: string }) => m.value), [u2]);
  assert.deepEqual(await memberIds(gid), [u2]);
  assert.equal((await server.deps.db('groups').where({ id: gid }).first()).display_name, 'Test SCIMv2');

  const replace = await scim.patch(`/Groups/${gid}`, example('okta/okta-10-group-members-replace.patch.json', { [OKTA_USER_ID]: u1, [OKTA_OTHER_ID]: u2 }));
  assert.equal(replace.status, 204);
  assert.deepEqual(await memberIds(gid), [u1, u2].sort());

  assert.equal((await scim.delete(`/Groups/${gid}`)).status, 204);
  assert.equal((await scim.delete(`/Groups/${gid}`)).status, 404);
  assert.deepEqual(await memberIds(gid), []);
  assert.ok(await userRow(u1), 'deleting a group keeps its users');
});
