// OpenID Connect sign-in against a real oidc-provider on loopback: code + PKCE, JIT and admission,
// teams from the groups claim merged with SCIM teams, overage, state replay, disabled connection.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { addPerson, createOrg, startTestServer, type TestServer } from '../helpers/server.ts';
import { followToCallback, TestOp } from '../peers/oidc-op.ts';
import { auditOf, getJson, startLogin } from './sso-helpers.ts';

let server: TestServer;
let op: TestOp;
let org: Awaited<ReturnType<typeof createOrg>>;
let conn: { id: string; oidc: { redirectUri: string } };

before(async () => {
  server = await startTestServer({ oidcAllowHttpIssuers: true, logLevel: process.env.TEST_LOG ?? 'silent' });
  op = await new TestOp().start();
  org = await createOrg(server);
  const res = await server.as(org.ownerKey).post(`/v1/orgs/${org.slug}/sso-connections`).send({
    name: 'Test OP', protocol: 'oidc', emailDomains: ['example.test'],
    oidc: { issuer: op.issuer, clientId: op.clients[0]!.client_id, clientSecret: op.clients[0]!.client_secret },
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  conn = res.body;
  op.clients[0]!.redirect_uris = [conn.oidc.redirectUri];
  await op.restart();
});
after(async () => {
  await op.close();
  await server.close();
});

async function signIn(login: string, returnTo = '/app') {
  const start = await startLogin(server, org.slug, { connection: conn.id, email: login, return_to: returnTo });
  assert.equal(start.status, 302, JSON.stringify(start.body));
  const callback = await followToCallback(start.location!, op.issuer);
  return { callback, res: await getJson(server, callback) };
}

test('a provisioned member signs in with code + PKCE and gets a session carrying the groups claim', async () => {
  const p = await addPerson(server, org, 'viewer', 'ada@example.test');
  op.users.set('ada@example.test', { email: 'ada@example.test', email_verified: true, name: 'Ada L', groups: ['eng', 'ops'] });
  const { res } = await signIn('ada@example.test');
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.equal(res.body.returnTo, '/app');
  const me = await server.as(res.body.token).get('/v1/me');
  assert.equal(me.body.user.id, p.userId);
  assert.deepEqual(me.body.teams, ['eng', 'ops']);
  assert.equal(me.body.user.name, 'Ada L', 'the name is synced from the IdP');
  const created = await auditOf(server, org, 'session.created');
  assert.ok(created.some((e) => e.after.userId === p.userId));
});

test('a claimed group id that is a SCIM group externalId shows as that group\'s name, merged with SCIM teams', async () => {
  const p = await addPerson(server, org, 'member', 'grace@example.test');
  const db = server.deps.db;
  const [g1] = await db('groups').insert({ org_id: org.id, display_name: 'Platform', external_id: '7f1c-azure-object-id' }).returning('id');
  const [g2] = await db('groups').insert({ org_id: org.id, display_name: 'Security', external_id: 'sec-1' }).returning('id');
  await db('group_members').insert({ org_id: org.id, group_id: g2.id, user_id: p.userId });
  void g1;
  op.users.set('grace@example.test', { email: 'grace@example.test', email_verified: true, groups: ['7f1c-azure-object-id', 'okta-name'] });
  const { res } = await signIn('grace@example.test');
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.deepEqual((await server.as(res.body.token).get('/v1/me')).body.teams, ['Platform', 'Security', 'okta-name']);
});

test('an unknown person is refused under user_management (not provisioned, not invited, no team binding), audited, nobody created', async () => {
  op.users.set('mallory@example.test', { email: 'mallory@example.test', email_verified: true, groups: ['nothing'] });
  const { res } = await signIn('mallory@example.test');
  assert.equal(res.status, 403);
  assert.equal(res.body.reason, 'not_admitted');
  const refused = await auditOf(server, org, 'sign_in.refused');
  assert.ok(refused.some((e) => e.details.reason === 'not_admitted'));
  assert.equal((await server.deps.db('users').where({ org_id: org.id, email: 'mallory@example.test' })).length, 0);
});

test('replaying a callback (same state and code) is refused before the token endpoint, and audited', async () => {
  await addPerson(server, org, 'member', 'replay@example.test');
  op.users.set('replay@example.test', { email: 'replay@example.test', email_verified: true });
  const { callback, res } = await signIn('replay@example.test');
  assert.equal(res.status, 200);
  const again = await getJson(server, callback);
  assert.equal(again.status, 400);
  assert.equal(again.body.reason, 'state_unknown');
});

test('an owner always gets in (break-glass) with the admin flag', async () => {
  const p = await addPerson(server, org, 'owner', 'root@example.test');
  op.users.set('root@example.test', { email: 'root@example.test', email_verified: true });
  const { res } = await signIn('root@example.test');
  assert.equal(res.status, 200);
  const intro = await server.as(org.ownerKey).post('/v1/sessions/introspect').send({ token: res.body.token });
  assert.equal(intro.body.active, true);
  assert.equal(intro.body.admin, true);
  assert.equal(intro.body.sub, p.userId);
});

test('a groups claim that is not a list of strings is refused', async () => {
  await addPerson(server, org, 'member', 'str@example.test');
  op.users.set('str@example.test', { email: 'str@example.test', email_verified: true, groups: 'eng' });
  const { res } = await signIn('str@example.test');
  assert.equal(res.status, 400);
  assert.equal(res.body.reason, 'invalid_attributes');
});

test('Azure AD group overage falls back to SCIM teams, said so in the session; or is refused when configured', async () => {
  const p = await addPerson(server, org, 'member', 'many@example.test');
  const db = server.deps.db;
  const [g] = await db('groups').insert({ org_id: org.id, display_name: 'From SCIM', external_id: 'scim-x' }).returning('id');
  await db('group_members').insert({ org_id: org.id, group_id: g.id, user_id: p.userId });
  op.users.set('many@example.test', {
    email: 'many@example.test', email_verified: true,
    _claim_names: { groups: 'src1' }, _claim_sources: { src1: { endpoint: 'https://graph.microsoft.com/v1.0/users/x/getMemberObjects' } },
  });
  const { res } = await signIn('many@example.test');
  assert.equal(res.status, 200, JSON.stringify(res.body));
  const sessions = await server.as(res.body.token).get('/v1/me/sessions');
  assert.equal(sessions.body.items[0].teamsSource, 'scim_fallback_overage');
  assert.deepEqual(sessions.body.items[0].teams, ['From SCIM']);

  await server.as(org.ownerKey).patch(`/v1/orgs/${org.slug}/sso-connections/${conn.id}`).send({ oidc: { groupsOverage: 'refuse' } });
  const refused = await signIn('many@example.test');
  assert.equal(refused.res.status, 403);
  assert.equal(refused.res.body.reason, 'groups_overage');
  await server.as(org.ownerKey).patch(`/v1/orgs/${org.slug}/sso-connections/${conn.id}`).send({ oidc: { groupsOverage: 'scim_teams' } });
});

test('after the OP rotates its signing keys, the connection rediscovers them (at worst one refused attempt)', async () => {
  await addPerson(server, org, 'member', 'rot@example.test');
  op.users.set('rot@example.test', { email: 'rot@example.test', email_verified: true });
  assert.equal((await signIn('rot@example.test')).res.status, 200);
  await op.restart({ rotateKeys: true });
  // openid-client refetches a JWKS for an unknown kid at most once a minute; within that minute the
  // first attempt is refused (and audited) and the configuration is dropped, so the retry works.
  const first = await signIn('rot@example.test');
  if (first.res.status !== 200) assert.equal(first.res.body.reason, 'token_rejected');
  const retry = await signIn('rot@example.test');
  assert.equal(retry.res.status, 200, JSON.stringify(retry.res.body));
});

test('a disabled connection admits nobody: neither new sign-ins nor callbacks in flight', async () => {
  await addPerson(server, org, 'member', 'dis@example.test');
  op.users.set('dis@example.test', { email: 'dis@example.test', email_verified: true });
  const start = await startLogin(server, org.slug, { connection: conn.id, email: 'dis@example.test' });
  const callback = await followToCallback(start.location!, op.issuer);
  await server.as(org.ownerKey).patch(`/v1/orgs/${org.slug}/sso-connections/${conn.id}`).send({ enabled: false });
  try {
    const res = await getJson(server, callback);
    assert.equal(res.status, 403);
    assert.equal(res.body.reason, 'connection_disabled');
    const again = await startLogin(server, org.slug, { connection: conn.id });
    assert.equal(again.status, 403);
  } finally {
    await server.as(org.ownerKey).patch(`/v1/orgs/${org.slug}/sso-connections/${conn.id}`).send({ enabled: true });
  }
});

test('return_to outside the allowlist is refused at the start', async () => {
  for (const bad of ['//evil.example', 'https://evil.example/', '/\\evil.example', 'javascript:alert(1)']) {
    const res = await startLogin(server, org.slug, { connection: conn.id, return_to: bad });
    assert.equal(res.status, 400, bad);
    assert.equal(res.body.reason, 'invalid_return_to');
  }
});

test('private_key_jwt: the client authenticates with the key whose public half the connection shows', async () => {
  const created = await server.as(org.ownerKey).post(`/v1/orgs/${org.slug}/sso-connections`).send({
    name: 'PKJ', protocol: 'oidc', oidc: { issuer: op.issuer, clientId: 'gatehouse-pkj', clientAuth: 'private_key_jwt' },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  op.clients.push({ client_id: 'gatehouse-pkj', redirect_uris: [created.body.oidc.redirectUri], token_endpoint_auth_method: 'private_key_jwt', jwks: { keys: [created.body.oidc.clientPublicJwk] } });
  await op.restart();
  await addPerson(server, org, 'member', 'pkj@example.test');
  op.users.set('pkj@example.test', { email: 'pkj@example.test', email_verified: true });
  const start = await startLogin(server, org.slug, { connection: created.body.id, email: 'pkj@example.test' });
  const res = await getJson(server, await followToCallback(start.location!, op.issuer));
  assert.equal(res.status, 200, JSON.stringify(res.body));
});

test('home-realm discovery: an address picks the connection that owns its domain', async () => {
  const res = await startLogin(server, org.slug, { email: 'someone@EXAMPLE.test' });
  assert.equal(res.status, 302, JSON.stringify(res.body));
  assert.ok(res.location!.startsWith(op.issuer));
  const none = await startLogin(server, org.slug, { email: 'someone@nowhere.example' });
  assert.equal(none.status, 400, 'several connections and none owns the domain');
  assert.equal(none.body.reason, 'connection_not_found');
});

test('a conforming OP that sends groups only in UserInfo: the groups are read from UserInfo (same sub)', async () => {
  const strict = new TestOp();
  strict.groupsInIdToken = false;
  await strict.start();
  try {
    const created = await server.as(org.ownerKey).post(`/v1/orgs/${org.slug}/sso-connections`).send({
      name: 'Strict OP', protocol: 'oidc', oidc: { issuer: strict.issuer, clientId: strict.clients[0]!.client_id, clientSecret: strict.clients[0]!.client_secret },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    strict.clients[0]!.redirect_uris = [created.body.oidc.redirectUri];
    await strict.restart();
    await addPerson(server, org, 'member', 'ui@example.test');
    strict.users.set('ui@example.test', { email: 'ui@example.test', email_verified: true, groups: ['from-userinfo'] });
    const start = await startLogin(server, org.slug, { connection: created.body.id, email: 'ui@example.test' });
    const res = await getJson(server, await followToCallback(start.location!, strict.issuer));
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual((await server.as(res.body.token).get('/v1/me')).body.teams, ['from-userinfo']);
  } finally {
    await strict.close();
  }
});
