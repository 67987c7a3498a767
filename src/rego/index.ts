// Public API of the Rego engine: compile modules once, evaluate queries many times.

import { builtins as defaultBuiltins } from './builtins/index.ts';
import type { Builtin } from './builtins/types.ts';
import { buildTree, compileQuery } from './compiler/compile-rules.ts';
import type { CQuery, CRule } from './compiler/ir.ts';
import type { RuleTree } from './compiler/rule-tree.ts';
import { RegoBudgetError, RegoCompileError, RegoParseError } from './errors.ts';
import { Budget } from './eval/budget.ts';
import { Evaluator } from './eval/evaluator.ts';
import type { Tracer } from './eval/terms.ts';
import type { Body, Module } from './syntax/ast.ts';
import { parseModule as parseModuleText, parseQuery as parseQueryText } from './syntax/parser.ts';
import { RegoObject, RegoSet, type Value } from './value.ts';
import { canonical, norm } from './num.ts';

export { RegoBudgetError, RegoCompileError, RegoEvalError, RegoParseError } from './errors.ts';
export { RegoObject, RegoSet, fromJson, toJson, type Value } from './value.ts';
export { regoText } from './value-text.ts';
export { formatModule } from './format.ts';
export type { Tracer, Frame } from './eval/terms.ts';
export type { CExpr, CRule, CTerm } from './compiler/ir.ts';
export type { Module, Rule, Term } from './syntax/ast.ts';

export interface ModuleSource { name?: string; source: string; /** This module's syntax, over the compile option's. */ regoVersion?: 0 | 1 }
export interface CompileOptions {
  /** 1 (default): OPA 1.0 syntax. 0: legacy syntax; `import rego.v1` in a module switches it to 1. */
  regoVersion?: 0 | 1;
  /** Replaces the built-in registry (tests). */
  builtins?: Map<string, Builtin>;
}
export interface EvalOptions {
  input?: unknown;
  data?: unknown;
  /** Built-in errors fail the evaluation (true) or make the expression undefined (false, default, as OPA). */
  strict?: boolean;
  /** time.now_ns for this evaluation; defaults to the wall clock at the start. */
  nowNs?: number;
  /** Evaluation steps (expressions evaluated) before RegoBudgetError. Default 5,000,000. */
  maxSteps?: number;
  /** Wall-clock limit in ms before RegoBudgetError. Default 5000 (Spacelift's login-policy timeout). */
  timeoutMs?: number;
  /** Observes the evaluation (explanations, coverage); evaluation is a little slower with one. */
  tracer?: Tracer;
}
export interface QueryResult {
  /** The value of each expression of the query, in source order. */
  expressions: Value[];
  /** Values of the query's named variables. */
  bindings: Record<string, Value>;
}

export function parseModule(source: string, opts: { name?: string; regoVersion?: 0 | 1 } = {}): Module {
  return parseModuleText(source, opts);
}

export function parseQuery(query: string, opts: { regoVersion?: 0 | 1 } = {}): Body {
  return parseQueryText(query, opts);
}

export class CompiledPolicy {
  private readonly queries = new Map<string, CQuery>();

  constructor(readonly modules: Module[], private readonly tree: RuleTree, private readonly builtins: Map<string, Builtin>,
    private readonly fnArity: (p: string[]) => number | undefined, readonly regoVersion: 0 | 1) {}

  /** Compiles (once, then cached) a query such as `data.spacelift.allow` or `x := data.p[_]`. */
  prepare(query: string | readonly string[]): CQuery {
    const text = typeof query === 'string' ? query : ['data', ...query].map((p, i) => (i === 0 ? p : `[${JSON.stringify(p)}]`)).join('');
    let q = this.queries.get(text);
    if (!q) {
      q = compileQuery(parseQueryText(text, { regoVersion: this.regoVersion }), this.builtins, this.fnArity, undefined, this.regoVersion);
      this.queries.set(text, q);
    }
    return q;
  }

  /** All results of a query. An undefined query has no results. */
  evaluate(query: string | readonly string[], opts: EvalOptions = {}): QueryResult[] {
    const q = this.prepare(query);
    const ev = this.evaluator(opts);
    const out: QueryResult[] = [];
    // Expressions were reordered for safety; results list them as written.
    const ordered = q.body.filter((e) => e.k !== 'noop' && !e.hoisted).sort((a, b) => a.index - b.index);
    guardDepth(() => ev.runQuery(q, (f) => {
      const expressions: Value[] = [];
      for (const e of ordered) expressions.push(ev.exprValue(e, f) ?? null);
      const bindings: Record<string, Value> = {};
      for (const [name, slot] of q.outputs) { const v = f[slot]; if (v !== undefined) bindings[name] = v; }
      out.push({ expressions, bindings });
      return false;
    }));
    return out;
  }

  /** The value of one document (e.g. `data.spacelift` or `data.spacelift.allow`), or undefined. */
  evalRef(ref: string | readonly string[], opts: EvalOptions = {}): Value | undefined {
    const q = this.prepare(ref);
    const e = q.body[0];
    if (q.body.length !== 1 || !e || e.k !== 'term') throw new RegoCompileError('evalRef expects a single reference', 1, 1);
    const ev = this.evaluator(opts);
    let out: Value | undefined;
    guardDepth(() => ev.runTerm(e.term, q.nSlots, (v) => { out = v; return true; }));
    return out;
  }

