// Issue 15.2–15.4: RFC 7644 corners a hold-out suite found. PATCH remove of `active` (§3.5.2.2),
// where resources without a value go when sorting descending (§3.4.2.3), and Bulk's forward and
// circular bulkId references (§3.7.1).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { createUser, patchOp, scimOrg, userBody } from './helpers.ts';

let server: TestServer;
before(async () => { server = await startTestServer(); });
after(async () => { await server?.close(); });

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const BULK = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
const bulk = (...Operations: unknown[]) => ({ schemas: [BULK], Operations });

test('§3.5.2.2: PATCH remove of active is refused with 400 mutability, leaving state and version as they were', async () => {
  const { scim } = await scimOrg(server);
  for (const active of [true, false]) {
    const id = await createUser(scim, undefined, { active });
    const before = (await scim.get(`/Users/${id}`)).body;
    for (const op of ['remove', 'Remove']) {
      const res = await scim.patch(`/Users/${id}`, patchOp({ op, path: 'active' }));
      assert.equal(res.status, 400, res.text);
      assert.equal(res.body.scimType, 'mutability');
      assert.match(res.body.detail, /active/);
    }
    const now = (await scim.get(`/Users/${id}`)).body;
    assert.equal(now.active, active);
    assert.equal(now.meta.version, before.meta.version);
  }
  // The other attributes are unassigned as the RFC says, and a remove with other ops fails whole.
  const id = await createUser(scim, undefined, { title: 'Engineer' });
  assert.equal((await scim.patch(`/Users/${id}`, patchOp({ op: 'remove', path: 'title' }))).status, 204);
  assert.equal((await scim.get(`/Users/${id}`)).body.title, undefined);
  const mixed = await scim.patch(`/Users/${id}`, patchOp({ op: 'replace', path: 'displayName', value: 'Changed' }, { op: 'remove', path: 'active' }));
  assert.equal(mixed.status, 400);
  assert.notEqual((await scim.get(`/Users/${id}`)).body.displayName, 'Changed', 'no partial write');
});

test('§3.4.2.3: resources without a value for sortBy come last ascending and first descending, on /Users and /Groups', async () => {
  const { scim } = await scimOrg(server);
  const withName = ['b@x.test', 'a@x.test', 'c@x.test'];
  for (const u of withName) await createUser(scim, u, { displayName: `Name ${u[0]}` });
  for (const u of ['none1@x.test', 'none2@x.test']) {
    const { displayName: _d, ...body } = userBody(u);
    assert.equal((await scim.post('/Users', body)).status, 201);
  }
  const names = async (order: string) => (await scim.get(`/Users?sortBy=displayName&sortOrder=${order}`)).body.Resources.map((r: { displayName?: string }) => r.displayName ?? null);
  assert.deepEqual(await names('ascending'), ['Name a', 'Name b', 'Name c', null, null]);
  assert.deepEqual(await names('descending'), [null, null, 'Name c', 'Name b', 'Name a']);

  for (const [name, externalId] of [['G1', 'e2'], ['G2', undefined], ['G3', 'e1']] as const) {
    assert.equal((await scim.post('/Groups', { displayName: name, ...(externalId ? { externalId } : {}) })).status, 201);
  }
  const groups = async (order: string) => (await scim.get(`/Groups?sortBy=externalId&sortOrder=${order}&excludedAttributes=members`)).body.Resources.map((r: { displayName: string }) => r.displayName);
  assert.deepEqual(await groups('ascending'), ['G3', 'G1', 'G2']);
  assert.deepEqual(await groups('descending'), ['G2', 'G1', 'G3']);
});

