// Safety: every variable must be bound by some expression before it is used where a value is needed.
// Like OPA (ast/compile.go reorderBodyForSafety), expressions are reordered so that binders come
// first; what cannot be ordered is a compile error naming the variable: `var x is unsafe`.

import { RegoCompileError } from '../errors.ts';
import type { Loc } from '../syntax/ast.ts';
import { keyOf } from '../value.ts';
import type { CBody, CExpr, CTerm } from './ir.ts';

interface Acc { unsafe: Map<number, Loc>; outputs: Set<number> }

const isWildcardName = (name: string) => name.startsWith('$');

/** Reorders `body` (in place semantics: returns the new order); `safe` gains the body's outputs. */
export function orderBody(body: CBody, safe: Set<number>): CBody {
  let remaining = body.slice();
  const out: CBody = [];
  while (remaining.length > 0) {
    const deferred: CBody = [];
    for (const e of remaining) {
      const acc = analyzeExpr(e, safe);
      if (acc.unsafe.size === 0) {
        orderNested(e, safe);
        for (const s of acc.outputs) safe.add(s);
        out.push(e);
      } else deferred.push(e);
    }
    const progressed = deferred.length < remaining.length;
    remaining = deferred;
    if (!progressed) {
      let first: [string, Loc] | undefined;
      for (const e of remaining) {
        const acc = analyzeExpr(e, safe);
        for (const [slot, loc] of acc.unsafe) {
          const name = nameOf(e, slot) ?? `#${slot}`;
          if (!first || loc.line < first[1].line || (loc.line === first[1].line && loc.col < first[1].col)) first = [name, loc];
        }
      }
      const [name, loc] = first!;
      throw new RegoCompileError(`var ${displayName(name)} is unsafe`, loc.line, loc.col);
    }
  }
  return out;
}

const displayName = (n: string) => (isWildcardName(n) ? '_' : n);

/** Checks that head terms only use variables the body binds. */
export function checkTermSafe(t: CTerm | undefined, safe: Set<number>): void {
  if (!t) return;
  const acc: Acc = { unsafe: new Map(), outputs: new Set() };
  evaluable(t, safe, acc);
  for (const [slot, loc] of acc.unsafe) {
    throw new RegoCompileError(`var ${displayName(findName(t, slot) ?? '?')} is unsafe`, loc.line, loc.col);
  }
}

function analyzeExpr(e: CExpr, safe: Set<number>): Acc {
  const acc: Acc = { unsafe: new Map(), outputs: new Set() };
  for (const w of e.with) evaluable(w.value, safe, acc);
  switch (e.k) {
    case 'noop': break;
    case 'term': {
      const t = e.term;
      if (t.k === 'call' && t.arity >= 0 && t.args.length === t.arity + 1) {
        t.args.slice(0, t.arity).forEach((a) => evaluable(a, safe, acc));
        pattern(t.args[t.arity]!, safe, acc);
      } else evaluable(t, safe, acc);
      break;
    }
    case 'eq': eq(e.a, e.b, safe, acc); break;
    case 'somein':
      evaluable(e.coll, safe, acc);
      if (e.key) pattern(e.key, safe, acc);
      pattern(e.value, safe, acc);
      break;
    case 'every':
      evaluable(e.coll, safe, acc);
      for (const c of e.captures) needSafe(c, e.loc, safe, acc);
      acc.outputs.clear();
      break;
  }
  if (e.negated) {
    // A negated expression binds nothing; only wildcards may stay local to it.
    for (const s of acc.outputs) if (!isWildcardSlot(e, s)) acc.unsafe.set(s, locOf(e, s) ?? e.loc);
    acc.outputs.clear();
  }
  return acc;
}

function eq(a: CTerm, b: CTerm, safe: Set<number>, acc: Acc): void {
  for (const [x, y] of [[a, b], [b, a]] as const) {
    const trial: Acc = { unsafe: new Map(), outputs: new Set(acc.outputs) };
    evaluable(x, safe, trial);
    pattern(y, safe, trial);
    if (trial.unsafe.size === 0) { for (const s of trial.outputs) acc.outputs.add(s); return; }
  }
  const pairs = literalPairs(a, b);
  if (pairs) {
    const inner = new Set(safe);
    const trial: Acc = { unsafe: new Map(), outputs: new Set() };
    // Pairs may bind each other's variables in any order: iterate to a fixpoint.
    let pending = pairs;
    for (let round = 0; round < pending.length + 1 && pending.length > 0; round++) {
      pending = pending.filter(([x, y]) => {
        const t: Acc = { unsafe: new Map(), outputs: new Set() };
        eq(x, y, inner, t);
        if (t.unsafe.size > 0) return true;
        for (const s of t.outputs) { inner.add(s); trial.outputs.add(s); }
        return false;
      });
    }
    if (pending.length === 0) { for (const s of trial.outputs) acc.outputs.add(s); return; }
  }
  evaluable(a, safe, acc);
  pattern(b, safe, acc);
}

/** Element pairs of two array literals of one length, or two object literals with the same constant keys. */
export function literalPairs(a: CTerm, b: CTerm): (readonly [CTerm, CTerm])[] | undefined {
  if (a.k === 'array' && b.k === 'array') {
    return a.items.length === b.items.length ? a.items.map((x, i) => [x, b.items[i]!] as const) : undefined;
  }
  if (a.k === 'object' && b.k === 'object' && a.entries.length === b.entries.length) {
    const bk = new Map<string, CTerm>();
    for (const [k, v] of b.entries) { if (k.k !== 'val') return undefined; bk.set(keyOf(k.v), v); }
    const out: (readonly [CTerm, CTerm])[] = [];
    for (const [k, v] of a.entries) {
      if (k.k !== 'val') return undefined;
      const w = bk.get(keyOf(k.v));
      if (!w) return undefined;
      out.push([v, w]);
    }
    return out;
  }
  return undefined;
}

