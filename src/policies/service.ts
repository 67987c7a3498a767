// Login policies: saved (validated with line:column errors), simulated, sampled, and evaluated at sign-in.
import type { Knex } from 'knex';
import { recordEvent } from '../audit/service.ts';
import type { Config } from '../config.ts';
import type { RequestContext } from '../http/actor.ts';
import { conflict, invalidFields, notFound } from '../http/errors.ts';
import { requireOrgPermission, requireOrgPermissionNow } from '../orgs/guard.ts';
import { endOrgSessions } from '../sessions/service.ts';
import { RegoBudgetError, RegoCompileError, RegoParseError } from '../rego/index.ts';
import { loadCatalog } from './catalog-store.ts';
import { compiledPolicy } from './compiled-cache.ts';
import { combineResults, defaultDecision, type LoginDecision, type PolicyResult } from './decision.ts';
import { compileLoginPolicy, evaluateLoginPolicy, PolicyShapeError, type CompiledLoginPolicy, type PolicyOutput } from './engine.ts';
import { buildPolicyInput, type CatalogEntry, type SignInFacts } from './input.ts';
import { shapeWarnings } from './contract.ts';
import { firedRules, type Fired } from './explain.ts';
import { requirePassing, runPolicyTests, type PolicyTestRun } from './policy-tests.ts';
import * as store from './store.ts';

type Limits = Pick<Config, 'loginPolicyTimeoutMs' | 'loginPolicyMaxSteps'>;

/** Spacelift keeps the 100 newest evaluations of the last 7 days. */
export const SAMPLES_KEPT = 100;
export const SAMPLE_DAYS = 7;

export function presentPolicy(p: store.PolicyRow) {
  return {
    id: p.id,
    name: p.name,
    body: p.body,
    regoVersion: p.rego_version,
    enabled: p.enabled,
    sampleAll: p.sample_all,
    tests: p.tests,
    version: p.version,
    updatedBy: p.updated_by,
    createdAt: p.created_at.toISOString(),
    updatedAt: p.updated_at.toISOString(),
  };
}

export function presentOutput(o: PolicyOutput) {
  return {
    allow: o.allow,
    deny: o.deny,
    denyMessages: o.denyMessages,
    admin: o.admin,
    denyAdmin: o.denyAdmin,
    sample: o.sample,
    roles: Object.fromEntries([...o.roles].map(([space, roles]) => [space, [...roles].sort()])),
    teams: o.teams,
  };
}

/** Compiles a body for saving or simulating; a syntax or compile error is a 400 naming `body` with line:column. */
function validateBody(body: string, regoVersion: 0 | 1 | undefined): CompiledLoginPolicy {
  try {
    return compileLoginPolicy(body, regoVersion);
  } catch (err) {
    if (err instanceof RegoParseError || err instanceof RegoCompileError) {
      throw invalidFields([{ field: 'body', reason: err.message, line: err.line, column: err.column }]);
    }
    if (err instanceof PolicyShapeError) throw invalidFields([{ field: 'body', reason: err.message }]);
    throw err;
  }
}

export interface PolicyInput {
  name: string;
  body: string;
  regoVersion?: 0 | 1;
  enabled: boolean;
  sampleAll: boolean;
  tests?: string | null;
}

function fields(input: PolicyInput, regoVersion: 0 | 1): store.PolicyFields {
  return { name: input.name, body: input.body, rego_version: regoVersion, enabled: input.enabled, sample_all: input.sampleAll, tests: input.tests ?? null };
}

/** Validates a policy to save: its body, the contract's shapes, and its tests (which must pass to enable it). */
function validatePolicy(input: PolicyInput, limits: Limits) {
  const compiled = validateBody(input.body, input.regoVersion);
  const warnings = shapeWarnings(compiled.policy.modules[0]!);
  const tests = input.tests ? runPolicyTests(input.body, input.tests, compiled.regoVersion, limits) : null;
  if (tests && input.enabled) requirePassing(tests);
  return { version: compiled.regoVersion, warnings, tests };
}

/**
 * Creating, changing or deleting a policy ends every session of the organization but the author's,
 * so nobody keeps access the new rules would refuse (domain §6; roles were frozen at sign-in).
 */
async function policiesChanged(tx: Knex.Transaction, orgId: string, ctx: RequestContext): Promise<number> {
  return (await endOrgSessions(tx, orgId, ctx.actor.sessionId, 'login_policy_changed')).length;
}

