// Sessions (domain §7): token + server record, introspection, refresh rotation, list and end.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import supertest from 'supertest';
import { addPerson, createOrg, startTestServer, type TestServer } from '../helpers/server.ts';
import { openTestSession } from './open-session.ts';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

const bearer = (token: string) => server.as(token);

test('a session token authenticates on /v1 as its person, with the session id and teams', async () => {
  const org = await createOrg(server);
  const p = await addPerson(server, org, 'viewer');
  const s = await openTestSession(server, org.id, p.userId, { idpTeams: ['eng'] });
  const me = await bearer(s.token).get('/v1/me');
  assert.equal(me.status, 200, JSON.stringify(me.body));
  assert.equal(me.body.user.id, p.userId);
  assert.equal(me.body.sessionId, s.sessionId);
  assert.deepEqual(me.body.teams, ['eng']);
  assert.equal(me.body.role, 'viewer');
});

test('tokens verify offline with the published JWKS (EdDSA, kid) and carry org, login, teams, admin, sid', async () => {
  const org = await createOrg(server);
  const p = await addPerson(server, org, 'admin');
  const s = await openTestSession(server, org.id, p.userId, { idpTeams: ['ops', 'eng'] });
  const jwks = await supertest(server.url).get('/.well-known/jwks.json');
  assert.equal(jwks.status, 200);
  const header = decodeProtectedHeader(s.token);
  assert.equal(header.alg, 'EdDSA');
  assert.ok(jwks.body.keys.some((k: { kid: string }) => k.kid === header.kid));
  assert.ok(jwks.body.keys.every((k: Record<string, unknown>) => k.d === undefined), 'no private parts published');
  const { payload } = await jwtVerify(s.token, createLocalJWKSet(jwks.body), { issuer: server.deps.config.publicUrl, audience: 'gatehouse-session' });
  assert.equal(payload.sub, p.userId);
  assert.equal(payload.sid, s.sessionId);
  assert.equal(payload.org, org.id);
  assert.equal(payload.login, p.email);
  assert.deepEqual(payload.teams, ['eng', 'ops']);
  assert.equal(payload.admin, true);
});

test('signing keys are stored sealed, never as plain JWK', async () => {
  const rows = await server.deps.db('session_signing_keys').select('private_jwk_sealed');
  assert.ok(rows.length >= 1);
  for (const r of rows) {
    assert.match(r.private_jwk_sealed, /^v1\./);
    assert.ok(!r.private_jwk_sealed.includes('"d"'));
  }
});

test('introspection says active with claims for a live token, inactive after the session ends and for other organizations', async () => {
  const org = await createOrg(server);
  const other = await createOrg(server);
  const p = await addPerson(server, org, 'member');
  const s = await openTestSession(server, org.id, p.userId);
  const live = await server.as(org.ownerKey).post('/v1/sessions/introspect').send({ token: s.token });
  assert.equal(live.status, 200);
  assert.equal(live.body.active, true);
  assert.equal(live.body.sid, s.sessionId);
  assert.equal((await server.as(other.ownerKey).post('/v1/sessions/introspect').send({ token: s.token })).body.active, false);
  assert.equal((await server.as(org.ownerKey).post('/v1/sessions/introspect').send({ token: 'eyJnot.a.token' })).body.active, false);
  const bad = await server.as(org.ownerKey).post('/v1/sessions/introspect').send({ token: 5 });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.errors[0].field, 'token');

  const end = await bearer(s.token).delete(`/v1/me/sessions/${s.sessionId}`);
  assert.equal(end.status, 200);
  assert.equal(end.body.ended, 1);
  assert.equal((await server.as(org.ownerKey).post('/v1/sessions/introspect').send({ token: s.token })).body.active, false);
  assert.equal((await bearer(s.token).get('/v1/me')).status, 401);
  const events = await server.as(org.ownerKey).get(`/v1/orgs/${org.slug}/audit-events?action=session.ended`);
  assert.equal(events.body.items.length, 1);
  assert.equal(events.body.items[0].details.reason, 'signed_out');
});

test('refresh rotates the refresh token; reusing a spent one ends the session', async () => {
  const org = await createOrg(server);
  const p = await addPerson(server, org, 'member');
  const s = await openTestSession(server, org.id, p.userId);
  const anon = supertest(server.url);
  const r1 = await anon.post('/v1/sessions/refresh').send({ refreshToken: s.refreshToken });
  assert.equal(r1.status, 200, JSON.stringify(r1.body));
  assert.notEqual(r1.body.refreshToken, s.refreshToken);
  assert.equal(r1.body.sessionId, s.sessionId);
  assert.equal((await bearer(r1.body.token).get('/v1/me')).status, 200);

  const reuse = await anon.post('/v1/sessions/refresh').send({ refreshToken: s.refreshToken });
  assert.equal(reuse.status, 401);
  assert.match(reuse.body.detail, /already used/);
  assert.equal((await bearer(r1.body.token).get('/v1/me')).status, 401, 'the whole session ended');
  assert.equal((await anon.post('/v1/sessions/refresh').send({ refreshToken: r1.body.refreshToken })).status, 401);
  const bad = await anon.post('/v1/sessions/refresh').send({ refreshToken: 'nope' });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.errors[0].field, 'refreshToken');
});

