import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compile, RegoCompileError } from '../../src/rego/index.ts';

function compileError(src: string, regoVersion: 0 | 1 = 1): RegoCompileError {
  try {
    compile([{ name: 'm.rego', source: src }], { regoVersion });
  } catch (err) {
    assert.ok(err instanceof RegoCompileError, `expected RegoCompileError, got ${err}`);
    return err;
  }
  assert.fail('expected a compile error');
}

describe('refused and unknown functions', () => {
  test('http.send is refused at compile time, naming the built-in', () => {
    const e = compileError('package p\nallow if {\n  http.send({"method": "get", "url": "https://example.com"}).status_code == 200\n}\n');
    assert.equal(e.message, '3:3: http.send is not allowed in Gatehouse policies');
    assert.equal(e.module, 'm.rego');
  });
  test('other I/O built-ins are refused too', () => {
    assert.match(compileError('package p\nx := net.lookup_ip_addr("example.com")\n').message, /net\.lookup_ip_addr is not allowed/);
    assert.match(compileError('package p\nx := opa.runtime()\n').message, /opa\.runtime is not allowed/);
  });
  test('an unknown function is a compile error', () => {
    assert.equal(compileError('package p\nx := frobnicate(1)\n').message, '2:6: undefined function frobnicate');
  });
  test('wrong arity', () => assert.match(compileError('package p\nx := count(1, 2, 3)\n').message, /arity/));
});

describe('safety', () => {
  test('unsafe variable named with its position', () => {
    assert.equal(compileError('package p\nallow if {\n  x > 1\n}\n').message, '3:3: var x is unsafe');
  });
  test('unsafe head variable', () => {
    assert.equal(compileError('package p\nroles[space] contains role_id if input.session.login == "k"\n').message, '2:7: var space is unsafe');
  });
  test('negation does not bind', () => {
    assert.match(compileError('package p\nallow if {\n  not input.x[y]\n}\n').message, /var y is unsafe/);
  });
  test('expressions are reordered so binders come first', () => {
    const p = compile(['package p\nallow if {\n  x > 1\n  x = input.n\n}\n']);
    assert.equal(p.evalRef('data.p.allow', { input: { n: 2 } }), true);
  });
  test('wildcards in negation are local', () => {
    const p = compile(['package p\nallow if not input.bad[_]\n']);
    assert.equal(p.evalRef('data.p.allow', { input: { bad: [] } }), true);
    assert.equal(p.evalRef('data.p.allow', { input: { bad: [1] } }), undefined);
  });
});

describe('declarations', () => {
  test(':= cannot redeclare', () => {
    assert.equal(compileError('package p\nx if {\n  a := 1\n  a := 2\n}\n').message, '4:3: var a assigned above');
  });
  test('some after use', () => {
    assert.match(compileError('package p\nx if {\n  v = 0\n  some v in [1]\n}\n').message, /var v referenced above/);
  });
  test('v1 forbids shadowing input and data', () => {
    assert.match(compileError('package p\nx if {\n  input := 1\n}\n').message, /input cannot be shadowed/);
  });
});

describe('recursion', () => {
  test('direct and indirect recursion are rejected', () => {
    assert.match(compileError('package p\na := b\nb := c\nc := a\n').message, /rule data\.p\.a is recursive: data\.p\.a -> data\.p\.b -> data\.p\.c -> data\.p\.a/);
    assert.match(compileError('package p\nf(x) := y if { y := f(x) }\n').message, /recursive/);
  });
});

describe('compiled policies are reusable', () => {
  test('one compile, many evaluations with different inputs', () => {
    const p = compile(['package p\nallow if input.n > 1\n']);
    for (let n = 0; n < 5; n++) assert.equal(p.evalRef('data.p.allow', { input: { n } }), n > 1 ? true : undefined);
    assert.strictEqual(p.prepare('data.p.allow'), p.prepare('data.p.allow'), 'queries are cached');
  });
});
