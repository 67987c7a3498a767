// Evaluates a value filter against one element of a multi-valued attribute in memory: PATCH paths
// such as `emails[type eq "work"]` select elements of one user's (small) resource (RFC 7644 §3.5.2).
import type { Filter, Literal } from './ast.ts';

type Element = Record<string, unknown>;

function get(el: Element, name: string): unknown {
  const key = Object.keys(el).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : el[key];
}

function cmp(a: unknown, op: string, b: Literal): boolean {
  if (b === null) return op === 'eq' ? a === undefined || a === null : op === 'ne' ? a !== undefined && a !== null : false;
  if (a === undefined || a === null) return op === 'ne';
  if (typeof b === 'boolean' || typeof a === 'boolean') {
    const x = typeof a === 'string' ? a.toLowerCase() === 'true' : a;
    const y = typeof b === 'string' ? b.toLowerCase() === 'true' : b;
    return op === 'eq' ? x === y : op === 'ne' ? x !== y : false;
  }
  // Sub-attributes of the standard multi-valued attributes (type, value, display) are not caseExact.
  const x = typeof a === 'number' && typeof b === 'number' ? a : String(a).toLowerCase();
  const y = typeof a === 'number' && typeof b === 'number' ? b : String(b).toLowerCase();
  switch (op) {
    case 'eq': return x === y;
    case 'ne': return x !== y;
    case 'co': return String(x).includes(String(y));
    case 'sw': return String(x).startsWith(String(y));
    case 'ew': return String(x).endsWith(String(y));
    case 'gt': return x > y;
    case 'ge': return x >= y;
    case 'lt': return x < y;
    case 'le': return x <= y;
    default: return false;
  }
}

export function matchElement(f: Filter, el: unknown): boolean {
  const e: Element = el && typeof el === 'object' ? (el as Element) : { value: el };
  switch (f.kind) {
    case 'and': return matchElement(f.left, e) && matchElement(f.right, e);
    case 'or': return matchElement(f.left, e) || matchElement(f.right, e);
    case 'not': return !matchElement(f.expr, e);
    case 'present': { const v = get(e, f.path); return v !== undefined && v !== null && v !== ''; }
    case 'compare': return cmp(get(e, f.path), f.op, f.value);
    case 'valuePath': return false;
  }
}

/** The attribute values an `eq`-only filter pins (`type eq "work"`), to create a missing element. */
export function pinnedValues(f: Filter): Element | null {
  if (f.kind === 'compare' && f.op === 'eq') return { [f.path]: f.value };
  if (f.kind === 'and') {
    const l = pinnedValues(f.left);
    const r = pinnedValues(f.right);
    return l && r ? { ...l, ...r } : null;
  }
  return null;
}
