// Element access and iteration over Rego collections, in OPA's order.

import { RegoObject, RegoSet, type Value } from '../value.ts';

/** `dataDoc`: inside `data`, a number key also finds the string key it prints as (OPA: data[1] is data["1"]). */
export function lookup(v: Value, key: Value, dataDoc = false): Value | undefined {
  if (v instanceof RegoObject) {
    const x = v.get(key);
    return x === undefined && dataDoc && typeof key === 'number' ? v.get(String(key)) : x;
  }
  if (Array.isArray(v)) return typeof key === 'number' && Number.isInteger(key) && key >= 0 && key < v.length ? v[key] : undefined;
  if (v instanceof RegoSet) return v.has(key) ? key : undefined;
  return undefined;
}

const sortedCache = new WeakMap<RegoSet | RegoObject, { size: number; entries: [Value, Value][] }>();

/** Set members / object entries in OPA's order (sorted), cached per collection: built values do not change. */
function sortedEntries(coll: RegoSet | RegoObject): [Value, Value][] {
  const hit = sortedCache.get(coll);
  if (hit && hit.size === coll.size) return hit.entries;
  const entries: [Value, Value][] = coll instanceof RegoSet ? coll.sorted().map((v) => [v, v]) : coll.sortedEntries();
  sortedCache.set(coll, { size: coll.size, entries });
  return entries;
}

/** Calls fn(key, value) for each element, in OPA's order; stops when fn returns true. */
export function iterate(coll: Value, fn: (k: Value, v: Value) => boolean): boolean {
  if (Array.isArray(coll)) {
    for (let i = 0; i < coll.length; i++) if (fn(i, coll[i]!)) return true;
  } else if (coll instanceof RegoObject || coll instanceof RegoSet) {
    if (coll.size === 1) { const [k, v] = coll instanceof RegoSet ? [coll.values().next().value!, coll.values().next().value!] : coll.entries().next().value!; return fn(k, v); }
    for (const [k, v] of sortedEntries(coll)) if (fn(k, v)) return true;
  }
  return false;
}
