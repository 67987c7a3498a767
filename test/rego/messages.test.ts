// Error messages speak Rego values, never the engine's internal encodings (issue 14, item 3).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compile, RegoEvalError } from '../../src/rego/index.ts';

const failure = (source: string, query: string): string => {
  try {
    compile([source]).evaluate(query);
  } catch (err) {
    assert.ok(err instanceof RegoEvalError, String(err));
    return err.message;
  }
  assert.fail('expected an evaluation error');
};

test('a duplicate key in an object comprehension names the key and values as Rego writes them', () => {
  assert.equal(failure('package p\nx := {k: i | k := ["a", "a"][i]}\n', 'data.p.x'), '2:6: object keys must be unique: key "a" has values 0 and 1');
  assert.match(failure('package p\nx := {k: v | some v in [{"s": {1}}, [null]]; k := true}\n', 'data.p.x'),
    /key true has values \{"s": \{1\}\} and \[null\]$/);
});
