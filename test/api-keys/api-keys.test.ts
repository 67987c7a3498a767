// API keys: shown once, stored hashed, listed, revoked; personal keys per the permission table.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, test } from 'node:test';
import { addPerson, createOrg, startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

test('the secret is shown once and stored only as its hash', async () => {
  const org = await createOrg(server);
  const created = await server.as(org.ownerKey).post(`/v1/orgs/${org.slug}/api-keys`).send({ name: 'ci', role: 'viewer', teams: ['Platform'] });
  assert.equal(created.status, 201);
  const { secret, id } = created.body;
  assert.match(secret, /^ghk_[A-Za-z0-9_-]{43}$/);
  const row = await server.deps.db('api_keys').where({ id }).first();
  assert.deepEqual(row.secret_hash, createHash('sha256').update(secret).digest());
  assert.ok(!JSON.stringify(row).includes(secret));
  const listed = await server.as(org.ownerKey).get(`/v1/orgs/${org.slug}/api-keys`);
  const item = listed.body.items.find((k: { id: string }) => k.id === id);
  assert.equal(item.secret, undefined);
  assert.equal(item.secretHint, `…${secret.slice(-4)}`);
  const me = await server.as(secret).get('/v1/me');
  assert.equal(me.body.role, 'viewer');
  assert.deepEqual(me.body.teams, ['Platform']);
});

test('a revoked key stops at once; revoking is audited once', async () => {
  const org = await createOrg(server);
  const created = await server.as(org.ownerKey).post(`/v1/orgs/${org.slug}/api-keys`).send({ name: 'temp', role: 'admin' });
  assert.equal((await server.as(created.body.secret).get('/v1/me')).status, 200);
  assert.equal((await server.as(org.ownerKey).delete(`/v1/orgs/${org.slug}/api-keys/${created.body.id}`)).status, 204);
  assert.equal((await server.as(created.body.secret).get('/v1/me')).status, 401);
  assert.equal((await server.as(org.ownerKey).delete(`/v1/orgs/${org.slug}/api-keys/${created.body.id}`)).status, 204);
  const events = await server.as(org.ownerKey).get(`/v1/orgs/${org.slug}/audit-events?action=api_key.revoked`);
  assert.equal(events.body.items.length, 1);
  const live = await server.as(org.ownerKey).get(`/v1/orgs/${org.slug}/api-keys`);
  assert.ok(!live.body.items.some((k: { id: string }) => k.id === created.body.id));
});

test('an expired key does not authenticate', async () => {
  const org = await createOrg(server);
  const created = await server.as(org.ownerKey).post(`/v1/orgs/${org.slug}/api-keys`).send({ name: 'short', role: 'viewer', expiresAt: new Date(Date.now() + 60_000).toISOString() });
  assert.equal((await server.as(created.body.secret).get('/v1/me')).status, 200);
  await server.deps.db('api_keys').where({ id: created.body.id }).update({ expires_at: new Date(Date.now() - 1000) });
  assert.equal((await server.as(created.body.secret).get('/v1/me')).status, 401);
});

test('owners, admins and contributors create personal keys that act as them; viewers and members cannot', async () => {
  const org = await createOrg(server);
  for (const role of ['owner', 'admin', 'contributor']) {
    const p = await addPerson(server, org, role);
    const k = await server.as(p.key).post(`/v1/orgs/${org.slug}/api-keys`).send({ name: 'mine', kind: 'personal' });
    assert.equal(k.status, 201, role);
    const me = await server.as(k.body.secret).get('/v1/me');
    assert.equal(me.body.type, 'user');
    assert.equal(me.body.user.id, p.userId);
    assert.equal(me.body.role, role);
  }
  for (const role of ['viewer', 'viewer_no_secrets', 'member']) {
    const p = await addPerson(server, org, role);
    const k = await server.as(p.key).post(`/v1/orgs/${org.slug}/api-keys`).send({ name: 'mine', kind: 'personal' });
    assert.equal(k.status, 403, role);
  }
});

test("a personal key follows its person's role, and others see only their own keys", async () => {
  const org = await createOrg(server);
  const p = await addPerson(server, org, 'contributor');
  const other = await addPerson(server, org, 'contributor');
  const mine = await server.as(p.key).post(`/v1/orgs/${org.slug}/api-keys`).send({ name: 'mine', kind: 'personal' });
  await server.as(org.ownerKey).patch(`/v1/orgs/${org.slug}/members/${p.userId}`).send({ role: 'viewer' });
  assert.equal((await server.as(mine.body.secret).get('/v1/me')).body.role, 'viewer');
  const seen = await server.as(other.key).get(`/v1/orgs/${org.slug}/api-keys`);
  assert.ok(seen.body.items.every((k: { userId: string }) => k.userId === other.userId));
  assert.equal((await server.as(other.key).delete(`/v1/orgs/${org.slug}/api-keys/${mine.body.id}`)).status, 404);
  assert.equal((await server.as(p.key).delete(`/v1/orgs/${org.slug}/api-keys/${mine.body.id}`)).status, 204);
});

test('service keys: owners and admins only, and only owners mint owner keys', async () => {
  const org = await createOrg(server);
  const admin = await addPerson(server, org, 'admin');
  const contributor = await addPerson(server, org, 'contributor');
  assert.equal((await server.as(contributor.key).post(`/v1/orgs/${org.slug}/api-keys`).send({ name: 's', role: 'viewer' })).status, 403);
  assert.equal((await server.as(admin.key).post(`/v1/orgs/${org.slug}/api-keys`).send({ name: 's', role: 'admin' })).status, 201);
  assert.equal((await server.as(admin.key).post(`/v1/orgs/${org.slug}/api-keys`).send({ name: 's', role: 'owner' })).status, 403);
  const ownerKeys = await server.as(org.ownerKey).get(`/v1/orgs/${org.slug}/api-keys`);
  const ownerKey = ownerKeys.body.items.find((k: { role: string }) => k.role === 'owner');
  assert.equal((await server.as(admin.key).delete(`/v1/orgs/${org.slug}/api-keys/${ownerKey.id}`)).status, 403);
  const svc = await server.as(org.ownerKey).post(`/v1/orgs/${org.slug}/api-keys`).send({ name: 'svc', role: 'admin', kind: 'personal' });
  assert.equal(svc.status, 400, 'a service key cannot mint a personal key');
  assert.equal(svc.body.errors[0].field, 'kind');
});
