// json.filter json.remove json.patch (OPA topdown/json.go). Paths are "a/b/c" strings (JSON-pointer
// escapes ~0 ~1) or arrays of segments; filters are built as a tree whose leaves are null.
import { equal, RegoObject, RegoSet, typeName, type Value } from '../value.ts';
import { arr, def, fail, obj, type Registry } from './util.ts';

function parsePath(name: string, p: Value): Value[] {
  if (typeof p === 'string') {
    if (p === '') return [];
    return p.replace(/^\/+/, '').split('/').map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
  }
  if (Array.isArray(p)) return p;
  return fail(name, `operand 2 must be one of {set, array} containing string paths or array of path segments but got ${typeName(p)}`);
}

function paths(name: string, v: Value): Value[][] {
  if (Array.isArray(v)) return v.map((p) => parsePath(name, p));
  if (v instanceof RegoSet) return v.sorted().map((p) => parsePath(name, p));
  return fail(name, `operand 2 must be one of {set, array} but got ${typeName(v)}`);
}

/** A shorter path wins over a longer one sharing its prefix (its leaf is null: "keep/remove all below"). */
function toTree(ps: Value[][]): RegoObject {
  const root = new RegoObject();
  for (const p of ps) {
    if (p.length === 0) continue;
    let node = root;
    let covered = false;
    for (let i = 0; i < p.length - 1 && !covered; i++) {
      const child = node.get(p[i]!);
      if (child === undefined) {
        const o = new RegoObject();
        node.set(p[i]!, o);
        node = o;
      } else if (child instanceof RegoObject) node = child;
      else covered = true;
    }
    if (!covered) node.set(p[p.length - 1]!, null);
  }
  return root;
}

/** Array elements are addressed by their index as a string ("a/0/b"), as in OPA. */
function filterValue(v: Value, f: Value): Value {
  if (f === null || !(f instanceof RegoObject)) return v;
  if (v instanceof RegoObject) {
    const out = new RegoObject();
    for (const [k, sub] of f.entries()) {
      const x = v.get(k);
      if (x !== undefined) out.set(k, filterValue(x, sub));
    }
    return out;
  }
  if (Array.isArray(v)) {
    const out: Value[] = [];
    v.forEach((x, i) => {
      const sub = f.get(String(i));
      if (sub !== undefined) out.push(filterValue(x, sub));
    });
    return out;
  }
  if (v instanceof RegoSet) {
    const out = new RegoSet();
    for (const x of v) {
      const sub = f.get(x);
      if (sub !== undefined) out.add(filterValue(x, sub));
    }
    return out;
  }
  return v;
}

/** Returns undefined when the value is removed. */
function removeValue(v: Value, f: Value | undefined): Value | undefined {
  if (f === undefined) return v;
  if (f === null) return undefined;
  if (!(f instanceof RegoObject)) return v;
  if (v instanceof RegoObject) {
    const out = new RegoObject();
    for (const [k, x] of v.entries()) {
      const r = removeValue(x, f.get(k));
      if (r !== undefined) out.set(k, r);
    }
    return out;
  }
  if (Array.isArray(v)) {
    const out: Value[] = [];
    v.forEach((x, i) => {
      const r = removeValue(x, f.get(String(i)));
      if (r !== undefined) out.push(r);
    });
    return out;
  }
  if (v instanceof RegoSet) {
    const out = new RegoSet();
    for (const x of v) {
      const r = removeValue(x, f.get(x));
      if (r !== undefined) out.add(r);
    }
    return out;
  }
  return v;
}

// ---- json.patch (RFC 6902, extended to sets where a member is its own path segment) ----

function toIndex(a: Value[], key: Value, forAdd: boolean): number | undefined {
  if (typeof key === 'number') return Number.isInteger(key) ? key : undefined;
  if (typeof key !== 'string') return undefined;
  if (key === '-' ) return forAdd ? a.length : undefined;
  if (!/^(0|[1-9]\d*)$/.test(key)) return undefined;
  return Number(key);
}

type Leaf = (parent: Value, key: Value) => [Value, Value | undefined] | undefined;

/** Walks to the parent of the last segment and applies `leaf` there, rebuilding the path. */
function traverse(target: Value, path: Value[], leaf: Leaf): [Value, Value | undefined] | undefined {
  if (path.length === 0) return undefined;
  const [key, ...rest] = path;
  if (rest.length === 0) return leaf(target, key!);
  if (target instanceof RegoObject) {
    const child = target.get(key!);
    if (child === undefined) return undefined;
    const r = traverse(child, rest, leaf);
    if (!r) return undefined;
    const out = new RegoObject(target.entries());
    out.set(key!, r[0]);
    return [out, r[1]];
  }
  if (Array.isArray(target)) {
    const i = toIndex(target, key!, false);
    if (i === undefined || i < 0 || i >= target.length) return undefined;
    const r = traverse(target[i]!, rest, leaf);
    if (!r) return undefined;
    const out = [...target];
    out[i] = r[0];
    return [out, r[1]];
  }
  if (target instanceof RegoSet && target.has(key!)) {
    const r = traverse(key!, rest, leaf);
    if (!r) return undefined;
    const out = new RegoSet([...target].filter((x) => !equal(x, key!)));
    out.add(r[0]);
    return [out, r[1]];
  }
  return undefined;
}

