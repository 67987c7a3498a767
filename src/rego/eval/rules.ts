// Values of rules: complete rules (with else chains and defaults), multi-value (set) rules, rules whose
// heads carry variables (partial objects, `a.b[c].d := x`, `roles[s] contains r`), and functions.
// Conflicts are errors, with OPA's messages.

import type { CRule, CTerm } from '../compiler/ir.ts';
import type { RuleNode } from '../compiler/rule-tree.ts';
import { RegoEvalError } from '../errors.ts';
import { equal, RegoObject, RegoSet, type Value } from '../value.ts';
import { TermEvaluator, type Frame } from './terms.ts';

/** Objects built to hold rule outputs (not values rules produced): only these merge with other rules. */
export const CONTAINERS = new WeakSet<RegoObject>();

const conflict = (msg: string, r: CRule) => new RegoEvalError(msg, r.loc.line, r.loc.col);

export abstract class RuleEvaluator extends TermEvaluator {
  /** The value of the rules attached at `node` (not counting deeper nodes); undefined when undefined. */
  protected rulesValue(node: RuleNode): Value | undefined {
    const rules = node.rules;
    let v: Value | undefined;
    if (rules.length > 0) {
      const first = rules[0]!;
      if (first.suffix.length === 0 && first.kind === 'single' && rules.every((r) => r.suffix.length === 0)) v = this.complete(rules);
      else if (first.suffix.length === 0 && first.kind === 'multi' && rules.every((r) => r.suffix.length === 0)) v = this.multi(rules);
      else v = this.refRules(rules);
    }
    if (v === undefined && node.defaultRule) v = this.constant(node.defaultRule);
    return v;
  }

  private constant(r: CRule): Value | undefined {
    let out: Value | undefined;
    this.evalTerm(r.value!, new Array(r.nSlots), (v) => { out = v; return true; });
    return out;
  }

  private complete(rules: CRule[]): Value | undefined {
    let result: Value | undefined;
    for (const r of rules) {
      const v = this.chain(r, undefined, 'complete rules must not produce multiple outputs');
      if (v === undefined) continue;
      if (result !== undefined && !equal(result, v)) throw conflict('complete rules must not produce multiple outputs', r);
      result = v;
    }
    return result;
  }

  /** The first branch of an else chain that has a value. */
  private chain(r: CRule, args: Value[] | undefined, msg: string): Value | undefined {
    for (let b: CRule | undefined = r; b; b = b.elseRule) {
      const v = this.branchValue(b, args, msg);
      if (v !== undefined) return v;
    }
    return undefined;
  }

  private branchValue(b: CRule, args: Value[] | undefined, msg: string): Value | undefined {
    const f: Frame = new Array(b.nSlots);
    let result: Value | undefined;
    const value = b.value!;
    const onValue = (v: Value): boolean => {
      if (result !== undefined && !equal(result, v)) throw conflict(msg, b);
      if (result === undefined) this.tracer?.fired?.(b, v);
      result = v;
      return b.constValue;
    };
    if (args && b.args) this.unifyArgs(b.args, args, 0, f, () => this.evalBody(b.body, 0, f, () => this.evalTerm(value, f, onValue)));
    else this.evalBody(b.body, 0, f, () => this.evalTerm(value, f, onValue));
    return result;
  }

  private unifyArgs(pats: CTerm[], args: Value[], i: number, f: Frame, cont: () => boolean): boolean {
    if (i === pats.length) return cont();
    return this.unifyValue(pats[i]!, args[i]!, f, () => this.unifyArgs(pats, args, i + 1, f, cont));
  }

  private multi(rules: CRule[]): Value {
    const out = new RegoSet();
    for (const r of rules) {
      const f: Frame = new Array(r.nSlots);
      const key = r.key!;
      this.evalBody(r.body, 0, f, () => this.evalTerm(key, f, (k) => { out.add(k); this.tracer?.fired?.(r, k); return r.constValue; }));
    }
    return out;
  }

  /** Rules with variables in their heads build an object below their node. */
  private refRules(rules: CRule[]): Value | undefined {
    const out = new RegoObject();
    const mine = CONTAINERS;
    mine.add(out);
    let whole: Value | undefined;
    for (const r of rules) {
      if (r.suffix.length === 0) {
        const v = r.kind === 'multi' ? this.multi([r]) : this.chain(r, undefined, 'complete rules must not produce multiple outputs');
        if (v !== undefined) whole = v;
        continue;
      }
      const f: Frame = new Array(r.nSlots);
      this.evalBody(r.body, 0, f, () => this.evalList(r.suffix, f, (keys) => {
        if (r.kind === 'multi') return this.evalTerm(r.key!, f, (k) => { insert(out, keys, k, r, mine, true); this.tracer?.fired?.(r, k, keys); return false; });
        return this.evalTerm(r.value!, f, (v) => { insert(out, keys, v, r, mine, false); this.tracer?.fired?.(r, v, keys); return false; });
      }));
    }
    if (whole !== undefined) {
      if (out.size > 0) throw conflict('rule conflicts with the following rule', rules[0]!);
      return whole;
    }
    return out;
  }

  protected callUser(node: RuleNode, args: Value[]): Value | undefined {
    let result: Value | undefined;
    const msg = 'functions must not produce multiple outputs for same inputs';
    for (const r of node.funcs) {
      const v = this.chain(r, args, msg);
      if (v === undefined) continue;
      if (result !== undefined && !equal(result, v)) throw conflict(msg, r);
      result = v;
    }
    if (result === undefined && node.defaultFunc) result = this.constant(node.defaultFunc);
    return result;
  }
}

function insert(obj: RegoObject, keys: Value[], v: Value, r: CRule, mine: WeakSet<RegoObject>, asSet: boolean): void {
  let cur = obj;
  for (let j = 0; j < keys.length - 1; j++) {
    let next = cur.get(keys[j]!);
    if (next === undefined) {
      const o = new RegoObject();
      mine.add(o);
      cur.set(keys[j]!, o);
      next = o;
    } else if (!(next instanceof RegoObject) || !mine.has(next)) {
      throw conflict('rule conflicts with the following rule: object keys must be unique', r);
    }
    cur = next as RegoObject;
  }
  const last = keys[keys.length - 1]!;
  const prev = cur.get(last);
  if (asSet) {
    if (prev === undefined) cur.set(last, new RegoSet([v]));
    else if (prev instanceof RegoSet) prev.add(v);
    else throw conflict('rule conflicts with the following rule', r);
    return;
  }
  if (prev !== undefined && (!equal(prev, v) || (prev instanceof RegoObject && mine.has(prev)))) {
    throw conflict(keys.length > 1 ? 'rule conflicts with the following rule' : 'object keys must be unique', r);
  }
  cur.set(last, v);
}