export async function createPolicy(db: Knex, ctx: RequestContext, limits: Limits, input: PolicyInput) {
  requireOrgPermission(ctx.actor, 'account:manage');
  const { version, warnings, tests } = validatePolicy(input, limits);
  const orgId = ctx.actor.orgId;
  return db.transaction(async (tx) => {
    await requireOrgPermissionNow(tx, ctx.actor, 'account:manage');
    const row = await store.insertPolicy(tx, orgId, fields(input, version), ctx.actor.label);
    if (!row) throw conflict('a login policy with this name already exists', 'name');
    const endedSessions = await policiesChanged(tx, orgId, ctx);
    await recordEvent(tx, orgId, ctx, { action: 'login_policy.created', target: { type: 'login_policy', id: row.id }, after: presentPolicy(row), details: { endedSessions } });
    return { ...presentPolicy(row), warnings, testResults: tests };
  });
}

export async function listPolicies(db: Knex, ctx: RequestContext) {
  requireOrgPermission(ctx.actor, 'account:manage');
  return { items: (await store.listPolicies(db, ctx.actor.orgId)).map(presentPolicy) };
}

export async function getPolicy(db: Knex, ctx: RequestContext, id: string) {
  requireOrgPermission(ctx.actor, 'account:manage');
  const row = await store.findPolicy(db, ctx.actor.orgId, id);
  if (!row) throw notFound('login policy');
  return presentPolicy(row);
}

export async function replacePolicy(db: Knex, ctx: RequestContext, limits: Limits, id: string, input: PolicyInput) {
  requireOrgPermission(ctx.actor, 'account:manage');
  const { version, warnings, tests } = validatePolicy(input, limits);
  const orgId = ctx.actor.orgId;
  return db.transaction(async (tx) => {
    await requireOrgPermissionNow(tx, ctx.actor, 'account:manage');
    const before = await store.lockPolicy(tx, orgId, id);
    if (!before) throw notFound('login policy');
    if (await store.nameTaken(tx, orgId, input.name, id)) throw conflict('a login policy with this name already exists', 'name');
    const after = await store.updatePolicy(tx, orgId, id, fields(input, version), ctx.actor.label);
    const endedSessions = await policiesChanged(tx, orgId, ctx);
    await recordEvent(tx, orgId, ctx, { action: 'login_policy.updated', target: { type: 'login_policy', id }, before: presentPolicy(before), after: presentPolicy(after), details: { endedSessions } });
    return { ...presentPolicy(after), warnings, testResults: tests };
  });
}

export async function deletePolicy(db: Knex, ctx: RequestContext, id: string): Promise<void> {
  requireOrgPermission(ctx.actor, 'account:manage');
  const orgId = ctx.actor.orgId;
  await db.transaction(async (tx) => {
    await requireOrgPermissionNow(tx, ctx.actor, 'account:manage');
    const before = await store.lockPolicy(tx, orgId, id);
    if (!before) throw notFound('login policy');
    await store.deletePolicy(tx, orgId, id);
    const endedSessions = await policiesChanged(tx, orgId, ctx);
    await recordEvent(tx, orgId, ctx, { action: 'login_policy.deleted', target: { type: 'login_policy', id }, before: presentPolicy(before), details: { endedSessions } });
  });
}

interface Evaluated extends PolicyResult {
  policyVersion: number;
  durationUs: number;
  sampleAll: boolean;
  fired?: Fired[];
}

type StoredPolicy = Pick<store.PolicyRow, 'id' | 'version' | 'body' | 'rego_version' | 'sample_all' | 'tests'>;

/**
 * Evaluates a stored policy (compiled through the cache) or, for the workbench, a draft compiled by the
 * caller; `explain` records which rules fired with which values.
 */
function evaluateOne(p: StoredPolicy, input: unknown, nowNs: number, limits: Limits, draft?: CompiledLoginPolicy, explain = false): Evaluated {
  const started = process.hrtime.bigint();
  const base = { policyId: p.id, policyVersion: p.version, sampleAll: p.sample_all };
  const trace = explain ? firedRules('policy.rego') : undefined;
  const fired = trace ? { fired: trace.fired } : {};
  try {
    const output = evaluateLoginPolicy(draft ?? compiledPolicy(p), input, nowNs, { maxSteps: limits.loginPolicyMaxSteps, timeoutMs: limits.loginPolicyTimeoutMs }, trace?.tracer);
    return { ...base, output, durationUs: Number((process.hrtime.bigint() - started) / 1000n), ...fired };
  } catch (err) {
    const reason = err instanceof RegoBudgetError ? `evaluation budget exhausted: ${err.message}` : (err as Error).message;
    return { ...base, error: reason, durationUs: Number((process.hrtime.bigint() - started) / 1000n), ...fired };
  }
}

const knownObjects = (c: CatalogEntry) => ({
  spaces: new Set(c.spaces.map((s) => s.id)),
  roles: new Map(c.roles.flatMap((r) => [[r.id, r.id], [r.slug, r.id]] as [string, string][])),
});

