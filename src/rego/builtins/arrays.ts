// array.concat array.slice array.reverse array.flatten (OPA topdown/array.go).
import type { Value } from '../value.ts';
import { arr, def, num, type Registry } from './util.ts';

/** Nested arrays spliced in place, at any depth (sets and objects are kept as they are). */
function flatten(xs: Value[], out: Value[] = []): Value[] {
  for (const x of xs) {
    if (Array.isArray(x)) flatten(x, out);
    else out.push(x);
  }
  return out;
}

export function register(reg: Registry): void {
  def(reg, 'array.concat', 2, (a) => [...arr('array.concat', a, 0), ...arr('array.concat', a, 1)]);
  def(reg, 'array.flatten', 1, (a) => flatten(arr('array.flatten', a, 0)));
  def(reg, 'array.reverse', 1, (a) => [...arr('array.reverse', a, 0)].reverse());
  // OPA clamps both indices into [0, len] and yields [] when start > stop.
  def(reg, 'array.slice', 3, (a) => {
    const xs = arr('array.slice', a, 0);
    const i = num('array.slice', a, 1), j = num('array.slice', a, 2);
    // OPA errors on non-integer indices; the regorus conformance cases (and a login policy) treat them
    // as undefined, which is what a non-strict OPA evaluation shows too.
    if (!Number.isInteger(i) || !Number.isInteger(j)) return undefined;
    const stop = Math.min(Math.max(j, 0), xs.length);
    const start = Math.max(i, 0);
    return start >= stop ? [] : xs.slice(start, stop);
  });
}
