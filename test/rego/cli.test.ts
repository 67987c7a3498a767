import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { main } from '../../src/rego/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'gatehouse-rego-'));
const file = (name: string, text: string) => { const p = join(dir, name); writeFileSync(p, text); return p; };
const policy = file('login.rego', 'package spacelift\n\nallow { input.session.member }\nroles[s][r] { s := "dev"; r := "reader" }\n');
const input = file('input.json', JSON.stringify({ session: { member: true } }));

function run(args: string[]) {
  const out: string[] = [], err: string[] = [];
  const code = main(args, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

test('eval prints opa-eval-shaped JSON', () => {
  const r = run(['eval', '-d', policy, '-i', input, '--v0', 'data.spacelift.allow']);
  assert.equal(r.code, 0);
  assert.deepEqual(JSON.parse(r.out), {
    result: [{ expressions: [{ value: true, text: 'data.spacelift.allow', location: { row: 1, col: 1 } }] }],
  });
});

test('eval reports bindings and an undefined query as {}', () => {
  const r = run(['eval', '-d', policy, '--v0', 'x := data.spacelift.roles']);
  assert.deepEqual(JSON.parse(r.out).result[0].bindings, { x: { dev: { reader: true } } });
  assert.deepEqual(JSON.parse(run(['eval', '-d', policy, '--v0', 'data.spacelift.allow']).out), {});
});

test('check prints file:line:col: message and exits 1', () => {
  const bad = file('bad.rego', 'package x\nallow if {\n  y > 1\n}\n');
  const r = run(['check', bad]);
  assert.equal(r.code, 1);
  assert.equal(r.err, `${bad}:3:3: var y is unsafe`);
  const broken = file('broken.rego', 'package x\nallow if {\n');
  assert.match(run(['check', broken]).err, new RegExp(`^${broken.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:1: `));
  assert.equal(run(['check', '--v0', policy]).code, 0);
});

test('bin/gatehouse.mjs runs the rego command', () => {
  const out = execFileSync(process.execPath, [join(import.meta.dirname, '../../bin/gatehouse.mjs'), 'rego', 'eval', '-d', policy, '--v0', '-i', input, 'data.spacelift.allow'], { encoding: 'utf8' });
  assert.equal(JSON.parse(out).result[0].expressions[0].value, true);
});
