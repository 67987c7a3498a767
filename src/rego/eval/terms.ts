// Top-down evaluation of bodies, expressions and terms in continuation-passing style: every
// generator calls its continuation once per solution and undoes its bindings when it returns.
// A continuation returns true to stop the whole search (first solution of a constant rule, `not`).

import type { BuiltinContext } from '../builtins/types.ts';
import type { CBody, CExpr, CRule, CTerm, FnTarget } from '../compiler/ir.ts';
import { RegoEvalError } from '../errors.ts';
import type { Loc } from '../syntax/ast.ts';
import { equal, RegoObject, RegoSet, type Value } from '../value.ts';
import { regoText } from '../value-text.ts';
import { iterate, lookup } from './collections.ts';
import type { Budget } from './budget.ts';
import { walkPairs } from './operators.ts';
import { literalPairs } from '../compiler/safety.ts';

export type Frame = (Value | undefined)[];

/** Observes an evaluation (tests' explanations and coverage, the workbench's "which rules fired"). */
export interface Tracer {
  /** An expression is evaluated in frame `f`. */
  expr?(e: CExpr, f: Frame): void;
  /** An expression produced no solution in frame `f`; `valueOf` evaluates one of its terms there (first value). */
  failed?(e: CExpr, f: Frame, valueOf: (t: CTerm) => Value | undefined): void;
  /** A rule definition (or else branch) produced `value` (for a multi-value rule: one member; `keys` for ref heads). */
  fired?(r: CRule, value: Value, keys?: Value[]): void;
}
export type Cont = () => boolean;
export type VCont = (v: Value) => boolean;

export abstract class TermEvaluator {
  input: Value | undefined;
  tracer: Tracer | undefined;

  constructor(protected readonly budget: Budget, readonly strict: boolean, protected readonly bctx: BuiltinContext) {}

  protected abstract evalData(path: CTerm[], f: Frame, cont: VCont): boolean;
  protected abstract callFunction(fn: FnTarget, args: Value[], loc: Loc): Value | undefined;
  protected abstract evalWith(e: CExpr, f: Frame, cont: Cont): boolean;

  evalBody(body: CBody, i: number, f: Frame, cont: Cont): boolean {
    if (i === body.length) return cont();
    const e = body[i]!;
    if (i === body.length - 1) return this.evalExpr(e, f, cont);
    return this.evalExpr(e, f, () => this.evalBody(body, i + 1, f, cont));
  }

  evalExpr(e: CExpr, f: Frame, cont: Cont): boolean {
    this.budget.step();
    if (e.with.length > 0) return this.evalWith(e, f, cont);
    return this.evalExprNoWith(e, f, cont);
  }

  /** evalExpr with the tracer told (the evaluator uses it in place of evalExpr when tracing). */
  protected evalExprTraced(e: CExpr, f: Frame, cont: Cont, t: Tracer): boolean {
    this.budget.step();
    t.expr?.(e, f);
    let solved = false;
    const once: Cont = () => { solved = true; return cont(); };
    const stop = e.with.length > 0 ? this.evalWith(e, f, once) : this.evalExprNoWith(e, f, once);
    if (!solved && t.failed) t.failed(e, f, (term) => this.firstValue(term, f));
    return stop;
  }

  protected evalExprNoWith(e: CExpr, f: Frame, cont: Cont): boolean {
    if (e.negated) {
      let found = false;
      this.evalExprInner(e, f, () => { found = true; return true; });
      return found ? false : cont();
    }
    return this.evalExprInner(e, f, cont);
  }

  private evalExprInner(e: CExpr, f: Frame, cont: Cont): boolean {
    switch (e.k) {
      case 'term': {
        const t = e.term;
        if (t.k === 'call' && t.arity >= 0 && t.args.length === t.arity + 1) {
          const out = t.args[t.arity]!;
          if (t.fn.kind === 'op' && t.fn.name === 'walk') {
            return this.evalTerm(t.args[0]!, f, (root) => {
              for (const pair of walkPairs(root)) { this.budget.step(); if (this.unifyValue(out, pair, f, cont)) return true; }
              return false;
            });
          }
          return this.evalCall(t, f, (r) => this.unifyValue(out, r, f, cont));
        }
        // Query expressions report their value, false included (OPA captures them); bodies test it.
        if (e.capture) return this.evalTerm(t, f, () => cont());
        return this.evalTerm(t, f, (v) => (v !== false ? cont() : false));
      }
      case 'eq': return this.unify(e.a, e.b, f, cont);
      case 'somein':
        return this.evalTerm(e.coll, f, (coll) => iterate(coll, (k, v) => {
          this.budget.step();
          if (e.key) return this.unifyValue(e.key, k, f, () => this.unifyValue(e.value, v, f, cont));
          return this.unifyValue(e.value, v, f, cont);
        }));
      case 'every':
        return this.evalTerm(e.coll, f, (coll) => {
          if (coll === null || typeof coll !== 'object') return false; // OPA: every over a non-collection is undefined
          const failed = iterate(coll, (k, v) => {
            this.budget.step();
            let ok = false;
            const found = (): boolean => { ok = true; return true; };
            if (e.key) this.unifyValue(e.key, k, f, () => this.unifyValue(e.value, v, f, () => this.evalBody(e.body, 0, f, found)));
            else this.unifyValue(e.value, v, f, () => this.evalBody(e.body, 0, f, found));
            return !ok;
          });
          return failed ? false : cont();
        });
      case 'noop': return cont();
    }
  }

