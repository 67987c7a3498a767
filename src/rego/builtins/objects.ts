// object.* built-ins (OPA topdown/object.go).
import { equal, RegoObject, RegoSet, typeName, type Value } from '../value.ts';
import { arr, def, fail, obj, type Registry } from './util.ts';

/** Keys given as an array, set or object (its keys), as object.remove/object.filter accept. */
export function keySet(name: string, v: Value): RegoSet {
  if (Array.isArray(v)) return new RegoSet(v);
  if (v instanceof RegoSet) return v;
  if (v instanceof RegoObject) return new RegoSet(v.keys());
  return fail(name, `operand 2 must be one of {object, set, array} but got ${typeName(v)}`);
}

/** object.union: right wins, objects on both sides merge recursively. */
export function mergeOverwrite(a: RegoObject, b: RegoObject): RegoObject {
  const out = new RegoObject(a.entries());
  for (const [k, vb] of b.entries()) {
    const va = out.get(k);
    out.set(k, va instanceof RegoObject && vb instanceof RegoObject ? mergeOverwrite(va, vb) : vb);
  }
  return out;
}

/** One step of object.get's path walk: objects by key, arrays by integer index, sets by member. */
function step(cur: Value, key: Value): Value | undefined {
  if (cur instanceof RegoObject) return cur.get(key);
  if (Array.isArray(cur)) return typeof key === 'number' && Number.isInteger(key) ? cur[key] : undefined;
  if (cur instanceof RegoSet) return cur.has(key) ? key : undefined;
  return undefined;
}

function subsetOf(sup: Value, sub: Value): boolean {
  if (sup instanceof RegoObject && sub instanceof RegoObject) {
    for (const [k, v] of sub.entries()) {
      const sv = sup.get(k);
      if (sv === undefined) return false;
      if (sv instanceof RegoObject && v instanceof RegoObject) { if (!subsetOf(sv, v)) return false; }
      else if (sv instanceof RegoSet && v instanceof RegoSet) { if (!subsetOf(sv, v)) return false; }
      else if (!equal(sv, v)) return false;
    }
    return true;
  }
  if (sup instanceof RegoSet && sub instanceof RegoSet) return [...sub].every((x) => sup.has(x));
  if (Array.isArray(sup) && sub instanceof RegoSet) {
    const s = new RegoSet(sup);
    return [...sub].every((x) => s.has(x));
  }
  if (Array.isArray(sup) && Array.isArray(sub)) {
    // OPA: sub must appear in super as a contiguous run.
    if (sub.length === 0) return true;
    for (let i = 0; i + sub.length <= sup.length; i++) {
      if (sub.every((x, j) => equal(x, sup[i + j]!))) return true;
    }
    return false;
  }
  return fail('object.subset', 'both arguments to object.subset must be of the same type or array and set');
}

export function register(reg: Registry): void {
  def(reg, 'object.get', 3, (a) => {
    const o = obj('object.get', a, 0);
    const key = a[1]!;
    if (!Array.isArray(key)) return o.get(key) ?? a[2]!;
    let cur: Value = o;
    for (const k of key) {
      const next = step(cur, k);
      if (next === undefined) return a[2]!;
      cur = next;
    }
    return cur;
  });
  def(reg, 'object.keys', 1, (a) => new RegoSet(obj('object.keys', a, 0).keys()));
  def(reg, 'object.union', 2, (a) => mergeOverwrite(obj('object.union', a, 0), obj('object.union', a, 1)));
  def(reg, 'object.union_n', 1, (a) => {
    let out = new RegoObject();
    for (const o of arr('object.union_n', a, 0)) {
      if (!(o instanceof RegoObject)) fail('object.union_n', `operand 1 must be array[object] but got array containing ${typeName(o)}`);
      out = mergeOverwrite(out, o as RegoObject);
    }
    return out;
  });
  def(reg, 'object.remove', 2, (a) => {
    const o = obj('object.remove', a, 0);
    const keys = keySet('object.remove', a[1]!);
    return new RegoObject([...o.entries()].filter(([k]) => !keys.has(k)));
  });
  def(reg, 'object.filter', 2, (a) => {
    const o = obj('object.filter', a, 0);
    const keys = keySet('object.filter', a[1]!);
    return new RegoObject([...o.entries()].filter(([k]) => keys.has(k)));
  });
  def(reg, 'object.subset', 2, ([sup, sub]) => {
    const ok = (v: Value) => v instanceof RegoObject || v instanceof RegoSet || Array.isArray(v);
    if (!ok(sup!)) fail('object.subset', `operand 1 must be one of {object, set, array} but got ${typeName(sup!)}`);
    if (!ok(sub!)) fail('object.subset', `operand 2 must be one of {object, set, array} but got ${typeName(sub!)}`);
    return subsetOf(sup!, sub!);
  });
}
