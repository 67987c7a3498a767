// Runs the vendored Rego conformance cases (test/fixtures/rego, sources in test/fixtures/README.md)
// through our engine and judges each one the way the harness of the project it comes from does.
//
// A file is { source, regoVersion, format?, cases: [{ note, modules, data, input, query, strict,
// sortBindings?, expect: { kind, values? } }] }. `expect.kind` "error" passes when evaluation fails
// (whatever the message: the engines' wordings differ); every other kind is a value case.
//
// - format "opa" (OPA's test/cases/testdata): `values` lists the bindings of each result, as OPA's
//   JSON renders them (a set is an array in OPA's sort order); results compare as a multiset;
//   `sortBindings` sorts array-valued bindings first.
// - no format (regorus's tests/interpreter/cases): one result gives its bindings, or without any its
//   expression values; several results give one entry each. `input: {"many!": [...]}` evaluates
//   once per input and `values: {"many!": [...]}` lists what they give. Expected values write a set
//   as {"set!": [...]}, an object with non-string keys as {"object!": [{key, value}]}, and an
//   undefined value as "#undefined".
import { readdirSync, readFileSync } from 'node:fs';
import { compile, RegoObject, RegoSet, type Value } from '../../src/rego/index.ts';

export interface ConformanceCase {
  note: string;
  modules: string[];
  data: unknown;
  input: unknown;
  query: string;
  strict: boolean;
  sortBindings?: boolean;
  expect: { kind: 'error' | 'results' | 'bindings' | 'none'; values?: unknown };
}
export interface ConformanceFile { source: string; regoVersion: 0 | 1; format?: 'opa'; cases: ConformanceCase[] }
export interface Verdict { ok: boolean; why?: string }

export const FIXTURES = new URL('../fixtures/rego/', import.meta.url);

export function loadFiles(folder: string): { name: string; file: ConformanceFile }[] {
  const dir = new URL(`${folder}/`, FIXTURES);
  return readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .sort()
    .map((name) => ({ name: `${folder}/${name}`, file: JSON.parse(readFileSync(new URL(name, dir), 'utf8')) as ConformanceFile }));
}

function evaluate(file: ConformanceFile, c: ConformanceCase, input: unknown) {
  const policy = compile(c.modules.map((source, i) => ({ name: `module${i}.rego`, source })), { regoVersion: file.regoVersion });
  // A case's `null` input or data is the YAML's absent one.
  return policy.evaluate(c.query, { data: c.data ?? undefined, input: input ?? undefined, strict: c.strict !== false, nowNs: Date.now() * 1e6 });
}

export function runCase(file: ConformanceFile, c: ConformanceCase): Verdict {
  const inputs = many(c.input) ?? [c.input];
  let got: string[];
  try {
    got = inputs.flatMap((input) => {
      const results = evaluate(file, c, input);
      return file.format === 'opa' ? results.map((r) => canon(opaJson(r.bindings, c.sortBindings))) : regorusEntries(results);
    });
  } catch (err) {
    if (c.expect.kind === 'error') return { ok: true };
    return { ok: false, why: `error: ${String((err as Error).message ?? err).split('\n')[0]!.slice(0, 200)}` };
  }
  if (c.expect.kind === 'error') return { ok: false, why: 'expected an error, got results' };
  if (c.expect.kind === 'none') return got.length ? { ok: false, why: `expected no result, got ${got.join(' | ')}` } : { ok: true };
  const want = file.format === 'opa'
    ? ((c.expect.values ?? []) as unknown[]).map((b) => canon(sortedBindings(b as Record<string, unknown>, c.sortBindings)))
    : (many(c.expect.values) ?? [c.expect.values]).map(canon);
  // OPA compares result sets; regorus lists in order, and its harness accepts any order of equal entries.
  const same = got.length === want.length && [...got].sort().join('\n') === [...want].sort().join('\n');
  return same ? { ok: true } : { ok: false, why: `want ${want.join(' | ').slice(0, 300)} got ${got.join(' | ').slice(0, 300)}` };
}

function many(v: unknown): unknown[] | null {
  return isPlainObject(v) && Object.keys(v).length === 1 && Array.isArray(v['many!']) ? v['many!'] : null;
}

function regorusEntries(results: { expressions: Value[]; bindings: Record<string, Value> }[]): string[] {
  const entry = (r: (typeof results)[number]) => (Object.keys(r.bindings).length ? RegoObject.fromRecord(r.bindings) : null);
  if (results.length === 1) {
    const only = results[0]!;
    const bindings = entry(only);
    return bindings ? [canon(bindings)] : only.expressions.map(canon);
  }
  return results.map((r) => canon(entry(r) ?? r.expressions));
}

/**
 * A result's bindings as OPA's JSON renders them: sets become arrays in OPA's order (the engine's
 * sort, whose rightness OPA's own expected arrays then judge).
 */
function opaJson(bindings: Record<string, Value>, sort?: boolean): Record<string, unknown> {
  const toJson = (v: Value): unknown => {
    if (typeof v === 'bigint') return Number(v);
    if (v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) return v.map(toJson);
    if (v instanceof RegoSet) return v.sorted().map(toJson);
    const entries = [...v.entries()];
    return Object.fromEntries(entries.map(([k, x]) => [typeof k === 'string' ? k : JSON.stringify(toJson(k)), toJson(x)]));
  };
  return sortedBindings(Object.fromEntries(Object.entries(bindings).map(([k, v]) => [k, toJson(v)])), sort);
}

function sortedBindings(bindings: Record<string, unknown>, sort?: boolean): Record<string, unknown> {
  if (!sort) return bindings;
  return Object.fromEntries(Object.entries(bindings).map(([k, v]) => [k, Array.isArray(v) ? [...v].sort((a, b) => (canon(a) < canon(b) ? -1 : canon(a) > canon(b) ? 1 : 0)) : v]));
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof RegoSet) && !(v instanceof RegoObject);

/**
 * One string per value, equal exactly when the values are: written here rather than taken from the
 * engine, so that a bug in the engine's own equality cannot make a wrong answer look right.
 */
export function canon(v: unknown): string {
  if (v === undefined || v === '#undefined') return 'undefined';
  if (v === null || typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return Object.is(v, -0) ? '0' : String(v);
  // Exact integers meet expected values that JSON.parse read as doubles: compare them as doubles too.
  if (typeof v === 'bigint') return canon(Number(v));
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canon).join(',')}]`;
  if (v instanceof RegoSet) return setOf([...v]);
  if (v instanceof RegoObject) return objectOf([...v.entries()]);
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 1 && keys[0] === 'set!' && Array.isArray(o['set!'])) return setOf(o['set!']);
  if (keys.length === 1 && keys[0] === 'object!' && Array.isArray(o['object!'])) {
    return objectOf((o['object!'] as { key: unknown; value: unknown }[]).map((e) => [e.key, e.value]));
  }
  return objectOf(Object.entries(o));
}

const setOf = (items: unknown[]) => `<${[...new Set(items.map(canon))].sort().join(',')}>`;
const objectOf = (entries: [unknown, unknown][]) => `{${entries.map(([k, x]) => `${canon(k)}:${canon(x)}`).sort().join(',')}}`;
