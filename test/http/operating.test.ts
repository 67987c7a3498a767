// Health, readiness, metrics, OpenAPI, request ids, graceful shutdown.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { test } from 'node:test';
import { startTestServer } from '../helpers/server.ts';

test('healthz, readyz, metrics, openapi and request ids', async () => {
  const server = await startTestServer();
  try {
    assert.deepEqual(await (await fetch(`${server.url}/healthz`)).json(), { status: 'ok' });
    // Redis connects in the background after start; on a loaded machine give it a few seconds.
    let ready = await fetch(`${server.url}/readyz`);
    let body = await ready.json();
    for (let i = 0; i < 20 && body.status !== 'ready'; i++) {
      await new Promise((r) => setTimeout(r, 250));
      ready = await fetch(`${server.url}/readyz`);
      body = await ready.json();
    }
    assert.equal(ready.status, 200);
    assert.equal(body.status, 'ready');
    assert.equal(body.dependencies.database.status, 'up');
    assert.equal(body.dependencies.redis.status, 'up');

    const traced = await fetch(`${server.url}/v1/me`, { headers: { Authorization: `Bearer ${server.ownerKey}`, 'X-Request-Id': 'trace-123' } });
    assert.equal(traced.headers.get('x-request-id'), 'trace-123');
    const failed = await fetch(`${server.url}/v1/me`, { headers: { 'X-Request-Id': 'trace-456' } });
    assert.equal((await failed.json()).requestId, 'trace-456');

    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    assert.match(metrics, /gatehouse_http_request_duration_seconds_count\{method="GET",route="\/v1\/me",status="200"\} 1/);
    assert.match(metrics, /process_cpu_user_seconds_total/);

    const openapi = await (await fetch(`${server.url}/v1/openapi.json`)).json();
    assert.equal(openapi.openapi, '3.1.0');
    const patch = openapi.paths['/v1/orgs/{org}/members/{userId}'].patch;
    assert.deepEqual(patch.requestBody.content['application/json'].schema.properties.role.enum, ['owner', 'admin', 'contributor', 'viewer', 'viewer_no_secrets', 'member']);
    assert.ok(patch.responses['422']);
  } finally {
    await server.close();
  }
});

test('Redis down is degraded but ready; the database down is unready', async () => {
  const server = await startTestServer({ redisUrl: 'redis://127.0.0.1:1' });
  try {
    const degraded = await fetch(`${server.url}/readyz`);
    assert.equal(degraded.status, 200);
    const body = await degraded.json();
    assert.equal(body.status, 'degraded');
    assert.equal(body.dependencies.redis.status, 'down');
    // Cause the real fault: the database goes away under the running service.
    await server.deps.db.raw(`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`);
    const { default: knex } = await import('knex');
    const admin = knex({ client: 'pg', connection: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' });
    const name = new URL(server.databaseUrl).pathname.slice(1);
    await admin.raw(`alter database ${name} allow_connections false`);
    await admin.raw(`select pg_terminate_backend(pid) from pg_stat_activity where datname = ?`, [name]);
    try {
      const unready = await fetch(`${server.url}/readyz`);
      assert.equal(unready.status, 503);
      assert.equal((await unready.json()).dependencies.database.status, 'down');
    } finally {
      await admin.raw(`alter database ${name} allow_connections true`);
      await admin.destroy();
    }
  } finally {
    await server.close();
  }
});

test('shutdown lets an in-flight request finish, then refuses new connections', async () => {
  const server = await startTestServer();
  const { port } = new URL(server.url);
  const body = JSON.stringify({ email: 'late@example.com' });
  // A request whose body is still arriving when the shutdown starts.
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/v1/orgs/default/members', headers: { Authorization: `Bearer ${server.ownerKey}`, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode!, body: text }));
    });
    req.on('error', reject);
    req.write(body.slice(0, 10));
    setTimeout(() => req.end(body.slice(10)), 300);
  });
  await new Promise((r) => setTimeout(r, 100));
  const closing = server.close();
  const finished = await response;
  assert.equal(finished.status, 201, finished.body);
  await closing;
  await assert.rejects(fetch(`${server.url}/healthz`));
});
