// docs/operating/configuration.md lists every setting with its variable and default: checked here
// against src/config.ts and config/default.json, so the table cannot fall behind the code.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ENV, loadConfig } from '../../src/config.ts';

const DOC = 'docs/operating/configuration.md';
const defaults = JSON.parse(readFileSync('config/default.json', 'utf8')) as Record<string, unknown>;

const shown = (v: unknown) => (v === null ? 'unset' : Array.isArray(v) && v.length === 0 ? 'none' : `\`${String(v)}\``);

test('the configuration table names every setting, its variable and its default', () => {
  const rows = readFileSync(DOC, 'utf8')
    .split('\n')
    .filter((l) => /^\| (`[A-Z_]+`|—) \| `\w+` \|/.test(l))
    .map((l) => l.split(' | ').map((c) => c.replace(/^\| /, '').trim()));
  const documented = new Map(rows.map(([variable, key, value]) => [key!.replace(/`/g, ''), { variable, value }]));
  const keys = Object.keys(loadConfig({}));
  assert.deepEqual([...documented.keys()].sort(), keys.sort(), `${DOC} has one row per setting of src/config.ts`);
  for (const key of keys) {
    const variable = Object.keys(ENV).find((name) => ENV[name] === key);
    assert.equal(documented.get(key)!.variable, variable ? `\`${variable}\`` : '—', `the variable of ${key}`);
    assert.equal(documented.get(key)!.value, shown(defaults[key]), `the default of ${key} (config/default.json)`);
  }
});
