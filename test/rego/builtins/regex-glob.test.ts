import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eq, throws } from './helpers.ts';

test('RE2 syntax translated to JS', () => {
  eq('regex.match', ['(?i)^ABC$', 'abc'], true);
  eq('regex.match', ['(?i:ab)c', 'ABc'], true);
  eq('regex.match', ['(?s)a.b', 'a\nb'], true);
  eq('regex.match', ['a.b', 'a\nb'], false);
  eq('regex.match', ['^a\\-b\\:c$', 'a-b:c'], true);
  eq('regex.match', ['^[[:alpha:]]+$', 'abc'], true);
  eq('regex.match', ['^[[:digit:][:space:]]+$', '1 2'], true);
  eq('regex.match', ['\\Aab\\z', 'ab'], true);
  eq('regex.match', ['\\Aab\\z', 'ab\n'], false);
  eq('regex.match', ['(?P<year>\\d{4})-\\d{2}', '2024-01'], true);
  eq('regex.match', ['^\\pL+$', 'héllo'], true);
  eq('regex.match', ['^\\p{Greek}+$', 'αβγ'], true);
  eq('regex.match', ['^\\Qa.b\\E$', 'a.b'], true);
  eq('regex.match', ['^\\Qa.b\\E$', 'axb'], false);
  eq('regex.match', ['^a{2}$', 'aa'], true);
  eq('regex.match', ['^a{$', 'a{'], true);
  eq('regex.match', ['^a]b$', 'a]b'], true);
  eq('regex.match', ['^[\\w-]+$', 'a-b_c'], true);
  eq('regex.match', ['^.$', '🍮'], true);
  eq('regex.match', ['\\s', '\u00a0'], false);
  eq('regex.match', ['^/api/v[0-9]+/users$', '/api/v2/users'], true);
  // RE2 has no look-around and no back-references.
  throws('regex.match', '(?=a)', 'a');
  throws('regex.match', '(a)\\1', 'aa');
  throws('regex.match', '[', 'a');
  throws('regex.match', 'a{1001}', 'a');
  eq('regex.is_valid', ['['], false);
  eq('regex.is_valid', ['(?=a)'], false);
  eq('regex.is_valid', [1], false);
  eq('regex.is_valid', ['^[a-z]+$'], true);
});

test('regex find/split/replace follow Go', () => {
  eq('regex.find_n', ['a.', 'paranormal', -1], ['ar', 'an', 'al']);
  eq('regex.find_n', ['a.', 'paranormal', 2], ['ar', 'an']);
  eq('regex.find_all_string_submatch_n', ['([a-z]+)@([a-z]+)(\\.com)?', 'x@y, p@q.com', -1], [['x@y', 'x', 'y', ''], ['p@q.com', 'p', 'q', '.com']]);
  eq('regex.split', [',', 'a,b,,c'], ['a', 'b', '', 'c']);
  eq('regex.split', ['x*', 'axbc'], ['a', 'b', 'c']);
  eq('regex.split', [',', ''], ['']);
  eq('regex.replace', ['-wy-wxxy-', 'w(x*)y', '0'], '-0-0-');
  eq('regex.replace', ['foo', '(foo)', '$1$1'], 'foofoo');
  eq('regex.replace', ['foo', '(f)', '${1}x'], 'fxoo');
  eq('regex.replace', ['foo', '(f)', '$1x'], 'oo'); // Go reads $1x as the group named "1x"
  eq('regex.replace', ['abc', '', '-'], '-a-b-c-');
  eq('regex.replace', ['a.b', '(?P<l>\\w)\\.(?P<r>\\w)', '$r.$l'], 'b.a');
  throws('regex.replace', 'foo', '[', '$1');
  eq('regex.template_match', ['urn:foo:{.*}', 'urn:foo:bar:baz', '{', '}'], true);
  eq('regex.template_match', ['urn:foo.bar.com:{.*}', 'urn:foo.com:bar:baz', '{', '}'], false);
  eq('regex.template_match', ['id-{\\d{3}}', 'id-123', '{', '}'], true);
});

test('glob.match with gobwas semantics and OPA delimiters', () => {
  eq('glob.match', ['api://*/appId', null, 'api://foo.com/appId'], true);
  eq('glob.match', ['*.github.com', [], 'api.github.com'], true);
  eq('glob.match', ['*.github.com', [], 'api.cdn.github.com'], false);
  eq('glob.match', ['*hub.com', null, 'api.cdn.github.com'], true);
  eq('glob.match', ['*:github:com', [':'], 'api:github:com'], true);
  eq('glob.match', ['api.**.com', [], 'api.cdn.github.com'], true);
  eq('glob.match', ['?at', [], 'cat'], true);
  eq('glob.match', ['?at', [], 'at'], false);
  eq('glob.match', ['[abc]at', [], 'lat'], false);
  eq('glob.match', ['[!abc]at', [], 'cat'], false);
  eq('glob.match', ['[!a-c]at', [], 'lat'], true);
  eq('glob.match', ['{cat,bat,[fr]at}', [], 'rat'], true);
  eq('glob.match', ['{cat,bat,[fr]at}', [], 'at'], false);
  eq('glob.match', ['*', ['.'], 'foo'], true);
  eq('glob.match', ['*/admin', ['/'], 'team/admin'], true);
  eq('glob.match', ['*/admin', ['/'], 'a/team/admin'], false);
  eq('glob.match', ['\\*.x', [], '*.x'], true);
  eq('glob.match', ['a(b)+c', [], 'a(b)+c'], true);
  throws('glob.match', '[abc', [], 'a');
  throws('glob.match', '*', 'x', 'a');
  eq('glob.quote_meta', ['*.github.com'], '\\*.github.com');
  eq('glob.quote_meta', ['[a]{b}?\\'], '\\[a\\]\\{b\\}\\?\\\\');
});

test('nested quantifiers run in linear time on BMP input (V8 linear engine)', () => {
  const t = Date.now();
  eq('regex.match', ['^(a+)+$', 'a'.repeat(5000) + 'b'], false);
  eq('regex.find_n', ['(x+x+)+y', 'x'.repeat(3000), -1], []);
  assert.ok(Date.now() - t < 2000, `took ${Date.now() - t}ms`);
  // Astral input falls back to the code-point (u) variant, which still matches correctly.
  eq('regex.match', ['^.🍮$', 'a🍮'], true);
  eq('regex.find_n', ['.', '🍧a', -1], ['🍧', 'a']);
});
