// Adapter between shared/rego/run-conformance.mjs and the Gatehouse Rego engine.
//
// The runner passes regoVersion 1 for every case in OPA's own format, including OPA's `v0/` cases written
// in the legacy syntax. So when a module without `import rego.v1` fails to parse as v1, it is compiled
// again as v0 — the runner cannot tell us the version, the source can.

import { compile, RegoParseError, RegoObject, RegoSet, type Value } from '../../src/rego/index.ts';

interface Args {
  modules: string[];
  data?: unknown;
  input?: unknown;
  query: string;
  regoVersion: 0 | 1;
  strict: boolean;
}

export async function evaluate({ modules, data, input, query, regoVersion, strict }: Args) {
  let policy;
  try {
    policy = compile(modules.map((source, i) => ({ name: `module${i}.rego`, source })), { regoVersion });
  } catch (err) {
    const fallback = err instanceof RegoParseError && regoVersion === 1 && !modules.some((m) => /import\s+rego\.v1/.test(m));
    if (!fallback) throw err;
    policy = compile(modules.map((source, i) => ({ name: `module${i}.rego`, source })), { regoVersion: 0 });
  }
  const results = policy.evaluate(query, { data: data ?? undefined, input, strict, nowNs: Date.now() * 1e6 });
  return {
    results: results.map((r) => ({
      expressions: r.expressions.map(toJs),
      bindings: Object.fromEntries(Object.entries(r.bindings).map(([k, v]) => [k, toJs(v)])),
    })),
  };
}

function toJs(v: Value): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(toJs);
  if (v instanceof RegoSet) return new Set([...v].map(toJs));
  const o = v as RegoObject;
  const entries = [...o.entries()];
  if (entries.every(([k]) => typeof k === 'string')) return Object.fromEntries(entries.map(([k, x]) => [k, toJs(x)]));
  return new Map(entries.map(([k, x]) => [toJs(k), toJs(x)]));
}
