// Rego forbids recursion between rules (OPA: rego_recursion_error). Build the dependency graph between
// rule nodes from the data references and function calls in each rule, and reject any cycle.

import { RegoCompileError } from '../errors.ts';
import type { CBody, CExpr, CRule, CTerm } from './ir.ts';
import { RuleNode, type RuleTree } from './rule-tree.ts';

export function checkRecursion(tree: RuleTree): void {
  const nodes: RuleNode[] = [];
  const collect = (n: RuleNode): void => {
    if (n.rules.length || n.isFunction || n.defaultRule) nodes.push(n);
    for (const c of n.children.values()) collect(c);
  };
  collect(tree.root);
  const deps = new Map<RuleNode, Set<RuleNode>>();
  for (const n of nodes) {
    const out = new Set<RuleNode>();
    for (const r of [...n.rules, ...n.funcs, ...(n.defaultRule ? [n.defaultRule] : []), ...(n.defaultFunc ? [n.defaultFunc] : [])]) {
      for (let b: CRule | undefined = r; b; b = b.elseRule) ruleDeps(b, tree, out);
    }
    deps.set(n, out);
  }
  const state = new Map<RuleNode, 1 | 2>();
  const stack: RuleNode[] = [];
  const visit = (n: RuleNode): void => {
    state.set(n, 1);
    stack.push(n);
    for (const d of deps.get(n) ?? []) {
      const s = state.get(d);
      if (s === 1) {
        const cycle = [...stack.slice(stack.indexOf(d)), d].map((x) => x.name).join(' -> ');
        const r = d.rules[0] ?? d.funcs[0] ?? d.defaultRule ?? d.defaultFunc!;
        throw new RegoCompileError(`rule ${d.name} is recursive: ${cycle}`, r.loc.line, r.loc.col, r.module);
      }
      if (s === undefined) visit(d);
    }
    stack.pop();
    state.set(n, 2);
  };
  for (const n of nodes) if (!state.has(n)) visit(n);
}

function ruleDeps(r: CRule, tree: RuleTree, out: Set<RuleNode>): void {
  const term = (t: CTerm | undefined): void => {
    if (!t) return;
    switch (t.k) {
      case 'array': case 'set': t.items.forEach(term); return;
      case 'object': for (const [k, v] of t.entries) { term(k); term(v); } return;
      case 'ref': term(t.head); t.path.forEach(term); return;
      case 'input': t.path.forEach(term); return;
      case 'data': dataDeps(t.path, tree, out); t.path.forEach(term); return;
      case 'compr': term(t.key); term(t.value); body(t.body); return;
      case 'call':
        if (t.fn.kind === 'user') { const n = tree.root.find(t.fn.path); if (n) out.add(n); }
        t.args.forEach(term);
        return;
      default: return;
    }
  };
  const expr = (e: CExpr): void => {
    for (const w of e.with) term(w.value);
    switch (e.k) {
      case 'term': term(e.term); break;
      case 'eq': term(e.a); term(e.b); break;
      case 'somein': term(e.key); term(e.value); term(e.coll); break;
      case 'every': term(e.coll); body(e.body); break;
      default: break;
    }
  };
  const body = (b: CBody): void => b.forEach(expr);
  body(r.body);
  r.suffix.forEach(term);
  term(r.key);
  term(r.value);
}

/** A data reference depends on rules along its constant prefix and, if it stops inside the tree, all below. */
function dataDeps(path: CTerm[], tree: RuleTree, out: Set<RuleNode>): void {
  let node: RuleNode | undefined = tree.root;
  for (const p of path) {
    if (p.k !== 'val') break;
    if (node.rules.length || node.defaultRule) { out.add(node); return; }
    const next: RuleNode | undefined = node.find([p.v]);
    if (!next) return;
    node = next;
  }
  const all = (n: RuleNode): void => {
    if (n.rules.length || n.isFunction || n.defaultRule) out.add(n);
    for (const c of n.children.values()) all(c);
  };
  all(node);
}
