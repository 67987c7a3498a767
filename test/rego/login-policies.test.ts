// The documented login policies of seeds 002 and 004, in both syntaxes, against inputs that take each branch.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compile, RegoCompileError, toJson } from '../../src/rego/index.ts';
import { seedPolicy } from './seed-policies.ts';

/** 2023-11-14T22:13:20Z: Tuesday 14:13 in Los Angeles. */
const TUESDAY_AFTERNOON = 1_700_000_000_000_000_000;
/** 2023-11-18T20:00:00Z: Saturday 12:00 in Los Angeles. */
const SATURDAY_NOON = 1_700_337_600_000_000_000;
/** 2023-11-14T12:00:00Z: Tuesday 04:00 in Los Angeles. */
const TUESDAY_4AM = 1_699_963_200_000_000_000;

interface Opts { login?: string; teams?: string[]; member?: boolean; ip?: string; ts?: number; spaces?: string[] }
function input(o: Opts = {}) {
  return {
    request: { remote_ip: o.ip ?? '203.0.113.7', timestamp_ns: o.ts ?? TUESDAY_AFTERNOON },
    session: {
      login: o.login ?? 'someone@company.com', member: o.member ?? true, teams: o.teams ?? [], admin: false,
      machine: false, name: 'Someone', creator_ip: '203.0.113.7',
    },
    spaces: (o.spaces ?? ['root', 'development']).map((id) => ({ id, name: id, labels: [] })),
    roles: [],
  };
}

function decide(name: string, o: Opts = {}): Record<string, any> {
  const p = seedPolicy(name);
  const policy = compile([{ name, source: p.source }], { regoVersion: p.regoVersion });
  return toJson(policy.evalRef('data.spacelift', { input: input(o) })!) as Record<string, any>;
}

/** Space → role slugs, whatever the shape (v1 sets, v0 `roles[s][r] { }` objects of true). */
function roles(doc: Record<string, any>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [space, v] of Object.entries(doc.roles ?? {})) {
    const slugs = Array.isArray(v) ? v as string[] : Object.keys(v as object).filter((k) => (v as any)[k] === true);
    if (slugs.length) out[space] = [...slugs].sort();
  }
  return out;
}

describe('templates that are not valid Rego are refused', () => {
  for (const [name, varName] of [['seed002_template_v0', 'condition'], ['seed004_template_v1', 'space'], ['seed004_template_v0', 'space']]) {
    test(name, () => {
      const p = seedPolicy(name!);
      assert.throws(() => compile([p.source], { regoVersion: p.regoVersion }), (err: unknown) => {
        assert.ok(err instanceof RegoCompileError);
        assert.match(err.message, new RegExp(`^\\d+:\\d+: var ${varName} is unsafe$`));
        return true;
      });
    });
  }
});

describe('seed 002 (v0)', () => {
  test('non-members are not allowed', () => {
    assert.equal(decide('seed002_individual_v0', { member: false }).allow, undefined);
  });
  test('individual user assignment', () => {
    const d = decide('seed002_individual_v0', { login: 'alice@company.com' });
    assert.equal(d.allow, true);
    assert.deepEqual(roles(d), {
      development: ['developer-role-id'], infrastructure: ['platform-engineer-role-id'], staging: ['developer-role-id'],
    });
    // v0 `roles[s][r] { … }` is a single-value rule with value true (OPA semantics).
    assert.deepEqual(d.roles.staging, { 'developer-role-id': true });
    assert.deepEqual(roles(decide('seed002_individual_v0', { login: 'bob@company.com' })), {});
  });
  test('users from a set', () => {
    assert.deepEqual(roles(decide('seed002_senior_set_v0', { login: 'bob@company.com' })), { production: ['senior-developer-role-id'] });
    assert.deepEqual(roles(decide('seed002_senior_set_v0', { login: 'mallory@company.com' })), {});
  });
  test('environment-based access', () => {
    const p = 'seed002_environments_v0';
    assert.deepEqual(roles(decide(p, { teams: ['Junior-Developers'] })), { development: ['developer-role-id'] });
    assert.deepEqual(roles(decide(p, { teams: ['Senior-Developers'] })), { development: ['developer-role-id'], staging: ['developer-role-id'] });
    assert.deepEqual(roles(decide(p, { teams: ['Lead-Developers'] })), {
      development: ['lead-developer-role-id'], staging: ['lead-developer-role-id'], production: ['lead-developer-role-id'],
    });
    assert.deepEqual(roles(decide(p, { teams: ['Marketing'] })), {});
  });
  test('business hours (time.clock, time.weekday)', () => {
    const p = 'seed002_business_hours_v0';
    const d = decide(p, { teams: ['SRE'], ts: TUESDAY_AFTERNOON });
    assert.equal(d.is_business_hours, true);
    assert.deepEqual(roles(d), { production: ['prod-deployer-role-id'] });
    assert.equal(decide(p, { teams: ['SRE'], ts: SATURDAY_NOON }).is_business_hours, undefined);
    assert.deepEqual(roles(decide(p, { teams: ['SRE'], ts: TUESDAY_4AM })), {});
    assert.deepEqual(roles(decide(p, { teams: ['Dev'], ts: TUESDAY_AFTERNOON })), {});
  });
  test('office network (net.cidr_contains)', () => {
    const p = 'seed002_office_network_v0';
    assert.deepEqual(roles(decide(p, { teams: ['DevOps'], ip: '10.20.30.40' })), { production: ['admin-role-id'] });
    assert.deepEqual(roles(decide(p, { teams: ['DevOps'], ip: '192.168.1.77' })), { production: ['admin-role-id'] });
    assert.deepEqual(roles(decide(p, { teams: ['DevOps'], ip: '192.168.2.77' })), {});
    assert.deepEqual(roles(decide(p, { teams: ['QA'], ip: '10.0.0.1' })), {});
  });
});

