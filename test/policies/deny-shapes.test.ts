// `deny` in every shape the contract allows denies, with its messages in the refusal, the sample and the
// audit record; an output of the wrong type refuses (fail closed); an output in a shape the contract
// does not know is a warning when the policy is saved. Sign-ins go through a real SAML flow.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { auditOf } from '../sso/sso-helpers.ts';
import { newRequestId, postXml, samlEnv, signedResponse, spec, type SamlEnv } from '../sso/saml-support.ts';

let env: SamlEnv;
let policyId: string | null = null;
const policies = () => `/v1/orgs/${env.org.slug}/login-policies`;

before(async () => {
  env = await samlEnv();
  const sw = await env.server.as(env.org.ownerKey).patch(`/v1/orgs/${env.org.slug}`).send({ managementStrategy: 'login_policy' });
  assert.equal(sw.status, 200, JSON.stringify(sw.body));
});
after(() => env.server.close());

async function usePolicy(body: string) {
  const as = env.server.as(env.org.ownerKey);
  if (policyId) await as.delete(`${policies()}/${policyId}`);
  const res = await as.post(policies()).send({ name: `p${Date.now()}`, body });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  policyId = res.body.id;
  return res.body;
}

async function signIn(nameId: string, groups: string[]) {
  const id = await newRequestId(env, env.conn.id);
  return postXml(env, signedResponse(env, spec(env, { nameId, inResponseTo: id, attributes: { groups } })));
}

const DENY_SHAPES: [string, string][] = [
  ['v1 set', 'package spacelift\nallow if true\ndeny contains "no contractors" if "Contractors" in input.session.teams\n'],
  ['v0 set', 'package spacelift\nallow { true }\ndeny[msg] { input.session.teams[_] == "Contractors"; msg := "no contractors" }\n'],
  ['string', 'package spacelift\nallow if true\ndeny := "no contractors" if "Contractors" in input.session.teams\n'],
];

for (const [shape, body] of DENY_SHAPES) {
  test(`deny as a ${shape} refuses the contractor, with its message in the refusal, the audit record and the sample`, async () => {
    await usePolicy(body);
    const refused = await signIn(`contractor-${shape.replace(' ', '')}@example.test`, ['Contractors']);
    assert.equal(refused.status, 403, JSON.stringify(refused.body));
    assert.equal(refused.body.reason, 'login_policy_denied');
    assert.match(refused.body.detail, /no contractors/);
    const audited = (await auditOf(env.server, env.org, 'sign_in.refused')).filter((e) => /no contractors/.test(e.details.message));
    assert.ok(audited.length > 0, 'the audit record carries the message');
    const samples = (await env.server.as(env.org.ownerKey).get(`${policies()}/${policyId}/samples`)).body.items;
    assert.deepEqual(samples[0].output.denyMessages, ['no contractors']);
    assert.match(samples[0].output.decision.reason, /no contractors/);
    const employee = await signIn(`employee-${shape.replace(' ', '')}@example.test`, ['Engineering']);
    assert.equal(employee.status, 200, JSON.stringify(employee.body));
  });
}

test('an empty deny set does not deny; deny := true still does', async () => {
  await usePolicy('package spacelift\nallow if true\ndeny contains "never" if false\n');
  assert.equal((await signIn('nobody-denied@example.test', [])).status, 200);
  await usePolicy('package spacelift\nallow if true\ndeny := true if "Blocked" in input.session.teams\n');
  assert.equal((await signIn('blocked@example.test', ['Blocked'])).status, 403);
});

test('an output of the wrong type refuses the sign-in and says which rule', async () => {
  await usePolicy('package spacelift\nallow if true\nadmin := input.session.login\n');
  const res = await signIn('typed@example.test', []);
  assert.equal(res.status, 403, JSON.stringify(res.body));
  assert.equal(res.body.reason, 'login_policy_denied');
  assert.match(res.body.detail, /rule admin must be a boolean, but it is "typed@example.test"/);
  await usePolicy('package spacelift\nallow if true\ndeny := 3\n');
  assert.match((await signIn('typed@example.test', [])).body.detail, /rule deny must be/);
});

test('saving warns about outputs in shapes the contract does not know, naming the rule', async () => {
  const saved = await usePolicy('package spacelift\nimport rego.v1\n\nallow contains "x" if true\nadmin := 7\ndeny(x) := true if x\nhelper contains 1 if true\nteam contains "a" if true\n');
  assert.deepEqual(saved.warnings.map((w: { rule: string; line: number }) => [w.rule, w.line]), [['allow', 4], ['admin', 5], ['deny', 6]]);
  assert.match(saved.warnings[0].reason, /rule allow is defined as a set rule; the login-policy contract expects a boolean/);
});