  evalTerm(t: CTerm, f: Frame, cont: VCont): boolean {
    switch (t.k) {
      case 'val': return cont(t.v);
      case 'var': {
        const v = f[t.slot];
        if (v === undefined) throw new RegoEvalError(`internal error: variable ${t.name} is unbound`, t.loc.line, t.loc.col);
        return cont(v);
      }
      case 'array': return this.evalList(t.items, f, (vals) => cont(vals));
      case 'set': return this.evalList(t.items, f, (vals) => cont(new RegoSet(vals)));
      case 'object': {
        const flat: CTerm[] = [];
        for (const [k, v] of t.entries) flat.push(k, v);
        return this.evalList(flat, f, (vals) => {
          const o = new RegoObject();
          for (let i = 0; i < vals.length; i += 2) o.set(vals[i]!, vals[i + 1]!);
          return cont(o);
        });
      }
      case 'ref': return this.evalTerm(t.head, f, (h) => this.evalPath(h, t.path, 0, f, cont));
      case 'data': return this.evalData(t.path, f, cont);
      case 'input': return this.input === undefined ? false : this.evalPath(this.input, t.path, 0, f, cont);
      case 'compr': return cont(this.evalCompr(t, f));
      case 'call': return this.evalCall(t, f, cont);
    }
  }

  /** The first value of a term, or undefined (errors included): for explanations only. */
  private firstValue(t: CTerm, f: Frame): Value | undefined {
    let out: Value | undefined;
    try { this.evalTerm(t, f, (v) => { out = v; return true; }); } catch { out = undefined; }
    return out;
  }

  private evalCompr(t: Extract<CTerm, { k: 'compr' }>, f: Frame): Value {
    if (t.kind === 'array') {
      const out: Value[] = [];
      this.evalBody(t.body, 0, f, () => this.evalTerm(t.value, f, (v) => { out.push(v); return false; }));
      return out;
    }
    if (t.kind === 'set') {
      const out = new RegoSet();
      this.evalBody(t.body, 0, f, () => this.evalTerm(t.value, f, (v) => { out.add(v); return false; }));
      return out;
    }
    const out = new RegoObject();
    this.evalBody(t.body, 0, f, () => this.evalTerm(t.key!, f, (k) => this.evalTerm(t.value, f, (v) => {
      const prev = out.get(k);
      if (prev !== undefined && !equal(prev, v)) {
        throw new RegoEvalError(`object keys must be unique: key ${regoText(k)} has values ${regoText(prev)} and ${regoText(v)}`, t.loc.line, t.loc.col);
      }
      out.set(k, v);
      return false;
    })));
    return out;
  }

  protected evalCall(t: Extract<CTerm, { k: 'call' }>, f: Frame, cont: VCont): boolean {
    const n = t.arity >= 0 && t.args.length === t.arity + 1 ? t.arity : t.args.length;
    const args = n === t.args.length ? t.args : t.args.slice(0, n);
    return this.evalList(args, f, (vals) => {
      const r = this.callFunction(t.fn, vals, t.loc);
      return r === undefined ? false : cont(r);
    });
  }

  /** Evaluates terms left to right (each may have several values) and passes the values on. */
  evalList(terms: CTerm[], f: Frame, cont: (vals: Value[]) => boolean): boolean {
    const vals: Value[] = new Array(terms.length);
    let simple = true;
    for (let i = 0; i < terms.length; i++) {
      const t = terms[i]!;
      if (t.k === 'val') vals[i] = t.v;
      else if (t.k === 'var' && f[t.slot] !== undefined) vals[i] = f[t.slot]!;
      else { simple = false; break; }
    }
    if (simple) return cont(vals);
    return this.evalListFrom(terms, 0, vals, f, cont);
  }

  // Named closures get wrapped by the TS loader's keepNames helper on every call; methods do not.
  private evalListFrom(terms: CTerm[], i: number, vals: Value[], f: Frame, cont: (vals: Value[]) => boolean): boolean {
    if (i === terms.length) return cont(vals.slice());
    return this.evalTerm(terms[i]!, f, (v) => { vals[i] = v; return this.evalListFrom(terms, i + 1, vals, f, cont); });
  }

