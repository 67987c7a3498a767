// The workbench's explanation: which rule definitions of a policy fired, at which line, with which value
// (for a multi-value rule, each member; for `roles[space] contains role`, the keys too), so an author sees
// why a person was denied or given a role.
import { toJson, type CRule, type Tracer, type Value } from '../rego/index.ts';

export interface Fired { rule: string; line: number; keys?: unknown[]; value: unknown }

export function firedRules(module: string): { tracer: Tracer; fired: Fired[] } {
  const fired: Fired[] = [];
  const seen = new Set<string>();
  const tracer: Tracer = {
    fired: (r: CRule, value: Value, keys?: Value[]) => {
      if (r.module !== module) return;
      const entry: Fired = { rule: r.name ?? '?', line: r.loc.line, ...(keys ? { keys: keys.map(toJson) } : {}), value: toJson(value) };
      const key = JSON.stringify(entry);
      if (seen.has(key)) return;
      seen.add(key);
      fired.push(entry);
    },
  };
  return { tracer, fired };
}
