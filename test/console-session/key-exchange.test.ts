// The console's break-glass sign-in: an owner or admin API key exchanged for a short HttpOnly cookie
// session, CSRF-protected on every mutating call, and dying with the key it rests on.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addPerson, createOrg, startTestServer, type TestServer } from '../helpers/server.ts';
import { consoleBrowser, signInWithKey } from './helpers.ts';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

describe('exchanging a key', () => {
  test('an owner key opens a console session: an HttpOnly, SameSite=Strict cookie, and no key in the answer', async () => {
    const b = consoleBrowser(server);
    const res = await b.request('post', '/v1/console/session', { body: { apiKey: server.ownerKey } });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const cookie = b.setCookies.find((c) => c.startsWith('gatehouse_console='))!;
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Strict/);
    assert.match(cookie, /Path=\//);
    assert.ok(!JSON.stringify(res.body).includes(server.ownerKey), 'the key is not echoed');
    assert.equal(res.body.via, 'api_key');
    assert.equal(res.body.consoleAccess, true);
    assert.equal(res.headers['cache-control'], 'no-store');
    const me = await b.request('get', '/v1/me');
    assert.equal(me.status, 200);
    assert.equal(me.body.role, 'owner');
  });

  test('on https the cookie is Secure and __Host- prefixed', async () => {
    const https = await startTestServer({ publicUrl: 'https://gatehouse.example.test' });
    try {
      const res = await consoleBrowser(https).request('post', '/v1/console/session', { body: { apiKey: https.ownerKey } });
      assert.equal(res.status, 201);
      assert.match(String(res.headers['set-cookie']), /^__Host-gatehouse_console=ghc_[^;]+;.*Secure/);
    } finally {
      await https.close();
    }
  });

  test('a wrong key is refused on the apiKey field; a viewer key is refused with the reason', async () => {
    const wrong = await consoleBrowser(server).request('post', '/v1/console/session', { body: { apiKey: 'ghk_not-a-real-key-at-all-000000000000000' } });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.body.errors[0].field, 'apiKey');
    const org = await createOrg(server);
    const viewer = await addPerson(server, org, 'viewer');
    const refused = await consoleBrowser(server).request('post', '/v1/console/session', { body: { apiKey: viewer.key } });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.errors[0].field, 'apiKey');
    assert.match(refused.body.detail, /acts as viewer/);
    const admin = await addPerson(server, org, 'admin');
    assert.equal((await consoleBrowser(server).request('post', '/v1/console/session', { body: { apiKey: admin.key } })).status, 201);
  });
});

describe('using the session', () => {
  test('a mutating call needs the CSRF token; with it, the call goes through', async () => {
    const b = await signInWithKey(server, server.ownerKey);
    const body = { email: `csrf-${Date.now()}@example.com`, role: 'viewer' };
    const without = await b.request('post', '/v1/orgs/default/members', { body });
    assert.equal(without.status, 403);
    assert.equal(without.body.errors[0].field, 'X-CSRF-Token');
    const forged = await b.request('post', '/v1/orgs/default/members', { body, headers: { 'X-CSRF-Token': 'A'.repeat(43) } });
    assert.equal(forged.status, 403);
    const ok = await b.request('post', '/v1/orgs/default/members', { body, csrf: true });
    assert.equal(ok.status, 201, JSON.stringify(ok.body));
  });

  test('a request another site made is refused even with the token (Fetch Metadata)', async () => {
    const b = await signInWithKey(server, server.ownerKey);
    const res = await b.request('patch', '/v1/orgs/default', { body: { name: 'Hijacked' }, csrf: true, headers: { 'Sec-Fetch-Site': 'cross-site' } });
    assert.equal(res.status, 403);
    assert.match(res.body.detail, /another site/);
  });

  test('reads need no token; an Authorization header is used instead of the cookie when sent', async () => {
    const b = await signInWithKey(server, server.ownerKey);
    assert.equal((await b.request('get', '/v1/orgs/default/members')).status, 200);
    const badBearer = await b.request('get', '/v1/me', { headers: { Authorization: 'Bearer ghk_wrong-wrong-wrong-wrong-wrong-wrong-00000' } });
    assert.equal(badBearer.status, 401);
  });

  test('revoking the key ends the console session that rests on it', async () => {
    const created = await server.as(server.ownerKey).post('/v1/orgs/default/api-keys').send({ name: 'console admin', role: 'admin' });
    const b = await signInWithKey(server, created.body.secret);
    assert.equal((await b.request('get', '/v1/me')).status, 200);
    await server.as(server.ownerKey).delete(`/v1/orgs/default/api-keys/${created.body.id}`).expect(204);
    assert.equal((await b.request('get', '/v1/me')).status, 401);
    assert.equal((await b.request('get', '/v1/console/session')).status, 401);
  });

  test('a personal key of an admin who is demoted stops opening the console', async () => {
    const org = await createOrg(server);
    const admin = await addPerson(server, org, 'admin');
    const b = await signInWithKey(server, admin.key);
    await server.as(org.ownerKey).patch(`/v1/orgs/${org.slug}/members/${admin.userId}`).send({ role: 'viewer' }).expect(200);
    assert.equal((await b.request('get', '/v1/me')).status, 401);
  });

  test('an idle session ends; so does one past its lifetime', async () => {
    const idle = await signInWithKey(server, server.ownerKey);
    const lifetime = await signInWithKey(server, server.ownerKey);
    const rows = await server.deps.db('console_sessions').orderBy('created_at', 'desc').limit(2).select('id');
    await server.deps.db('console_sessions').where({ id: rows[1]!.id }).update({ last_seen_at: server.deps.db.raw("now() - interval '31 minutes'") });
    await server.deps.db('console_sessions').where({ id: rows[0]!.id }).update({ expires_at: server.deps.db.raw("now() - interval '1 second'") });
    assert.equal((await idle.request('get', '/v1/me')).status, 401);
    assert.equal((await lifetime.request('get', '/v1/me')).status, 401);
  });

  test('signing out needs the token, clears the cookie, ends the session and is audited', async () => {
    const b = await signInWithKey(server, server.ownerKey);
    const saved = b.cookie;
    assert.equal((await b.request('delete', '/v1/console/session')).status, 403);
    const out = await b.request('delete', '/v1/console/session', { csrf: true });
    assert.equal(out.status, 204);
    assert.equal(b.cookie, null, 'the cookie is cleared');
    b.cookie = saved; // a copy of the cookie kept by an attacker is dead too
    assert.equal((await b.request('get', '/v1/me')).status, 401);
    const audit = await server.as(server.ownerKey).get('/v1/orgs/default/audit-events?action=console_session.*&limit=1000');
    const actions = audit.body.items.map((e: { action: string }) => e.action);
    assert.ok(actions.includes('console_session.created') && actions.includes('console_session.ended'), actions.join());
  });
});
