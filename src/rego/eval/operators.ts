// Infix operators (OPA's equal, neq, lt…, plus, minus, mul, div, rem, and, or, internal.member_*)
// and the built-ins the evaluator provides itself (print, trace). Type errors are BuiltinErrors, so
// they fail the evaluation in strict mode and make the expression undefined otherwise, like OPA's.

import { BuiltinError } from '../builtins/types.ts';
import { add, div, isNum, mul, rem, sub, type Num } from '../num.ts';
import { compare, equal, RegoObject, RegoSet, typeName, type Value } from '../value.ts';

type Op = (args: Value[]) => Value | undefined;

const num = (op: string, v: Value, pos: number): Num => {
  if (!isNum(v)) throw new BuiltinError(op, `operand ${pos} must be number but got ${typeName(v)}`);
  return v;
};
const isInt = (v: Num) => typeof v === 'bigint' || Number.isInteger(v);
const set = (op: string, v: Value, pos: number): RegoSet => {
  if (!(v instanceof RegoSet)) throw new BuiltinError(op, `operand ${pos} must be set but got ${typeName(v)}`);
  return v;
};

function member(x: Value, coll: Value): boolean {
  if (Array.isArray(coll)) return coll.some((e) => equal(e, x));
  if (coll instanceof RegoSet) return coll.has(x);
  if (coll instanceof RegoObject) {
    for (const [, v] of coll.entries()) if (equal(v, x)) return true;
    return false;
  }
  return false;
}

function memberKV(k: Value, v: Value, coll: Value): boolean {
  if (Array.isArray(coll)) {
    return typeof k === 'number' && Number.isInteger(k) && k >= 0 && k < coll.length && equal(coll[k]!, v);
  }
  if (coll instanceof RegoObject) { const x = coll.get(k); return x !== undefined && equal(x, v); }
  if (coll instanceof RegoSet) return coll.has(k) && equal(k, v);
  return false;
}

export const OPERATORS: Record<string, Op> = {
  equal: ([a, b]) => equal(a!, b!),
  neq: ([a, b]) => !equal(a!, b!),
  lt: ([a, b]) => compare(a!, b!) < 0,
  lte: ([a, b]) => compare(a!, b!) <= 0,
  gt: ([a, b]) => compare(a!, b!) > 0,
  gte: ([a, b]) => compare(a!, b!) >= 0,
  plus: ([a, b]) => add(num('plus', a!, 1), num('plus', b!, 2)),
  minus: ([a, b]) => {
    if (a instanceof RegoSet || b instanceof RegoSet) {
      const x = set('minus', a!, 1), y = set('minus', b!, 2);
      const out = new RegoSet();
      for (const [k, v] of x.map) if (!y.map.has(k)) out.map.set(k, v);
      return out;
    }
    return sub(num('minus', a!, 1), num('minus', b!, 2));
  },
  mul: ([a, b]) => mul(num('mul', a!, 1), num('mul', b!, 2)),
  div: ([a, b]) => {
    const x = num('div', a!, 1), y = num('div', b!, 2);
    if (y === 0) throw new BuiltinError('div', 'divide by zero');
    return div(x, y);
  },
  rem: ([a, b]) => {
    const x = num('rem', a!, 1), y = num('rem', b!, 2);
    if (!isInt(x) || !isInt(y)) throw new BuiltinError('rem', 'modulo on floating-point number');
    if (y === 0) throw new BuiltinError('rem', 'modulo by zero');
    return rem(x, y);
  },
  and: ([a, b]) => {
    const x = set('and', a!, 1), y = set('and', b!, 2);
    const out = new RegoSet();
    for (const [k, v] of x.map) if (y.map.has(k)) out.map.set(k, v);
    return out;
  },
  or: ([a, b]) => {
    const x = set('or', a!, 1), y = set('or', b!, 2);
    const out = new RegoSet();
    for (const [k, v] of x.map) out.map.set(k, v);
    for (const [k, v] of y.map) out.map.set(k, v);
    return out;
  },
  'internal.member_2': ([x, c]) => member(x!, c!),
  'internal.member_3': ([k, v, c]) => memberKV(k!, v!, c!),
  print: () => true,
  walk: () => { throw new BuiltinError('walk', 'walk needs an output argument: walk(x, [path, value])'); },
  'internal.print': () => true,
  trace: ([m]) => {
    if (typeof m !== 'string') throw new BuiltinError('trace', `operand 1 must be string but got ${typeName(m!)}`);
    return true;
  },
};

/** Every [path, value] of a document, root first (OPA's walk relation). */
export function walkPairs(v: Value, path: Value[] = [], out: Value[][] = []): Value[][] {
  out.push([path, v]);
  if (Array.isArray(v)) v.forEach((x, i) => walkPairs(x, [...path, i], out));
  else if (v instanceof RegoObject) for (const [k, x] of v.sortedEntries()) walkPairs(x, [...path, k], out);
  else if (v instanceof RegoSet) for (const x of v.sorted()) walkPairs(x, [...path, x], out);
  return out;
}
