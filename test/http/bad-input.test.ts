// Bad input on every admin route: a 400 that names the field and the reason, and nothing written.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { adminRoutes } from '../../src/app.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

const TABLES = ['organizations', 'users', 'api_keys', 'audit_events'];
async function rowCounts() {
  const out: Record<string, number> = {};
  for (const t of TABLES) out[t] = Number((await server.deps.db(t).count<{ c: number }[]>('* as c'))[0]!.c);
  return out;
}

const pathFor = (path: string, id: () => string) => path.replace('{org}', 'default').replace(/\{\w+\}/g, id);

test('every route with a body refuses malformed JSON, a non-object and unknown fields, naming them', async () => {
  const before = await rowCounts();
  const owner = server.as(server.ownerKey);
  const routes = adminRoutes(server.deps).filter((r) => r.body);
  assert.ok(routes.length >= 5);
  for (const r of routes) {
    const path = pathFor(r.path, () => randomUUID());
    const label = `${r.method.toUpperCase()} ${r.path}`;

    const broken = await owner[r.method](path).set('Content-Type', 'application/json').send('{"name": ');
    assert.equal(broken.status, 400, `${label} broken JSON → ${broken.status}`);
    assert.equal(broken.body.errors[0].field, 'body', label);

    const list = await owner[r.method](path).send([1, 2]);
    assert.equal(list.status, 400, `${label} array → ${list.status}`);
    assert.ok(list.body.errors.length > 0, label);

    const unknown = await owner[r.method](path).send({ surpriseField: true });
    assert.equal(unknown.status, 400, `${label} unknown field → ${unknown.status}`);
    assert.ok(unknown.body.errors.some((e: { field: string }) => e.field === 'surpriseField'), `${label}: ${JSON.stringify(unknown.body)}`);
    assert.equal(unknown.headers['content-type'], 'application/problem+json; charset=utf-8');
  }
  assert.deepEqual(await rowCounts(), before);
});

test('every route with an id in its path refuses a malformed id, naming the parameter', async () => {
  const before = await rowCounts();
  const owner = server.as(server.ownerKey);
  // Spaces and roles are addressed by slug and invitation links by token: the value below is
  // malformed for every kind of identifier (spaces, uppercase, punctuation).
  const malformed = encodeURIComponent('Not An Id!');
  const routes = adminRoutes(server.deps).filter((r) => r.auth === 'credential' && /\{(?!org\})\w+\}/.test(r.path));
  assert.ok(routes.length >= 3);
  for (const r of routes) {
    const param = /\{(?!org\})(\w+)\}/.exec(r.path)![1]!;
    const res = await owner[r.method](pathFor(r.path, () => malformed)).send({});
    assert.equal(res.status, 400, `${r.method} ${r.path} → ${res.status}`);
    assert.ok(res.body.errors.some((e: { field: string }) => e.field === param), `${r.path}: ${JSON.stringify(res.body)}`);
  }
  assert.deepEqual(await rowCounts(), before);
});

test('every route with a query refuses unknown and malformed parameters, naming them', async () => {
  const owner = server.as(server.ownerKey);
  for (const r of adminRoutes(server.deps).filter((x) => x.query)) {
    const path = pathFor(r.path, () => randomUUID());
    const res = await owner[r.method](`${path}?bogus=1`);
    assert.equal(res.status, 400, `${r.path}?bogus → ${res.status}`);
    assert.ok(res.body.errors.some((e: { field: string }) => e.field === 'bogus'), r.path);
  }
  const limit = await owner.get('/v1/orgs/default/members?limit=0');
  assert.equal(limit.status, 400);
  assert.equal(limit.body.errors[0].field, 'limit');
  const cursor = await owner.get('/v1/orgs/default/members?after=garbage');
  assert.equal(cursor.body.errors[0].field, 'after');
});

test('field errors say why', async () => {
  const owner = server.as(server.ownerKey);
  const res = await owner.post('/v1/orgs/default/members').send({ email: 'not-an-email', role: 'emperor' });
  assert.equal(res.status, 400);
  const byField = Object.fromEntries(res.body.errors.map((e: { field: string; reason: string }) => [e.field, e.reason]));
  assert.match(byField.email, /email/);
  assert.match(byField.role, /owner, admin, contributor/);
  const key = await owner.post('/v1/orgs/default/api-keys').send({ name: 'k', kind: 'service' });
  assert.equal(key.status, 400);
  assert.equal(key.body.errors[0].field, 'role');
  const past = await owner.post('/v1/orgs/default/api-keys').send({ name: 'k', role: 'viewer', expiresAt: '2001-01-01T00:00:00Z' });
  assert.equal(past.body.errors[0].field, 'expiresAt');
});

test('credentials: none, malformed and unknown are 401 with WWW-Authenticate', async () => {
  const anon = await server.as('x'.repeat(20)).get('/v1/me');
  assert.equal(anon.status, 401);
  assert.equal(anon.headers['www-authenticate'], 'Bearer');
  const none = await fetch(`${server.url}/v1/me`);
  assert.equal(none.status, 401);
  const malformed = await fetch(`${server.url}/v1/me`, { headers: { Authorization: 'Basic abc' } });
  assert.equal(malformed.status, 401);
  assert.match((await malformed.json()).detail, /Bearer/);
});