test('a refreshed token carries teams changed since sign-in (user_management)', async () => {
  const org = await createOrg(server);
  const p = await addPerson(server, org, 'member');
  const s = await openTestSession(server, org.id, p.userId, { idpTeams: ['eng'] });
  const db = server.deps.db;
  const [g] = await db('groups').insert({ org_id: org.id, display_name: 'platform', external_id: 'g-1' }).returning('id');
  await db('group_members').insert({ org_id: org.id, group_id: g.id, user_id: p.userId });
  assert.deepEqual((await bearer(s.token).get('/v1/me')).body.teams, ['eng', 'platform'], 'the next request sees the new team');
  const r = await supertest(server.url).post('/v1/sessions/refresh').send({ refreshToken: s.refreshToken });
  const jwks = (await supertest(server.url).get('/.well-known/jwks.json')).body;
  const { payload } = await jwtVerify(r.body.token, createLocalJWKSet(jwks));
  assert.deepEqual(payload.teams, ['eng', 'platform']);
});

test('suspension ends a person\'s sessions at once; removal too', async () => {
  const org = await createOrg(server);
  const p = await addPerson(server, org, 'viewer');
  const s1 = await openTestSession(server, org.id, p.userId);
  const s2 = await openTestSession(server, org.id, p.userId);
  const suspended = await server.as(org.ownerKey).patch(`/v1/orgs/${org.slug}/members/${p.userId}`).send({ active: false });
  assert.equal(suspended.status, 200);
  assert.equal((await bearer(s1.token).get('/v1/me')).status, 401);
  assert.equal((await bearer(s2.token).get('/v1/me')).status, 401);
  await server.as(org.ownerKey).patch(`/v1/orgs/${org.slug}/members/${p.userId}`).send({ active: true });
  assert.equal((await bearer(s1.token).get('/v1/me')).status, 401, 'reactivation does not revive sessions');
  const ev = await server.as(org.ownerKey).get(`/v1/orgs/${org.slug}/audit-events?action=member.suspended`);
  assert.equal(ev.body.items[0].details.endedSessions.length, 2);

  const q = await addPerson(server, org, 'viewer');
  const s3 = await openTestSession(server, org.id, q.userId);
  assert.equal((await bearer(s3.token).get('/v1/me')).status, 200);
  assert.equal((await server.as(org.ownerKey).delete(`/v1/orgs/${org.slug}/members/${q.userId}`)).status, 200);
  assert.equal((await bearer(s3.token).get('/v1/me')).status, 401);
  assert.equal((await supertest(server.url).post('/v1/sessions/refresh').send({ refreshToken: s3.refreshToken })).status, 401);
});

test("a strategy switch ends every session but the author's", async () => {
  const org = await createOrg(server);
  const owner = await addPerson(server, org, 'owner');
  const p = await addPerson(server, org, 'member');
  const mine = await openTestSession(server, org.id, owner.userId);
  const theirs = await openTestSession(server, org.id, p.userId);
  const sw = await bearer(mine.token).patch(`/v1/orgs/${org.slug}`).send({ managementStrategy: 'login_policy' });
  assert.equal(sw.status, 200, JSON.stringify(sw.body));
  assert.equal((await bearer(theirs.token).get('/v1/me')).status, 401);
  assert.equal((await bearer(mine.token).get('/v1/me')).status, 200);
});

test('session managers list and end anyone\'s sessions; others may not', async () => {
  const org = await createOrg(server);
  const admin = await addPerson(server, org, 'admin');
  const viewer = await addPerson(server, org, 'viewer');
  const a = await openTestSession(server, org.id, admin.userId);
  const v1 = await openTestSession(server, org.id, viewer.userId);
  const v2 = await openTestSession(server, org.id, viewer.userId);

  assert.equal((await bearer(v1.token).get(`/v1/orgs/${org.slug}/sessions`)).status, 403);
  assert.equal((await bearer(v1.token).delete(`/v1/orgs/${org.slug}/sessions/${a.sessionId}`)).status, 403);
  const mine = await bearer(v1.token).get('/v1/me/sessions');
  assert.deepEqual(mine.body.items.map((s: { id: string }) => s.id).sort(), [v1.sessionId, v2.sessionId].sort());
  assert.equal(mine.body.items.find((s: { id: string }) => s.id === v1.sessionId).current, true);
  assert.equal((await bearer(v1.token).delete(`/v1/me/sessions/${a.sessionId}`)).status, 404, "someone else's session is not mine to end");

  const all = await bearer(a.token).get(`/v1/orgs/${org.slug}/sessions`);
  assert.equal(all.status, 200);
  assert.equal(all.body.items.length, 3);
  const one = await bearer(a.token).delete(`/v1/orgs/${org.slug}/sessions/${v1.sessionId}`);
  assert.equal(one.body.ended, 1);
  assert.equal((await bearer(v1.token).get('/v1/me')).status, 401);
  const rest = await bearer(a.token).delete(`/v1/orgs/${org.slug}/members/${viewer.userId}/sessions`);
  assert.equal(rest.body.ended, 1);
  assert.equal((await bearer(v2.token).get('/v1/me')).status, 401);
  assert.equal((await bearer(a.token).get('/v1/me')).status, 200);
});