function patchGet(target: Value, path: Value[]): Value | undefined {
  if (path.length === 0) return target;
  return traverse(target, path, (parent, key) => {
    if (parent instanceof RegoObject) { const v = parent.get(key); return v === undefined ? undefined : [parent, v]; }
    if (Array.isArray(parent)) {
      const i = toIndex(parent, key, false);
      return i === undefined || i < 0 || i >= parent.length ? undefined : [parent, parent[i]!];
    }
    if (parent instanceof RegoSet && parent.has(key)) return [parent, key];
    return undefined;
  })?.[1];
}

function patchAdd(target: Value, path: Value[], value: Value): Value | undefined {
  if (path.length === 0) return value;
  return traverse(target, path, (parent, key) => {
    if (parent instanceof RegoObject) { const o = new RegoObject(parent.entries()); o.set(key, value); return [o, undefined]; }
    if (Array.isArray(parent)) {
      const i = toIndex(parent, key, true);
      if (i === undefined || i < 0 || i > parent.length) return undefined;
      return [[...parent.slice(0, i), value, ...parent.slice(i)], undefined];
    }
    if (parent instanceof RegoSet && equal(key, value)) { const s = new RegoSet(parent); s.add(value); return [s, undefined]; }
    return undefined;
  })?.[0];
}

function patchRemove(target: Value, path: Value[]): [Value, Value] | undefined {
  const r = traverse(target, path, (parent, key) => {
    if (parent instanceof RegoObject) {
      const v = parent.get(key);
      if (v === undefined) return undefined;
      const o = new RegoObject(parent.entries());
      o.delete(key);
      return [o, v];
    }
    if (Array.isArray(parent)) {
      const i = toIndex(parent, key, false);
      if (i === undefined || i < 0 || i >= parent.length) return undefined;
      return [[...parent.slice(0, i), ...parent.slice(i + 1)], parent[i]!];
    }
    if (parent instanceof RegoSet && parent.has(key)) return [new RegoSet([...parent].filter((x) => !equal(x, key))), key];
    return undefined;
  });
  return r && r[1] !== undefined ? [r[0], r[1]] : undefined;
}

/** The document after a root `remove`: the patch is undefined unless a later operation adds a root. */
const REMOVED = new RegoObject();

/** One operation; undefined when it cannot apply, a required attribute is missing or has the wrong type. */
function applyPatch(target: Value, op: RegoObject): Value | undefined {
  const name = 'json.patch';
  const kind = op.get('op'), rawPath = op.get('path');
  if (typeof kind !== 'string' || rawPath === undefined || (typeof rawPath !== 'string' && !Array.isArray(rawPath))) return undefined;
  const path = parsePath(name, rawPath);
  const value = op.get('value'), rawFrom = op.get('from');
  const from = () => (rawFrom === undefined ? undefined : parsePath(name, rawFrom));
  switch (kind) {
    case 'add': return value === undefined ? undefined : patchAdd(target, path, value);
    // Removing the whole document leaves nothing; only a later root `add` or `replace` puts one back.
    case 'remove': return path.length === 0 ? REMOVED : patchRemove(target, path)?.[0];
    case 'replace': {
      if (value === undefined) return undefined;
      if (path.length === 0) return value;
      const r = patchRemove(target, path);
      return r && patchAdd(r[0], path, value);
    }
    case 'move': {
      const f = from();
      const r = f && patchRemove(target, f);
      return r && patchAdd(r[0], path, r[1]);
    }
    case 'copy': {
      const f = from();
      const v = f && patchGet(target, f);
      return v === undefined ? undefined : patchAdd(target, path, v);
    }
    case 'test': {
      const v = patchGet(target, path);
      return v !== undefined && value !== undefined && equal(v, value) ? target : undefined;
    }
    default: return undefined;
  }
}

export function register(reg: Registry): void {
  def(reg, 'json.filter', 2, (a) => filterValue(obj('json.filter', a, 0), toTree(paths('json.filter', a[1]!))));
  def(reg, 'json.remove', 2, (a) => removeValue(obj('json.remove', a, 0), toTree(paths('json.remove', a[1]!))));
  // A patch that cannot apply (missing path, failed test) makes the call undefined, as in OPA.
  def(reg, 'json.patch', 2, (a) => {
    let target: Value | undefined = a[0]!;
    for (const op of arr('json.patch', a, 1)) {
      if (!(op instanceof RegoObject)) fail('json.patch', 'operand 2 must be an array of JSON-Patch objects');
      const o = op as RegoObject;
      const rootWrite = (o.get('op') === 'add' || o.get('op') === 'replace') && (o.get('path') === '' || (Array.isArray(o.get('path')) && (o.get('path') as Value[]).length === 0));
      if (target === REMOVED && !rootWrite) return undefined;
      target = applyPatch(target!, o);
      if (target === undefined) return undefined;
    }
    return target === REMOVED ? undefined : target;
  });
}
