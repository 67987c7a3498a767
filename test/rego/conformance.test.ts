// Rego conformance: OPA's own cases and regorus's, vendored under test/fixtures/rego, through our
// engine. Value cases (an expected result) and error cases (an expected failure) are counted apart,
// since an engine that failed everything would pass every error case; each must reach 95%.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadFiles, runCase, type ConformanceFile } from './conformance-cases.ts';

const FLOOR = 0.95;

test('the vendored OPA and regorus conformance cases pass at 95% or more, value and error cases each', (t) => {
  const tally = { value: { passed: 0, total: 0 }, error: { passed: 0, total: 0 } };
  const failures: string[] = [];
  for (const { name, file } of [...loadFiles('opa'), ...loadFiles('regorus')]) {
    for (const c of file.cases) {
      const verdict = runCase(file, c);
      const kind = tally[c.expect.kind === 'error' ? 'error' : 'value'];
      kind.total++;
      if (verdict.ok) kind.passed++;
      else failures.push(`${name} :: ${c.note} :: ${verdict.why}`.slice(0, 240));
    }
  }
  const rate = ({ passed, total }: { passed: number; total: number }) => passed / total;
  const line = (k: 'value' | 'error') => `${k} cases: ${tally[k].passed}/${tally[k].total} (${(100 * rate(tally[k])).toFixed(1)}%)`;
  for (const f of failures) t.diagnostic(`fails: ${f}`);
  t.diagnostic(line('value'));
  t.diagnostic(line('error'));
  console.log(`Rego conformance: ${line('value')}, ${line('error')}`);
  assert.ok(tally.value.total > 700 && tally.error.total > 250, 'every vendored case file was read');
  assert.ok(rate(tally.value) >= FLOOR, `${line('value')}: below the ${FLOOR * 100}% floor`);
  assert.ok(rate(tally.error) >= FLOOR, `${line('error')}: below the ${FLOOR * 100}% floor`);
});

// The judge itself: a wrong answer, a missing error or a spurious one must each count as a failure.
const regorus = (cases: ConformanceFile['cases']): ConformanceFile => ({ source: 'test', regoVersion: 1, cases });
const opa = (cases: ConformanceFile['cases']): ConformanceFile => ({ source: 'test', regoVersion: 1, format: 'opa', cases });
const base = { note: 'n', data: null, input: null, strict: true };

test('the judge tells right answers from wrong ones, in both formats', () => {
  const module = 'package t\ns contains x if some x in [3, 1, 2]\nv := 7\n';
  const rightSet = regorus([{ ...base, modules: [module], query: 'data.t.s', expect: { kind: 'results', values: { 'set!': [2, 3, 1] } } }]);
  assert.deepEqual(runCase(rightSet, rightSet.cases[0]!), { ok: true });
  const wrongSet = regorus([{ ...base, modules: [module], query: 'data.t.s', expect: { kind: 'results', values: { 'set!': [1, 2] } } }]);
  assert.equal(runCase(wrongSet, wrongSet.cases[0]!).ok, false);
  const perInput = regorus([{ ...base, modules: ['package t\nx := input.a'], input: { 'many!': [{ a: 1 }, { a: 2 }] }, query: 'data.t.x', expect: { kind: 'results', values: { 'many!': [1, 2] } } }]);
  assert.deepEqual(runCase(perInput, perInput.cases[0]!), { ok: true });

  // OPA renders a set as an array in its sort order: [1, 2, 3], never [3, 1, 2].
  const opaRight = opa([{ ...base, modules: [module], query: 'data.t.s = x', expect: { kind: 'bindings', values: [{ x: [1, 2, 3] }] } }]);
  assert.deepEqual(runCase(opaRight, opaRight.cases[0]!), { ok: true });
  const opaOrder = opa([{ ...base, modules: [module], query: 'data.t.s = x', expect: { kind: 'bindings', values: [{ x: [3, 1, 2] }] } }]);
  assert.equal(runCase(opaOrder, opaOrder.cases[0]!).ok, false);
  const opaTwo = opa([{ ...base, modules: [module], query: 'data.t.s[x]', expect: { kind: 'bindings', values: [{ x: 2 }, { x: 1 }, { x: 3 }] } }]);
  assert.deepEqual(runCase(opaTwo, opaTwo.cases[0]!), { ok: true }, 'results compare as a multiset');
});

test('an error case passes only on an error, and a value case fails on one', () => {
  const conflict = 'package t\nx := 1 if true\nx := 2 if true\n';
  const wantsError = regorus([{ ...base, modules: [conflict], query: 'data.t.x', expect: { kind: 'error' } }]);
  assert.deepEqual(runCase(wantsError, wantsError.cases[0]!), { ok: true });
  const wantsValue = regorus([{ ...base, modules: [conflict], query: 'data.t.x', expect: { kind: 'results', values: 1 } }]);
  assert.match(runCase(wantsValue, wantsValue.cases[0]!).why ?? '', /^error: /);
  const noError = regorus([{ ...base, modules: ['package t\nx := 1'], query: 'data.t.x', expect: { kind: 'error' } }]);
  assert.deepEqual(runCase(noError, noError.cases[0]!), { ok: false, why: 'expected an error, got results' });
});
