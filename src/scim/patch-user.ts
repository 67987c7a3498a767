// PATCH on a User (RFC 7644 §3.5.2), applied to the user's document in memory — one person's
// resource is small; the row is locked for the transaction. Tolerated IdP forms (Microsoft Learn's "Known issues … SCIM 2.0 protocol compliance"):
// path-less operations whose value keys are themselves paths (Okta `{"active": false}`, Entra's
// `"name.givenName"` and full-URN keys), `Add` on attributes that exist, Entra's un-prefixed
// `manager` with an array value, an empty manager value meaning "no manager", string booleans,
// and `Replace emails[type eq "work"].value` creating the work email when there is none.
import { invalidPath, invalidValue, mutability, noTarget } from './errors.ts';
import type { Filter } from './filter/ast.ts';
import { matchElement, pinnedValues } from './filter/match.ts';
import { parsePatchPath, PatchPathError } from './filter/parse.ts';
import { normalizeResource, setAttribute, type Doc } from './normalize.ts';
import type { PatchOperation } from './patch-op.ts';
import { ENTERPRISE_SCHEMA, resolveAttr, type ResolvedAttr } from './schema-catalogue.ts';

const isObject = (v: unknown): v is Doc => typeof v === 'object' && v !== null && !Array.isArray(v);
const READ_ONLY = new Set(['id', 'meta', 'groups', 'schemas']);

/**
 * Attributes every Gatehouse user has, so removing one would leave it "unassigned", which RFC 7644
 * §3.5.2.2 answers for a required attribute with 400 `mutability`: userName (required by RFC 7643),
 * and active, because a person is either active or suspended, and removing the status must not
 * silently reactivate or suspend anyone (issue 15.2).
 */
const REQUIRED = new Set(['userName', 'active']);
const mustStay = (name: string, where: string) => mutability(
  `${where}: "${name}" cannot be removed: every user has one${name === 'active' ? '; replace it with false to suspend the user, or true to reactivate' : ''} (RFC 7644 §3.5.2.2)`,
);

export function applyUserPatch(current: Doc, ops: PatchOperation[]): Doc {
  const doc = structuredClone(current);
  ops.forEach((o, i) => {
    if (o.path) applyAtPath(doc, o.op, o.path, o.value, o.hasValue, `Operations[${i}]`);
    else {
      if (!isObject(o.value)) throw invalidValue(`Operations[${i}].value: without a path, the value must be an object of attributes`);
      for (const [key, value] of Object.entries(o.value)) {
        if (READ_ONLY.has(key.toLowerCase())) continue;
        if (key.toLowerCase() === ENTERPRISE_SCHEMA.toLowerCase() && isObject(value)) {
          for (const [k, v] of Object.entries(value)) applyAtPath(doc, o.op, `${ENTERPRISE_SCHEMA}:${k}`, v, true, `Operations[${i}]`);
        } else {
          applyAtPath(doc, o.op, key, value, true, `Operations[${i}]`);
        }
      }
    }
  });
  return normalizeResource('User', doc);
}

function containerOf(doc: Doc, r: ResolvedAttr): Doc {
  if (r.schema !== ENTERPRISE_SCHEMA) return doc;
  if (!isObject(doc[ENTERPRISE_SCHEMA])) doc[ENTERPRISE_SCHEMA] = {};
  return doc[ENTERPRISE_SCHEMA] as Doc;
}

