// Turns syntax into IR: locals to frame slots, rule names and imports to data paths, calls to
// built-ins/operators/user functions. Safety ordering happens afterwards (safety.ts).

import { deprecatedBuiltins } from '../builtins/index.ts';
import type { Builtin } from '../builtins/types.ts';
import { RegoCompileError } from '../errors.ts';
import type { Body, Expr, Loc, Term } from '../syntax/ast.ts';
import { RegoObject, RegoSet, type Value } from '../value.ts';
import type { CBody, CExpr, CTerm, CWith, FnTarget } from './ir.ts';
import { hoistNested } from './negation.ts';
import { refusedTarget, REFUSED_BUILTINS, UNSUPPORTED_BUILTINS } from './refused.ts';
import { patternVars, Scope, shallowVars } from './scope.ts';

/** Built-ins the evaluator implements itself (they need the evaluator or are variadic). */
export const EVALUATOR_BUILTINS: Record<string, number> = { print: -1, trace: 1, 'internal.print': -1, walk: 1 };

export interface Globals {
  pkg: string[];
  /** First segment of every rule of this package. */
  ruleNames: Set<string>;
  /** Import alias → root ("data"/"input") and path below it. */
  imports: Map<string, string[]>;
  /** Arity of the user function at this data path (several definitions share it). */
  userFnArity(path: string[]): number | undefined;
  builtins: Map<string, Builtin>;
  regoVersion: 0 | 1;
  /** Names some `with` replaces (refused and unsupported built-ins are allowed then). */
  mocked: ReadonlySet<string>;
  /** `import future.keywords.not`: keep a `not` expression's nested calls inside the negation. */
  futureNot: boolean;
}

const OP_ARITY: Record<string, number> = {
  equal: 2, neq: 2, lt: 2, lte: 2, gt: 2, gte: 2, plus: 2, minus: 2, mul: 2, div: 2, rem: 2, and: 2, or: 2,
  'internal.member_2': 2, 'internal.member_3': 3,
};

export class Resolver {
  /** The call that is a whole expression: only it may carry an output argument. */
  private topCall: Term | undefined;

  constructor(readonly g: Globals) {}

  isGlobal = (name: string): boolean =>
    name === 'data' || name === 'input' || this.g.ruleNames.has(name) || this.g.imports.has(name);

  /** Resolves a body in a fresh child scope of `parent` (or in `scope` itself if given). */
  body(body: Body, scope: Scope): CBody {
    return body.flatMap((e, i) => {
      const c = this.expr(e, scope, i);
      return c.negated && !this.g.futureNot ? hoistNested(c, scope) : [c];
    });
  }

  private expr(e: Expr, s: Scope, index: number): CExpr {
    const base = { negated: e.negated, loc: e.loc, index };
    const withs = e.with.map((w) => this.with(w, s));
    switch (e.kind) {
      case 'some':
        for (const v of e.vars) s.declare(v.name, v.loc, 'some');
        return { k: 'noop', ...base, with: withs };
      case 'somein': {
        // `some [x, y] in [[1, 2], [3]]` skips the items of another shape; when no item has the pattern's
        // shape, OPA's type checker rejects it.
        if (e.value.type === 'array' && e.coll.type === 'array' && e.coll.items.length > 0) {
          const n = e.value.items.length;
          if (e.coll.items.every((item) => item.type === 'array' && item.items.length !== n)) {
            throw new RegoCompileError('match error: mismatch in number of array elements', e.loc.line, e.loc.col);
          }
        }
        const coll = this.term(e.coll, s);
        for (const p of [...(e.key ? patternVars(e.key) : []), ...patternVars(e.value)]) {
          if (!p.name.startsWith('$')) this.checkShadow(p.name, p.loc);
          s.declare(p.name, p.loc, 'some');
        }
        return { k: 'somein', key: e.key && this.term(e.key, s), value: this.term(e.value, s), coll, ...base, with: withs };
      }
      case 'every': {
        const coll = this.term(e.coll, s);
        const inner = new Scope(s, s.frame, shallowVars(e.body, [e.value, ...(e.key ? [e.key] : [])]));
        const key = e.key && this.declaredVar(e.key.name, e.key.loc, inner);
        const value = this.declaredVar(e.value.name, e.value.loc, inner);
        const body = this.body(e.body, inner);
        return { k: 'every', key, value, coll, body, captures: [...inner.captured], ...base, with: withs };
      }
      case 'term': {
        const t = e.term;
        if (t.type === 'call' && (t.op === 'eq' || t.op === 'assign')) {
          const [l, r] = t.args as [Term, Term];
          if (t.op === 'assign') {
            const rhs = this.term(r, s);
            const vars = patternVars(l);
            if (l.type !== 'var' && l.type !== 'array' && l.type !== 'object') {
              throw new RegoCompileError('cannot assign to ' + describe(l), l.loc.line, l.loc.col);
            }
            if (vars.length === 0) throw new RegoCompileError('assignment operator := requires left-hand side to have bindable variables', t.loc.line, t.loc.col);
            for (const v of vars) {
              this.checkShadow(v.name, v.loc);
              s.declare(v.name, v.loc, 'assign');
            }
            checkLiteralShapes(l, r, t.loc);
            return { k: 'eq', a: this.term(l, s), b: rhs, assign: true, ...base, with: withs };
          }
          checkLiteralShapes(l, r, t.loc);
          return { k: 'eq', a: this.term(l, s), b: this.term(r, s), ...base, with: withs };
        }
        this.topCall = t;
        return { k: 'term', term: this.term(t, s), ...base, with: withs };
      }
    }
  }

