// One evaluation: function dispatch (operators, built-ins, user functions, `with` replacements),
// `with` modifiers, and the entry points used by the public API.

import type { BuiltinContext } from '../builtins/types.ts';
import type { CExpr, CQuery, CTerm, FnTarget } from '../compiler/ir.ts';
import type { RuleNode, RuleTree } from '../compiler/rule-tree.ts';
import { RegoBudgetError, RegoEvalError } from '../errors.ts';
import type { Loc } from '../syntax/ast.ts';
import { keyOf, RegoObject, type Value } from '../value.ts';
import type { Budget } from './budget.ts';
import { DocEvaluator, setPath, type DataOverrides } from './documents.ts';
import { OPERATORS } from './operators.ts';
import type { Cont, Frame, Tracer } from './terms.ts';

type FnOverride = FnTarget | { value: Value };

export class Evaluator extends DocEvaluator {
  private fnOverrides: Map<string, FnOverride> | undefined;
  private readonly fnNodes = new Map<string, RuleNode | undefined>();

  constructor(protected override readonly tree: RuleTree, base: Value, input: Value | undefined, budget: Budget, strict: boolean, bctx: BuiltinContext) {
    super(budget, strict, bctx);
    this.base = base;
    this.input = input;
  }

  /** With a tracer, every expression goes through the traced path (kept out of the untraced hot path). */
  trace(t: Tracer): void {
    this.tracer = t;
    this.evalExpr = (e, f, cont) => this.evalExprTraced(e, f, cont, t);
  }

  /** Runs a compiled query; `onResult` sees the frame of each solution and returns true to stop. */
  runQuery(q: CQuery, onResult: (f: Frame) => boolean): void {
    const f: Frame = new Array(q.nSlots);
    this.evalBody(q.body, 0, f, () => onResult(f));
  }

  runTerm(t: CTerm, nSlots: number, onValue: (v: Value) => boolean): void {
    this.evalTerm(t, new Array(nSlots), onValue);
  }

  /** The value of one expression of a query in a solution (its term's value; true for others). */
  exprValue(e: CExpr, f: Frame): Value | undefined {
    if (e.k !== 'term' || e.negated || e.with.length > 0) return true;
    const t = e.term;
    if (t.k === 'call' && t.arity >= 0 && t.args.length === t.arity + 1) return true;
    let out: Value | undefined;
    this.evalTerm(t, f, (v) => { out = v; return true; });
    return out;
  }

  protected callFunction(fn: FnTarget, args: Value[], loc: Loc): Value | undefined {
    if (this.fnOverrides) {
      const key = fnKey(fn);
      const o = this.fnOverrides.get(key);
      if (o) {
        if ('value' in o) return o.value;
        // The replacement runs without its own replacement: `f(1) with f as g` where g calls f (or a mock
        // that calls the built-in it replaces) reaches the original, as in OPA.
        const saved = this.fnOverrides;
        const inner = new Map(saved);
        inner.delete(key);
        this.fnOverrides = inner.size ? inner : undefined;
        try {
          return this.callFunction(o, args, loc);
        } finally {
          this.fnOverrides = saved;
        }
      }
    }
    switch (fn.kind) {
      case 'user': {
        const id = fn.path.join('.');
        let node = this.fnNodes.get(id);
        if (node === undefined && !this.fnNodes.has(id)) { node = this.tree.root.find(fn.path); this.fnNodes.set(id, node); }
        return node ? this.callUser(node, args) : undefined;
      }
      case 'op': return this.guard(fn.name, loc, () => OPERATORS[fn.name]!(args));
      case 'builtin': {
        const impl = fn.impl;
        const out = this.guard(fn.name, loc, () => impl.fn(args, this.bctx));
        // What a call built counts against the budget, so values that grow call after call run out of it.
        if (out !== undefined && typeof out === 'object') this.budget.charge(sizeCost(out));
        else if (typeof out === 'string' && out.length > 256) this.budget.charge(out.length >> 6);
        return out;
      }
    }
  }

  /** A built-in's error fails the evaluation in strict mode and is undefined otherwise (OPA). */
  private guard(name: string, loc: Loc, call: () => Value | undefined): Value | undefined {
    try {
      return call();
    } catch (err) {
      if (err instanceof RegoEvalError || err instanceof RegoBudgetError) throw err;
      if (!this.strict) return undefined;
      const msg = err instanceof Error ? err.message : String(err);
      throw new RegoEvalError(msg.startsWith(name) ? msg : `${name}: ${msg}`, loc.line, loc.col);
    }
  }

  protected evalWith(e: CExpr, f: Frame, cont: Cont): boolean {
    const terms = e.with.map((w) => (w.fnValue ? ({ k: 'val', v: null } as CTerm) : w.value));
    return this.evalList(terms, f, (vals) => {
      const saved = this.snapshot();
      let input = this.input;
      const dataList = [...(this.overrides?.list ?? [])];
      let fns = this.fnOverrides;
      e.with.forEach((w, i) => {
        const v = vals[i]!;
        switch (w.target.kind) {
          case 'input': input = setPath(input ?? new RegoObject(), w.target.path, v); break;
          case 'data': dataList.push([w.target.path, v]); break;
          case 'fn': fns = new Map(fns); fns.set(w.target.name, w.fnValue ?? { value: v }); break;
        }
      });
      this.input = input;
      this.fnOverrides = fns;
      if (dataList.length !== (saved.overrides?.list.length ?? 0)) this.applyDataOverrides(dataList, saved.base0);
      this.cache = new Map();
      const inner = this.snapshot();
      try {
        return this.evalExprNoWith(e, f, () => {
          this.restore(saved);
          try { return cont(); } finally { this.restore(inner); }
        });
      } finally {
        this.restore(saved);
      }
    });
  }

  private base0: Value | undefined;

  private snapshot() {
    return { input: this.input, overrides: this.overrides, fns: this.fnOverrides, cache: this.cache, base: this.base, base0: this.base0 ?? this.base };
  }

  private restore(s: ReturnType<Evaluator['snapshot']>): void {
    this.input = s.input;
    this.overrides = s.overrides;
    this.fnOverrides = s.fns;
    this.cache = s.cache;
    this.base = s.base;
    this.base0 = s.base0;
  }

  private applyDataOverrides(list: [Value[], Value][], base0: Value): void {
    const o: DataOverrides = { list, replaced: new Set(), patches: new Map() };
    let base = base0;
    for (const [path, v] of list) {
      base = setPath(base, path, v);
      let node = this.tree.root;
      let j = 0;
      for (; j < path.length; j++) {
        if (node.rules.length > 0 || node.defaultRule) break;
        const child = node.children.get(keyOf(path[j]!));
        if (!child) break;
        node = child;
      }
      if (j === path.length) o.replaced.add(node);
      else if (node.rules.length > 0 || node.defaultRule) {
        const list2 = o.patches.get(node) ?? [];
        list2.push([path.slice(j), v]);
        o.patches.set(node, list2);
      }
    }
    this.base0 = base0;
    this.base = base;
    this.overrides = o;
  }
}

/** Budget steps for a built value: one per element, not looking deeper (the elements were charged when built). */
function sizeCost(v: Value): number {
  if (Array.isArray(v)) return v.length;
  if (v instanceof RegoObject) return v.size;
  return (v as { size?: number }).size ?? 0;
}

function fnKey(fn: FnTarget): string {
  return fn.kind === 'user' ? fn.path.join('.') : fn.name;
}
