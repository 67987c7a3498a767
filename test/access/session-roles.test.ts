// Domain §5: under login_policy the roles frozen into a session count beside bindings and the
// baseline; under user_management they do not. And every organization is set up once, however often asked.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { permissions } from '../../src/access/authorize-service.ts';
import { initOrgAccess } from '../../src/access/org-init.ts';
import type { RequestContext } from '../../src/http/actor.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { orgWithPerson } from './helpers.ts';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

test('session roles (by slug or id) count under login_policy only, and propagate like bindings', async () => {
  const { api, org, person } = await orgWithPerson(server);
  await api.space('prod', 'root', true);
  await api.space('prod-eu', 'prod', false);
  const writer = (await api.owner.get(`${api.base}/roles/space-writer`)).body.id;
  const ctx = {
    actor: {
      type: 'user', orgId: org.id, orgSlug: org.slug, role: 'member', userId: person.userId, apiKeyId: null, sessionId: 's1',
      teams: [], label: 'p', bootstrap: false, sessionRoles: [{ spaceId: 'prod', role: 'space-reader' }, { spaceId: 'prod-eu', role: writer }, { spaceId: 'gone', role: 'space-admin' }],
    },
    ip: null, requestId: null,
  } as RequestContext;
  const spacesOf = async () => Object.fromEntries((await permissions(server.deps.db, ctx, undefined)).spaces.map((s) => [s.spaceId, s.actions.includes('run:trigger') ? 'write' : 'read']));
  assert.deepEqual(await spacesOf(), {});
  assert.equal((await api.owner.patch(api.base).send({ managementStrategy: 'login_policy' })).status, 200);
  assert.deepEqual(await spacesOf(), { root: 'read', prod: 'read', 'prod-eu': 'write' });
  await api.owner.patch(api.base).send({ managementStrategy: 'user_management' });
  assert.deepEqual(await spacesOf(), {});
});

test('initOrgAccess sets up root, the predefined roles and the version once, and repairs an organization without them', async () => {
  const db = server.deps.db;
  const [org] = await db('organizations').insert({ slug: 'made-by-sql', name: 'x' }).returning('id');
  await db.transaction((tx) => initOrgAccess(tx, org.id));
  await db.transaction((tx) => initOrgAccess(tx, org.id));
  assert.deepEqual((await db('spaces').where({ org_id: org.id })).map((s) => [s.id, s.parent_id]), [['root', null]]);
  assert.deepEqual((await db('roles').where({ org_id: org.id }).orderBy('slug')).map((r) => r.slug), ['space-admin', 'space-reader', 'space-writer']);
  assert.equal((await db('access_versions').where({ org_id: org.id })).length, 1);
});
