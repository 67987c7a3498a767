// The documentation stays true to the repository: every relative link (and #anchor) leads somewhere,
// and every Rego example is a login policy Gatehouse accepts, the two syntaxes agreeing.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { test } from 'node:test';
import { compileLoginPolicy, evaluateLoginPolicy } from '../../src/policies/engine.ts';

function markdown(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? markdown(p) : n.endsWith('.md') ? [p] : [];
  });
}
const FILES = ['README.md', 'client/README.md', 'test/fixtures/README.md', ...markdown('docs'), ...markdown('src').filter((f) => f.endsWith('README.md'))];

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to dashes. */
const anchorsOf = (text: string) =>
  new Set([...text.matchAll(/^#+ (.+)$/gm)].map((m) => m[1]!.trim().toLowerCase().replace(/[^\p{L}\p{N} _-]/gu, '').replace(/ /g, '-')));

test('relative links in the documentation point at files and headings that exist', () => {
  const broken: string[] = [];
  for (const file of FILES) {
    const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '');
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/.test(target!)) continue;
      const [path, anchor] = target!.split('#');
      const resolved = path ? normalize(join(dirname(file), path)) : file;
      if (!existsSync(resolved)) broken.push(`${file}: ${target} (no ${resolved})`);
      else if (anchor && resolved.endsWith('.md') && !anchorsOf(readFileSync(resolved, 'utf8')).has(anchor)) broken.push(`${file}: ${target} (no heading #${anchor})`);
    }
  }
  assert.deepEqual(broken, []);
});

test('every Rego example in the documentation is a login policy Gatehouse accepts', () => {
  const blocks = FILES.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/```rego\n([\s\S]*?)```/g)].map((m) => ({ file: f, source: m[1]! })));
  assert.ok(blocks.length >= 2, 'the login-policy page shows both syntaxes');
  for (const { file, source } of blocks) assert.doesNotThrow(() => compileLoginPolicy(source), `a Rego block of ${file}`);
});

test('the two syntaxes of the login-policy example say the same thing', () => {
  const [v1, v0] = [...readFileSync('docs/concepts/login-policies.md', 'utf8').matchAll(/```rego\n([\s\S]*?)```/g)].map((m) => m[1]!);
  const limits = { maxSteps: 1_000_000, timeoutMs: 1000 };
  const at = (hourUtc: number, teams: string[]) => {
    const ns = Date.UTC(2026, 0, 5, hourUtc) * 1e6;
    return { request: { remote_ip: '203.0.113.7', timestamp_ns: ns }, session: { login: 'ada', teams, member: true } };
  };
  for (const input of [at(9, ['Developers']), at(9, ['Admins']), at(4, ['Developers']), at(9, [])]) {
    const outputs = [compileLoginPolicy(v1!, 1), compileLoginPolicy(v0!, 0)].map((p) => evaluateLoginPolicy(p, input, input.request.timestamp_ns, limits));
    assert.deepEqual(outputs[0], outputs[1], `same output for ${JSON.stringify(input.session.teams)} at ${new Date(input.request.timestamp_ns / 1e6).toISOString()}`);
  }
  const early = evaluateLoginPolicy(compileLoginPolicy(v1!, 1), at(4, ['Developers']), at(4, []).request.timestamp_ns, limits);
  assert.equal(early.deny, true, 'the example denies before 7:00 in Paris');
});