  private checkShadow(name: string, loc: Loc): void {
    if ((name === 'input' || name === 'data') && this.g.regoVersion === 1) throw new RegoCompileError(`${name} cannot be shadowed`, loc.line, loc.col);
  }

  declaredVar(name: string, loc: Loc, s: Scope): CTerm {
    return { k: 'var', slot: s.declare(name, loc, 'some'), name, loc };
  }

  term(t: Term, s: Scope): CTerm {
    switch (t.type) {
      case 'scalar': return { k: 'val', v: t.value };
      case 'var': return this.varTerm(t.name, t.loc, s);
      case 'array': return foldConst({ k: 'array', items: t.items.map((x) => this.term(x, s)) });
      case 'set': return foldConst({ k: 'set', items: t.items.map((x) => this.term(x, s)) });
      case 'object': return foldConst({ k: 'object', entries: t.entries.map(([k, v]) => [this.term(k, s), this.term(v, s)] as [CTerm, CTerm]) });
      case 'ref': {
        const path = t.path.map((p) => this.term(p, s));
        if (t.head.type === 'var') {
          const head = this.varTerm(t.head.name, t.head.loc, s);
          if (head.k === 'data' || head.k === 'input') return { ...head, path: [...head.path, ...path], loc: t.loc };
          return { k: 'ref', head, path, loc: t.loc };
        }
        return { k: 'ref', head: this.term(t.head, s), path, loc: t.loc };
      }
      case 'arraycompr': case 'setcompr': {
        const inner = new Scope(s, s.frame, shallowVars(t.body, [t.term]));
        const body = this.body(t.body, inner);
        const value = this.term(t.term, inner);
        return { k: 'compr', kind: t.type === 'arraycompr' ? 'array' : 'set', value, body, captures: [...inner.captured], loc: t.loc };
      }
      case 'objectcompr': {
        const inner = new Scope(s, s.frame, shallowVars(t.body, [t.key, t.value]));
        const body = this.body(t.body, inner);
        const key = this.term(t.key, inner), value = this.term(t.value, inner);
        return { k: 'compr', kind: 'object', key, value, body, captures: [...inner.captured], loc: t.loc };
      }
      case 'call': {
        if (t.op === 'eq' || t.op === 'assign') {
          throw new RegoCompileError(`${t.op === 'eq' ? '=' : ':='} cannot be used inside a term`, t.loc.line, t.loc.col);
        }
        const [fn, arity] = this.fnTarget(t, s);
        const isTop = this.topCall === t;
        this.topCall = undefined;
        if (!isTop && arity >= 0 && t.args.length > arity) {
          throw new RegoCompileError(`too many arguments: function ${dottedName(t.fn) ?? t.op} takes ${arity}, got ${t.args.length}`, t.loc.line, t.loc.col);
        }
        const args = t.args.map((a) => this.term(a, s));
        return { k: 'call', fn, args, arity, loc: t.loc };
      }
    }
  }

