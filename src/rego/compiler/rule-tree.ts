// The tree of virtual documents: one node per ground path segment of a rule head under `data`.
// A rule hangs at the node of its longest ground head prefix; the rest of its head (`p[x]`, `a.b[c].d`)
// is its suffix. Evaluation looks rules up here instead of scanning modules.

import { RegoCompileError } from '../errors.ts';
import { keyOf, type Value } from '../value.ts';
import { regoText } from '../value-text.ts';
import type { CRule } from './ir.ts';

export class RuleNode {
  readonly children = new Map<string, RuleNode>();
  /** Value-producing rules attached here (single- and multi-value; suffix may be non-empty). */
  readonly rules: CRule[] = [];
  defaultRule?: CRule;
  readonly funcs: CRule[] = [];
  /** `default f(_) := v`: the value of calls no definition answers. */
  defaultFunc?: CRule;
  /** Some rule or function is attached at or below this node. */
  hasRulesBelow = false;
  readonly name: string;

  constructor(readonly path: Value[], readonly key: Value | undefined) {
    this.name = ['data', ...path.map((p) => (typeof p === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(p) ? p : `[${regoText(p)}]`))]
      .join('.').replace(/\.\[/g, '[');
  }

  child(key: Value): RuleNode {
    const k = keyOf(key);
    let c = this.children.get(k);
    if (!c) { c = new RuleNode([...this.path, key], key); this.children.set(k, c); }
    return c;
  }

  find(path: readonly Value[]): RuleNode | undefined {
    let n: RuleNode | undefined = this;
    for (const p of path) { n = n.children.get(keyOf(p)); if (!n) return undefined; }
    return n;
  }

  get isFunction(): boolean { return this.funcs.length > 0 || this.defaultFunc !== undefined; }
}

export class RuleTree {
  readonly root = new RuleNode([], undefined);

  /** A declared package is a document even without rules (`data.pkg` is `{}`). */
  addPackage(pkg: string[]): void {
    let node = this.root;
    node.hasRulesBelow = true;
    for (const p of pkg) { node = node.child(p); node.hasRulesBelow = true; }
  }

  add(prefix: Value[], rule: CRule): RuleNode {
    let node = this.root;
    node.hasRulesBelow = true;
    for (const p of prefix) { node = node.child(p); node.hasRulesBelow = true; }
    for (let b: CRule | undefined = rule; b; b = b.elseRule) b.name = node.name;
    if (rule.kind === 'function') {
      if (rule.isDefault) {
        if (node.defaultFunc) throw new RegoCompileError(`multiple default rules ${node.name} found`, rule.loc.line, rule.loc.col);
        node.defaultFunc = rule;
      } else node.funcs.push(rule);
    } else if (rule.isDefault) {
      if (node.defaultRule) throw new RegoCompileError(`multiple default rules ${node.name} found`, rule.loc.line, rule.loc.col);
      node.defaultRule = rule;
    } else node.rules.push(rule);
    const kinds = new Set(node.rules.map((r) => (r.suffix.length === 0 ? r.kind : 'ref')));
    if (node.isFunction && (node.rules.length > 0 || node.defaultRule)) {
      throw new RegoCompileError(`rule ${node.name} conflicts with function of the same name`, rule.loc.line, rule.loc.col);
    }
    if (kinds.has('single') && kinds.has('multi')) {
      throw new RegoCompileError(`conflicting rules ${node.name} found`, rule.loc.line, rule.loc.col);
    }
    return node;
  }
}
