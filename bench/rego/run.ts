// Login-policy benchmark: each seed policy is compiled once (compile time printed), then `data.spacelift`
// is evaluated many times after a warm-up; median and p99 µs per evaluation are printed beside the same
// decision hand-written in TypeScript, measured in the same run.
//
//   node --import tsx bench/rego/run.ts [iterations]

import { compile, toJson, type CompiledPolicy } from '../../src/rego/index.ts';
import { SEED_POLICIES } from '../../test/rego/seed-policies.ts';

const ITER = Number(process.argv[2] ?? 20000);
const WARMUP = Math.min(5000, ITER);

type Input = ReturnType<typeof makeInput>;
function makeInput() {
  return {
    request: { remote_ip: '10.20.30.40', timestamp_ns: 1_700_000_000_000_000_000 },
    attachment: null,
    session: {
      account_name: 'acme', admin: false, creator_ip: '10.20.30.40', login: 'alice@company.com', machine: false, member: true,
      name: 'Alice', stack_id: '', teams: ['Frontend', 'DevOps', 'SRE', 'Senior-Engineers', 'Senior-Developers', 'Security'],
    },
    spaces: ['root', 'development', 'staging', 'production', 'space-id'].map((id) => ({ id, name: id, labels: ['team:x'] })),
    roles: [{ id: 'r1', name: 'Space Admin', slug: 'space-admin', ulid: '01H' }],
  };
}

// ---- The same decisions in plain TypeScript -------------------------------------------------------
type Doc = Record<string, unknown>;
const has = (i: Input, t: string) => i.session.teams.includes(t);
const v0roles = (pairs: [string, string][]) => {
  const out: Record<string, Record<string, boolean>> = {};
  for (const [s, r] of pairs) (out[s] ??= {})[r] = true;
  return out;
};
const v1roles = (pairs: [string, string][]) => {
  const out: Record<string, string[]> = {};
  for (const [s, r] of pairs) { const l = (out[s] ??= []); if (!l.includes(r)) l.push(r); }
  for (const l of Object.values(out)) l.sort();
  return out;
};
const laParts = new Intl.DateTimeFormat('en-US', { timeZone: 'America/Los_Angeles', hour: 'numeric', hourCycle: 'h23' });
const inOffice = (ip: string) => ip.startsWith('10.') || ip.startsWith('192.168.1.');

/** Each decision as (space, role) pairs; the document shape follows the syntax (v1 sets, v0 `{role: true}`). */
const DECISIONS: Record<string, (i: Input) => [string, string][]> = {
  seed002_individual: (i) => (i.session.login === 'alice@company.com'
    ? [['infrastructure', 'platform-engineer-role-id'], ['development', 'developer-role-id'], ['staging', 'developer-role-id']] : []),
  seed002_senior_set: (i) => (new Set(['alice@company.com', 'bob@company.com', 'charlie@company.com']).has(i.session.login)
    ? [['production', 'senior-developer-role-id']] : []),
  seed002_environments: (i) => {
    const p: [string, string][] = [];
    if (has(i, 'Junior-Developers')) p.push(['development', 'developer-role-id']);
    if (has(i, 'Senior-Developers')) for (const s of ['development', 'staging']) p.push([s, 'developer-role-id']);
    if (has(i, 'Lead-Developers')) for (const s of ['development', 'staging', 'production']) p.push([s, 'lead-developer-role-id']);
    return p;
  },
  seed002_business_hours: (i) => {
    const d = new Date(i.request.timestamp_ns / 1e6);
    const hour = Number(laParts.format(d));
    const day = d.getUTCDay();
    const business = day !== 0 && day !== 6 && hour >= 9 && hour <= 17;
    return business && has(i, 'SRE') ? [['production', 'prod-deployer-role-id']] : [];
  },
  seed002_office_network: (i) => (has(i, 'DevOps') && inOffice(i.request.remote_ip) ? [['production', 'admin-role-id']] : []),
  seed004_rbac_slugs: (i) => {
    const p: [string, string][] = [];
    if (has(i, 'Frontend')) p.push(['space-id', 'developer-role-slug']);
    if (has(i, 'DevOps')) p.push(['space-id', 'platform-engineer-role-slug']);
    if (has(i, 'Admin')) p.push(['root', 'space-admin-role-slug']);
    return p;
  },
  seed004_devops_frontend: (i) => {
    const p: [string, string][] = [];
    if (has(i, 'DevOps')) p.push(['space-id', 'platform-engineer-role-slug']);
    if (has(i, 'Frontend')) p.push(['space-id', 'developer-role-slug']);
    return p;
  },
  seed004_team_sets: (i) => {
    const p: [string, string][] = [];
    if (i.session.teams.some((t) => ['Frontend', 'Backend', 'Mobile', 'QA'].includes(t))) p.push(['space-id', 'developer-role-slug']);
    if (i.session.teams.some((t) => ['DevOps', 'SRE', 'Platform'].includes(t))) p.push(['space-id', 'platform-role-slug']);
    return p;
  },
  seed004_seniority_spaces: (i) => {
    const p: [string, string][] = [];
    if (has(i, 'Junior-Developers')) p.push(['space-id', 'junior-dev-role-slug']);
    if (has(i, 'Senior-Developers')) for (const s of ['development', 'staging']) p.push([s, 'senior-dev-role-slug']);
    if (has(i, 'Team-Leads')) for (const s of ['development', 'staging', 'production']) p.push([s, 'team-lead-role-slug']);
    return p;
  },
  seed004_departments: (i) => {
    const p: [string, string][] = [];
    if (has(i, 'Engineering')) p.push(['space-id', 'engineer-role-slug']);
    if (has(i, 'Operations')) p.push(['space-id', 'ops-role-slug']);
    if (has(i, 'Security')) for (const s of i.spaces) p.push([s.id, 'security-auditor-role-slug']);
    return p;
  },
  seed004_projects: (i) => {
    const p: [string, string][] = [];
    if (has(i, 'Project-Alpha-Team')) p.push(['project-alpha', 'developer-role-id']);
    if (has(i, 'Project-Beta-Team')) p.push(['project-beta', 'developer-role-id']);
    if (has(i, 'Platform-Engineers')) p.push(['infrastructure', 'platform-role-id']);
    if (has(i, 'Security-Champions')) for (const s of i.spaces) p.push([s.id, 'security-role-id']);
    return p;
  },
  seed004_production: (i) => (i.session.teams.some((t) => ['DevOps', 'SRE', 'Platform'].includes(t)) && has(i, 'Senior-Engineers')
    ? [['production', 'prod-deployer-role-slug']] : []),
};

