// Variable scoping. Each body (rule, comprehension, `every`) is a scope; a name is local to the innermost
// scope that declares it (`some`, `:=`, function args) or, failing that, to the outermost enclosing body
// in which it appears at all — so `[x | x = y[_]]` captures `y` from the rule body when the rule body
// mentions `y`, as OPA's compiler does. Names never bound anywhere resolve to globals (rules, imports).

import { RegoCompileError } from '../errors.ts';
import type { Body, Loc, Term } from '../syntax/ast.ts';

export class Frame {
  n = 0;
  names: string[] = [];
  alloc(name: string): number { this.names.push(name); return this.n++; }
}

export class Scope {
  readonly vars = new Map<string, number>();
  readonly declared = new Set<string>();
  readonly seen = new Set<string>();
  readonly captured = new Set<number>();
  readonly own = new Set<number>();

  constructor(readonly parent: Scope | undefined, readonly frame: Frame, readonly shallow: Set<string>) {}

  declare(name: string, loc: Loc, how: 'some' | 'assign' | 'arg'): number {
    if (this.declared.has(name)) {
      throw new RegoCompileError(`var ${name} ${how === 'assign' ? 'assigned' : 'declared'} above`, loc.line, loc.col);
    }
    if (this.seen.has(name) || (this.vars.has(name) && how !== 'arg')) {
      throw new RegoCompileError(`var ${name} referenced above`, loc.line, loc.col);
    }
    this.declared.add(name);
    const slot = this.frame.alloc(name);
    this.vars.set(name, slot);
    this.own.add(slot);
    return slot;
  }

  /** The slot of a local name, allocating it in the right scope; undefined for globals. */
  resolve(name: string, isGlobal: (n: string) => boolean): number | undefined {
    this.seen.add(name);
    const mine = this.vars.get(name);
    if (mine !== undefined) return mine;
    // Declared in an enclosing scope?
    for (let s = this.parent; s; s = s.parent) {
      const slot = s.vars.get(name);
      if (slot !== undefined && s.declared.has(name)) return this.capture(slot, s);
    }
    if (isGlobal(name)) return undefined;
    // Mentioned in an enclosing body: it belongs to the outermost such body.
    let owner: Scope | undefined;
    for (let s = this.parent; s; s = s.parent) if (s.shallow.has(name)) owner = s;
    if (owner) {
      let slot = owner.vars.get(name);
      if (slot === undefined) { slot = this.frame.alloc(name); owner.vars.set(name, slot); owner.own.add(slot); }
      return this.capture(slot, owner);
    }
    const slot = this.frame.alloc(name);
    this.vars.set(name, slot);
    this.own.add(slot);
    return slot;
  }

  private capture(slot: number, owner: Scope): number {
    for (let s: Scope | undefined = this; s && s !== owner; s = s.parent) s.captured.add(slot);
    return slot;
  }
}

/** Names of variables in a body, not looking into nested comprehensions or `every` bodies. */
export function shallowVars(body: Body, extra: Term[] = []): Set<string> {
  const out = new Set<string>();
  const visit = (t: Term): void => {
    switch (t.type) {
      case 'var': out.add(t.name); return;
      case 'ref': visit(t.head); t.path.forEach(visit); return;
      case 'array': case 'set': t.items.forEach(visit); return;
      case 'object': for (const [k, v] of t.entries) { visit(k); visit(v); } return;
      case 'call': t.args.forEach(visit); return;
      default: return;
    }
  };
  // Names a body declares (`some`, `:=`) are its own: a nested comprehension never captures them.
  const declared = new Set<string>();
  for (const e of body) {
    switch (e.kind) {
      case 'term':
        if (e.term.type === 'call' && e.term.op === 'assign') {
          for (const v of patternVars(e.term.args[0]!)) declared.add(v.name);
          visit(e.term.args[1]!);
        } else visit(e.term);
        break;
      case 'some': e.vars.forEach((v) => declared.add(v.name)); break;
      case 'somein':
        for (const v of [...(e.key ? patternVars(e.key) : []), ...patternVars(e.value)]) declared.add(v.name);
        visit(e.coll);
        break;
      case 'every': visit(e.coll); break;
    }
    for (const w of e.with) visit(w.value);
  }
  extra.forEach(visit);
  for (const d of declared) out.delete(d);
  return out;
}

/** Variables of a pattern (the left of `:=`, `some … in` keys and values). */
export function patternVars(t: Term, out: { name: string; loc: Loc }[] = []): { name: string; loc: Loc }[] {
  switch (t.type) {
    case 'var': out.push({ name: t.name, loc: t.loc }); break;
    case 'array': t.items.forEach((x) => patternVars(x, out)); break;
    case 'object': for (const [, v] of t.entries) patternVars(v, out); break;
    default: break;
  }
  return out;
}
