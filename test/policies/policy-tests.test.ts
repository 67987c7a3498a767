// Login policies carry their tests: saved with the policy, run when it is saved (a policy whose tests fail
// cannot be enabled) and on demand in the workbench, which also explains which rules fired with which values.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createOrg, startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let org: Awaited<ReturnType<typeof createOrg>>;
const path = () => `/v1/orgs/${org.slug}/login-policies`;

before(async () => {
  server = await startTestServer();
  org = await createOrg(server);
});
after(() => server.close());

const BODY = `package spacelift
import rego.v1

allow if input.session.member
deny contains "contractors are not admitted" if "Contractors" in input.session.teams
roles[space] contains "space-reader" if {
  some space in ["staging", "production"]
  "QA" in input.session.teams
}
`;
const PASSING = `package spacelift
import rego.v1

test_members_allowed if allow with input as {"session": {"member": true, "teams": []}}
test_contractors_denied if "contractors are not admitted" in deny with input as {"session": {"member": true, "teams": ["Contractors"]}}
`;
const FAILING = `package spacelift
import rego.v1

test_outsiders_allowed if allow with input as {"session": {"member": false}}
`;

test('tests saved with a policy run on save; passing tests let it be enabled', async () => {
  const res = await server.as(org.ownerKey).post(path()).send({ name: 'tested', body: BODY, tests: PASSING });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  assert.equal(res.body.tests, PASSING);
  assert.equal(res.body.testResults.passed, true);
  assert.deepEqual(res.body.testResults.results.map((r: { name: string }) => r.name), ['data.spacelift.test_members_allowed', 'data.spacelift.test_contractors_denied']);
});

test('a policy whose tests fail cannot be enabled: 400 naming the test and why; saved disabled it can be', async () => {
  const refused = await server.as(org.ownerKey).post(path()).send({ name: 'failing', body: BODY, tests: FAILING });
  assert.equal(refused.status, 400);
  assert.equal(refused.body.errors[0].field, 'tests');
  assert.equal(refused.body.errors[0].line, 4);
  assert.match(refused.body.errors[0].reason, /test_outsiders_allowed failed, so the policy cannot be enabled: policy_test\.rego:4: data\.spacelift\.allow with input as/);
  assert.equal((await server.as(org.ownerKey).get(path())).body.items.some((p: { name: string }) => p.name === 'failing'), false);
  const disabled = await server.as(org.ownerKey).post(path()).send({ name: 'failing', body: BODY, tests: FAILING, enabled: false });
  assert.equal(disabled.status, 201, JSON.stringify(disabled.body));
  assert.equal(disabled.body.testResults.passed, false);
  const enable = await server.as(org.ownerKey).put(`${path()}/${disabled.body.id}`).send({ name: 'failing', body: BODY, tests: FAILING, enabled: true });
  assert.equal(enable.status, 400);
  const fixed = await server.as(org.ownerKey).put(`${path()}/${disabled.body.id}`).send({ name: 'failing', body: BODY, tests: PASSING, enabled: true });
  assert.equal(fixed.status, 200, JSON.stringify(fixed.body));
});

test('tests with a syntax error, or without any test, are refused with the position', async () => {
  const broken = await server.as(org.ownerKey).post(path()).send({ name: 'broken-tests', body: BODY, tests: 'package spacelift\n\ntest_x if {\n' });
  assert.equal(broken.status, 400);
  assert.equal(broken.body.errors[0].field, 'tests');
  assert.equal(broken.body.errors[0].line, 4);
  const none = await server.as(org.ownerKey).post(path()).send({ name: 'no-tests', body: BODY, tests: 'package spacelift\nx := 1\n' });
  assert.equal(none.status, 400);
  assert.match(none.body.errors[0].reason, /defines no test/);
});

test('the workbench runs the saved or draft tests and explains which rules fired with which values', async () => {
  const list = (await server.as(org.ownerKey).get(path())).body.items;
  const id = list.find((p: { name: string }) => p.name === 'tested').id;
  const input = { session: { member: true, login: 'q@example.com', teams: ['QA', 'Contractors'] } };
  const sim = await server.as(org.ownerKey).post(`${path()}/${id}/simulate`).send({ input, explain: true, runTests: true });
  assert.equal(sim.status, 200, JSON.stringify(sim.body));
  const [p] = sim.body.policies;
  assert.equal(p.tests.passed, true);
  const byLine = (x: { line: number; keys?: unknown[] }, y: { line: number; keys?: unknown[] }) => x.line - y.line || String(x.keys).localeCompare(String(y.keys));
  assert.deepEqual([...p.fired].sort(byLine), [
    { rule: 'data.spacelift.allow', line: 4, value: true },
    { rule: 'data.spacelift.deny', line: 5, value: 'contractors are not admitted' },
    { rule: 'data.spacelift.roles', line: 6, keys: ['production'], value: 'space-reader' },
    { rule: 'data.spacelift.roles', line: 6, keys: ['staging'], value: 'space-reader' },
  ]);
  assert.equal(sim.body.decision.reason, 'denied by a login policy: contractors are not admitted');
  const draft = await server.as(org.ownerKey).post(`${path()}/${id}/simulate`).send({ input, runTests: true, tests: FAILING });
  assert.equal(draft.body.policies[0].tests.passed, false);
  assert.equal(draft.body.policies[0].fired, undefined, 'no explanation unless asked');
});
