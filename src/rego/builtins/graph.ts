// graph.reachable / graph.reachable_paths (OPA topdown/graphs.go) and uuid.rfc4122.
import { createHash } from 'node:crypto';
import { equal, RegoObject, RegoSet, typeName, type Value } from '../value.ts';
import { def, fail, obj, str, type Registry } from './util.ts';

function neighbours(g: RegoObject, node: Value): Value[] {
  const n = g.get(node);
  if (n === undefined || n === null) return [];
  if (Array.isArray(n)) return n;
  if (n instanceof RegoSet) return n.sorted();
  return fail('graph.reachable', `graph values must be arrays or sets but got ${typeName(n)}`);
}

function initial(name: string, v: Value): Value[] {
  if (Array.isArray(v)) return v;
  if (v instanceof RegoSet) return v.sorted();
  return fail(name, `operand 2 must be one of {array, set} but got ${typeName(v)}`);
}

export function register(reg: Registry): void {
  // Nodes absent from the graph are not reachable (OPA only follows keys of the graph object).
  def(reg, 'graph.reachable', 2, (a) => {
    const g = obj('graph.reachable', a, 0);
    const out = new RegoSet();
    const todo = initial('graph.reachable', a[1]!).filter((n) => g.has(n));
    while (todo.length) {
      const n = todo.pop()!;
      if (out.has(n)) continue;
      out.add(n);
      for (const m of neighbours(g, n)) if (g.has(m) && !out.has(m)) todo.push(m);
    }
    return out;
  });
  // Every maximal acyclic path from the initial nodes, as OPA.
  def(reg, 'graph.reachable_paths', 2, (a) => {
    const g = obj('graph.reachable_paths', a, 0);
    const out = new RegoSet();
    const walk = (path: Value[]) => {
      const last = path[path.length - 1]!;
      const next = neighbours(g, last).filter((m) => g.has(m) && !path.some((p) => equal(p, m)));
      if (next.length === 0) { out.add(path); return; }
      for (const m of next) walk([...path, m]);
    };
    for (const n of initial('graph.reachable_paths', a[1]!)) if (g.has(n)) walk([n]);
    return out;
  });
  // Deterministic within one evaluation (OPA caches per seed): derive a v4 UUID from the seed and time.
  def(reg, 'uuid.rfc4122', 1, (a, ctx) => {
    const h = createHash('sha256').update(`${ctx.nowNs}\u0000${str('uuid.rfc4122', a, 0)}`).digest();
    h[6] = (h[6]! & 0x0f) | 0x40;
    h[8] = (h[8]! & 0x3f) | 0x80;
    const x = h.subarray(0, 16).toString('hex');
    return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
  });
}
