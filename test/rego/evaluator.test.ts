import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compile, RegoBudgetError, RegoEvalError, toJson, type EvalOptions } from '../../src/rego/index.ts';

const doc = (src: string, query = 'data.p', opts: EvalOptions = {}, regoVersion: 0 | 1 = 1) =>
  toJson(compile([src], { regoVersion }).evalRef(query, opts)!);

describe('documents', () => {
  test('undefined vs false, defaults', () => {
    const src = 'package p\ndefault d := false\nt if input.x\nf := false\n';
    assert.deepEqual(doc(src, 'data.p', { input: {} }), { d: false, f: false });
    assert.deepEqual(doc(src, 'data.p', { input: { x: true } }), { d: false, f: false, t: true });
  });
  test('partial sets, partial objects and multi-level ref heads', () => {
    const src = `package p
s contains x if some x in [1, 2, 2]
o[k] := v if { some k, v in {"a": 1, "b": 2} }
a.b[c].d := 1 if some c in ["x", "y"]
roles[space] contains role if { some space in ["s1"]; role := "r" }
`;
    assert.deepEqual(doc(src), {
      s: [1, 2], o: { a: 1, b: 2 }, a: { b: { x: { d: 1 }, y: { d: 1 } } }, roles: { s1: ['r'] },
    });
  });
  test('v0 p[x][y] { } rules hold true values', () => {
    assert.deepEqual(doc('package p\nr[a][b] { a := "s"; b := "r" }\n', 'data.p', {}, 0), { r: { s: { r: true } } });
  });
  test('virtual documents merge with base data', () => {
    const src = 'package p\nx := data.p.base_value + 1\n';
    assert.deepEqual(doc(src, 'data.p', { data: { p: { base_value: 41 } } }), { base_value: 41, x: 42 });
    assert.deepEqual(doc('package q\ny := 1\n', 'data', { data: { other: 2 } }), { other: 2, q: { y: 1 } });
  });
  test('refs with variables enumerate rules and data', () => {
    const src = 'package p\nk := [x | data.p.items[i].name = x]\nitems := [{"name": "a"}, {"name": "b"}]\n';
    assert.deepEqual(doc(src, 'data.p.k'), ['a', 'b']);
  });
  test('else chains and functions with several definitions', () => {
    const src = `package p
grade(n) := "high" if n > 10
else := "mid" if n > 5
else := "low"
abs(x) := x if x >= 0
abs(x) := -1 * x if x < 0
r := [grade(1), grade(7), grade(11), abs(-3), abs(3)]
`;
    assert.deepEqual(doc(src, 'data.p.r'), ['low', 'mid', 'high', 3, 3]);
  });
  test('default functions are not documents', () => {
    assert.deepEqual(doc('package p\ndefault f(_) := 0\nf(x) := 1 if x > 5\nr := [f(1), f(10)]\n'), { r: [0, 1] });
  });
  test('sets and objects are iterated in sorted order, as OPA does', () => {
    const src = 'package p\na := [x | some x in {3, 1, 2}]\nb := [k | some k, _ in {"z": 1, "a": 2}]\n';
    assert.deepEqual(doc(src), { a: [1, 2, 3], b: ['a', 'z'] });
  });
  test('walk is a relation', () => {
    const src = 'package p\nleaves contains v if { walk(input, [_, v]); is_number(v) }\n';
    assert.deepEqual(doc(src, 'data.p.leaves', { input: { x: { y: 3, z: [4] } } }), [3, 4]);
  });
  test('every, not, some in, comprehensions', () => {
    const src = `package p
all_pos if every x in input.xs { x > 0 }
none_neg if not any_neg
any_neg if { some x in input.xs; x < 0 }
pairs := {k: v | some k, v in input.o}
`;
    assert.deepEqual(doc(src, 'data.p', { input: { xs: [1, 2], o: { a: 1 } } }), { all_pos: true, none_neg: true, pairs: { a: 1 } });
    assert.deepEqual(doc(src, 'data.p', { input: { xs: [1, -2], o: {} } }), { any_neg: true, pairs: {} });
  });
  test('with replaces input, data and functions', () => {
    const src = `package p
allow if input.user == "alice"
a if allow with input.user as "alice"
b := x if x := data.cfg.n with data.cfg.n as 7
double(x) := 2 * x
fake(_) := 100
c := y if y := double(2) with double as fake
d := n if n := count([1, 2, 3]) with count as fake
e if allow with allow as true
`;
    assert.deepEqual(doc(src, 'data.p', { input: { user: 'bob' }, data: { cfg: { n: 1 } } }), { a: true, b: 7, c: 100, d: 100, e: true });
  });
  test('query results with bindings', () => {
    const p = compile(['package p\nxs := [3, 4]\n']);
    const rs = p.evaluate('x := data.p.xs[i]; x > 3');
    assert.equal(rs.length, 1);
    assert.deepEqual(rs[0]!.bindings, { x: 4, i: 1 });
    assert.deepEqual(rs[0]!.expressions, [true, true]);
    assert.deepEqual(p.evaluate('data.p.nothing'), []);
  });
});