  private varTerm(name: string, loc: Loc, s: Scope): CTerm {
    const slot = s.resolve(name, this.isGlobal);
    if (slot !== undefined) return { k: 'var', slot, name, loc };
    if (name === 'data') return { k: 'data', path: [], loc };
    if (name === 'input') return { k: 'input', path: [], loc };
    const imp = this.g.imports.get(name);
    if (imp) {
      const rest = imp.slice(1).map((p): CTerm => ({ k: 'val', v: p }));
      return imp[0] === 'input' ? { k: 'input', path: rest, loc } : { k: 'data', path: rest, loc };
    }
    return { k: 'data', path: [...this.g.pkg, name].map((p): CTerm => ({ k: 'val', v: p })), loc };
  }

  /** The dotted name of a called function, and what it resolves to. */
  fnTarget(t: Extract<Term, { type: 'call' }>, s: Scope): [FnTarget, number] {
    if (t.op) return [{ kind: 'op', name: t.op }, OP_ARITY[t.op] ?? 2];
    const name = dottedName(t.fn);
    if (!name) throw new RegoCompileError('invalid function name', t.loc.line, t.loc.col);
    const target = this.namedFn(name, s, t.loc);
    if (!target) throw new RegoCompileError(`undefined function ${name}`, t.loc.line, t.loc.col);
    const arity = target.kind === 'builtin' ? target.impl.arity
      : target.kind === 'user' ? this.g.userFnArity(target.path)! : EVALUATOR_BUILTINS[name] ?? OP_ARITY[name] ?? -1;
    if (arity >= 0 && t.args.length !== arity && t.args.length !== arity + 1) {
      throw new RegoCompileError(`function ${name} has arity ${arity}, got ${t.args.length} arguments`, t.loc.line, t.loc.col);
    }
    return [target, arity];
  }

  /** Resolves `f`, `a.b.f`, `data.x.f` to a user function or a built-in; undefined if unknown. */
  namedFn(name: string, s: Scope | undefined, loc: Loc): FnTarget | undefined {
    const parts = name.split('.');
    const head = parts[0]!;
    if (s?.vars.has(head)) return undefined;
    let path: string[] | undefined;
    if (head === 'data') path = parts.slice(1);
    else if (this.g.imports.has(head)) {
      const imp = this.g.imports.get(head)!;
      if (imp[0] === 'data') path = [...imp.slice(1), ...parts.slice(1)];
    } else if (this.g.ruleNames.has(head)) path = [...this.g.pkg, ...parts];
    if (path && this.g.userFnArity(path) !== undefined) return { kind: 'user', name, path };
    const outside = refusedTarget(name, this.g.mocked);
    if (outside) return outside;
    if (REFUSED_BUILTINS.has(name)) throw new RegoCompileError(`${name} is not allowed in Gatehouse policies`, loc.line, loc.col);
    if (UNSUPPORTED_BUILTINS.has(name)) throw new RegoCompileError(`${name} is not supported by Gatehouse's Rego engine`, loc.line, loc.col);
    if (name === 'print' || name === 'walk') return { kind: 'op', name };
    const impl = this.g.builtins.get(name);
    // Rego v1 removed the deprecated built-ins (OPA: "undefined function").
    if (impl && !(this.g.regoVersion === 1 && deprecatedBuiltins.has(name))) return { kind: 'builtin', name, impl };
    if (name in EVALUATOR_BUILTINS) return { kind: 'op', name };
    if (name in OP_ARITY) return { kind: 'op', name };
    return undefined;
  }

