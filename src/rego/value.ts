// Rego values. The contract every part of the engine (evaluator, builtins, adapters) shares.
import { canonical, cmp, isNum, norm, type Num } from './num.ts';
//
// Scalars are plain JS values: null, boolean, number (a JS double, or a bigint for an integer beyond
// 2^53, kept exact as OPA keeps it: see num.ts), string. Arrays are JS arrays.
// Sets and objects are classes keyed by a canonical string of the member/key, because Rego
// compares composite values structurally ({"a": [1]} == {"a": [1]}) and object keys may be any value.

export type Value = null | boolean | number | bigint | string | Value[] | RegoSet | RegoObject;

/** Canonical, injective string for a value: equal values have equal keys. */
export function keyOf(v: Value): string {
  // A top-level string needs no escaping: only strings have keys starting with 's'. Inside composites
  // the members are escaped (innerKey) so separators cannot be forged.
  if (typeof v === 'string') return 's' + v;
  return innerKey(v);
}

function innerKey(v: Value): string {
  if (v === null) return 'n';
  switch (typeof v) {
    case 'boolean': return v ? 't' : 'f';
    case 'number': {
      if (Number.isSafeInteger(v)) return 'd' + (v === 0 ? 0 : v);
      const c = canonical(v);
      return 'd' + (Object.is(c, -0) ? 0 : c);
    }
    case 'bigint': return 'd' + v;
    case 'string': return 's' + JSON.stringify(v);
  }
  if (Array.isArray(v)) return '[' + v.map(innerKey).join(',') + ']';
  if (v instanceof RegoSet) return '<' + v.sorted().map(innerKey).join(',') + '>';
  return '{' + v.sortedEntries().map(([k, x]) => innerKey(k) + ':' + innerKey(x)).join(',') + '}';
}

export class RegoSet {
  readonly map = new Map<string, Value>();
  constructor(items?: Iterable<Value>) {
    if (items) for (const it of items) this.add(it);
  }
  add(v: Value): void { this.map.set(keyOf(v), v); }
  has(v: Value): boolean { return this.map.has(keyOf(v)); }
  get size(): number { return this.map.size; }
  values(): IterableIterator<Value> { return this.map.values(); }
  [Symbol.iterator](): IterableIterator<Value> { return this.map.values(); }
  /** Members in Rego's sort order. */
  sorted(): Value[] { return [...this.map.values()].sort(compare); }
  sortedKeys(): string[] { return this.sorted().map(keyOf); }
}

export class RegoObject {
  readonly map = new Map<string, [Value, Value]>();
  constructor(entries?: Iterable<[Value, Value]>) {
    if (entries) for (const [k, v] of entries) this.set(k, v);
  }
  static fromRecord(rec: Record<string, Value>): RegoObject {
    const o = new RegoObject();
    for (const k of Object.keys(rec)) o.set(k, rec[k]!);
    return o;
  }
  set(k: Value, v: Value): void { this.map.set(keyOf(k), [k, v]); }
  get(k: Value): Value | undefined { return this.map.get(keyOf(k))?.[1]; }
  has(k: Value): boolean { return this.map.has(keyOf(k)); }
  delete(k: Value): boolean { return this.map.delete(keyOf(k)); }
  get size(): number { return this.map.size; }
  keys(): Value[] { return [...this.map.values()].map((e) => e[0]); }
  entries(): IterableIterator<[Value, Value]> { return this.map.values(); }
  /** Entries in Rego's sort order of their keys. */
  sortedEntries(): [Value, Value][] { return [...this.map.values()].sort((a, b) => compare(a[0], b[0])); }
}

const typeRank = (v: Value): number => {
  if (v === null) return 0;
  switch (typeof v) {
    case 'boolean': return 1;
    case 'number': case 'bigint': return 2;
    case 'string': return 3;
  }
  if (Array.isArray(v)) return 4;
  if (v instanceof RegoObject) return 5;
  return 6; // set
};

/** OPA's total order: null < boolean < number < string < array < object < set. */
export function compare(a: Value, b: Value): number {
  const ra = typeRank(a), rb = typeRank(b);
  if (ra !== rb) return ra - rb;
  switch (ra) {
    case 0: return 0;
    case 1: return a === b ? 0 : a ? 1 : -1;
    case 2: return cmp(a as Num, b as Num);
    case 3: return (a as string) < (b as string) ? -1 : (a as string) > (b as string) ? 1 : 0;
    case 4: return compareLists(a as Value[], b as Value[]);
    case 5: {
      const ea = (a as RegoObject).sortedEntries(), eb = (b as RegoObject).sortedEntries();
      for (let i = 0; i < Math.min(ea.length, eb.length); i++) {
        const c = compare(ea[i]![0], eb[i]![0]) || compare(ea[i]![1], eb[i]![1]);
        if (c !== 0) return c;
      }
      return ea.length - eb.length;
    }
    default: return compareLists((a as RegoSet).sorted(), (b as RegoSet).sorted());
  }
}

function compareLists(a: Value[], b: Value[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = compare(a[i]!, b[i]!);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

export function equal(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    // Two doubles are equal only if ===; a bigint and a double compare exactly.
    return typeof a !== typeof b && isNum(a) && isNum(b) && cmp(a, b) === 0;
  }
  return keyOf(a) === keyOf(b);
}

/** OPA's type_name. */
export function typeName(v: Value): 'null' | 'boolean' | 'number' | 'string' | 'array' | 'object' | 'set' {
  return (['null', 'boolean', 'number', 'string', 'array', 'object', 'set'] as const)[typeRank(v)]!;
}

/** JSON (as parsed by JSON.parse) → Rego value. */
export function fromJson(j: unknown): Value {
  if (j === null || typeof j === 'boolean' || typeof j === 'string') return j;
  if (typeof j === 'number') return canonical(j);
  if (typeof j === 'bigint') return norm(j);
  if (Array.isArray(j)) return j.map(fromJson);
  if (typeof j === 'object') {
    const o = new RegoObject();
    for (const [k, v] of Object.entries(j as Record<string, unknown>)) o.set(k, fromJson(v));
    return o;
  }
  throw new TypeError(`not a JSON value: ${typeof j}`);
}

/** Rego value → JSON, as OPA serializes it: sets become sorted arrays, non-string keys are stringified. */
export function toJson(v: Value): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(toJson);
  if (v instanceof RegoSet) return v.sorted().map(toJson);
  const out: Record<string, unknown> = {};
  for (const [k, x] of v.sortedEntries()) out[typeof k === 'string' ? k : JSON.stringify(toJson(k))] = toJson(x);
  return out;
}