test('§3.7.1: a Bulk operation may refer to a resource created later in the request', async () => {
  const { scim } = await scimOrg(server);
  const res = await scim.post('/Bulk', bulk(
    { method: 'POST', path: '/Groups', bulkId: 'g', data: { displayName: 'Early', members: [{ type: 'User', value: 'bulkId:u' }] } },
    { method: 'POST', path: '/Users', bulkId: 'u', data: userBody('later@x.test') },
  ));
  assert.equal(res.status, 200);
  assert.deepEqual(res.body.Operations.map((o: { status: string }) => o.status), ['201', '201']);
  const [g, u] = res.body.Operations.map((o: { location: string }) => o.location.split('/').pop());
  assert.deepEqual((await scim.get(`/Groups/${g}`)).body.members.map((m: { value: string }) => m.value), [u]);
});

test('§3.7.1: circular bulkId references are resolved (two users managing each other)', async () => {
  const { scim } = await scimOrg(server);
  const res = await scim.post('/Bulk', bulk(
    { method: 'POST', path: '/Users', bulkId: 'alice', data: userBody('alice@x.test', { [ENTERPRISE]: { manager: { value: 'bulkId:bob' } } }) },
    { method: 'POST', path: '/Users', bulkId: 'bob', data: userBody('bob@x.test', { [ENTERPRISE]: { manager: { value: 'bulkId:alice' } } }) },
  ));
  assert.deepEqual(res.body.Operations.map((o: { status: string }) => o.status), ['201', '201'], JSON.stringify(res.body));
  const [alice, bob] = res.body.Operations.map((o: { location: string }) => o.location.split('/').pop());
  const a = (await scim.get(`/Users/${alice}`)).body;
  const b = (await scim.get(`/Users/${bob}`)).body;
  assert.equal(a[ENTERPRISE].manager.value, bob);
  assert.equal(b[ENTERPRISE].manager.value, alice);
  assert.equal(res.body.Operations[0].version, a.meta.version, 'the version given is the resource as it stands after the references were added');
});

test("§3.7.1's example, two groups listing each other, is attempted and given up with 409: nested groups may not form a cycle", async () => {
  const { scim } = await scimOrg(server);
  const res = await scim.post('/Bulk', bulk(
    { method: 'POST', path: '/Groups', bulkId: 'qwerty', data: { displayName: 'Group A', members: [{ type: 'Group', value: 'bulkId:ytrewq' }] } },
    { method: 'POST', path: '/Groups', bulkId: 'ytrewq', data: { displayName: 'Group B', members: [{ type: 'Group', value: 'bulkId:qwerty' }] } },
    { method: 'PATCH', path: '/Groups/bulkId:qwerty', data: patchOp({ op: 'replace', path: 'displayName', value: 'Group A2' }) },
    { method: 'POST', path: '/Groups', bulkId: 'fine', data: { displayName: 'Group C' } },
  ));
  assert.equal(res.status, 200);
  const statuses = res.body.Operations.map((o: { status: string }) => o.status);
  assert.deepEqual(statuses, ['409', '409', '409', '201']);
  assert.match(res.body.Operations[0].response.detail, /circular bulkId references.*cycle/);
  const names = (await scim.get('/Groups?excludedAttributes=members')).body.Resources.map((r: { displayName: string }) => r.displayName);
  assert.deepEqual(names, ['Group C'], 'nothing of the circle was kept');

  const lost = await scim.post('/Bulk', bulk(
    { method: 'POST', path: '/Users', bulkId: 'dup', data: userBody('taken@x.test') },
    { method: 'POST', path: '/Users', bulkId: 'dup2', data: userBody('taken@x.test') },
    { method: 'POST', path: '/Groups', bulkId: 'team', data: { displayName: 'Team', members: [{ value: 'bulkId:dup2' }] } },
    { method: 'POST', path: '/Groups', bulkId: 'other', data: { displayName: 'Other', members: [{ value: 'bulkId:nowhere' }] } },
  ));
  assert.deepEqual(lost.body.Operations.map((o: { status: string }) => o.status), ['201', '409', '409', '400']);
  assert.match(lost.body.Operations[2].response.detail, /Operations\[1\]\) failed/);
});