function presentEvaluated(e: Evaluated, tests?: PolicyTestRun | null) {
  return {
    policyId: e.policyId, durationUs: e.durationUs, output: e.output ? presentOutput(e.output) : null, error: e.error ?? null,
    ...(e.fired ? { fired: e.fired } : {}), ...(tests !== undefined ? { tests } : {}),
  };
}

/**
 * The decision for a sign-in under `login_policy` (the sign-in flow calls this). Every enabled policy
 * is evaluated on its own; samples are stored for policies that sample everything or whose `sample` rule holds.
 */
export async function evaluateSignIn(db: Knex, orgId: string, facts: SignInFacts, limits: Limits): Promise<LoginDecision & { input: unknown }> {
  const [policies, catalog] = await Promise.all([store.listPolicies(db, orgId, true), loadCatalog(db, orgId)]);
  const input = buildPolicyInput(facts, catalog);
  if (!policies.length) return { ...defaultDecision(facts.member), input };
  const results = policies.map((p) => evaluateOne(p, input, facts.timestampNs, limits));
  const decision = combineResults(results, knownObjects(catalog));
  const toSample = results.filter((r) => r.sampleAll || r.output?.sample || r.error);
  await store.insertSamples(
    db,
    orgId,
    toSample.map((r) => ({
      policy_id: r.policyId,
      policy_version: r.policyVersion,
      input,
      output: { ...(r.output ? presentOutput(r.output) : {}), decision: { admitted: decision.admitted, admin: decision.admin, reason: decision.reason, warnings: decision.warnings } },
      error: r.error ?? null,
      duration_us: r.durationUs,
    })),
    SAMPLES_KEPT,
    SAMPLE_DAYS,
  );
  return { ...decision, input };
}

/**
 * The workbench: evaluates an input against one stored policy, a draft body, or (no id) every enabled
 * policy together. `explain` lists the rules that fired; `runTests` runs each policy's saved (or draft)
 * tests. Nothing is stored.
 */
export async function simulate(db: Knex, ctx: RequestContext, limits: Limits, req: SimulateRequest) {
  requireOrgPermission(ctx.actor, 'account:manage');
  const orgId = ctx.actor.orgId;
  let policies: StoredPolicy[];
  // A draft body is compiled here, once, and kept out of the compiled-policy cache.
  let draft: CompiledLoginPolicy | undefined;
  if (req.policyId) {
    const row = await store.findPolicy(db, orgId, req.policyId);
    if (!row) throw notFound('login policy');
    if (req.body !== undefined) draft = validateBody(req.body, req.regoVersion);
    policies = [{ ...row, body: req.body ?? row.body, rego_version: draft?.regoVersion ?? row.rego_version, tests: req.tests ?? row.tests }];
  } else {
    policies = await store.listPolicies(db, orgId, true);
  }
  const started = process.hrtime.bigint();
  const nowNs = readTimestamp(req.input) ?? Date.now() * 1e6;
  const results = policies.map((p) => evaluateOne(p, req.input, nowNs, limits, draft, req.explain));
  const member = (req.input as { session?: { member?: unknown } } | null)?.session?.member === true;
  const decision = results.length ? combineResults(results, knownObjects(await loadCatalog(db, orgId))) : defaultDecision(member);
  const tests = (p: StoredPolicy) => (req.runTests ? (p.tests ? runPolicyTests(p.body, p.tests, p.rego_version, limits) : null) : undefined);
  return { decision, policies: results.map((r, i) => presentEvaluated(r, tests(policies[i]!))), durationUs: Number((process.hrtime.bigint() - started) / 1000n) };
}

export interface SimulateRequest {
  policyId?: string; input: unknown; body?: string; regoVersion?: 0 | 1; tests?: string; explain?: boolean; runTests?: boolean;
}

/** `input.request.timestamp_ns`, which fixes `time.now_ns` so a simulation is repeatable. */
function readTimestamp(input: unknown): number | undefined {
  const ts = (input as { request?: { timestamp_ns?: unknown } } | null)?.request?.timestamp_ns;
  return typeof ts === 'number' ? ts : undefined;
}

export async function listSamples(db: Knex, ctx: RequestContext, policyId: string, limit: number) {
  requireOrgPermission(ctx.actor, 'account:manage');
  if (!(await store.findPolicy(db, ctx.actor.orgId, policyId))) throw notFound('login policy');
  const rows = await store.listSamples(db, ctx.actor.orgId, policyId, limit);
  return {
    items: rows.map((s) => ({ id: String(s.id), policyVersion: s.policy_version, at: s.at.toISOString(), input: s.input, output: s.output, error: s.error, durationUs: s.duration_us })),
  };
}
