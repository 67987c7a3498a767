// The `data` document: base data merged with the virtual documents rules define. A reference walks
// the rule tree while its path is constant, so `data.pkg.allow` touches only the `allow` rules;
// rule values are memoized for the evaluation (per `with` context).

import type { CTerm } from '../compiler/ir.ts';
import type { RuleNode, RuleTree } from '../compiler/rule-tree.ts';
import { RegoEvalError } from '../errors.ts';
import { compare, equal, keyOf, RegoObject, RegoSet, type Value } from '../value.ts';
import { CONTAINERS, RuleEvaluator } from './rules.ts';
import { lookup } from './collections.ts';
import type { Frame, VCont } from './terms.ts';

const UNDEF = Symbol('undefined');

/** `with data.x as v` in force: the patched base, rule nodes hidden, and patches of rule values. */
export interface DataOverrides {
  list: [Value[], Value][];
  replaced: Set<RuleNode>;
  patches: Map<RuleNode, [Value[], Value][]>;
}

export abstract class DocEvaluator extends RuleEvaluator {
  protected abstract readonly tree: RuleTree;
  base: Value = new RegoObject();
  protected cache = new Map<RuleNode, Value | typeof UNDEF>();
  protected overrides: DataOverrides | undefined;
  private readonly inProgress = new Set<RuleNode>();

  protected evalData(path: CTerm[], f: Frame, cont: VCont): boolean {
    return this.evalDataAt(this.tree.root, this.base, path, 0, f, cont);
  }

  private evalDataAt(node: RuleNode | undefined, base: Value | undefined, path: CTerm[], i: number, f: Frame, cont: VCont): boolean {
    for (;;) {
      if (node && this.overrides?.replaced.has(node)) node = undefined;
      if (!node || !node.hasRulesBelow) return base === undefined ? false : this.evalPath(base, path, i, f, cont, true);
      if (node.rules.length > 0 || node.defaultRule) {
        const v = this.nodeValue(node, base);
        return v === undefined ? false : this.evalPath(v, path, i, f, cont);
      }
      if (node.isFunction) {
        // A function without parameters can be referred to like a rule.
        if ((node.funcs[0] ?? node.defaultFunc)!.args?.length !== 0) return false;
        const v = this.callUser(node, []);
        return v === undefined ? false : this.evalPath(v, path, i, f, cont);
      }
      if (i === path.length) return cont(this.materialize(node, base)!);
      const p = path[i]!;
      let key: Value | undefined;
      if (p.k === 'val') key = p.v;
      else if (p.k === 'var' && f[p.slot] !== undefined) key = f[p.slot];
      else if (p.k === 'var' || !this.isEvaluable(p, f)) {
        const here = node, next = i + 1;
        for (const k of childKeys(here, base)) {
          this.budget.step();
          const stop = this.unifyValue(p, k, f, () =>
            this.evalDataAt(here.children.get(keyOf(k)), base === undefined ? undefined : lookup(base, k, true), path, next, f, cont));
          if (stop) return true;
        }
        return false;
      } else {
        const here = node, next = i + 1;
        return this.evalTerm(p, f, (k) =>
          this.evalDataAt(here.children.get(keyOf(k)), base === undefined ? undefined : lookup(base, k, true), path, next, f, cont));
      }
      node = node.children.get(keyOf(key!));
      base = base === undefined ? undefined : lookup(base, key!, true);
      i++;
    }
  }

  /** The whole document at a node: rule values, deeper nodes and base data merged. */
  protected materialize(node: RuleNode, base: Value | undefined): Value | undefined {
    if (this.overrides?.replaced.has(node)) return base;
    if (!node.hasRulesBelow) return base;
    if (node.rules.length > 0 || node.defaultRule) return this.nodeValue(node, base);
    if (node.isFunction) return undefined;
    const out = base instanceof RegoObject ? new RegoObject(base.entries()) : new RegoObject();
    CONTAINERS.add(out);
    for (const child of node.children.values()) {
      const v = this.materialize(child, base === undefined ? undefined : lookup(base, child.key!));
      if (v !== undefined) out.set(child.key!, v);
    }
    return out;
  }

  protected nodeValue(node: RuleNode, base: Value | undefined): Value | undefined {
    const c = this.cache.get(node);
    if (c !== undefined) return c === UNDEF ? undefined : c;
    if (this.inProgress.has(node)) throw new RegoEvalError(`rule ${node.name} is recursive`);
    this.inProgress.add(node);
    let v: Value | undefined;
    try {
      v = this.rulesValue(node);
      if (node.children.size > 0 && (v === undefined || v instanceof RegoObject)) v = this.mergeChildren(node, v, base);
      for (const [rest, pv] of this.overrides?.patches.get(node) ?? []) v = setPath(v ?? new RegoObject(), rest, pv);
    } finally {
      this.inProgress.delete(node);
    }
    this.cache.set(node, v === undefined ? UNDEF : v);
    return v;
  }

  private mergeChildren(node: RuleNode, v: RegoObject | undefined, base: Value | undefined): Value | undefined {
    let out: RegoObject | undefined = v ? new RegoObject(v.entries()) : undefined;
    if (out && CONTAINERS.has(v!)) CONTAINERS.add(out);
    for (const child of node.children.values()) {
      const cv = this.materialize(child, base === undefined ? undefined : lookup(base, child.key!));
      if (cv === undefined) continue;
      if (!out) CONTAINERS.add(out = new RegoObject());
      const prev = out.get(child.key!);
      out.set(child.key!, prev === undefined ? cv : merge(prev, cv, child.name));
    }
    return out;
  }
}

/** Two definitions of one document: sets unite, objects merge key by key, anything else must agree. */
function merge(a: Value, b: Value, name: string): Value {
  if (a instanceof RegoSet && b instanceof RegoSet) return new RegoSet([...a, ...b]);
  if (a instanceof RegoObject && b instanceof RegoObject && CONTAINERS.has(a) && CONTAINERS.has(b)) {
    const out = new RegoObject(a.entries());
    CONTAINERS.add(out);
    for (const [k, v] of b.entries()) { const p = out.get(k); out.set(k, p === undefined ? v : merge(p, v, name)); }
    return out;
  }
  if (!equal(a, b)) throw new RegoEvalError(`rule ${name} conflicts with the following rule`);
  return a;
}

function childKeys(node: RuleNode, base: Value | undefined): Value[] {
  const seen = new Set<string>();
  const out: Value[] = [];
  for (const [k, c] of node.children) { seen.add(k); out.push(c.key!); }
  if (base instanceof RegoObject) for (const [k] of base.entries()) if (!seen.has(keyOf(k))) out.push(k);
  return out.sort(compare);
}

/** A copy of `root` with `path` set to `v`, creating objects on the way. */
export function setPath(root: Value, path: Value[], v: Value): Value {
  if (path.length === 0) return v;
  const out = root instanceof RegoObject ? new RegoObject(root.entries()) : new RegoObject();
  const [head, ...rest] = path as [Value, ...Value[]];
  out.set(head, setPath(out.get(head) ?? new RegoObject(), rest, v));
  return out;
}
