// Every Entra body of test/fixtures/scim/examples/entra and the Microsoft reference-collection bodies,
// replayed through the real API, asserting the stored state.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { createGroup, createUser, example, scimOrg } from './helpers.ts';

let server: TestServer;
before(async () => { server = await startTestServer(); });
after(async () => { await server?.close(); });

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const userRow = (id: string) => server.deps.db('users').where({ id }).first();
const members = async (groupId: string) => (await server.deps.db('group_members').where({ group_id: groupId })).map((r: { user_id: string }) => r.user_id).sort();

test('Entra user: create, attribute PATCHes one op at a time, dotted-key replace, manager, disable with "False"', async () => {
  const { scim } = await scimOrg(server);
  const created = await scim.post('/Users', example('entra/entra-01-create-user.request.json'));
  assert.equal(created.status, 201);
  const id = created.body.id as string;
  let row = await userRow(id);
  assert.equal(row.user_name, 'Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee');
  assert.equal(row.attributes.name.formatted, 'givenName familyName');

  // Entra's Test Connection: a random GUID on the matching attribute is a 200 with no results.
  const probe = await scim.get('/Users?filter=userName eq "8a0a2b6c-0d27-4a53-a0f5-6e2b0c7e6c4d"');
  assert.equal(probe.status, 200);
  assert.equal(probe.body.totalResults, 0);
  assert.deepEqual(probe.body.Resources, []);
  const unknown = await scim.get('/Users/00000000-0000-4000-8000-000000000000');
  assert.equal(unknown.status, 404);
  assert.equal(unknown.body.status, '404', 'Entra compares status as a string');

  assert.equal((await scim.patch(`/Users/${id}`, example('entra/entra-04-update-user-multivalued.patch.json'))).status, 204);
  row = await userRow(id);
  assert.equal(row.email, 'updatedEmail@microsoft.com');
  assert.equal(row.family_name, 'updatedFamilyName');
  const byWorkEmail = await scim.get('/Users?filter=emails[type eq "work"].value eq "UPDATEDEMAIL@microsoft.com"');
  assert.equal(byWorkEmail.body.totalResults, 1, "Entra's matching attribute form finds the user");

  await scim.patch(`/Users/${id}`, example('entra/entra-05-update-user-username.patch.json'));
  assert.equal((await userRow(id)).user_name, '5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com');

  await scim.patch(`/Users/${id}`, example('entra/entra-22-add-single-value.default.patch.json'));
  assert.equal((await userRow(id)).attributes.nickName, 'Babs');
  await scim.patch(`/Users/${id}`, example('entra/entra-23-add-single-value.aadOptscim062020.patch.json'));
  assert.equal((await userRow(id)).attributes.nickName, 'Babs');

  assert.equal((await scim.patch(`/Users/${id}`, example('entra/entra-24-replace-multiple.default.patch.json'))).status, 204);
  row = await userRow(id);
  assert.equal(row.display_name, 'Pvlo');
  assert.equal(row.email, 'TestBcwqnm@test.microsoft.com');
  assert.equal(row.given_name, 'Gtfd');
  assert.equal(row.family_name, 'Pkqf');
  assert.equal(row.external_id, 'Eqpj');
  assert.equal(row.attributes[ENTERPRISE].employeeNumber, 'Eqpj');

  assert.equal((await scim.patch(`/Users/${id}`, example('entra/entra-25-replace-multiple.aadOptscim062020.patch.json'))).status, 204);
  row = await userRow(id);
  assert.equal(row.display_name, 'Bjfe');
  assert.equal(row.email, 'TestMhvaes@test.microsoft.com');
  assert.equal(row.given_name, 'Kkom');
  assert.equal(row.family_name, 'Unua');
  assert.equal(row.attributes[ENTERPRISE].employeeNumber, 'Aklq');
  assert.equal(row.attributes.emails.length, 1, 'the work email is replaced, not duplicated');

  const boss = await createUser(scim);
  const manager = await scim.patch(`/Users/${id}`, example('entra/entra-11-user-manager-add.patch.json', { '00aa00aa-bb11-cc22-dd33-44ee44ee44ee': boss }));
  assert.equal(manager.status, 204);
  assert.equal((await userRow(id)).attributes[ENTERPRISE].manager.value, boss);
  const read = await scim.get(`/Users/${id}`);
  assert.equal(read.body[ENTERPRISE].manager.value, boss);
  assert.ok(read.body.schemas.includes(ENTERPRISE));
  // Removal is a Replace with an empty value (Logic App SCIM_Update_Manager_Test).
  await scim.patch(`/Users/${id}`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'Replace', path: 'manager', value: '' }] });
  assert.equal((await userRow(id)).attributes[ENTERPRISE]?.manager, undefined);

  for (const [file, active] of [['entra-20-disable-user.default.patch.json', false], ['entra-21-disable-user.aadOptscim062020.patch.json', false], ['entra-06-disable-user.patch.json', false]] as const) {
    await server.deps.db('users').where({ id }).update({ active: true });
    const res = await scim.patch(`/Users/${id}`, example(`entra/${file}`));
    assert.equal(res.status, 204, file);
    assert.equal((await userRow(id)).active, active, file);
  }
});

test('Entra create with explicit nulls and the malformed enterprise URN', async () => {
  const { scim } = await scimOrg(server);
  const res = await scim.post('/Users', example('entra/entra-12-create-user-with-nulls.request.json'));
  assert.equal(res.status, 201, res.text);
  const row = await userRow(res.body.id);
  assert.equal(row.user_name, 'jyoung@testuser.com');
  assert.equal(row.email, 'jyoung@Contoso.com');
  assert.equal(row.attributes.phoneNumbers, undefined);
  assert.equal(row.attributes.addresses, undefined);
  assert.equal(JSON.stringify(res.body).includes('null'), false, 'Entra: nulls must not be sent back');
  const unquoted = await scim.get('/Users?filter=externalId eq jyoung');
  assert.equal(unquoted.body.totalResults, 1, "the tutorial's unquoted value is tolerated");
});

