// Two instances on one database behave as one (architecture "Scaling out"): a sign-in started on one
// finishes on the other, a replay on the other is still refused, and tokens from either verify on both.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { addPerson, startTestServer, type TestServer } from '../helpers/server.ts';
import { followToCallback, TestOp } from '../peers/oidc-op.ts';
import { newRequestId, postXml, samlEnv, signedResponse, spec, type SamlEnv } from './saml-support.ts';
import { getJson, startLogin } from './sso-helpers.ts';

let env: SamlEnv;
let other: TestServer;
let op: TestOp;
before(async () => {
  env = await samlEnv();
  other = await startTestServer({ databaseUrl: env.server.databaseUrl, bootstrapToken: env.server.ownerKey, oidcAllowHttpIssuers: true });
  op = await new TestOp().start();
});
after(async () => {
  await op.close();
  await other.close();
  await env.server.close();
});

test('SAML: started on one instance, consumed on the other; the replay on the first is refused', async () => {
  await addPerson(env.server, env.org, 'member', 'two@example.test');
  const id = await newRequestId(env, env.conn.id);
  const xml = signedResponse(env, spec(env, { nameId: 'two@example.test', inResponseTo: id }));
  const res = await postXml({ ...env, server: other }, xml);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.equal((await env.server.as(res.body.token).get('/v1/me')).status, 200, 'a token from B verifies on A');
  const replay = await postXml(env, xml);
  assert.equal(replay.status, 400);
  assert.equal(replay.body.reason, 'assertion_replayed');
});

test('OIDC: started on one instance, the callback lands on the other', async () => {
  const created = await env.server.as(env.org.ownerKey).post(`/v1/orgs/${env.org.slug}/sso-connections`).send({
    name: 'OP', protocol: 'oidc', oidc: { issuer: op.issuer, clientId: op.clients[0]!.client_id, clientSecret: op.clients[0]!.client_secret },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  op.clients[0]!.redirect_uris = [created.body.oidc.redirectUri];
  await op.restart();
  await addPerson(env.server, env.org, 'member', 'oidc-two@example.test');
  op.users.set('oidc-two@example.test', { email: 'oidc-two@example.test', email_verified: true });
  const start = await startLogin(env.server, env.org.slug, { connection: created.body.id, email: 'oidc-two@example.test' });
  const callback = await followToCallback(start.location!, op.issuer);
  const res = await getJson(other, callback);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.equal((await getJson(env.server, callback)).body.reason, 'state_unknown', 'and cannot be replayed on the first');
});
