import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseModule, parseQuery, RegoParseError } from '../../src/rego/index.ts';

function parseError(src: string, regoVersion: 0 | 1 = 1): RegoParseError {
  try {
    parseModule(src, { regoVersion });
  } catch (err) {
    assert.ok(err instanceof RegoParseError, `expected RegoParseError, got ${err}`);
    return err;
  }
  assert.fail('expected a parse error');
}

describe('parse errors carry line and column', () => {
  test('unterminated string', () => {
    const e = parseError('package p\n\nx := "abc\n');
    assert.equal(e.line, 3);
    assert.equal(e.column, 6);
    assert.equal(e.message, '3:6: non-terminated string');
  });
  test('v1 requires `if` before a body', () => {
    const e = parseError('package p\nallow {\n  true\n}\n');
    assert.deepEqual([e.line, e.column], [2, 7]);
    assert.match(e.message, /^2:7: `if` keyword is required before rule body$/);
  });
  test('v1 requires `contains` for set rules', () => {
    assert.match(parseError('package p\np[x] if { x := 1 }\np.q\n').message, /^3:1: `contains` keyword is required/);
  });
  test('missing package', () => assert.match(parseError('allow := true').message, /^1:1: expected `package`/));
  test('unexpected token inside a body', () => {
    const e = parseError('package p\nallow if {\n  input.x == 1 )\n}\n');
    assert.equal(e.line, 3);
    assert.equal(e.column, 16);
  });
  test('illegal character', () => assert.equal(parseError('package p\nx := 1 ^ 2\n').message, "2:8: illegal token '^'"));
  test('whitespace between `.` and a name', () => {
    assert.match(parseError('package p\nout := regex.\nmatch("a", "b")\n').message, /invalid whitespace between \. and identifier/);
  });
  test('unary minus only applies to numbers', () => {
    assert.match(parseError('package p\nx := - y\ny := 1\n').message, /unary - can only be used with numeric literals/);
  });
  test('empty body', () => assert.match(parseError('package p\np { }\n', 0).message, /^2:5: found empty body/));
  test('rego.v1 and future imports conflict', () => {
    assert.match(parseError('package p\nimport rego.v1\nimport future.keywords.in\n').message, /^3:1: this import shadows previous import/);
  });
});

describe('both syntaxes', () => {
  test('v0 rules with bodies, partial sets and objects, else, functions', () => {
    const m = parseModule(`package a.b
import input.session as s
default allow = false
allow { s.member }
deny[msg] { msg := "no" }
obj[k] = v { k := "a"; v := 1 }
roles[space][role] { space := "x"; role := "y" }
f(x) = y { y := x + 1 } else = 0 { true }
`, { regoVersion: 0 });
    assert.deepEqual(m.pkg, ['a', 'b']);
    assert.equal(m.imports.length, 1);
    assert.deepEqual(m.rules.map((r) => r.kind), ['single', 'single', 'multi', 'single', 'single', 'function']);
    assert.ok(m.rules[5]!.elseRule);
  });
  test('future keywords only when imported in v0', () => {
    assert.doesNotThrow(() => parseModule('package p\np { in := 1; in == 1 }\n', { regoVersion: 0 }));
    assert.doesNotThrow(() => parseModule('package p\nimport future.keywords.in\np { 1 in [1] }\n', { regoVersion: 0 }));
    assert.doesNotThrow(() => parseModule('package p\nimport future.keywords\np contains x if { some x in [1] }\n', { regoVersion: 0 }));
  });
  test('v1 rules', () => {
    const m = parseModule(`package p
allow if input.session.member
roles[space] contains role if {
  some t in input.session.teams
  space := "s"; role := t
}
a.b[c].d := x if { c := "k"; x := 1 }
every_ok if every x in [1, 2] { x > 0 }
`);
    assert.deepEqual(m.rules.map((r) => r.kind), ['single', 'multi', 'single', 'single']);
    assert.equal(m.rules[2]!.head.ref.length, 4);
  });
  test('raw strings, exponents, comments', () => {
    const m = parseModule('package p\n# comment\nx := `a\\b` # trailing\ny := 1.5e3\nz := -2E-2\n');
    const vals = m.rules.map((r) => (r.head.value as { value: unknown }).value);
    assert.deepEqual(vals, ['a\\b', 1500, -0.02]);
  });
  test('nodes carry positions', () => {
    const m = parseModule('package p\n\nallow if {\n  input.x == 1\n}\n');
    const r = m.rules[0]!;
    assert.deepEqual(r.loc, { line: 3, col: 1 });
    assert.deepEqual(r.body[0]!.loc, { line: 4, col: 3 });
  });
  test('queries', () => {
    assert.equal(parseQuery('x := data.p[_]; x > 1').length, 2);
    assert.throws(() => parseQuery('x := '), RegoParseError);
  });
});
