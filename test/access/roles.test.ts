// Domain §4: the action catalogue, the immutable predefined roles, custom roles by id or slug.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ACTIONS } from '../../src/access/actions.ts';
import { addPerson, startTestServer, type TestServer } from '../helpers/server.ts';
import { orgWithPerson } from './helpers.ts';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

test('GET /v1/actions is the catalogue, and every organization lists the three predefined roles', async () => {
  const { api } = await orgWithPerson(server);
  const actions = await api.owner.get('/v1/actions');
  assert.deepEqual(actions.body.items.map((a: { name: string }) => a.name), ACTIONS.map((a) => a.name));
  const roles = await api.owner.get(`${api.base}/roles`);
  assert.deepEqual(roles.body.items.map((r: { slug: string; predefined: boolean }) => [r.slug, r.predefined]), [
    ['space-admin', true], ['space-reader', true], ['space-writer', true],
  ]);
});

test('a custom role holds exactly its actions, and is found by id or by slug', async () => {
  const { api, person } = await orgWithPerson(server);
  const made = await api.owner.post(`${api.base}/roles`).send({
    name: 'Infrastructure Developer', actions: ['run:trigger', 'space:read', 'stack:read', 'run:read', 'run:read'],
  });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  assert.equal(made.body.slug, 'infrastructure-developer');
  assert.deepEqual(made.body.actions, ['space:read', 'stack:read', 'run:read', 'run:trigger']);
  assert.deepEqual((await api.owner.get(`${api.base}/roles/${made.body.id}`)).body, made.body);
  assert.deepEqual((await api.owner.get(`${api.base}/roles/infrastructure-developer`)).body, made.body);
  await api.space('infra', 'root', false);
  await api.bind({ type: 'user', id: person.userId }, 'infrastructure-developer', 'infra');
  assert.deepEqual((await api.permissionsOf(person.key)).infra, ['space:read', 'stack:read', 'run:read', 'run:trigger']);
  // changing the role changes what its holders may do at the next check
  const changed = await api.owner.patch(`${api.base}/roles/${made.body.id}`).send({ actions: ['space:read'] });
  assert.equal(changed.status, 200);
  assert.equal(await api.can(person.key, 'run:trigger', 'infra'), false);
});

test('an unknown action is a 400 naming it, and nothing is created', async () => {
  const { api, org } = await orgWithPerson(server);
  const res = await api.owner.post(`${api.base}/roles`).send({ name: 'Bad', actions: ['space:read', 'stack:destroy'] });
  assert.equal(res.status, 400);
  assert.equal(res.body.errors[0].field, 'actions.1');
  assert.match(res.body.errors[0].reason, /unknown action "stack:destroy"/);
  assert.equal((await server.deps.db('roles').where({ org_id: org.id, predefined: false })).length, 0);
});

test('predefined roles are immutable; a bound custom role cannot be deleted; slugs are unique', async () => {
  const { api, person } = await orgWithPerson(server);
  assert.equal((await api.owner.patch(`${api.base}/roles/space-reader`).send({ actions: ['space:read'] })).status, 422);
  assert.equal((await api.owner.delete(`${api.base}/roles/space-admin`)).status, 422);
  const role = await api.owner.post(`${api.base}/roles`).send({ name: 'Deployer', actions: ['run:trigger'] });
  assert.equal((await api.owner.post(`${api.base}/roles`).send({ name: 'Deployer', actions: [] })).status, 409);
  const binding = await api.bind({ type: 'user', id: person.userId }, 'deployer', 'root');
  const inUse = await api.owner.delete(`${api.base}/roles/deployer`);
  assert.equal(inUse.status, 409);
  assert.match(inUse.body.detail, /1 role binding/);
  assert.equal((await api.owner.delete(`${api.base}/role-bindings/${binding.id}`)).status, 204);
  assert.equal((await api.owner.delete(`${api.base}/roles/${role.body.id}`)).status, 204);
  assert.equal((await api.owner.get(`${api.base}/roles/deployer`)).status, 404);
});

test('only Root Space Admins create, change and delete roles; everyone may list them', async () => {
  const { api, org } = await orgWithPerson(server);
  const spaceAdmin = await addPerson(server, org, 'member');
  await api.space('team', 'root', true);
  await api.bind({ type: 'user', id: spaceAdmin.userId }, 'space-admin', 'team');
  const as = server.as(spaceAdmin.key);
  assert.equal((await as.post(`${api.base}/roles`).send({ name: 'Mine', actions: [] })).status, 403);
  assert.equal((await as.get(`${api.base}/roles`)).status, 200);
  const rootAdmin = await addPerson(server, org, 'member');
  await api.bind({ type: 'user', id: rootAdmin.userId }, 'space-admin', 'root');
  assert.equal((await server.as(rootAdmin.key).post(`${api.base}/roles`).send({ name: 'Mine', actions: [] })).status, 201);
});
