// intersection union of a set of sets (OPA topdown/sets.go).
import { RegoSet, typeName, type Value } from '../value.ts';
import { def, fail, set, type Registry } from './util.ts';

function members(name: string, a: Value[]): RegoSet[] {
  const s = set(name, a, 0);
  const out: RegoSet[] = [];
  for (const x of s) {
    if (!(x instanceof RegoSet)) fail(name, `operand 1 must be set[set[any]] but got set containing ${typeName(x)}`);
    out.push(x as RegoSet);
  }
  return out;
}

export function register(reg: Registry): void {
  // Deprecated (v0 only): set_diff(a, b) is a - b.
  def(reg, 'set_diff', 2, (a) => {
    const x = set('set_diff', a, 0), y = set('set_diff', a, 1);
    return new RegoSet([...x].filter((v) => !y.has(v)));
  });
  def(reg, 'union', 1, (a) => {
    const out = new RegoSet();
    for (const s of members('union', a)) for (const x of s) out.add(x);
    return out;
  });
  // intersection of no sets is the empty set in OPA.
  def(reg, 'intersection', 1, (a) => {
    const ss = members('intersection', a);
    if (ss.length === 0) return new RegoSet();
    return new RegoSet([...ss[0]!].filter((x) => ss.every((s) => s.has(x))));
  });
}