  evalPath(v: Value, path: CTerm[], i: number, f: Frame, cont: VCont, dataDoc = false): boolean {
    for (; i < path.length; i++) {
      const p = path[i]!;
      let key: Value | undefined;
      if (p.k === 'val') key = p.v;
      else if (p.k === 'var') {
        key = f[p.slot];
        if (key === undefined) {
          const slot = p.slot, next = i + 1;
          return iterate(v, (k, child) => {
            this.budget.step();
            f[slot] = k;
            const r = this.evalPath(child, path, next, f, cont, dataDoc);
            f[slot] = undefined;
            return r;
          });
        }
      } else if (!this.isEvaluable(p, f)) {
        const next = i + 1;
        return iterate(v, (k, child) => {
          this.budget.step();
          return this.unifyValue(p, k, f, () => this.evalPath(child, path, next, f, cont, dataDoc));
        });
      } else {
        const next = i + 1;
        return this.evalTerm(p, f, (k) => {
          const child = lookup(v, k, dataDoc);
          return child === undefined ? false : this.evalPath(child, path, next, f, cont, dataDoc);
        });
      }
      const child = lookup(v, key, dataDoc);
      if (child === undefined) return false;
      v = child;
    }
    return cont(v);
  }

  isEvaluable(t: CTerm, f: Frame): boolean {
    switch (t.k) {
      case 'var': return f[t.slot] !== undefined;
      case 'array': case 'set': return t.items.every((x) => this.isEvaluable(x, f));
      case 'object': return t.entries.every(([k, v]) => this.isEvaluable(k, f) && this.isEvaluable(v, f));
      default: return true;
    }
  }

  unify(a: CTerm, b: CTerm, f: Frame, cont: Cont): boolean {
    if (a.k === 'var' && f[a.slot] === undefined) return this.evalTerm(b, f, (v) => this.unifyValue(a, v, f, cont));
    if (b.k === 'var' && f[b.slot] === undefined) return this.evalTerm(a, f, (v) => this.unifyValue(b, v, f, cont));
    if ((a.k === 'array' && b.k === 'array') || (a.k === 'object' && b.k === 'object')) {
      const pairs = literalPairs(a, b);
      if (pairs) return this.unifyPairs(pairs as [CTerm, CTerm][], f, cont);
      if (a.k === 'array') return false;
    }
    if (this.isEvaluable(a, f)) return this.evalTerm(a, f, (v) => this.unifyValue(b, v, f, cont));
    if (this.isEvaluable(b, f)) return this.evalTerm(b, f, (v) => this.unifyValue(a, v, f, cont));
    throw new RegoEvalError('cannot unify: both sides have unbound variables');
  }

  private unifyPairs(pairs: [CTerm, CTerm][], f: Frame, cont: Cont): boolean {
    if (pairs.length === 0) return cont();
    let j = pairs.findIndex(([x, y]) => this.isEvaluable(x, f) || this.isEvaluable(y, f));
    if (j < 0) j = 0;
    const [x, y] = pairs[j]!;
    const rest = pairs.filter((_, i) => i !== j);
    return this.unify(x, y, f, () => this.unifyPairs(rest, f, cont));
  }

  unifyValue(p: CTerm, v: Value, f: Frame, cont: Cont): boolean {
    switch (p.k) {
      case 'val': return equal(p.v, v) ? cont() : false;
      case 'var': {
        const cur = f[p.slot];
        if (cur === undefined) {
          f[p.slot] = v;
          const r = cont();
          f[p.slot] = undefined;
          return r;
        }
        return equal(cur, v) ? cont() : false;
      }
      case 'array':
        if (!Array.isArray(v) || v.length !== p.items.length) return false;
        return this.unifyItems(p.items, v, 0, f, cont);
      case 'object':
        if (!(v instanceof RegoObject) || v.size !== p.entries.length) return false;
        return this.unifyEntries(p.entries, v, 0, f, cont);
      default:
        return this.evalTerm(p, f, (pv) => (equal(pv, v) ? cont() : false));
    }
  }

  private unifyItems(items: CTerm[], v: Value[], i: number, f: Frame, cont: Cont): boolean {
    if (i === items.length) return cont();
    return this.unifyValue(items[i]!, v[i]!, f, () => this.unifyItems(items, v, i + 1, f, cont));
  }

  private unifyEntries(entries: [CTerm, CTerm][], v: RegoObject, i: number, f: Frame, cont: Cont): boolean {
    if (i === entries.length) return cont();
    const [kt, vt] = entries[i]!;
    return this.evalTerm(kt, f, (k) => {
      const x = v.get(k);
      return x === undefined ? false : this.unifyValue(vt, x, f, () => this.unifyEntries(entries, v, i + 1, f, cont));
    });
  }
}
