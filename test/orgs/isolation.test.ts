// No request authenticated for one organization can read or change another's (domain §1).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { adminRoutes } from '../../src/app.ts';
import { addPerson, createOrg, startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

test("every route under /v1/orgs/{org} answers 404 to another organization's credential", async () => {
  const a = await createOrg(server);
  const b = await createOrg(server);
  const routes = adminRoutes(server.deps).filter((r) => r.path.includes('{org}'));
  assert.ok(routes.length >= 10, `only ${routes.length} org routes found`);
  for (const route of routes) {
    for (const orgRef of [b.slug, b.id, 'no-such-org']) {
      const path = route.path.replace('{org}', orgRef).replace(/\{\w+\}/g, () => randomUUID());
      const res = await server.as(a.ownerKey)[route.method](path).send({});
      assert.equal(res.status, 404, `${route.method.toUpperCase()} ${path} → ${res.status}`);
      assert.equal(res.body.detail, 'organization not found', `${route.method} ${route.path}`);
    }
  }
});

test("ids from another organization are not found through one's own paths", async () => {
  const a = await createOrg(server);
  const b = await createOrg(server);
  const bPerson = await addPerson(server, b, 'viewer');
  const bKey = await server.as(b.ownerKey).post(`/v1/orgs/${b.slug}/api-keys`).send({ name: 'b key', role: 'viewer' });
  const asA = server.as(a.ownerKey);

  assert.equal((await asA.get(`/v1/orgs/${a.slug}/members/${bPerson.userId}`)).status, 404);
  assert.equal((await asA.patch(`/v1/orgs/${a.slug}/members/${bPerson.userId}`).send({ role: 'admin' })).status, 404);
  assert.equal((await asA.delete(`/v1/orgs/${a.slug}/members/${bPerson.userId}`)).status, 404);
  assert.equal((await asA.delete(`/v1/orgs/${a.slug}/api-keys/${bKey.body.id}`)).status, 404);

  const members = await asA.get(`/v1/orgs/${a.slug}/members`);
  assert.ok(!members.body.items.some((m: { id: string }) => m.id === bPerson.userId));
  const keys = await asA.get(`/v1/orgs/${a.slug}/api-keys?includeRevoked=true`);
  assert.ok(!keys.body.items.some((k: { id: string }) => k.id === bKey.body.id));
  const events = await asA.get(`/v1/orgs/${a.slug}/audit-events?limit=1000`);
  assert.ok(events.body.items.length > 0);
  assert.ok(!events.body.items.some((e: { target: { id: string } | null }) => e.target?.id === bPerson.userId || e.target?.id === bKey.body.id));

  // B's things are intact and still work.
  assert.equal((await server.as(bPerson.key).get('/v1/me')).body.role, 'viewer');
  assert.equal((await server.as(bKey.body.secret).get('/v1/me')).status, 200);
});