describe('seed 004 (v1 and v0 twins, squeezed whitespace)', () => {
  const twins = (base: string) => [`${base}_v1`, `${base}_v0`];
  test('RBAC role slugs', () => {
    for (const p of twins('seed004_rbac_slugs')) {
      assert.equal(decide(p).allow, true, p);
      assert.deepEqual(roles(decide(p, { teams: ['Frontend'] })), { 'space-id': ['developer-role-slug'] }, p);
      assert.deepEqual(roles(decide(p, { teams: ['DevOps', 'Admin'] })), { 'space-id': ['platform-engineer-role-slug'], root: ['space-admin-role-slug'] }, p);
      assert.deepEqual(roles(decide(p, { teams: ['Nobody'] })), {}, p);
    }
  });
  test('DevOps and Frontend teams', () => {
    for (const p of twins('seed004_devops_frontend')) {
      assert.deepEqual(roles(decide(p, { teams: ['DevOps', 'Frontend'] })), { 'space-id': ['developer-role-slug', 'platform-engineer-role-slug'] }, p);
      assert.deepEqual(roles(decide(p, { teams: ['devops'] })), {}, `${p}: team names are case-sensitive`);
    }
  });
  test('team sets', () => {
    const p = 'seed004_team_sets_v1';
    assert.deepEqual(roles(decide(p, { teams: ['Mobile'] })), { 'space-id': ['developer-role-slug'] });
    assert.deepEqual(roles(decide(p, { teams: ['SRE', 'QA'] })), { 'space-id': ['developer-role-slug', 'platform-role-slug'] });
    assert.deepEqual(roles(decide(p, { teams: [] })), {});
  });
  test('seniority picks spaces from a set', () => {
    const p = 'seed004_seniority_spaces_v1';
    assert.deepEqual(roles(decide(p, { teams: ['Junior-Developers'] })), { 'space-id': ['junior-dev-role-slug'] });
    assert.deepEqual(roles(decide(p, { teams: ['Senior-Developers'] })), { development: ['senior-dev-role-slug'], staging: ['senior-dev-role-slug'] });
    assert.deepEqual(roles(decide(p, { teams: ['Team-Leads'] })), {
      development: ['team-lead-role-slug'], staging: ['team-lead-role-slug'], production: ['team-lead-role-slug'],
    });
  });
  test('departments, with a role in every input space', () => {
    for (const p of twins('seed004_departments')) {
      assert.deepEqual(roles(decide(p, { teams: ['Engineering', 'Operations'] })), { 'space-id': ['engineer-role-slug', 'ops-role-slug'] }, p);
      assert.deepEqual(roles(decide(p, { teams: ['Security'], spaces: ['root', 'dev', 'prod'] })), {
        root: ['security-auditor-role-slug'], dev: ['security-auditor-role-slug'], prod: ['security-auditor-role-slug'],
      }, p);
    }
  });
  test('projects and overlays', () => {
    for (const p of twins('seed004_projects')) {
      assert.deepEqual(roles(decide(p, { teams: ['Project-Alpha-Team', 'Platform-Engineers'] })), {
        'project-alpha': ['developer-role-id'], infrastructure: ['platform-role-id'],
      }, p);
      assert.deepEqual(roles(decide(p, { teams: ['Project-Beta-Team', 'Security-Champions'], spaces: ['x'] })), {
        'project-beta': ['developer-role-id'], x: ['security-role-id'],
      }, p);
    }
  });
  test('production needs a deployment team and seniority', () => {
    for (const p of twins('seed004_production')) {
      assert.deepEqual(roles(decide(p, { teams: ['SRE', 'Senior-Engineers'] })), { production: ['prod-deployer-role-slug'] }, p);
      assert.deepEqual(roles(decide(p, { teams: ['SRE'] })), {}, p);
      assert.deepEqual(roles(decide(p, { teams: ['Senior-Engineers'] })), {}, p);
    }
  });
  test('the scraped v1 text stays v1: `if` bodies glued to strings parse', () => {
    const p = seedPolicy('seed004_rbac_slugs_v1');
    assert.match(p.source, /"developer-role-slug"if\{/);
    assert.doesNotThrow(() => compile([p.source], { regoVersion: 1 }));
    assert.throws(() => compile([p.source], { regoVersion: 0 }), /\d+:\d+: /);
  });
});
