// Pattern built-ins run in linear time for every pattern and input, and no single built-in call can outrun
// the evaluation budget (issue 14, item 2). Patterns and inputs come from policies and identity providers.
//
// The exponential cases below would take hours in a backtracking engine; the file's timeout only turns
// such a hang into a failure, no duration is asserted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compile, RegoBudgetError } from '../../src/rego/index.ts';

const HANG = { timeout: 60_000 };
const value = (query: string, input?: unknown, opts: { maxSteps?: number; timeoutMs?: number } = {}) =>
  compile([]).evaluate(query, { input, strict: true, ...opts })[0]?.expressions[0];

test('nested quantifiers over a login with an emoji: (a+)+$ is answered, not backtracked', HANG, () => {
  const login = 'a'.repeat(60) + '\u{1F600}';
  assert.equal(value('regex.match("(a+)+$", input.login)', { login }), false);
  assert.equal(value('regex.match("^(a|aa)+$", input.login)', { login: 'a'.repeat(5000) + '!' }), false);
  assert.equal(value('regex.match(`\\p{L}(\\p{L}+)+!`, input.login)', { login: 'é'.repeat(60) + '?' }), false);
  assert.deepEqual(value('regex.find_n("(x+x+)+y", input.login, -1)', { login: 'x'.repeat(5000) }), []);
  assert.equal(value('regex.template_match("{(a+)+}b", input.login, "{", "}")', { login: 'a'.repeat(60) + 'c' }), false);
});

test('glob.match with many stars over a long string is answered in one pass', HANG, () => {
  assert.equal(value('glob.match("*a*a*a*a*a*a*a*b", [], input.s)', { s: 'a'.repeat(5000) }), false);
  assert.equal(value('glob.match("**a**a**a**a**a**a**b", null, input.s)', { s: 'a'.repeat(5000) }), false);
  assert.equal(value('glob.match("*a*a*b", [], input.s)', { s: 'a'.repeat(50) + 'b' }), true);
});

test('the engine sets no process-wide V8 flag (the experimental linear RegExp engine stays off)', () => {
  compile(['package p\nx := regex.match("a+", "aaa")\n']).evalRef('data.p.x');
  assert.throws(() => new RegExp('a', 'l'), SyntaxError);
});

test('no single built-in call outruns the budget: huge ranges, paddings, replacements and scans are charged first', () => {
  const over = (q: string, input?: unknown) => assert.throws(() => value(q, input, { maxSteps: 100_000 }), RegoBudgetError, q);
  over('numbers.range(1, 100000000)');
  over('sprintf("%1000000000d", [1])');
  over('replace(input.s, "a", input.r)', { s: 'a'.repeat(100_000), r: 'b'.repeat(1000) });
  over('regex.match("(a|b)*c", input.s)', { s: 'ab'.repeat(1_000_000) });
  over('net.cidr_expand("10.0.0.0/8")');
  // The same calls within the budget work as before.
  assert.deepEqual(value('numbers.range(1, 3)'), [1, 2, 3]);
  assert.equal(value('sprintf("%5d", [1])'), '    1');
});