test('Entra groups: extra schema URN, rename, add with $ref null, remove with a value list, filtered remove, excludedAttributes', async () => {
  const { scim } = await scimOrg(server);
  const [u1, u2, u3] = [await createUser(scim), await createUser(scim), await createUser(scim)];
  const created = await scim.post('/Groups', example('entra/entra-07-create-group.request.json'));
  assert.equal(created.status, 201);
  assert.deepEqual(created.body.schemas, ['urn:ietf:params:scim:schemas:core:2.0:Group'], 'the ADSCIM URN is not echoed');
  const gid = created.body.id as string;
  assert.equal((await server.deps.db('groups').where({ id: gid }).first()).external_id, '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159');

  assert.equal((await scim.patch(`/Groups/${gid}`, example('entra/entra-08-update-group-displayname.patch.json'))).status, 204);
  assert.equal((await server.deps.db('groups').where({ id: gid }).first()).display_name, '1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName');

  for (const u of [u1, u2, u3]) assert.equal((await scim.patch(`/Groups/${gid}`, example('entra/entra-09-group-add-members.patch.json', { f648f8d5ea4e4cd38e9c: u }))).status, 204);
  assert.equal((await scim.patch(`/Groups/${gid}`, example('entra/entra-09-group-add-members.patch.json', { f648f8d5ea4e4cd38e9c: u1 }))).status, 204, 'adding a member twice is fine');
  assert.deepEqual(await members(gid), [u1, u2, u3].sort(), 'a member added twice is stored once');

  await scim.patch(`/Groups/${gid}`, example('entra/entra-10-group-remove-members.patch.json', { f648f8d5ea4e4cd38e9c: u1 }));
  assert.deepEqual(await members(gid), [u2, u3].sort(), 'Remove + value list removes only those members');
  await scim.patch(`/Groups/${gid}`, example('entra/entra-26-remove-member.default.patch.json', { u1091: u2 }));
  assert.deepEqual(await members(gid), [u3]);
  await scim.patch(`/Groups/${gid}`, example('entra/entra-27-remove-member.aadOptscim062020.patch.json', { '7f4bc1a3-285e-48ae-8202-5accb43efb0e': u3 }));
  assert.deepEqual(await members(gid), []);

  const noMembers = await scim.get(`/Groups?excludedAttributes=members&filter=displayName eq "1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName"`);
  assert.equal(noMembers.body.totalResults, 1);
  assert.equal(noMembers.body.Resources[0].members, undefined);
});

test('Microsoft reference bodies: string "True", member add with display, filtered remove, remove all, bare-string member, capitalised attributes', async () => {
  const { scim } = await scimOrg(server);
  const created = await scim.post('/Users', example('ms-reference-collection/msref-01-create-user-active-string-True.request.json'));
  assert.equal(created.status, 201);
  assert.equal(created.body.active, true);
  const row = await userRow(created.body.id);
  assert.equal(row.active, true);
  assert.equal(row.attributes.addresses.length, 2);
  assert.equal(row.attributes.addresses[1].country, undefined);
  assert.equal(row.attributes.phoneNumbers.length, 3);
  assert.equal(row.email, 'anna33@gmail.com');

  const ent = await scim.post('/Users', example('ms-reference-collection/msref-07-create-enterprise-user-capitalised-subattrs.request.json'));
  assert.equal(ent.status, 201);
  const entRow = await userRow(ent.body.id);
  assert.equal(entRow.attributes[ENTERPRISE].department, 'bob');
  assert.equal(entRow.attributes[ENTERPRISE].manager.value, 'SuzzyQ');
  assert.deepEqual(entRow.attributes.emails.map((e: { primary: boolean }) => e.primary), [true, false]);

  const gid = await createGroup(scim, 'Group 1');
  const id4 = ent.body.id as string;
  await scim.patch(`/Groups/${gid}`, example('ms-reference-collection/msref-02-group-add-member-with-name-and-displayName.patch.json', { '{{id4}}': id4 }));
  assert.deepEqual(await members(gid), [id4]);
  await scim.patch(`/Groups/${gid}`, example('ms-reference-collection/msref-03-group-remove-member-filter.patch.json', { '{{id4}}': id4 }));
  assert.deepEqual(await members(gid), []);
  await scim.patch(`/Groups/${gid}`, example('ms-reference-collection/msref-02-group-add-member-with-name-and-displayName.patch.json', { '{{id4}}': id4 }));
  await scim.patch(`/Groups/${gid}`, example('ms-reference-collection/msref-02-group-add-member-with-name-and-displayName.patch.json', { '{{id4}}': created.body.id }));
  assert.equal((await members(gid)).length, 2);
  assert.equal((await scim.patch(`/Groups/${gid}`, example('ms-reference-collection/msref-04-group-remove-all-members.patch.json'))).status, 204);
  assert.deepEqual(await members(gid), []);

  const bare = await scim.patch(`/Groups/${gid}`, example('ms-reference-collection/msref-05-group-add-member-string-value.patch.json', { '{{1stgroupid}}': gid }));
  assert.equal(bare.status, 400);
  assert.equal(bare.body.scimType, 'invalidValue');
  assert.match(bare.body.detail, /string id 1/);
  assert.deepEqual(await members(gid), []);

  await scim.patch(`/Users/${created.body.id}`, example('ms-reference-collection/msref-06-user-replace-username-capital-op.patch.json'));
  assert.equal((await userRow(created.body.id)).user_name, 'newusername');
});
