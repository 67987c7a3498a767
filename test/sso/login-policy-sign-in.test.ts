// Sign-in under the login_policy strategy, through the real policies module and Rego engine:
// allow with frozen roles and a team rewrite, deny, admin, a failing policy, break-glass.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { addPerson } from '../helpers/server.ts';
import { auditOf } from './sso-helpers.ts';
import { newRequestId, postXml, samlEnv, sessionCount, signedResponse, spec, type SamlEnv } from './saml-support.ts';

let env: SamlEnv;
let policyId: string | null = null;

before(async () => {
  env = await samlEnv();
  const sw = await env.server.as(env.org.ownerKey).patch(`/v1/orgs/${env.org.slug}`).send({ managementStrategy: 'login_policy' });
  assert.equal(sw.status, 200, JSON.stringify(sw.body));
});
after(() => env.server.close());

async function usePolicy(body: string) {
  const as = env.server.as(env.org.ownerKey);
  if (policyId) await as.delete(`/v1/orgs/${env.org.slug}/login-policies/${policyId}`);
  const res = await as.post(`/v1/orgs/${env.org.slug}/login-policies`).send({ name: `p${Date.now()}`, body });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  policyId = res.body.id;
}

async function signIn(nameId: string, groups: string[]) {
  const id = await newRequestId(env, env.conn.id);
  return postXml(env, signedResponse(env, spec(env, { nameId, inResponseTo: id, attributes: { groups } })));
}

test('allow with roles and a team rewrite: the roles are frozen into the session, unknown people are created just in time', async () => {
  await usePolicy(`package spacelift
import rego.v1
allow if "eng" in input.session.teams
roles["root"] contains "space-reader" if "eng" in input.session.teams
team contains "policy-team" if "eng" in input.session.teams
team contains t if some t in input.session.teams`);
  const res = await signIn('newcomer@example.test', ['eng']);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  const intro = await env.server.as(env.org.ownerKey).post('/v1/sessions/introspect').send({ token: res.body.token });
  assert.deepEqual(intro.body.teams, ['eng', 'policy-team']);
  assert.equal(Object.keys(intro.body.roles).join(), 'root');
  assert.equal(intro.body.roles.root.length, 1);
  const user = await env.server.deps.db('users').where({ org_id: env.org.id, email: 'newcomer@example.test' }).first();
  assert.equal(user.source, 'sso');
});

test('a policy that does not allow refuses, with the reason audited', async () => {
  const before = await sessionCount(env);
  const res = await signIn('outsider@example.test', ['sales']);
  assert.equal(res.status, 403);
  assert.equal(res.body.reason, 'login_policy_denied');
  assert.equal(await sessionCount(env), before);
  assert.ok((await auditOf(env.server, env.org, 'sign_in.refused')).some((e) => e.details.reason === 'login_policy_denied'));
});

test('deny beats allow; admin admits as admin', async () => {
  await usePolicy(`package spacelift
import rego.v1
allow if true
deny if "contractors" in input.session.teams
admin if "ops" in input.session.teams`);
  assert.equal((await signIn('c@example.test', ['contractors'])).body.reason, 'login_policy_denied');
  const ops = await signIn('o@example.test', ['ops']);
  assert.equal(ops.status, 200, JSON.stringify(ops.body));
  const me = await env.server.as(ops.body.token).get('/v1/me');
  assert.equal(me.body.role, 'admin', 'a policy admin acts as admin for this session');
});

test('a policy that fails to evaluate refuses everyone but break-glass owners', async () => {
  await usePolicy(`package spacelift
import rego.v1
allow if 1 / 0 == 1`);
  const res = await signIn('someone@example.test', ['eng']);
  assert.equal(res.status, 403, JSON.stringify(res.body));
  const owner = await addPerson(env.server, env.org, 'owner', 'owner2@example.test');
  const ok = await signIn('owner2@example.test', []);
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.equal((await env.server.as(env.org.ownerKey).post('/v1/sessions/introspect').send({ token: ok.body.token })).body.sub, owner.userId);
});
