// OPA's expansion of negated expressions, done at compile time (see hoistNested).
import type { Loc } from '../syntax/ast.ts';
import type { CExpr, CTerm } from './ir.ts';
import type { Scope } from './scope.ts';

/**
 * OPA's default expansion of a negated expression (opa#1877, #4743, #7558): nested calls (`not f(g(x))`,
 * `not f(x).y`), references used as keys of references (`not obj[input.k]`) and references passed to user
 * functions (`not f(input.x)`) become expressions of their own before the negated one, so when they are
 * undefined the body is undefined instead of `not` succeeding. `import future.keywords.not` keeps them
 * inside the negation. Comprehensions are closures and stay as they are.
 */
export function hoistNested(e: CExpr, scope: Scope): CExpr[] {
  const out: CExpr[] = [];
  const bind = (t: CTerm, loc: Loc): CTerm => {
    const slot = scope.frame.alloc('$not');
    out.push({ k: 'eq', a: { k: 'var', slot, name: '$not', loc }, b: t, negated: false, with: e.with, loc: e.loc, index: e.index, hoisted: true });
    return { k: 'var', slot, name: '$not', loc };
  };
  const isRef = (t: CTerm) => t.k === 'ref' || ((t.k === 'data' || t.k === 'input') && t.path.length > 0);
  const lift = (t: CTerm, refToo: boolean): CTerm => {
    const inner = walk(t);
    if (inner.k === 'call' && !(inner.fn.kind === 'op' && (inner.fn.name === 'print' || inner.fn.name === 'walk'))) return bind(inner, inner.loc);
    if (refToo && isRef(inner)) return bind(inner, (inner as { loc: Loc }).loc);
    return inner;
  };
  const walk = (t: CTerm): CTerm => {
    switch (t.k) {
      case 'call': return { ...t, args: t.args.map((a) => lift(a, t.fn.kind === 'user')) };
      case 'array': return { ...t, items: t.items.map((x) => lift(x, false)) };
      case 'set': return { ...t, items: t.items.map((x) => lift(x, false)) };
      case 'object': return { ...t, entries: t.entries.map(([k, v]) => [lift(k, false), lift(v, false)] as [CTerm, CTerm]) };
      case 'ref': return { ...t, head: lift(t.head, false), path: t.path.map((x) => lift(x, true)) };
      case 'data': case 'input': return { ...t, path: t.path.map((x) => lift(x, true)) };
      default: return t;
    }
  };
  let top: CExpr;
  if (e.k === 'term') top = { ...e, term: walk(e.term) };
  else if (e.k === 'eq') top = { ...e, a: lift(e.a, false), b: lift(e.b, false) };
  else return [e];
  return [...out, top];
}