  private with(w: Expr['with'][number], s: Scope): CWith {
    const name = dottedName(w.target);
    if (!name) throw new RegoCompileError('with target must be a path', w.loc.line, w.loc.col);
    const parts = name.split('.');
    const fn = parts[0] === 'input' ? undefined : this.namedFn(name, undefined, w.loc) ?? refusedTarget(name, new Set([name]));
    const targetFn = fn && fn.kind !== 'op' ? fn : undefined;
    // `with f as g` replaces a function by another function; any other value is returned as is.
    let fnValue: FnTarget | undefined;
    const valueName = dottedName(w.value);
    if (targetFn && valueName && !(w.value.type === 'var' && s.vars.has(w.value.name))) {
      try { fnValue = this.namedFn(valueName, s, w.loc); } catch { fnValue = undefined; }
      if (fnValue?.kind === 'op' && !(valueName in EVALUATOR_BUILTINS)) fnValue = undefined;
    }
    const value: CTerm = fnValue ? { k: 'val', v: null } : this.term(w.value, s);
    if (parts[0] === 'input') return { target: { kind: 'input', path: parts.slice(1) }, value, loc: w.loc };
    if (targetFn) {
      return { target: { kind: 'fn', name: targetFn.kind === 'user' ? targetFn.path.join('.') : targetFn.name }, value, fnValue, loc: w.loc };
    }
    if (parts[0] === 'data') return { target: { kind: 'data', path: parts.slice(1) }, value, loc: w.loc };
    const imp = this.g.imports.get(parts[0]!);
    if (imp) {
      const full = [...imp, ...parts.slice(1)];
      return { target: { kind: full[0] === 'input' ? 'input' : 'data', path: full.slice(1) }, value, loc: w.loc };
    }
    if (this.g.ruleNames.has(parts[0]!)) return { target: { kind: 'data', path: [...this.g.pkg, ...parts] }, value, loc: w.loc };
    throw new RegoCompileError(`with keyword target must reference existing input, data, or a function`, w.loc.line, w.loc.col);
  }
}

export function dottedName(t: Term): string | undefined {
  if (t.type === 'var') return t.name;
  if (t.type !== 'ref' || t.head.type !== 'var') return undefined;
  const parts = [t.head.name];
  for (const p of t.path) {
    if (p.type !== 'scalar' || typeof p.value !== 'string') return undefined;
    parts.push(p.value);
  }
  return parts.join('.');
}

function describe(t: Term): string {
  return t.type === 'scalar' ? JSON.stringify(t.value) : t.type;
}

/** OPA's type checker rejects unifying literals of different shapes; mirror the common cases. */
function checkLiteralShapes(l: Term, r: Term, loc: Loc): void {
  const kind = (t: Term) => (t.type === 'array' || t.type === 'object' ? t.type : t.type === 'scalar' ? 'scalar' : undefined);
  const kl = kind(l), kr = kind(r);
  if (!kl || !kr) return;
  if (kl !== kr && (kl !== 'scalar' || kr !== 'scalar')) {
    if (kl === 'scalar' || kr === 'scalar') return;
    throw new RegoCompileError(`match error: cannot unify ${kl} with ${kr}`, loc.line, loc.col);
  }
  if (l.type === 'array' && r.type === 'array') {
    if (l.items.length !== r.items.length) throw new RegoCompileError('match error: mismatch in number of array elements', loc.line, loc.col);
    l.items.forEach((x, i) => checkLiteralShapes(x, r.items[i]!, loc));
  }
  if (l.type === 'object' && r.type === 'object') {
    const keys = (o: typeof l) => o.entries.map(([k]) => (k.type === 'scalar' ? JSON.stringify(k.value) : undefined));
    const kl2 = keys(l), kr2 = keys(r);
    if (kl2.every((x) => x !== undefined) && kr2.every((x) => x !== undefined)) {
      if (kl2.length !== kr2.length || kl2.some((x) => !kr2.includes(x))) {
        throw new RegoCompileError('match error: object keys mismatch', loc.line, loc.col);
      }
    }
  }
}

/** Literals whose parts are all constant become one constant value. */
function foldConst(t: CTerm): CTerm {
  switch (t.k) {
    case 'array':
      if (t.items.every((x) => x.k === 'val')) return { k: 'val', v: t.items.map((x) => (x as { v: Value }).v) };
      return t;
    case 'set':
      if (t.items.every((x) => x.k === 'val')) return { k: 'val', v: new RegoSet(t.items.map((x) => (x as { v: Value }).v)) };
      return t;
    case 'object':
      if (t.entries.every(([k, v]) => k.k === 'val' && v.k === 'val')) {
        return { k: 'val', v: new RegoObject(t.entries.map(([k, v]) => [(k as { v: Value }).v, (v as { v: Value }).v])) };
      }
      return t;
    default: return t;
  }
}