function applyAtPath(doc: Doc, op: PatchOperation['op'], rawPath: string, value: unknown, hasValue: boolean, where: string): void {
  let parsed;
  try {
    parsed = parsePatchPath(rawPath);
  } catch (err) {
    if (err instanceof PatchPathError) throw invalidPath(`${where}.path: ${err.message}`);
    throw err;
  }
  const r = resolveAttr('User', parsed.attr);
  if (!r) throw invalidPath(`${where}.path: "${rawPath}" is not an attribute of User`);
  if (READ_ONLY.has(r.attr.name)) throw mutability(`${where}.path: "${r.attr.name}" is read-only`);
  const key = r.schema === ENTERPRISE_SCHEMA ? `${ENTERPRISE_SCHEMA}:${r.attr.name}` : r.attr.name;

  if (parsed.filter) {
    if (!r.attr.multiValued || r.sub) throw invalidPath(`${where}.path: a value filter needs a multi-valued attribute`);
    const sub = parsed.sub ? r.attr.subAttributes?.find((s) => s.name.toLowerCase() === parsed.sub!.toLowerCase()) : undefined;
    if (parsed.sub && !sub) throw invalidPath(`${where}.path: "${r.attr.name}" has no sub-attribute "${parsed.sub}"`);
    return applyToElements(containerOf(doc, r), r.attr.name, parsed.filter, sub?.name, op, value, where);
  }

  if (r.sub && r.attr.multiValued) {
    // `emails.value`: every element's sub-attribute.
    const c = containerOf(doc, r);
    const list = Array.isArray(c[r.attr.name]) ? (c[r.attr.name] as Doc[]) : [];
    for (const el of list) if (isObject(el)) op === 'remove' ? delete el[r.sub.name] : (el[r.sub.name] = value);
    return;
  }
  if (op === 'remove') {
    if (!r.sub && r.schema !== ENTERPRISE_SCHEMA && REQUIRED.has(r.attr.name)) throw mustStay(r.attr.name, where);
    if (r.attr.multiValued && !r.sub && hasValue && value !== null && value !== undefined) {
      // Remove the listed elements only (the Entra `Remove` + value-list form, RFC-literal servers drop all).
      const c = containerOf(doc, r);
      const drop = (Array.isArray(value) ? value : [value]).map((v) => String(isObject(v) ? v.value : v).toLowerCase());
      const list = Array.isArray(c[r.attr.name]) ? (c[r.attr.name] as unknown[]) : [];
      c[r.attr.name] = list.filter((el) => !drop.includes(String(isObject(el) ? el.value : el).toLowerCase()));
      return;
    }
    return setAttribute(doc, 'User', key + (r.sub ? `.${r.sub.name}` : ''), undefined);
  }
  if (r.sub) return setAttribute(doc, 'User', `${key}.${r.sub.name}`, value);
  if (r.attr.multiValued && op === 'add') {
    const c = containerOf(doc, r);
    const list = Array.isArray(c[r.attr.name]) ? (c[r.attr.name] as unknown[]) : [];
    const seen = new Set(list.map((x) => JSON.stringify(x)));
    const added = (Array.isArray(value) ? value : [value]).filter((x) => x !== null && !seen.has(JSON.stringify(x)));
    return setAttribute(doc, 'User', key, [...list, ...added]);
  }
  if (r.attr.type === 'complex' && !r.attr.multiValued && r.attr.name !== 'manager' && isObject(value)) {
    // RFC 7644 §3.5.2.3: sub-attributes not named in the value are left unchanged.
    const c = containerOf(doc, r);
    const merged = { ...(isObject(c[r.attr.name]) ? (c[r.attr.name] as Doc) : {}), ...value };
    return setAttribute(doc, 'User', key, merged);
  }
  setAttribute(doc, 'User', key, value);
}

function applyToElements(container: Doc, name: string, filter: Filter, sub: string | undefined, op: PatchOperation['op'], value: unknown, where: string): void {
  const list = Array.isArray(container[name]) ? [...(container[name] as unknown[])] : [];
  const hits = list.map((el, i) => (matchElement(filter, el) ? i : -1)).filter((i) => i >= 0);
  if (op === 'remove') {
    container[name] = sub ? list.map((el, i) => (hits.includes(i) && isObject(el) ? Object.fromEntries(Object.entries(el).filter(([k]) => k !== sub)) : el)) : list.filter((_, i) => !hits.includes(i));
    return;
  }
  if (!hits.length) {
    // Entra replaces `emails[type eq "work"].value` on users who have no work email yet.
    const pinned = pinnedValues(filter);
    if (!pinned) throw noTarget(`${where}.path: no "${name}" element matches the filter`);
    list.push(sub ? { ...pinned, [sub]: value } : { ...pinned, ...(isObject(value) ? value : { value }) });
  } else {
    for (const i of hits) {
      const el = isObject(list[i]) ? (list[i] as Doc) : {};
      list[i] = sub ? { ...el, [sub]: value } : op === 'add' ? { ...el, ...(isObject(value) ? value : { value }) } : isObject(value) ? value : { ...el, value };
    }
  }
  container[name] = list;
}