describe('conflicts are errors, as in OPA', () => {
  const fails = (src: string, re: RegExp) => assert.throws(() => compile([src]).evalRef('data.p'), (e: unknown) => e instanceof RegoEvalError && re.test(e.message));
  test('complete rules', () => fails('package p\nx := 1\nx := 2\n', /complete rules must not produce multiple outputs/));
  test('object keys', () => fails('package p\no[k] := v if { k := "a"; some v in [1, 2] }\n', /object keys must be unique/));
  test('functions', () => fails('package p\nf(x) := 1\nf(x) := 2\ny := f(1)\n', /functions must not produce multiple outputs/));
});

describe('built-in errors', () => {
  const src = 'package p\nx := to_number("abc")\ny := 1 / 0\n';
  test('strict mode fails the evaluation', () => assert.throws(() => compile([src]).evalRef('data.p.x', { strict: true }), RegoEvalError));
  test('non-strict mode makes the expression undefined', () => assert.deepEqual(doc(src, 'data.p', { strict: false }), {}));
  test('time.now_ns is fixed for one evaluation', () => {
    assert.deepEqual(doc('package p\na := time.now_ns()\nb := time.now_ns()\n', 'data.p', { nowNs: 1234 }), { a: 1234, b: 1234 });
  });
});

describe('evaluation budget', () => {
  const product = `package p
x := [[a, b, c, d] |
  some a in numbers.range(1, 200)
  some b in numbers.range(1, 200)
  some c in numbers.range(1, 200)
  some d in numbers.range(1, 200)
]
`;
  test('a huge cross product hits the step budget quickly', () => {
    const t0 = performance.now();
    assert.throws(() => compile([product]).evalRef('data.p.x', { maxSteps: 200_000 }), RegoBudgetError);
    assert.ok(performance.now() - t0 < 5000, 'fails fast');
  });
  test('the wall-clock deadline holds even with a large step budget', () => {
    const t0 = performance.now();
    assert.throws(() => compile([product]).evalRef('data.p.x', { maxSteps: Number.MAX_SAFE_INTEGER, timeoutMs: 100 }), /time limit/);
    assert.ok(performance.now() - t0 < 5000);
  });
  test('deeply nested comprehensions hit the budget', () => {
    const nested = 'package p\nx := [a | some a in numbers.range(1, 1000); count([b | some b in numbers.range(1, 1000); count([c | some c in numbers.range(1, 1000)]) > 0]) > 0]\n';
    assert.throws(() => compile([nested]).evalRef('data.p.x', { maxSteps: 100_000 }), RegoBudgetError);
  });
  test('evaluation too deep for the JS stack becomes a budget error, not a crash', () => {
    const body = Array.from({ length: 20000 }, (_, i) => `input.v > ${-i}`).join('\n  ');
    assert.throws(() => compile([`package p\nallow if {\n  ${body}\n}\n`]).evalRef('data.p.allow', { input: { v: 1 } }), RegoBudgetError);
  });
  test('nesting too deep for the parser is a parse error', () => {
    assert.throws(() => compile([`package p\nx := ${'['.repeat(50000)}${']'.repeat(50000)}\n`]), /nested too deeply/);
  });
});
