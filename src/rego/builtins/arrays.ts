// array.concat array.slice array.reverse (OPA topdown/array.go).
import { arr, def, num, type Registry } from './util.ts';

export function register(reg: Registry): void {
  def(reg, 'array.concat', 2, (a) => [...arr('array.concat', a, 0), ...arr('array.concat', a, 1)]);
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
