// Compiles parsed modules into the rule tree: resolve names, order bodies for safety, check heads.

import type { Builtin } from '../builtins/types.ts';
import { RegoCompileError } from '../errors.ts';
import type { Module, Rule, Term } from '../syntax/ast.ts';
import type { Value } from '../value.ts';
import type { CQuery, CRule, CTerm } from './ir.ts';
import { withTargets } from './refused.ts';
import { Resolver, type Globals } from './resolve.ts';
import { checkTermSafe, orderBody } from './safety.ts';
import { Frame, patternVars, Scope, shallowVars } from './scope.ts';
import { RuleTree } from './rule-tree.ts';
import type { Body } from '../syntax/ast.ts';
import { checkRecursion } from './recursion.ts';

export function buildTree(modules: Module[], builtins: Map<string, Builtin>): RuleTree {
  const tree = new RuleTree();
  const ruleNames = new Map<string, Set<string>>();
  const fnArity = new Map<string, number>();
  for (const m of modules) {
    const pk = m.pkg.join('.');
    let names = ruleNames.get(pk);
    if (!names) ruleNames.set(pk, (names = new Set()));
    for (const r of m.rules) {
      const first = r.head.ref[0]!;
      const name = first.type === 'var' ? first.name : '';
      if ((name === 'data' || name === 'input') && m.regoVersion === 1) throw new RegoCompileError(`${name} cannot be shadowed`, r.loc.line, r.loc.col);
      names.add(name);
      if (r.head.args) {
        const path = [...m.pkg, ...headNames(r.head.ref)].join('.');
        const prev = fnArity.get(path);
        if (prev !== undefined && prev !== r.head.args.length) {
          throw new RegoCompileError(`function ${path} has conflicting arities`, r.loc.line, r.loc.col);
        }
        fnArity.set(path, r.head.args.length);
      }
    }
  }
  for (const m of modules) tree.addPackage(m.pkg);
  const mocked = withTargets(modules.flatMap((m) => m.rules.flatMap(ruleBodies)));
  for (const m of modules) {
    const imports = new Map<string, string[]>();
    for (const imp of m.imports) {
      const path = importPath(imp.path);
      const alias = imp.alias ?? path[path.length - 1]!;
      if (path.length === 1 && !imp.alias) continue; // `import input` / `import data`
      imports.set(alias, path);
    }
    const g: Globals = {
      pkg: m.pkg, ruleNames: ruleNames.get(m.pkg.join('.'))!, imports, builtins, regoVersion: m.regoVersion,
      userFnArity: (p) => fnArity.get(p.join('.')), mocked, futureNot: m.futureNot ?? false,
    };
    const resolver = new Resolver(g);
    for (const r of m.rules) {
      try {
        const [prefix, compiled] = compileRule(r, m, resolver);
        tree.add(prefix, compiled);
      } catch (err) {
        if (err instanceof RegoCompileError) err.module ??= m.name;
        throw err;
      }
    }
  }
  checkRecursion(tree);
  return tree;
}

/** A rule's bodies, its else branches' included. */
function ruleBodies(r: Rule): Body[] {
  const out: Body[] = [];
  for (let b: Rule | undefined = r; b; b = b.elseRule) out.push(b.body);
  return out;
}

function headNames(ref: Term[]): string[] {
  return ref.map((t) => (t.type === 'var' ? t.name : t.type === 'scalar' ? String(t.value) : '?'));
}

function importPath(t: Term): string[] {
  if (t.type === 'var') return [t.name];
  if (t.type === 'ref' && t.head.type === 'var') {
    return [t.head.name, ...t.path.map((p) => (p.type === 'scalar' ? String(p.value) : '?'))];
  }
  return [];
}

function compileRule(r: Rule, m: Module, resolver: Resolver): [Value[], CRule] {
  const ref = r.head.ref;
  // Ground prefix of the head (after the package): rule name, then constant keys.
  const prefix: Value[] = [...m.pkg];
  let i = 0;
  for (; i < ref.length; i++) {
    const t = ref[i]!;
    if (i === 0 && t.type === 'var') { prefix.push(t.name); continue; }
    if (t.type === 'scalar') { prefix.push(t.value); continue; }
    break;
  }
  const suffixTerms = ref.slice(i);
  const compiled = compileBranch(r, suffixTerms, m, resolver);
  let cur = compiled;
  for (let e = r.elseRule; e; e = e.elseRule) {
    cur.elseRule = compileBranch(e, suffixTerms, m, resolver);
    cur = cur.elseRule;
  }
  return [prefix, compiled];
}

function compileBranch(r: Rule, suffixTerms: Term[], m: Module, resolver: Resolver): CRule {
  const frame = new Frame();
  const headTerms = [...suffixTerms, ...(r.head.key ? [r.head.key] : []), ...(r.head.value ? [r.head.value] : []), ...(r.head.args ?? [])];
  const scope = new Scope(undefined, frame, shallowVars(r.body, headTerms));
  const safe = new Set<number>();
  let args: CTerm[] | undefined;
  if (r.head.args) {
    for (const a of r.head.args) {
      for (const v of patternVars(a)) {
        if (!scope.vars.has(v.name)) safe.add(scope.declare(v.name, v.loc, 'arg'));
      }
    }
    args = r.head.args.map((a) => resolver.term(a, scope));
  }
  let body = resolver.body(r.body, scope);
  body = orderBody(body, safe);
  const suffix = suffixTerms.map((t) => resolver.term(t, scope));
  const key = r.head.key && resolver.term(r.head.key, scope);
  const value = r.head.value && resolver.term(r.head.value, scope);
  for (const t of [...suffix, key, value]) checkTermSafe(t, safe);
  const isVal = (t?: CTerm) => !t || t.k === 'val';
  return {
    kind: r.kind, suffix, key, value, args, body, nSlots: frame.n, isDefault: r.isDefault,
    constValue: suffix.every((t) => t.k === 'val') && isVal(key) && isVal(value),
    loc: r.loc, module: m.name,
  };
}

/** Compiles a query against the given globals (none by default: names are query variables). */
export function compileQuery(body: Body, builtins: Map<string, Builtin>, fnArity: (p: string[]) => number | undefined,
  mocked: ReadonlySet<string> = new Set(), regoVersion: 0 | 1 = 1): CQuery {
  const g: Globals = { pkg: [], ruleNames: new Set(), imports: new Map(), builtins, regoVersion, futureNot: true, userFnArity: fnArity, mocked: withTargets([body], new Set(mocked)) };
  const resolver = new Resolver(g);
  const frame = new Frame();
  const scope = new Scope(undefined, frame, shallowVars(body));
  const resolved = resolver.body(body, scope);
  // A one-expression query reports its value even when false (`1 == 2` gives false, not undefined).
  if (resolved.length === 1 && resolved[0]!.k === 'term' && !resolved[0]!.negated) resolved[0]!.capture = true;
  const ordered = orderBody(resolved, new Set());
  const outputs: [string, number][] = [];
  for (const [name, slot] of scope.vars) if (!name.startsWith('$')) outputs.push([name, slot]);
  return { body: ordered, nSlots: frame.n, outputs, nExprs: body.length };
}
