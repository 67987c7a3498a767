// GET/PATCH /v1/orgs/{org}: renaming and the management strategy switch are the owner's.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { addPerson, createOrg, startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

test('an owner switches the strategy and renames; both are audited with before and after', async () => {
  const org = await createOrg(server);
  const owner = await addPerson(server, org, 'owner');
  const res = await server.as(owner.key).patch(`/v1/orgs/${org.slug}`).send({ managementStrategy: 'login_policy', name: 'Renamed' });
  assert.equal(res.status, 200);
  assert.equal(res.body.managementStrategy, 'login_policy');
  assert.equal(res.body.name, 'Renamed');
  const events = (await server.as(org.ownerKey).get(`/v1/orgs/${org.slug}/audit-events?action=organization.*`)).body.items;
  const switched = events.find((e: { action: string }) => e.action === 'organization.strategy_changed');
  assert.deepEqual([switched.before, switched.after], [{ managementStrategy: 'user_management' }, { managementStrategy: 'login_policy' }]);
  assert.ok(events.some((e: { action: string }) => e.action === 'organization.updated'));
  const back = await server.as(owner.key).patch(`/v1/orgs/${org.slug}`).send({ managementStrategy: 'user_management' });
  assert.equal(back.body.managementStrategy, 'user_management');
});

test('admins and everyone below cannot manage the account', async () => {
  const org = await createOrg(server);
  for (const role of ['admin', 'contributor', 'viewer', 'member']) {
    const p = await addPerson(server, org, role);
    const res = await server.as(p.key).patch(`/v1/orgs/${org.slug}`).send({ managementStrategy: 'login_policy' });
    assert.equal(res.status, 403, role);
    assert.equal((await server.as(p.key).get(`/v1/orgs/${org.slug}`)).status, 200, role);
  }
  assert.equal((await server.as(org.ownerKey).get(`/v1/orgs/${org.slug}`)).body.managementStrategy, 'user_management');
});

test('an empty patch is a 400 that says what to give', async () => {
  const res = await server.as(server.ownerKey).patch('/v1/orgs/default').send({});
  assert.equal(res.status, 400);
  assert.match(res.body.detail, /give name or managementStrategy/);
});
