// Domain §10: every change recorded append-only in its own transaction, listable, filterable, exportable.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { addPerson, createOrg, startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

test('a change records who, what, which target, before and after, from where and which request', async () => {
  const org = await createOrg(server);
  const owner = await addPerson(server, org, 'owner');
  const viewer = await addPerson(server, org, 'viewer');
  const res = await server.as(owner.key).patch(`/v1/orgs/${org.slug}/members/${viewer.userId}`).set('X-Request-Id', 'req-audit-1').send({ role: 'contributor' });
  assert.equal(res.status, 200);
  const events = await server.as(org.ownerKey).get(`/v1/orgs/${org.slug}/audit-events?action=member.role_changed`);
  assert.equal(events.body.items.length, 1);
  const [e] = events.body.items;
  assert.equal(e.actor.type, 'user');
  assert.equal(e.actor.id, owner.userId);
  assert.match(e.actor.label, /^owner-/);
  assert.deepEqual(e.target, { type: 'user', id: viewer.userId });
  assert.deepEqual(e.before, { role: 'viewer' });
  assert.deepEqual(e.after, { role: 'contributor' });
  assert.equal(e.requestId, 'req-audit-1');
  assert.match(e.ip, /127\.0\.0\.1/);
});

test('a refused change records nothing', async () => {
  const org = await createOrg(server);
  const owner = await addPerson(server, org, 'owner');
  const before = (await server.as(org.ownerKey).get(`/v1/orgs/${org.slug}/audit-events?limit=1000`)).body.items.length;
  assert.equal((await server.as(owner.key).delete(`/v1/orgs/${org.slug}/members/${owner.userId}`)).status, 422);
  const afterCount = (await server.as(org.ownerKey).get(`/v1/orgs/${org.slug}/audit-events?limit=1000`)).body.items.length;
  assert.equal(afterCount, before);
});

// That the trail is append-only in the database itself, for the service's own role: append-only.test.ts.

test('filters, a cursor that visits every event once, and NDJSON export', async () => {
  const org = await createOrg(server);
  const o = server.as(org.ownerKey);
  for (let i = 0; i < 9; i++) await o.post(`/v1/orgs/${org.slug}/members`).send({ email: `a${i}@audit.example` });
  const ids: string[] = [];
  let next: string | null = null;
  do {
    const page = await o.get(`/v1/orgs/${org.slug}/audit-events?action=member.added&limit=4${next ? `&after=${next}` : ''}`);
    assert.equal(page.status, 200);
    ids.push(...page.body.items.map((e: { id: string }) => e.id));
    next = page.body.next;
  } while (next);
  assert.equal(ids.length, 9);
  assert.equal(new Set(ids).size, 9);
  assert.deepEqual(ids, [...ids].sort((a, b) => Number(a) - Number(b)));

  const entity = await o.get(`/v1/orgs/${org.slug}/audit-events?action=member.*`);
  assert.equal(entity.body.items.length, 9);
  const since = await o.get(`/v1/orgs/${org.slug}/audit-events?since=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`);
  assert.equal(since.body.items.length, 0);

  const exported = await o.get(`/v1/orgs/${org.slug}/audit-events`).set('Accept', 'application/x-ndjson');
  assert.equal(exported.status, 200);
  assert.match(String(exported.headers['content-type']), /application\/x-ndjson/);
  const lines = exported.text.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines.length, 9 + 2); // the members plus organization.created and api_key.created
  assert.equal(lines.filter((l) => l.action === 'member.added').length, 9);
});

test('only owners and admins read the trail', async () => {
  const org = await createOrg(server);
  const admin = await addPerson(server, org, 'admin');
  const contributor = await addPerson(server, org, 'contributor');
  assert.equal((await server.as(admin.key).get(`/v1/orgs/${org.slug}/audit-events`)).status, 200);
  assert.equal((await server.as(contributor.key).get(`/v1/orgs/${org.slug}/audit-events`)).status, 403);
});

test('an unknown event name is a 400 naming action', async () => {
  const res = await server.as(server.ownerKey).get('/v1/orgs/default/audit-events?action=member.exploded');
  assert.equal(res.status, 400);
  assert.equal(res.body.errors[0].field, 'action');
});
