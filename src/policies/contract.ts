// The login-policy contract's outputs (Spacelift, shared contract §3) and the shapes each may take.
// Reading an output of the wrong type refuses the sign-in (fail closed); a rule that defines an output
// in a shape the contract does not know is reported when the policy is saved, naming the rule.
import { RegoObject, RegoSet, regoText, type Module, type Rule, type Term, type Value } from '../rego/index.ts';

export const POLICY_PACKAGE = 'spacelift';

/** How a rule defines its document, read from its head. */
type Shape = 'boolean' | 'string' | 'value' | 'set' | 'object' | 'function' | 'other-constant';

/** The shapes each output accepts; `value` (a computed complete value) is checked at evaluation. */
const OUTPUTS: Record<string, { shapes: Shape[]; want: string }> = {
  allow: { shapes: ['boolean', 'value'], want: 'a boolean' },
  admin: { shapes: ['boolean', 'value'], want: 'a boolean' },
  deny_admin: { shapes: ['boolean', 'value'], want: 'a boolean' },
  sample: { shapes: ['boolean', 'value'], want: 'a boolean' },
  deny: { shapes: ['boolean', 'string', 'set', 'value'], want: 'a boolean, a string or a set of messages' },
  roles: { shapes: ['object', 'value'], want: 'an object of space → set of roles' },
  team: { shapes: ['set', 'object', 'value'], want: 'a set of team names' },
  space_read: { shapes: ['set', 'value'], want: 'a set of space ids' },
  space_write: { shapes: ['set', 'value'], want: 'a set of space ids' },
  space_admin: { shapes: ['set', 'value'], want: 'a set of space ids' },
};

export interface ShapeWarning { rule: string; line: number; column: number; reason: string }

function shapeOf(r: Rule): Shape {
  if (r.kind === 'function') return 'function';
  if (r.head.ref.length > 1) return 'object'; // partial object or ref head: roles[s] contains r, roles[s][r] {…}
  if (r.kind === 'multi') return 'set';
  const v: Term | undefined = r.head.value;
  if (!v || v.type !== 'scalar') return 'value';
  if (typeof v.value === 'boolean') return 'boolean';
  if (typeof v.value === 'string') return 'string';
  return 'other-constant';
}

/** Rules that define a contract output in a shape the contract does not know. */
export function shapeWarnings(module: Module): ShapeWarning[] {
  const out: ShapeWarning[] = [];
  for (const r of module.rules) {
    const first = r.head.ref[0];
    const name = first?.type === 'var' ? first.name : undefined;
    const spec = name ? OUTPUTS[name] : undefined;
    if (!name || !spec) continue;
    for (let b: Rule | undefined = r; b; b = b.elseRule) {
      const shape = shapeOf(b);
      if (spec.shapes.includes(shape)) continue;
      const got = shape === 'other-constant' ? `the constant ${regoText(b.head.value!.type === 'scalar' ? b.head.value!.value : null)}` : `a ${shape} rule`;
      out.push({ rule: name, line: b.loc.line, column: b.loc.col, reason: `rule ${name} is defined as ${got}; the login-policy contract expects ${spec.want}` });
    }
  }
  return out;
}

/** `gatehouse rego check --login-policy`: the package is an error, unknown output shapes are warnings (as on save). */
export function loginPolicyDiagnostics(module: Module): { line: number; column: number; message: string; warning?: boolean }[] {
  const out: { line: number; column: number; message: string; warning?: boolean }[] = [];
  if (module.pkg.join('.') !== POLICY_PACKAGE) {
    out.push({ line: module.pkgLoc.line, column: module.pkgLoc.col, message: `a login policy must be in package ${POLICY_PACKAGE}, not ${module.pkg.join('.')}` });
  }
  for (const w of shapeWarnings(module)) out.push({ line: w.line, column: w.column, message: w.reason, warning: true });
  return out;
}

/** An output whose evaluated value has the wrong type: the sign-in is refused. */
export class PolicyOutputError extends Error {}

const wrongType = (rule: string, v: Value): never => {
  throw new PolicyOutputError(`rule ${rule} must be ${OUTPUTS[rule]!.want}, but it is ${regoText(v)}`);
};

export function readBoolean(rule: string, v: Value | undefined): boolean {
  if (v === undefined) return false;
  return typeof v === 'boolean' ? v : wrongType(rule, v);
}

/** deny: true, a string (its message) or a non-empty set (its members are the messages) denies. */
export function readDeny(v: Value | undefined): { deny: boolean; messages: string[] } {
  if (v === undefined || v === false) return { deny: false, messages: [] };
  if (v === true) return { deny: true, messages: [] };
  if (typeof v === 'string') return { deny: true, messages: v ? [v] : [] };
  if (v instanceof RegoSet) return { deny: v.size > 0, messages: v.sorted().map((m) => (typeof m === 'string' ? m : regoText(m))) };
  return wrongType('deny', v);
}

/** Members of a set of strings (an array or a v0 `{name: true}` object are accepted too). */
export function readNames(rule: string, v: Value | undefined): string[] {
  if (v === undefined) return [];
  let items: Value[];
  if (v instanceof RegoSet || Array.isArray(v)) items = [...v];
  else if (v instanceof RegoObject) items = [...v.entries()].filter(([, x]) => x !== false).map(([k]) => k);
  else return wrongType(rule, v);
  for (const it of items) if (typeof it !== 'string') wrongType(rule, v);
  return items as string[];
}

/** roles: {space: set of roles} (v1) or {space: {role: true}} (v0). */
export function readRoles(v: Value | undefined, into: Map<string, Set<string>>): void {
  if (v === undefined) return;
  if (!(v instanceof RegoObject)) wrongType('roles', v);
  for (const [space, roles] of (v as RegoObject).entries()) {
    if (typeof space !== 'string') wrongType('roles', v);
    const set = into.get(space as string) ?? new Set<string>();
    for (const r of readNames('roles', roles)) set.add(r);
    into.set(space as string, set);
  }
}
