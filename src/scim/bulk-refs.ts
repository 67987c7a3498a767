// `bulkId:<id>` references inside a Bulk operation (RFC 7644 §3.7): finding them, replacing them
// with the ids created earlier in the request, and setting aside the ones not created yet, so a
// circle of references can be broken (create without them, then PATCH them in).
import { ENTERPRISE_SCHEMA } from './schema-catalogue.ts';

const REF = /^bulkId:(.+)$/;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every bulkId an operation refers to, in its path (`/Groups/bulkId:x`) or its data. */
export function referencedBulkIds(path: string, data: unknown): Set<string> {
  const out = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v === 'string') {
      const m = REF.exec(v);
      if (m) out.add(m[1]!);
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (isObject(v)) Object.values(v).forEach(walk);
  };
  walk(data);
  for (const seg of path.split('/')) walk(seg);
  return out;
}

/** The value with every reference whose bulkId has an id replaced by that id. */
export function substitute(v: unknown, ids: ReadonlyMap<string, string>): unknown {
  if (typeof v === 'string') {
    const m = REF.exec(v);
    return m && ids.has(m[1]!) ? ids.get(m[1]!) : v;
  }
  if (Array.isArray(v)) return v.map((x) => substitute(x, ids));
  if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, substitute(x, ids)]));
  return v;
}

export const substitutePath = (path: string, ids: ReadonlyMap<string, string>) => path.split('/').map((s) => substitute(s, ids) as string).join('/');

const refersTo = (v: unknown, pending: ReadonlySet<string>): boolean => [...referencedBulkIds('', v)].some((b) => pending.has(b));

export interface PatchOperation { op: 'add' | 'replace'; path: string; value: unknown }

/**
 * A resource body without the parts that refer to `pending` bulkIds, and the PATCH operations that
 * put them back once those exist: elements of a multi-valued attribute are added back (`members`),
 * anything else is replaced back (`manager`, also inside the enterprise extension).
 */
export function setAside(data: Record<string, unknown>, pending: ReadonlySet<string>): { body: Record<string, unknown>; later: PatchOperation[] } {
  const later: PatchOperation[] = [];
  const strip = (obj: Record<string, unknown>, prefix: string): Record<string, unknown> => {
    const kept: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(obj)) {
      if (!refersTo(value, pending)) kept[key] = value;
      else if (Array.isArray(value)) {
        kept[key] = value.filter((el) => !refersTo(el, pending));
        later.push({ op: 'add', path: `${prefix}${key}`, value: value.filter((el) => refersTo(el, pending)) });
      } else if (isObject(value) && key.toLowerCase() === ENTERPRISE_SCHEMA.toLowerCase()) {
        kept[key] = strip(value, `${key}:`);
      } else later.push({ op: 'replace', path: `${prefix}${key}`, value });
    }
    return kept;
  };
  return { body: strip(data, ''), later };
}
