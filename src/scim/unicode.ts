// Issue 13.12: a SCIM request whose strings are not Unicode text is refused. JSON's `\ud800` escape
// yields a lone surrogate, which PostgreSQL's UTF-8 would silently store as U+FFFD (and a filter
// would compare as one): refuse it with 400, naming where it is, in the body or a query parameter.
import { invalidValue } from './errors.ts';

/** With the u flag a surrogate pair is one code point, so only an unpaired half matches. */
const LONE_SURROGATE = /\p{Cs}/u;

function firstIllFormed(v: unknown, path: string): string | null {
  if (typeof v === 'string') return LONE_SURROGATE.test(v) ? path : null;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const hit = firstIllFormed(v[i], `${path}[${i}]`);
      if (hit) return hit;
    }
    return null;
  }
  if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      const at = path ? `${path}.${k}` : k;
      if (LONE_SURROGATE.test(k)) return `${path || 'the body'}: the key ${JSON.stringify(k.slice(0, 40))}`;
      const hit = firstIllFormed(x, at);
      if (hit) return hit;
    }
  }
  return null;
}

export function refuseIllFormedText(query: Record<string, string | undefined>, body: unknown): void {
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && LONE_SURROGATE.test(v)) throw invalidValue(`${k}: contains a lone surrogate (an unpaired UTF-16 code unit), which is not Unicode text`);
  }
  const at = firstIllFormed(body, '');
  if (at !== null) throw invalidValue(`${at || 'the body'}: contains a lone surrogate (an unpaired UTF-16 code unit), which is not Unicode text`);
}