  /** Every compiled rule definition (else branches are reached through `elseRule`), in tree order. */
  rules(): CRule[] {
    const out: CRule[] = [];
    const walk = (n: RuleTree['root']): void => {
      out.push(...n.rules, ...n.funcs, ...(n.defaultRule ? [n.defaultRule] : []), ...(n.defaultFunc ? [n.defaultFunc] : []));
      for (const c of n.children.values()) walk(c);
    };
    walk(this.tree.root);
    return out;
  }

  private evaluator(opts: EvalOptions): Evaluator {
    const budget = new Budget(opts.maxSteps ?? 5_000_000, opts.timeoutMs ?? 5000);
    const nowNs = opts.nowNs ?? Date.now() * 1e6;
    const data = opts.data === undefined ? new RegoObject() : toValue(opts.data);
    const input = opts.input === undefined ? undefined : toValue(opts.input);
    const ev = new Evaluator(this.tree, data, input, budget, opts.strict ?? false, new BuiltinCtx(nowNs, budget));
    if (opts.tracer) ev.trace(opts.tracer);
    return ev;
  }
}

/** What built-ins see of an evaluation. A class, not an object of closures: it is made for every evaluation. */
class BuiltinCtx {
  constructor(readonly nowNs: number, private readonly budget: Budget) {}
  charge(n: number): void { this.budget.charge(n); }
}

/** The evaluator recurses; a policy deep enough to exhaust the JS stack fails like any other budget overrun. */
function guardDepth(run: () => void): void {
  try {
    run();
  } catch (err) {
    if (err instanceof RangeError && /call stack/i.test(err.message)) throw new RegoBudgetError('evaluation exceeded the maximum depth');
    throw err;
  }
}

/** Compiles modules into a policy reusable for many evaluations. Throws RegoParseError / RegoCompileError. */
export function compile(modules: readonly (ModuleSource | string)[], opts: CompileOptions = {}): CompiledPolicy {
  const regoVersion = opts.regoVersion ?? 1;
  const builtins = opts.builtins ?? defaultBuiltins;
  const parsed = modules.map((m) => {
    const src = typeof m === 'string' ? { source: m } : m;
    try {
      return parseModuleText(src.source, { name: src.name, regoVersion: src.regoVersion ?? regoVersion });
    } catch (err) {
      if (err instanceof RangeError) throw new RegoParseError('policy nested too deeply', 1, 1);
      throw err;
    }
  });
  let tree: RuleTree;
  try {
    tree = buildTree(parsed, builtins);
  } catch (err) {
    if (err instanceof RangeError) throw new RegoCompileError('policy nested too deeply', 1, 1);
    throw err;
  }
  const arity = new Map<string, number>();
  const walk = (n: typeof tree.root): void => {
    const f = n.funcs[0] ?? n.defaultFunc;
    if (f?.args) arity.set(n.path.join('.'), f.args.length);
    for (const c of n.children.values()) walk(c);
  };
  walk(tree.root);
  return new CompiledPolicy(parsed, tree, builtins, (p) => arity.get(p.join('.')), regoVersion);
}

/**
 * Compiles modules written in either syntax, as the login-policy service does: each module is read in
 * OPA 1.0 syntax first, in the legacy syntax when that fails to parse; a module that parses in neither
 * reports its v1 error.
 */
export function compileAnyVersion(modules: readonly (ModuleSource | string)[], opts: Omit<CompileOptions, 'regoVersion'> = {}): CompiledPolicy {
  const sources = modules.map((m) => (typeof m === 'string' ? { source: m } : m));
  const detected = sources.map((m): ModuleSource => {
    if (m.regoVersion !== undefined) return m;
    try {
      parseModuleText(m.source, { name: m.name, regoVersion: 1 });
      return { ...m, regoVersion: 1 };
    } catch (v1Error) {
      if (!(v1Error instanceof RegoParseError)) throw v1Error;
      try {
        parseModuleText(m.source, { name: m.name, regoVersion: 0 });
      } catch {
        throw v1Error;
      }
      return { ...m, regoVersion: 0 };
    }
  });
  // Queries are read in OPA 1.0 syntax unless every module is legacy.
  const all0 = detected.length > 0 && detected.every((m) => m.regoVersion === 0);
  return compile(detected, { ...opts, regoVersion: all0 ? 0 : 1 });
}

/** JSON-like JS values (plain objects, arrays, Map, Set) or Rego values → Rego value. */
export function toValue(x: unknown): Value {
  if (x === null || typeof x === 'boolean' || typeof x === 'string') return x;
  if (typeof x === 'number') return canonical(x);
  if (typeof x === 'bigint') return norm(x);
  if (x instanceof RegoObject || x instanceof RegoSet) return x;
  if (Array.isArray(x)) return x.map(toValue);
  if (x instanceof Set) return new RegoSet([...x].map(toValue));
  if (x instanceof Map) return new RegoObject([...x].map(([k, v]) => [toValue(k), toValue(v)] as [Value, Value]));
  if (typeof x === 'object') {
    const o = new RegoObject();
    for (const [k, v] of Object.entries(x as Record<string, unknown>)) if (v !== undefined) o.set(k, toValue(v));
    return o;
  }
  throw new TypeError(`not a Rego value: ${typeof x}`);
}