function needSafe(slot: number, loc: Loc, safe: Set<number>, acc: Acc): void {
  if (!safe.has(slot) && !acc.outputs.has(slot) && !acc.unsafe.has(slot)) acc.unsafe.set(slot, loc);
}

function evaluable(t: CTerm, safe: Set<number>, acc: Acc): void {
  switch (t.k) {
    case 'val': return;
    case 'var': needSafe(t.slot, t.loc, safe, acc); return;
    case 'array': case 'set': t.items.forEach((x) => evaluable(x, safe, acc)); return;
    case 'object': for (const [k, v] of t.entries) { evaluable(k, safe, acc); evaluable(v, safe, acc); } return;
    case 'ref': evaluable(t.head, safe, acc); refPath(t.path, safe, acc); return;
    case 'data': case 'input': refPath(t.path, safe, acc); return;
    case 'compr': for (const c of t.captures) needSafe(c, t.loc, safe, acc); return;
    case 'call': t.args.forEach((a) => evaluable(a, safe, acc)); return;
  }
}

function refPath(path: CTerm[], safe: Set<number>, acc: Acc): void {
  for (const p of path) {
    if (p.k === 'var' || p.k === 'array' || p.k === 'object') pattern(p, safe, acc);
    else evaluable(p, safe, acc);
  }
}

function pattern(t: CTerm, safe: Set<number>, acc: Acc): void {
  switch (t.k) {
    case 'var': if (!safe.has(t.slot)) acc.outputs.add(t.slot); return;
    case 'array': t.items.forEach((x) => pattern(x, safe, acc)); return;
    case 'object': for (const [k, v] of t.entries) { evaluable(k, safe, acc); pattern(v, safe, acc); } return;
    default: evaluable(t, safe, acc);
  }
}

/** Orders the bodies of comprehensions and `every` inside a placed expression. */
function orderNested(e: CExpr, safe: Set<number>): void {
  const visit = (t: CTerm | undefined): void => {
    if (!t) return;
    switch (t.k) {
      case 'array': case 'set': t.items.forEach(visit); return;
      case 'object': for (const [k, v] of t.entries) { visit(k); visit(v); } return;
      case 'ref': visit(t.head); t.path.forEach(visit); return;
      case 'data': case 'input': t.path.forEach(visit); return;
      case 'call': t.args.forEach(visit); return;
      case 'compr': {
        const inner = new Set(safe);
        t.body = orderBody(t.body, inner);
        checkTermSafe(t.key, inner);
        checkTermSafe(t.value, inner);
        return;
      }
      default: return;
    }
  };
  for (const w of e.with) visit(w.value);
  switch (e.k) {
    case 'term': visit(e.term); break;
    case 'eq': visit(e.a); visit(e.b); break;
    case 'somein': visit(e.key); visit(e.value); visit(e.coll); break;
    case 'every': {
      visit(e.coll);
      const inner = new Set(safe);
      if (e.key && e.key.k === 'var') inner.add(e.key.slot);
      if (e.value.k === 'var') inner.add(e.value.slot);
      e.body = orderBody(e.body, inner);
      break;
    }
    default: break;
  }
}

function findVar(t: CTerm | undefined, slot: number): { name: string; loc: Loc } | undefined {
  if (!t) return undefined;
  switch (t.k) {
    case 'var': return t.slot === slot ? t : undefined;
    case 'array': case 'set': for (const x of t.items) { const r = findVar(x, slot); if (r) return r; } return undefined;
    case 'object': for (const [k, v] of t.entries) { const r = findVar(k, slot) ?? findVar(v, slot); if (r) return r; } return undefined;
    case 'ref': return findVar(t.head, slot) ?? t.path.map((p) => findVar(p, slot)).find(Boolean);
    case 'data': case 'input': return t.path.map((p) => findVar(p, slot)).find(Boolean);
    case 'call': return t.args.map((p) => findVar(p, slot)).find(Boolean);
    case 'compr': {
      for (const e of t.body) { const r = findInExpr(e, slot); if (r) return r; }
      return findVar(t.key, slot) ?? findVar(t.value, slot);
    }
    default: return undefined;
  }
}

function findInExpr(e: CExpr, slot: number): { name: string; loc: Loc } | undefined {
  for (const w of e.with) { const r = findVar(w.value, slot); if (r) return r; }
  switch (e.k) {
    case 'term': return findVar(e.term, slot);
    case 'eq': return findVar(e.a, slot) ?? findVar(e.b, slot);
    case 'somein': return findVar(e.key, slot) ?? findVar(e.value, slot) ?? findVar(e.coll, slot);
    case 'every': {
      const r = findVar(e.coll, slot);
      if (r) return r;
      for (const x of e.body) { const q = findInExpr(x, slot); if (q) return q; }
      return undefined;
    }
    default: return undefined;
  }
}

const findName = (t: CTerm, slot: number) => findVar(t, slot)?.name;
const nameOf = (e: CExpr, slot: number) => findInExpr(e, slot)?.name;
const locOf = (e: CExpr, slot: number) => findInExpr(e, slot)?.loc;
const isWildcardSlot = (e: CExpr, slot: number) => isWildcardName(nameOf(e, slot) ?? '');
