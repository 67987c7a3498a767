// The typed client in client/: generated from the running service's document (so it cannot drift
// unnoticed), and usable against a real instance.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { createClient, type Problem } from '../../client/index.ts';
import { renderSchema, SCHEMA_FILE } from '../../client/render.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

test('client/schema.d.ts is what the running service documents', async () => {
  const document = await (await fetch(`${server.url}/v1/openapi.json`)).json();
  const fresh = await renderSchema(document);
  const committed = readFileSync(SCHEMA_FILE, 'utf8');
  assert.ok(committed === fresh, 'client/schema.d.ts is stale: run `npm run client:generate` and commit the result');
});

test('the client calls the API with typed paths, bodies and problems', async () => {
  const api = createClient({ baseUrl: server.url, token: server.ownerKey });
  const me = await api.GET('/v1/me');
  assert.equal(me.response.status, 200);
  assert.equal(me.data?.organization.slug, 'default');

  const added = await api.POST('/v1/orgs/{org}/members', { params: { path: { org: 'default' } }, body: { email: 'typed@example.com', role: 'viewer' } });
  assert.equal(added.response.status, 201);
  const userId = added.data!.id;
  const changed = await api.PATCH('/v1/orgs/{org}/members/{userId}', { params: { path: { org: 'default', userId } }, body: { role: 'admin' } });
  assert.equal(changed.data?.role, 'admin');

  const refused = await api.PATCH('/v1/orgs/{org}/members/{userId}', { params: { path: { org: 'default', userId } }, body: { role: 'emperor' as never } });
  assert.equal(refused.response.status, 400);
  const problem = refused.error as Problem;
  assert.equal(problem.errors?.[0]?.field, 'role');

  const anonymous = await createClient({ baseUrl: server.url }).GET('/v1/me');
  assert.equal(anonymous.response.status, 401);
});
