// Issue 13 item 11: a database connection killed under a request in flight (pg_terminate_backend,
// as a failover or an administrator would) answers 503 with Retry-After, on /v1 and on SCIM, never
// 500; and the next request, on a fresh connection, succeeds.
import assert from 'node:assert/strict';
import type { Knex } from 'knex';
import { after, before, test } from 'node:test';
import { RUNTIME_LOGIN } from '../helpers/database.ts';
import { connectAsOwner, createOrg, startTestServer, type TestServer } from '../helpers/server.ts';
import { scimOrg } from '../scim/helpers.ts';

let server: TestServer;
let admin: Knex;
before(async () => {
  server = await startTestServer();
  admin = connectAsOwner(server);
});
after(async () => {
  await admin.destroy();
  await server.close();
});

/**
 * Holds a row lock from outside, starts the request (which waits for that lock in the database),
 * kills the server's connection that waits, then lets go of the lock; returns the response.
 */
async function killedInFlight<T extends { status: number }>(lockSql: string, bindings: string[], send: () => PromiseLike<T>): Promise<T> {
  const tx = await admin.transaction();
  try {
    await tx.raw(lockSql, bindings);
    const pending = Promise.resolve().then(send); // supertest sends once awaited
    const database = new URL(server.databaseUrl).pathname.slice(1);
    let killed = 0;
    for (let i = 0; i < 200 && !killed; i++) {
      const { rows } = await admin.raw(
        `select pg_terminate_backend(pid) as done from pg_stat_activity where datname = ? and usename = ? and wait_event_type = 'Lock'`,
        [database, RUNTIME_LOGIN],
      );
      killed = rows.length;
      if (!killed) await new Promise((r) => setTimeout(r, 25));
    }
    assert.ok(killed > 0, 'the request reached the database and waited there');
    return await pending;
  } finally {
    await tx.rollback();
  }
}

test('/v1: a killed connection is 503 with Retry-After, and the retry succeeds', async () => {
  const org = await createOrg(server);
  const o = server.as(org.ownerKey);
  const res = await killedInFlight('select 1 from organizations where id = ? for update', [org.id], () => o.patch(`/v1/orgs/${org.slug}`).send({ name: 'Renamed' }));
  assert.equal(res.status, 503, JSON.stringify(res.body));
  assert.equal(res.headers['content-type']?.split(';')[0], 'application/problem+json');
  assert.match(res.headers['retry-after'] ?? '', /^\d+$/);
  assert.match(res.body.detail, /retry/);
  const again = await o.patch(`/v1/orgs/${org.slug}`).send({ name: 'Renamed' });
  assert.equal(again.status, 200);
  assert.equal(again.body.name, 'Renamed');
});

test('SCIM: a killed connection is a SCIM 503 with Retry-After, and the retry succeeds', async () => {
  const org = await scimOrg(server);
  const user = await org.scim.post('/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'killed@example.org' });
  assert.equal(user.status, 201);
  const patch = { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'active', value: false }] };
  const res = await killedInFlight('select 1 from users where id = ? for update', [user.body.id], () => org.scim.patch(`/Users/${user.body.id}`, patch));
  assert.equal(res.status, 503, JSON.stringify(res.body));
  assert.equal(res.body.schemas[0], 'urn:ietf:params:scim:api:messages:2.0:Error');
  assert.equal(res.body.status, '503');
  assert.match(res.headers['retry-after'] ?? '', /^\d+$/);
  const again = await org.scim.patch(`/Users/${user.body.id}`, patch);
  assert.ok([200, 204].includes(again.status), JSON.stringify(again.body));
  assert.equal((await org.scim.get(`/Users/${user.body.id}`)).body.active, false);
});

test('every connection of the pool killed at once: requests answer 503 or succeed, never 500', async () => {
  const org = await createOrg(server);
  const o = server.as(org.ownerKey);
  await Promise.all(Array.from({ length: 5 }, () => o.get(`/v1/orgs/${org.slug}/members`))); // the pool holds live connections
  const database = new URL(server.databaseUrl).pathname.slice(1);
  await admin.raw('select pg_terminate_backend(pid) from pg_stat_activity where datname = ? and usename = ?', [database, RUNTIME_LOGIN]);
  const replies = await Promise.all(Array.from({ length: 10 }, (_, i) => o.post(`/v1/orgs/${org.slug}/members`).send({ email: `after-kill-${i}@example.org` })));
  for (const r of replies) assert.ok([201, 503].includes(r.status), `${r.status} ${JSON.stringify(r.body)}`);
  const listed = await o.get(`/v1/orgs/${org.slug}/members?limit=100`);
  assert.equal(listed.body.items.length, replies.filter((r) => r.status === 201).length, 'every 201 was stored, nothing else');
});
