// One login policy, compiled once per version and evaluated on its own: helper rules of one policy
// never leak into another (Spacelift's contract: each policy is evaluated separately).
import { compile, compileAnyVersion, RegoObject, type CompiledPolicy, type Tracer, type Value } from '../rego/index.ts';
import { POLICY_PACKAGE, readBoolean, readDeny, readNames, readRoles } from './contract.ts';

export { POLICY_PACKAGE } from './contract.ts';

/** What one policy said, read the way the contract reads its rules (undefined counts as false). */
export interface PolicyOutput {
  allow: boolean;
  deny: boolean;
  /** The messages of a string or set `deny`: shown in the refusal, the sample and the audit record. */
  denyMessages: string[];
  admin: boolean;
  denyAdmin: boolean;
  sample: boolean;
  /** Space reference → role references, as the policy wrote them (ids or slugs). */
  roles: Map<string, Set<string>>;
  /** Extra team names; when non-empty they replace the IdP's list (contract §3, `team`). */
  teams: string[];
}

export interface CompiledLoginPolicy {
  readonly regoVersion: 0 | 1;
  readonly policy: CompiledPolicy;
}

/**
 * Compiles a policy body. Without an explicit version, OPA 1.0 syntax is tried first and the legacy
 * syntax second, so both kinds of seed policy are accepted as pasted (the CLI detects it the same way).
 */
export function compileLoginPolicy(body: string, regoVersion?: 0 | 1): CompiledLoginPolicy {
  const source = [{ name: 'policy.rego', source: body }];
  const policy = regoVersion === undefined ? compileAnyVersion(source) : compile(source, { regoVersion });
  const { pkg, pkgLoc } = policy.modules[0]!;
  if (pkg.join('.') !== POLICY_PACKAGE) {
    throw new PolicyShapeError(`${pkgLoc.line}:${pkgLoc.col}: a login policy must be in package ${POLICY_PACKAGE}, not ${pkg.join('.')}`);
  }
  return { regoVersion: policy.regoVersion, policy };
}

export class PolicyShapeError extends Error {}

const LEGACY: Record<string, string> = { space_read: 'space-reader', space_write: 'space-writer', space_admin: 'space-admin' };

/** Reads the contract's output rules from the value of `data.spacelift`; an output of the wrong type throws PolicyOutputError. */
export function readOutput(doc: Value | undefined): PolicyOutput {
  const get = (name: string) => (doc instanceof RegoObject ? doc.get(name) : undefined);
  const roles = new Map<string, Set<string>>();
  readRoles(get('roles'), roles);
  // Deprecated space_read/space_write/space_admin sets of space ids ≡ the predefined roles.
  for (const [rule, role] of Object.entries(LEGACY)) {
    for (const space of readNames(rule, get(rule))) {
      const set = roles.get(space) ?? new Set<string>();
      set.add(role);
      roles.set(space, set);
    }
  }
  const deny = readDeny(get('deny'));
  return {
    allow: readBoolean('allow', get('allow')),
    deny: deny.deny,
    denyMessages: deny.messages,
    admin: readBoolean('admin', get('admin')),
    denyAdmin: readBoolean('deny_admin', get('deny_admin')),
    sample: readBoolean('sample', get('sample')),
    roles,
    teams: readNames('team', get('team')),
  };
}

export interface EvaluationLimits {
  maxSteps: number;
  timeoutMs: number;
}

/** Evaluates a compiled policy against an input. Throws on evaluation errors and budget exhaustion. */
export function evaluateLoginPolicy(compiled: CompiledLoginPolicy, input: unknown, nowNs: number, limits: EvaluationLimits, tracer?: Tracer): PolicyOutput {
  const doc = compiled.policy.evalRef(`data.${POLICY_PACKAGE}`, { input, nowNs, maxSteps: limits.maxSteps, timeoutMs: limits.timeoutMs, tracer });
  return readOutput(doc);
}