test('keys rotate with overlap: a pre-published key appears before it signs, old tokens keep verifying, a withdrawn key stops', async () => {
  const org = await createOrg(server);
  const p = await addPerson(server, org, 'member');
  const { sessionKeys } = await import('../../src/sessions/service.ts');
  const keys = sessionKeys(server.deps);
  const before = await openTestSession(server, org.id, p.userId);
  const oldKid = decodeProtectedHeader(before.token).kid!;

  const nextKid = await keys.rotate();
  const jwks1 = (await supertest(server.url).get('/.well-known/jwks.json')).body;
  assert.ok(jwks1.keys.some((k: { kid: string }) => k.kid === nextKid), 'published at once');
  const during = await openTestSession(server, org.id, p.userId);
  assert.equal(decodeProtectedHeader(during.token).kid, oldKid, 'not signing yet during pre-publication');

  const urgent = await keys.rotate({ immediately: true });
  const afterRotation = await openTestSession(server, org.id, p.userId);
  assert.equal(decodeProtectedHeader(afterRotation.token).kid, urgent);
  assert.equal((await bearer(before.token).get('/v1/me')).status, 200, 'tokens of the previous key still verify');

  await keys.withdraw(oldKid);
  assert.equal((await bearer(before.token).get('/v1/me')).status, 401, 'a withdrawn key verifies nothing');
  const jwks2 = (await supertest(server.url).get('/.well-known/jwks.json')).body;
  assert.ok(!jwks2.keys.some((k: { kid: string }) => k.kid === oldKid));
});

test('forged tokens are refused: other key, alg none, tampered payload', async () => {
  const org = await createOrg(server);
  const p = await addPerson(server, org, 'owner');
  const s = await openTestSession(server, org.id, p.userId);
  const [h, body, sig] = s.token.split('.');
  const claims = JSON.parse(Buffer.from(body!, 'base64url').toString());
  const tampered = `${h}.${Buffer.from(JSON.stringify({ ...claims, teams: ['root-admins'] })).toString('base64url')}.${sig}`;
  assert.equal((await bearer(tampered).get('/v1/me')).status, 401);
  const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${body}.`;
  assert.equal((await bearer(none).get('/v1/me')).status, 401);
  const { SignJWT, generateKeyPair } = await import('jose');
  const evil = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
  const foreign = await new SignJWT(claims).setProtectedHeader({ alg: 'EdDSA', kid: decodeProtectedHeader(s.token).kid! }).sign(evil.privateKey);
  assert.equal((await bearer(foreign).get('/v1/me')).status, 401);
});

test('a custom role holding session:manage in root lets a viewer manage sessions', async () => {
  const org = await createOrg(server);
  const viewer = await addPerson(server, org, 'viewer');
  const other = await addPerson(server, org, 'member');
  const mine = await openTestSession(server, org.id, viewer.userId);
  const theirs = await openTestSession(server, org.id, other.userId);
  assert.equal((await bearer(mine.token).get(`/v1/orgs/${org.slug}/sessions`)).status, 403);
  const role = await server.as(org.ownerKey).post(`/v1/orgs/${org.slug}/roles`).send({ name: 'Session admin', slug: 'session-admin', actions: ['session:manage'] });
  assert.equal(role.status, 201, JSON.stringify(role.body));
  const binding = await server.as(org.ownerKey).post(`/v1/orgs/${org.slug}/role-bindings`).send({ subject: { type: 'user', id: viewer.userId }, roleId: role.body.id, spaceId: 'root' });
  assert.equal(binding.status, 201, JSON.stringify(binding.body));
  assert.equal((await bearer(mine.token).get(`/v1/orgs/${org.slug}/sessions`)).status, 200);
  assert.equal((await bearer(mine.token).delete(`/v1/orgs/${org.slug}/sessions/${theirs.sessionId}`)).body.ended, 1);
});
