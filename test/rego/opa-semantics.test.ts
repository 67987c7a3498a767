// OPA semantics beyond the shared conformance cases (issue 14): `with` replacements, mocked I/O built-ins,
// negation of nested calls, newer built-ins, deprecated built-ins in v1, literal `some … in` shapes.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compile, RegoCompileError, RegoEvalError, toJson } from '../../src/rego/index.ts';

const doc = (src: string, opts: { input?: unknown; regoVersion?: 0 | 1 } = {}) =>
  toJson(compile([src], { regoVersion: opts.regoVersion ?? 1 }).evalRef('data.p', { input: opts.input, strict: true }) ?? null);

describe('with', () => {
  test('a function replaced by another runs that one without the replacement: f(1) with f as g, g calling f, is 2', () => {
    assert.deepEqual(doc('package p\nf(x) := 2\ng(x) := f(x)\nr := y if { y := f(1) with f as g }\n'), { r: 2 });
  });
  test('a mock may call the built-in it replaces', () => {
    assert.deepEqual(doc('package p\nmock(x) := count(x) + 10\nr := y if { y := count([1, 2]) with count as mock }\n'), { r: 12 });
  });
  test('http.send and opa.runtime are usable when a with replaces them, and refused otherwise', () => {
    const mocked = compile(['package p\nget := http.send({"method": "get", "url": "https://example.test"})\nr := y if { y := get.status_code with http.send as {"status_code": 200} }\n']);
    assert.equal(mocked.evalRef('data.p.r'), 200);
    assert.deepEqual(doc('package p\nr := y if { y := opa.runtime().env.X with opa.runtime as {"env": {"X": "1"}} }\n'), { r: '1' });
    assert.throws(() => compile(['package p\nr := http.send({"url": "x"})\n']), (e: unknown) => e instanceof RegoCompileError && /http\.send is not allowed/.test(e.message));
    // Mocked somewhere but called unreplaced: the evaluation fails, it never reaches the network.
    assert.throws(() => doc('package p\ng := http.send({"url": "x"})\nt := y if { y := g with http.send as {} }\n'), RegoEvalError);
  });
});

describe('negation', () => {
  const src = (imp: string) => `package p\n${imp}\nr if not startswith(lower(input.name), "a")\n`;
  test('by default a nested call is evaluated outside the not: undefined inside leaves the rule undefined', () => {
    assert.deepEqual(doc(src(''), { input: {} }), {});
    assert.deepEqual(doc(src(''), { input: { name: 'Bob' } }), { r: true });
  });
  test('keys of references and arguments of user functions are expanded too (opa#4743, #1877), built-in operands are not', () => {
    assert.deepEqual(doc('package p\nobj := {}\nc if not obj[input.missing]\n', { input: {} }), { obj: {} });
    assert.deepEqual(doc('package p\nf(x) if x == 1\nc if not f(input.missing)\n', { input: {} }), {});
    assert.deepEqual(doc('package p\nc if not input.a == input.b\n', { input: {} }), { c: true });
    assert.deepEqual(doc('package p\nimport future.keywords.not\nobj := {}\nc if not obj[input.missing]\n', { input: {} }), { c: true, obj: {} });
  });
  test('import future.keywords.not negates the nested call with the expression', () => {
    assert.deepEqual(doc(src('import future.keywords.not'), { input: {} }), { r: true });
    assert.deepEqual(doc(src('import future.keywords'), { input: {} }), { r: true });
  });
});

describe('built-ins', () => {
  test('strings.split_n takes the first n parts, the last |n| for negative n, none for 0', () => {
    assert.deepEqual(doc('package p\na := strings.split_n("a.b.c.d", ".", 2)\nb := strings.split_n("a.b.c.d", ".", -2)\nc := strings.split_n("a.b", ".", 5)\nd := strings.split_n("a.b", ".", 0)\n'),
      { a: ['a', 'b'], b: ['c', 'd'], c: ['a', 'b'], d: [] });
  });
  test('array.flatten and uuid.parse', () => {
    assert.deepEqual(doc('package p\na := array.flatten([1, [2, [3, [4]]], {5}])\n'), { a: [1, 2, 3, 4, [5]] });
    assert.deepEqual(doc('package p\nu := uuid.parse("b01d0062-a116-11ee-822b-7ab0b9e5e0c0")\nbad := uuid.parse("nope")\n'), {
      u: { clocksequence: 555, macvariables: 'local:unicast', nodeid: '7a-b0-b9-e5-e0-c0', time: 1703282931110717000, variant: 'RFC4122', version: 1 },
    });
  });
  test('deprecated built-ins exist in v0 only; unsupported ones are refused by name', () => {
    assert.deepEqual(doc('package p\nx = set_diff({1, 2}, {2})\n', { regoVersion: 0 }), { x: [1] });
    assert.throws(() => compile(['package p\nx := any([true])\n']), /undefined function any/);
    assert.throws(() => compile(['package p\nx := yaml.marshal(1)\n']), /yaml\.marshal is not supported/);
  });
  test('json.patch: missing attributes are undefined; a root removed can be added back', () => {
    assert.deepEqual(doc('package p\na := json.patch({}, [{"path": "/a", "value": 1}])\nb := json.patch({"a": 1}, [{"op": "remove", "path": ""}, {"op": "add", "path": "", "value": {"b": 2}}])\n'), { b: { b: 2 } });
  });
});

test('some [x, y] in a literal skips items of another shape; none of the shape is a compile error', () => {
  assert.deepEqual(doc('package p\nr contains x if some [1, x] in [[1, 2], [1], [1, 3, 4], [1, 5]]\n'), { r: [2, 5] });
  assert.throws(() => compile(['package p\nr if some [x, y] in [[1, 2, 3]]\n']), /mismatch in number of array elements/);
});
