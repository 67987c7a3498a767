// First start creates `default` and its owner key; restarts and concurrent starts never duplicate them.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { createTestDatabase } from '../helpers/database.ts';
import { newBootstrapToken, startTestServer } from '../helpers/server.ts';

const dropLater: (() => Promise<void>)[] = [];
after(async () => {
  for (const drop of dropLater) await drop();
});

async function sharedDatabase() {
  const db = await createTestDatabase();
  dropLater.push(db.drop);
  return db.url;
}

async function counts(server: Awaited<ReturnType<typeof startTestServer>>) {
  const db = server.deps.db;
  const orgs = await db('organizations').select('slug');
  const keys = await db('api_keys').select('name', 'role');
  return { orgs: orgs.map((o) => o.slug), keys: keys.length };
}

test('restarting never duplicates the default organization or its key', async () => {
  const databaseUrl = await sharedDatabase();
  const token = newBootstrapToken();
  const first = await startTestServer({ databaseUrl, bootstrapToken: token });
  assert.equal(first.bootstrap.created, true);
  assert.deepEqual(await counts(first), { orgs: ['default'], keys: 1 });
  await first.close();

  const second = await startTestServer({ databaseUrl, bootstrapToken: token });
  assert.equal(second.bootstrap.created, false);
  assert.deepEqual(await counts(second), { orgs: ['default'], keys: 1 });
  const me = await second.as(token).get('/v1/me');
  assert.equal(me.body.role, 'owner');
  assert.equal(me.body.organization.slug, 'default');
  await second.close();
});

test('a changed BOOTSTRAP_TOKEN becomes a live owner key on the next start, once', async () => {
  const databaseUrl = await sharedDatabase();
  const first = await startTestServer({ databaseUrl, bootstrapToken: newBootstrapToken() });
  await first.close();
  const rotated = newBootstrapToken();
  for (let i = 0; i < 2; i++) {
    const s = await startTestServer({ databaseUrl, bootstrapToken: rotated });
    assert.deepEqual(await counts(s), { orgs: ['default'], keys: 2 });
    assert.equal((await s.as(rotated).get('/v1/me')).body.role, 'owner');
    await s.close();
  }
});

test('instances starting together on an empty database create one organization and one key', async () => {
  const databaseUrl = await sharedDatabase();
  const token = newBootstrapToken();
  // The migrations are applied by the template already; bootstrap itself is what races here.
  const servers = await Promise.all([1, 2, 3].map(() => startTestServer({ databaseUrl, bootstrapToken: token })));
  assert.equal(servers.filter((s) => s.bootstrap.created).length, 1);
  assert.deepEqual(await counts(servers[0]!), { orgs: ['default'], keys: 1 });
  await Promise.all(servers.map((s) => s.close()));
});

test('only the bootstrap credential creates organizations, each with a working owner key', async () => {
  const server = await startTestServer();
  try {
    const created = await server.as(server.ownerKey).post('/v1/orgs').send({ slug: 'acme', name: 'Acme' });
    assert.equal(created.status, 201);
    assert.equal(created.body.organization.managementStrategy, 'user_management');
    const acmeKey = created.body.ownerApiKey.secret;
    const me = await server.as(acmeKey).get('/v1/me');
    assert.equal(me.body.organization.slug, 'acme');
    assert.equal(me.body.role, 'owner');

    const byOtherOwner = await server.as(acmeKey).post('/v1/orgs').send({ slug: 'evil', name: 'Evil' });
    assert.equal(byOtherOwner.status, 403);
    const dup = await server.as(server.ownerKey).post('/v1/orgs').send({ slug: 'acme', name: 'Again' });
    assert.equal(dup.status, 409);
    assert.equal(dup.body.errors[0].field, 'slug');
    assert.equal((await server.deps.db('organizations').where({ slug: 'evil' })).length, 0);

    const audit = await server.as(acmeKey).get('/v1/orgs/acme/audit-events');
    assert.deepEqual(audit.body.items.map((e: { action: string }) => e.action), ['organization.created', 'api_key.created']);
  } finally {
    await server.close();
  }
});

test('a bad configuration value is refused with the key that is wrong', () => {
  assert.throws(() => loadConfig({ BOOTSTRAP_TOKEN: 'short' }), (e: Error) => e instanceof ConfigError && /bootstrapToken \(BOOTSTRAP_TOKEN\): must be at least 32/.test(e.message));
  assert.throws(() => loadConfig({ PORT: 'eighty' }), (e: Error) => /port \(PORT\)/.test(e.message));
  assert.throws(() => loadConfig({ DATABASE_URL: 'mysql://x' }), (e: Error) => /databaseUrl \(DATABASE_URL\): must be a URL with protocol postgres/.test(e.message));
  assert.throws(() => loadConfig({ LOG_LEVEL: 'loud' }), (e: Error) => /logLevel \(LOG_LEVEL\)/.test(e.message));
  assert.equal(loadConfig({ PORT: '9000' }).publicUrl, 'http://localhost:9000');
});