function baseline(name: string, regoVersion: 0 | 1): ((i: Input) => Doc) | undefined {
  const decide = DECISIONS[name.replace(/_v[01]$/, '')];
  if (!decide) return undefined;
  const shape = regoVersion === 0 ? v0roles : v1roles;
  return (i) => ({ allow: i.session.member || undefined, roles: shape(decide(i)) });
}

// ---- Measurement ---------------------------------------------------------------------------------
function measure(fn: () => unknown): { median: number; p99: number } {
  for (let i = 0; i < WARMUP; i++) fn();
  const t = new Float64Array(ITER);
  for (let i = 0; i < ITER; i++) {
    const t0 = performance.now();
    fn();
    t[i] = performance.now() - t0;
  }
  t.sort();
  return { median: t[Math.floor(ITER / 2)]! * 1000, p99: t[Math.floor(ITER * 0.99)]! * 1000 };
}

const input = makeInput();
const fmt = (n: number) => n.toFixed(2).padStart(8);
console.log(`${ITER} evaluations per policy after ${WARMUP} warm-up; times in µs (engine: evalRef('data.spacelift') incl. input conversion)`);
console.log(`${'policy'.padEnd(30)} ${'compile ms'.padStart(10)} ${'median'.padStart(8)} ${'p99'.padStart(8)}   ${'TS median'.padStart(9)} ${'TS p99'.padStart(8)}`);
for (const p of SEED_POLICIES) {
  let policy: CompiledPolicy;
  const c0 = performance.now();
  try {
    policy = compile([{ name: p.name, source: p.source }], { regoVersion: p.regoVersion });
  } catch {
    continue; // the documentation templates that are not valid Rego
  }
  const compileMs = performance.now() - c0;
  const engine = measure(() => policy.evalRef('data.spacelift', { input }));
  const base = baseline(p.name, p.regoVersion);
  let ts = '', agree = '';
  if (base) {
    const b = measure(() => base(input));
    ts = `${fmt(b.median).padStart(9)} ${fmt(b.p99)}`;
    const mine = toJson(policy.evalRef('data.spacelift', { input })!) as Doc;
    const theirs = JSON.parse(JSON.stringify(base(input))) as Doc;
    const same = JSON.stringify(pick(mine)) === JSON.stringify(pick(theirs));
    agree = same ? '' : '  (baseline disagrees!)';
  }
  console.log(`${p.name.padEnd(30)} ${compileMs.toFixed(2).padStart(10)} ${fmt(engine.median)} ${fmt(engine.p99)}   ${ts}${agree}`);
}

/** allow and the non-empty role assignments as sorted slugs, for comparing the engine with a baseline. */
function pick(d: Doc): unknown {
  const roles: Record<string, string[]> = {};
  for (const [k, v] of Object.entries((d.roles ?? {}) as Record<string, unknown>)) {
    const slugs = Array.isArray(v) ? (v as string[]) : Object.keys(v as object).filter((r) => (v as Record<string, unknown>)[r] === true);
    if (slugs.length > 0) roles[k] = [...slugs].sort();
  }
  return { allow: d.allow ?? null, roles: Object.fromEntries(Object.entries(roles).sort()) };
}
