// Turns what an IdP sends into one canonical resource document, before any rule looks at it:
// attribute names in their schema spelling (Microsoft's collection sends `Primary`, `Department`,
// `Manager.Value`), nulls treated as absent (Entra: its known-issues page says null attributes are skipped), string
// booleans coerced (Entra's `"active": "False"`, scimmy#86), enterprise attributes found with or
// without their URN, read-only and unknown attributes dropped (RFC 7644 §3.5.1: PUT with a misspelled
// attribute is 200 in Microsoft's collection). Wrong types are a 400 invalidValue naming the attribute.
import { invalidSyntax, invalidValue } from './errors.ts';
import { checkString, checkValues } from './limits.ts';
import { ENTERPRISE_SCHEMA, resolveAttr, type AttrDef, type ResourceKind } from './schema-catalogue.ts';

export type Doc = Record<string, unknown>;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Never stored, whatever the client sends (Okta always sends a placeholder password). */
const IGNORED = new Set(['id', 'meta', 'schemas', 'groups', 'password']);

/** What a wrong value is, for an error message that never echoes a large input back. */
function found(v: unknown): string {
  if (typeof v === 'string') return v.length > 40 ? `a string of ${v.length} characters` : JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return Array.isArray(v) ? 'a list' : 'an object';
}

export function coerceBoolean(v: unknown, path: string): boolean {
  if (typeof v === 'boolean') return v;
  // Entra sends `"active": "False"` by default (Microsoft Learn, "Known issues and resolutions with SCIM 2.0 protocol compliance"; AzureAD/SCIMReferenceCode#21).
  if (typeof v === 'string' && /^(true|false)$/i.test(v.trim())) return v.trim().toLowerCase() === 'true';
  throw invalidValue(`${path}: expected a boolean but found ${found(v)}`);
}

/**
 * Coerces one attribute value to its definition; undefined means "absent". A value of another
 * SCIM type is refused (issue 13.12), except the documented IdP forms: string booleans (Entra),
 * Entra's manager as a one-element list, and a bare id as `manager` or `members` (its `value`).
 */
export function coerceValue(kind: ResourceKind, def: AttrDef, v: unknown, path: string): unknown {
  if (v === null || v === undefined) return undefined;
  if (def.multiValued) {
    if (!Array.isArray(v)) throw invalidValue(`${path}: expected a list of values but found ${found(v)}`);
    checkValues(path, v.length);
    const items = v.map((item, i) => coerceSingle(kind, def, item, `${path}[${i}]`)).filter((x) => x !== undefined);
    return items.length ? items : undefined;
  }
  if (Array.isArray(v) && def.name === 'manager') {
    // Entra's manager: `[{"$ref": …, "value": …}]` on a single-valued attribute (Microsoft Learn's SCIM provisioning tutorial).
    return v.length ? coerceSingle(kind, def, v[0], path) : undefined;
  }
  return coerceSingle(kind, def, v, path);
}

const XSD_DATETIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function coerceSingle(kind: ResourceKind, def: AttrDef, v: unknown, path: string): unknown {
  if (v === null || v === undefined) return undefined;
  switch (def.type) {
    case 'boolean':
      return coerceBoolean(v, path);
    case 'integer':
    case 'decimal':
      if (typeof v !== 'number' || !Number.isFinite(v) || (def.type === 'integer' && !Number.isInteger(v))) throw invalidValue(`${path}: expected ${def.type === 'integer' ? 'an integer' : 'a number'} but found ${found(v)}`);
      return v;
    case 'complex': {
      if (!isObject(v)) {
        // `"manager": "id"` and Entra's `"manager": ""` (no manager); `members: "id"` (Microsoft's collection).
        if (typeof v === 'string' && (def.name === 'manager' || def.name === 'members')) {
          checkString(kind, `${path}.value`, v);
          return v === '' ? undefined : { value: v };
        }
        throw invalidValue(`${path}: expected an object but found ${found(v)}`);
      }
      const out: Doc = {};
      for (const [k, raw] of Object.entries(v)) {
        const sub = def.subAttributes?.find((s) => s.name.toLowerCase() === k.toLowerCase());
        if (!sub) continue;
        const c = coerceValue(kind, sub, raw, `${path}.${sub.name}`);
        if (c !== undefined) out[sub.name] = c;
      }
      if (def.name === 'manager' && (out.value === undefined || out.value === '')) return undefined; // empty manager = none
      return Object.keys(out).length ? out : undefined;
    }
    default: {
      if (typeof v !== 'string') throw invalidValue(`${path}: expected ${def.type === 'string' ? 'a string' : `a ${def.type} (a string)`} but found ${found(v)}`);
      checkString(kind, path, v, def.type === 'binary');
      if (def.type === 'dateTime' && (!XSD_DATETIME.test(v) || Number.isNaN(Date.parse(v)))) throw invalidValue(`${path}: expected an xsd:dateTime such as 2024-05-01T12:00:00Z but found ${found(v)}`);
      if (def.type === 'binary' && !BASE64.test(v)) throw invalidValue(`${path}: expected base64 (RFC 4648 §4) binary data`);
      return v;
    }
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
    const c = coerceValue(kind, r.sub, value, key);
    if (c === undefined) delete parent[r.sub.name];
    else parent[r.sub.name] = c;
    if (Object.keys(parent).length) container[r.attr.name] = parent;
    else delete container[r.attr.name];
  } else {
    const c = coerceValue(kind, r.attr, value, r.attr.name);
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
    if (kind === 'Group' && lower === 'members') continue; // read on their own (patch-group.ts memberRefs), never part of the document
    setAttribute(doc, kind, key, value);
  }
  return doc;
}
