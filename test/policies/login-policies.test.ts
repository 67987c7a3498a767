// Login policies through the API: validation with positions, the workbench, sign-in evaluation,
// samples, fail-closed errors and budgets (domain §6, Spacelift's login-policy contract).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { evaluateSignIn } from '../../src/policies/service.ts';
import { addPerson, createOrg, startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let org: Awaited<ReturnType<typeof createOrg>>;
const path = () => `/v1/orgs/${org.slug}/login-policies`;

before(async () => {
  server = await startTestServer();
  org = await createOrg(server);
  for (const id of ['production', 'staging']) {
    const res = await server.as(org.ownerKey).post(`/v1/orgs/${org.slug}/spaces`).send({ id, name: id });
    assert.equal(res.status, 201, JSON.stringify(res.body));
  }
});
after(() => server.close());

// Business hours in Los Angeles from an office network (the contract's example, v1 syntax).
const OFFICE_HOURS_V1 = `package spacelift
import rego.v1

office_networks := {"10.0.0.0/8", "192.168.1.0/24"}
weekend := {"Saturday", "Sunday"}

now := input.request.timestamp_ns
clock := time.clock([now, "America/Los_Angeles"])
weekday := time.weekday([now, "America/Los_Angeles"])

in_office if {
  some network in office_networks
  net.cidr_contains(network, input.request.remote_ip)
}

business_hours if {
  not weekend[weekday]
  clock[0] >= 9
  clock[0] < 17
}

allow if {
  input.session.member
  in_office
  business_hours
}

admin if "Admins" in input.session.teams
deny if not input.session.member

roles[space] contains "space-writer" if {
  some space in {"production", "staging"}
  "Developers" in input.session.teams
}
`;

// The same idea in the legacy syntax, with a role by id-or-slug that does not exist.
const LEGACY_V0 = `package spacelift

allow { input.session.member }
roles["staging"]["space-reader"] { input.session.teams[_] == "QA" }
roles["nowhere"]["space-reader"] { input.session.teams[_] == "QA" }
roles["staging"]["ghost-role"] { input.session.teams[_] == "QA" }
space_admin[space.id] { space := input.spaces[_]; space.name == "production"; input.session.login == "root@example.com" }
team["Contractors"] { endswith(input.session.login, "@contractor.example") }
sample { true }
`;

const ns = (iso: string) => Date.parse(iso) * 1e6;
const input = (over: { login?: string; teams?: string[]; member?: boolean; ip?: string; at?: string } = {}) => ({
  request: { remote_ip: over.ip ?? '10.1.2.3', timestamp_ns: ns(over.at ?? '2026-11-23T18:00:00Z') }, // Monday 10:00 in LA
  session: { login: over.login ?? 'ada@example.com', name: 'Ada', email: over.login ?? 'ada@example.com', teams: over.teams ?? [], member: over.member ?? true },
  spaces: [{ id: 'root', name: 'root', labels: [] }, { id: 'production', name: 'production', labels: [] }, { id: 'staging', name: 'staging', labels: [] }],
});

describe('saving', () => {
  test('a policy with a syntax error is refused with its line and column, and nothing is saved', async () => {
    const res = await server.as(org.ownerKey).post(path()).send({ name: 'broken', body: 'package spacelift\n\nallow if {\n  input.session.member ==\n}\n' });
    assert.equal(res.status, 400);
    const [err] = res.body.errors;
    assert.equal(err.field, 'body');
    assert.equal(err.line, 5);
    assert.match(err.reason, /^5:\d+: /);
    assert.equal((await server.as(org.ownerKey).get(path())).body.items.length, 0);
  });

  test("the seeds' template `roles[space_id][role_id] { condition }` is refused as unsafe", async () => {
    const res = await server.as(org.ownerKey).post(path()).send({ name: 'template', body: 'package spacelift\n\nallow { input.session.member }\n\nroles[space_name][role_id] { condition }\n' });
    assert.equal(res.status, 400);
    assert.match(res.body.errors[0].reason, /unsafe/);
    assert.equal(res.body.errors[0].line, 5);
  });

  test('http.send is refused when saving', async () => {
    const res = await server.as(org.ownerKey).post(path()).send({ name: 'io', body: 'package spacelift\nimport rego.v1\nallow if http.send({"method": "get", "url": "http://x"}).status_code == 200\n' });
    assert.equal(res.status, 400);
    assert.match(res.body.errors[0].reason, /http\.send/);
  });

  test('another package than spacelift is refused', async () => {
    const res = await server.as(org.ownerKey).post(path()).send({ name: 'pkg', body: 'package other\nimport rego.v1\nallow if true\n' });
    assert.equal(res.status, 400);
    assert.match(res.body.errors[0].reason, /package spacelift/);
  });

  test('only owners manage login policies', async () => {
    const admin = await addPerson(server, org, 'admin');
    const res = await server.as(admin.key).post(path()).send({ name: 'x', body: OFFICE_HOURS_V1 });
    assert.equal(res.status, 403);
  });

  test('both syntaxes are detected, saved, audited and replaced with a new version', async () => {
    const v1 = await server.as(org.ownerKey).post(path()).send({ name: 'office hours', body: OFFICE_HOURS_V1 });
    assert.equal(v1.status, 201, JSON.stringify(v1.body));
    assert.equal(v1.body.regoVersion, 1);
    const v0 = await server.as(org.ownerKey).post(path()).send({ name: 'legacy', body: LEGACY_V0, enabled: false });
    assert.equal(v0.status, 201, JSON.stringify(v0.body));
    assert.equal(v0.body.regoVersion, 0);
    const dup = await server.as(org.ownerKey).post(path()).send({ name: 'legacy', body: LEGACY_V0 });
    assert.equal(dup.status, 409);
    const put = await server.as(org.ownerKey).put(`${path()}/${v0.body.id}`).send({ name: 'legacy', body: LEGACY_V0, enabled: false });
    assert.equal(put.body.version, 2);
    const events = await server.as(org.ownerKey).get(`/v1/orgs/${org.slug}/audit-events?action=login_policy.*`);
    assert.deepEqual(events.body.items.map((e: { action: string }) => e.action), ['login_policy.created', 'login_policy.created', 'login_policy.updated']);
  });
});

describe('the workbench', () => {
  const simulate = async (name: string, body: object) => {
    const list = (await server.as(org.ownerKey).get(path())).body.items;
    const p = list.find((x: { name: string }) => x.name === name);
    const res = await server.as(org.ownerKey).post(`${path()}/${p.id}/simulate`).send(body);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body;
  };

  test('business hours in Los Angeles from the office network admit; outside them they do not', async () => {
    assert.equal((await simulate('office hours', { input: input() })).decision.admitted, true);
    // 18:00 UTC on a Saturday is 10:00 in LA, but the weekend.
    assert.equal((await simulate('office hours', { input: input({ at: '2026-11-28T18:00:00Z' }) })).decision.admitted, false);
    // 02:00 UTC Tuesday is 18:00 Monday in LA (PST, UTC-8): after hours.
    assert.equal((await simulate('office hours', { input: input({ at: '2026-11-24T02:00:00Z' }) })).decision.admitted, false);
    // In July LA is on PDT (UTC-7): 16:30 UTC is 09:30 local.
    assert.equal((await simulate('office hours', { input: input({ at: '2026-07-15T16:30:00Z' }) })).decision.admitted, true);
    // From outside the office networks.
    const home = await simulate('office hours', { input: input({ ip: '203.0.113.7' }) });
    assert.equal(home.decision.admitted, false);
    assert.equal(home.decision.reason, 'no login policy allowed this sign-in');
  });

  test('admin alone admits as admin; deny beats everything', async () => {
    const adminAfterHours = await simulate('office hours', { input: input({ teams: ['Admins'], ip: '203.0.113.7' }) });
    assert.deepEqual([adminAfterHours.decision.admitted, adminAfterHours.decision.admin], [true, true]);
    const nonMember = await simulate('office hours', { input: input({ teams: ['Admins'], member: false }) });
    assert.deepEqual([nonMember.decision.admitted, nonMember.decision.reason], [false, 'denied by a login policy']);
  });

  test('roles are resolved from slugs to role ids in existing spaces', async () => {
    const res = await simulate('office hours', { input: input({ teams: ['Developers'] }) });
    const roles = await server.deps.db('roles').where({ org_id: org.id, slug: 'space-writer' }).first();
    assert.deepEqual(res.decision.roles, { production: [roles.id], staging: [roles.id] });
    assert.deepEqual(res.policies[0].output.roles, { production: ['space-writer'], staging: ['space-writer'] });
    assert.ok(res.policies[0].durationUs >= 0);
  });

  test('unknown spaces and roles are warnings; legacy space rules and team rewrites are read', async () => {
    const res = await simulate('legacy', { input: input({ login: 'root@example.com', teams: ['QA'] }) });
    const byslug = Object.fromEntries((await server.deps.db('roles').where({ org_id: org.id })).map((r: { slug: string; id: string }) => [r.slug, r.id]));
    assert.equal(res.decision.admitted, true);
    assert.deepEqual(res.decision.roles, { staging: [byslug['space-reader']], production: [byslug['space-admin']] });
    assert.deepEqual(res.decision.warnings.sort(), ['roles: role "ghost-role" (in space "staging") does not exist', 'roles: space "nowhere" does not exist']);
    const contractor = await simulate('legacy', { input: input({ login: 'joe@contractor.example' }) });
    assert.deepEqual(contractor.decision.teams, ['Contractors']);
  });

  test('a draft body can be tried without saving it', async () => {
    const res = await simulate('legacy', { input: input(), body: 'package spacelift\nimport rego.v1\ndeny if true\nallow if true\n' });
    assert.equal(res.decision.admitted, false);
    const stored = (await server.as(org.ownerKey).get(path())).body.items.find((x: { name: string }) => x.name === 'legacy');
    assert.equal(stored.version, 2);
  });
});

describe('at sign-in', () => {
  const facts = (over: Partial<Parameters<typeof evaluateSignIn>[2]> = {}) => ({
    login: 'ada@example.com', name: 'Ada', email: 'ada@example.com', teams: [] as string[], member: true,
    remoteIp: '10.1.2.3', timestampNs: ns('2026-11-23T18:00:00Z'), ...over,
  });
  const limits = () => server.deps.config;

  test('no policy: members are allowed, as the contract says', async () => {
    const other = await createOrg(server);
    const yes = await evaluateSignIn(server.deps.db, other.id, facts(), limits());
    assert.equal(yes.admitted, true);
    const no = await evaluateSignIn(server.deps.db, other.id, facts({ member: false }), limits());
    assert.equal(no.admitted, false);
  });

  test('every enabled policy is evaluated on its own and any deny wins; samples are kept', async () => {
    const o = await createOrg(server);
    const p = `/v1/orgs/${o.slug}/login-policies`;
    // Helper rules with the same name in two policies do not interfere.
    await server.as(o.ownerKey).post(p).send({ name: 'a', body: 'package spacelift\nimport rego.v1\nok := true\nallow if ok\n' });
    const b = await server.as(o.ownerKey).post(p).send({ name: 'b', body: 'package spacelift\nimport rego.v1\nok := false\ndeny if "Blocked" in input.session.teams\n', sampleAll: false });
    assert.equal((await evaluateSignIn(server.deps.db, o.id, facts(), limits())).admitted, true);
    const denied = await evaluateSignIn(server.deps.db, o.id, facts({ teams: ['Blocked'] }), limits());
    assert.equal(denied.admitted, false);
    const samplesA = await server.as(o.ownerKey).get(`${p}/${(await server.as(o.ownerKey).get(p)).body.items[0].id}/samples`);
    assert.equal(samplesA.body.items.length, 2);
    assert.equal(samplesA.body.items[0].input.session.teams[0], 'Blocked');
    const samplesB = await server.as(o.ownerKey).get(`${p}/${b.body.id}/samples`);
    assert.equal(samplesB.body.items.length, 0, 'b samples only when its sample rule holds');
  });

  test('a policy that fails to evaluate refuses the sign-in, says why, and is sampled', async () => {
    const o = await createOrg(server);
    const p = `/v1/orgs/${o.slug}/login-policies`;
    const created = await server.as(o.ownerKey).post(p).send({ name: 'conflict', body: 'package spacelift\nimport rego.v1\nallow if true\nuser := input.session.login\nuser := "someone else" if true\n', sampleAll: false });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const d = await evaluateSignIn(server.deps.db, o.id, facts(), limits());
    assert.equal(d.admitted, false);
    assert.match(d.reason!, /failed to evaluate/);
    const samples = await server.as(o.ownerKey).get(`${p}/${created.body.id}/samples`);
    assert.equal(samples.body.items.length, 1);
    assert.ok(samples.body.items[0].error);
  });

  test('a pathological policy runs out of budget and refuses cleanly', async () => {
    const o = await createOrg(server);
    const p = `/v1/orgs/${o.slug}/login-policies`;
    const body = 'package spacelift\nimport rego.v1\nn := numbers.range(1, 400)\nallow if count([x | some a in n; some b in n; some c in n; x := a + b + c]) > 0\n';
    assert.equal((await server.as(o.ownerKey).post(p).send({ name: 'slow', body })).status, 201);
    const started = Date.now();
    const d = await evaluateSignIn(server.deps.db, o.id, facts(), { loginPolicyMaxSteps: 100_000, loginPolicyTimeoutMs: 1000 });
    assert.equal(d.admitted, false);
    assert.match(d.reason!, /budget/);
    assert.ok(Date.now() - started < 5000);
  });
});

describe('sessions', () => {
  test("changing a policy ends every session but the author's", async () => {
    const { openTestSession } = await import('../sessions/open-session.ts');
    const o = await createOrg(server);
    const author = await addPerson(server, o, 'owner');
    const other = await addPerson(server, o, 'viewer');
    const authorSession = await openTestSession(server, o.id, author.userId);
    const otherSession = await openTestSession(server, o.id, other.userId);
    assert.equal((await server.as(otherSession.token).get('/v1/me')).status, 200);
    const created = await server.as(authorSession.token).post(`/v1/orgs/${o.slug}/login-policies`).send({ name: 'p', body: 'package spacelift\nimport rego.v1\nallow if input.session.member\n' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal((await server.as(otherSession.token).get('/v1/me')).status, 401);
    assert.equal((await server.as(authorSession.token).get('/v1/me')).status, 200);
    const event = (await server.as(o.ownerKey).get(`/v1/orgs/${o.slug}/audit-events?action=login_policy.created`)).body.items[0];
    assert.deepEqual(event.details, { endedSessions: 1 });
  });
});
