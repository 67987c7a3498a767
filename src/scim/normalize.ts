// Turns what an IdP sends into one canonical resource document, before any rule looks at it:
// attribute names in their schema spelling (Microsoft's collection sends `Primary`, `Department`,
// `Manager.Value`), nulls treated as absent (Entra: its known-issues page says null attributes are skipped), string
// booleans coerced (Entra's `"active": "False"`, scimmy#86), enterprise attributes found with or
// without their URN, read-only and unknown attributes dropped (RFC 7644 §3.5.1: PUT with a misspelled
// attribute is 200 in Microsoft's collection). Wrong types are a 400 invalidValue naming the attribute.
import { invalidSyntax, invalidValue } from './errors.ts';
import { ENTERPRISE_SCHEMA, resolveAttr, type AttrDef, type ResourceKind } from './schema-catalogue.ts';

export type Doc = Record<string, unknown>;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Never stored, whatever the client sends (Okta always sends a placeholder password). */
const IGNORED = new Set(['id', 'meta', 'schemas', 'groups', 'password']);

export function coerceBoolean(v: unknown, path: string): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string' && /^(true|false)$/i.test(v.trim())) return v.trim().toLowerCase() === 'true';
  throw invalidValue(`${path}: expected a boolean but found ${JSON.stringify(v)}`);
}

/** Coerces one attribute value to its definition; undefined means "absent". */
export function coerceValue(def: AttrDef, v: unknown, path: string): unknown {
  if (v === null || v === undefined) return undefined;
  if (def.multiValued) {
    const items = (Array.isArray(v) ? v : [v]).map((item, i) => coerceSingle(def, item, `${path}[${i}]`)).filter((x) => x !== undefined);
    return items.length ? items : undefined;
  }
  if (Array.isArray(v) && def.type === 'complex') {
    // Entra's manager: `[{"$ref": …, "value": …}]` on a single-valued attribute (Microsoft Learn's SCIM provisioning tutorial).
    return v.length ? coerceSingle(def, v[0], path) : undefined;
  }
  return coerceSingle(def, v, path);
}

function coerceSingle(def: AttrDef, v: unknown, path: string): unknown {
  if (v === null || v === undefined) return undefined;
  switch (def.type) {
    case 'boolean':
      return coerceBoolean(v, path);
    case 'integer':
    case 'decimal': {
      const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
      if (typeof n !== 'number' || !Number.isFinite(n) || (def.type === 'integer' && !Number.isInteger(n))) throw invalidValue(`${path}: expected ${def.type === 'integer' ? 'an integer' : 'a number'} but found ${JSON.stringify(v)}`);
      return n;
    }
    case 'complex': {
      if (!isObject(v)) {
        // `"manager": "id"`, `"emails": ["a@x"]`, `members: "id"`: a bare value is the `value` sub-attribute.
        if ((typeof v === 'string' || typeof v === 'number') && def.subAttributes?.some((s) => s.name === 'value')) {
          return v === '' ? undefined : { value: String(v) };
        }
        throw invalidValue(`${path}: expected an object but found ${JSON.stringify(v)}`);
      }
      const out: Doc = {};
      for (const [k, raw] of Object.entries(v)) {
        const sub = def.subAttributes?.find((s) => s.name.toLowerCase() === k.toLowerCase());
        if (!sub) continue;
        const c = coerceValue(sub, raw, `${path}.${sub.name}`);
        if (c !== undefined) out[sub.name] = c;
      }
      if (def.name === 'manager' && (out.value === undefined || out.value === '')) return undefined; // empty manager = none
      return Object.keys(out).length ? out : undefined;
    }
    default:
      if (typeof v === 'string') return v;
      if (typeof v === 'number') return String(v);
      throw invalidValue(`${path}: expected a string but found ${JSON.stringify(v)}`);
  }
}

/**
 * Sets one attribute (resolved by the catalogue) on a document; `value` undefined removes it.
 * Extension attributes live under their schema URN, as on the wire (RFC 7643 §3.3).
 */
export function setAttribute(doc: Doc, kind: ResourceKind, key: string, value: unknown): void {
  const r = resolveAttr(kind, key);
  if (!r || IGNORED.has(r.attr.name)) return;
  const container = r.schema === ENTERPRISE_SCHEMA ? ((doc[ENTERPRISE_SCHEMA] as Doc | undefined) ?? (doc[ENTERPRISE_SCHEMA] = {})) as Doc : doc;
  if (r.sub) {
    if (r.attr.multiValued) throw invalidValue(`${key}: set "${r.attr.name}" as a list`);
    const parent = isObject(container[r.attr.name]) ? (container[r.attr.name] as Doc) : {};
    const c = coerceValue(r.sub, value, key);
    if (c === undefined) delete parent[r.sub.name];
    else parent[r.sub.name] = c;
    if (Object.keys(parent).length) container[r.attr.name] = parent;
    else delete container[r.attr.name];
  } else {
    const c = coerceValue(r.attr, value, r.attr.name);
    if (c === undefined) delete container[r.attr.name];
    else container[r.attr.name] = c;
  }
  if (container !== doc && !Object.keys(container).length) delete doc[ENTERPRISE_SCHEMA];
}

/** The canonical document for a User or Group body (POST, PUT, Bulk data). */
export function normalizeResource(kind: ResourceKind, body: unknown): Doc {
  if (!isObject(body)) throw invalidSyntax('the body must be a JSON object');
  const doc: Doc = {};
  for (const [key, value] of Object.entries(body)) {
    if (value === null || value === undefined) continue;
    const lower = key.toLowerCase();
    if (kind === 'User' && (lower === ENTERPRISE_SCHEMA.toLowerCase() || lower === 'urn:ietf:params:scim:schemas:extension:enterprise:2.0user')) {
      // Entra's tutorial spells the URN `…enterprise:2.0User` in `schemas`; tolerate it as a key too.
      if (!isObject(value)) throw invalidValue(`${key}: expected an object`);
      for (const [k, v] of Object.entries(value)) setAttribute(doc, kind, `${ENTERPRISE_SCHEMA}:${k}`, v);
      continue;
    }
    if (key.includes('.') && !lower.startsWith('urn:')) continue; // dotted keys only mean something in PATCH
    setAttribute(doc, kind, key, value);
  }
  return doc;
}
