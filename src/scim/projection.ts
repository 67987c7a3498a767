// `attributes` / `excludedAttributes` (RFC 7644 §3.4.2.5, §3.9): which attributes a response carries.
// `id` and `schemas` are always returned; `attributes` wins over `excludedAttributes`.
import { invalidValue } from './errors.ts';
import { resolveAttr, type ResourceKind } from './schema-catalogue.ts';
import type { Doc } from './normalize.ts';

export interface Projection {
  mode: 'all' | 'include' | 'exclude';
  /** Canonical "attr" or "attr.sub" names; extension attributes prefixed with their URN key. */
  paths: Set<string>;
}

export const ALL: Projection = { mode: 'all', paths: new Set() };

function canonical(kind: ResourceKind, raw: string): string {
  // Microsoft's collection asks for `attributes=emails[type eq "work"]`: the filter narrows nothing here.
  const path = raw.trim().replace(/\[.*\]$/, '');
  const r = resolveAttr(kind, path);
  if (!r) {
    const whole = path.toLowerCase();
    if (kind === 'User' && whole === 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:user') return 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
    throw invalidValue(`"${raw}" is not an attribute of ${kind}`);
  }
  const head = r.schema.includes(':extension:') ? `${r.schema}|${r.attr.name}` : r.attr.name;
  return r.sub ? `${head}.${r.sub.name}` : head;
}

export function parseProjection(kind: ResourceKind, attributes?: string | string[], excluded?: string | string[]): Projection {
  const list = (v?: string | string[]) => (Array.isArray(v) ? v : v ? v.split(',') : []).map((s) => s.trim()).filter(Boolean);
  const inc = list(attributes);
  if (inc.length) return { mode: 'include', paths: new Set(inc.map((p) => canonical(kind, p))) };
  const exc = list(excluded);
  if (exc.length) return { mode: 'exclude', paths: new Set(exc.map((p) => canonical(kind, p))) };
  return ALL;
}

/** Whether the response will carry this top-level attribute (so its data need not be read). */
export function wants(p: Projection, attr: string): boolean {
  if (p.mode === 'all') return true;
  const hit = [...p.paths].some((x) => x === attr || x.startsWith(`${attr}.`));
  return p.mode === 'include' ? hit : !p.paths.has(attr);
}

export function project(p: Projection, resource: Doc): Doc {
  if (p.mode === 'all') return resource;
  const out: Doc = {};
  for (const [key, value] of Object.entries(resource)) {
    if (key === 'id' || key === 'schemas') { out[key] = value; continue; }
    if (key.startsWith('urn:') && value && typeof value === 'object') {
      const sub: Doc = {};
      for (const [k, v] of Object.entries(value as Doc)) {
        const keep = p.mode === 'include' ? p.paths.has(key) || p.paths.has(`${key}|${k}`) || [...p.paths].some((x) => x.startsWith(`${key}|${k}.`)) : !p.paths.has(key) && !p.paths.has(`${key}|${k}`);
        if (keep) sub[k] = v;
      }
      if (Object.keys(sub).length) out[key] = sub;
      continue;
    }
    if (p.mode === 'include') {
      if (p.paths.has(key)) out[key] = value;
      else {
        const subs = [...p.paths].filter((x) => x.startsWith(`${key}.`)).map((x) => x.slice(key.length + 1));
        if (subs.length) out[key] = pick(value, subs);
      }
    } else if (!p.paths.has(key)) {
      const subs = [...p.paths].filter((x) => x.startsWith(`${key}.`)).map((x) => x.slice(key.length + 1));
      out[key] = subs.length ? omit(value, subs) : value;
    }
  }
  return out;
}

const pick = (v: unknown, keys: string[]): unknown =>
  Array.isArray(v) ? v.map((x) => pick(x, keys)) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).filter(([k]) => keys.includes(k))) : v;
const omit = (v: unknown, keys: string[]): unknown =>
  Array.isArray(v) ? v.map((x) => omit(x, keys)) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).filter(([k]) => !keys.includes(k))) : v;
