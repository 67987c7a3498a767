import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { main } from '../../src/rego/cli/main.ts';
import { loginPolicyDiagnostics } from '../../src/policies/contract.ts';

const dir = mkdtempSync(join(tmpdir(), 'gatehouse-rego-'));
const file = (name: string, text: string) => { const p = join(dir, name); writeFileSync(p, text); return p; };
const policy = file('login.rego', 'package spacelift\n\nallow { input.session.member }\nroles[s][r] { s := "dev"; r := "reader" }\n');
const input = file('input.json', JSON.stringify({ session: { member: true } }));

function run(args: string[]) {
  const out: string[] = [], err: string[] = [];
  const code = main(args, { out: (s) => out.push(s), err: (s) => err.push(s) }, { loginPolicy: loginPolicyDiagnostics });
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

test('eval detects the legacy syntax as the service does, and --v1 on a v0 policy says which flag to use', () => {
  const r = run(['eval', '-d', policy, '-i', input, 'data.spacelift.allow']);
  assert.equal(r.code, 0, r.err);
  assert.equal(JSON.parse(r.out).result[0].expressions[0].value, true);
  const forced = run(['eval', '--v1', '-d', policy, 'data.spacelift.allow']);
  assert.equal(forced.code, 1);
  assert.match(forced.err, /`if` keyword is required before rule body \(this is the legacy Rego syntax: pass --v0/);
});

test('check --login-policy applies the contract with line and column: package is an error, shapes are warnings', () => {
  const bad = file('contract.rego', 'package other\nimport rego.v1\n\nallow contains 1 if true\n');
  const r = run(['check', '--login-policy', bad]);
  assert.equal(r.code, 1);
  assert.equal(r.err, `${bad}:1:1: a login policy must be in package spacelift, not other\n${bad}:4:1: warning: rule allow is defined as a set rule; the login-policy contract expects a boolean`);
  const ok = file('ok.rego', 'package spacelift\nimport rego.v1\nallow if input.session.member\ndeny contains "x" if false\n');
  assert.deepEqual(run(['check', '--login-policy', ok]), { code: 0, out: '', err: '' });
  assert.equal(run(['check', '--login-policy', policy]).code, 0, 'v0 detected');
});

test('test runs test_ rules with mocks, filters with --run, explains failures with values, reports coverage', () => {
  const tests = file('login_test.rego', `package spacelift
test_member if { allow with input as {"session": {"member": true}} }
test_outsider if { allow with input as {"session": {"member": false}} }
test_roles if { data.spacelift.roles.dev.reader }
`);
  const r = run(['test', '-v', policy, tests]);
  assert.equal(r.code, 2);
  assert.match(r.out, /data\.spacelift\.test_outsider: FAIL/);
  assert.match(r.out, /login_test\.rego:3: data\.spacelift\.allow with input as \{"session": \{"member": false\}\}\n\s+data\.spacelift\.allow = undefined/);
  assert.match(r.out, /data\.spacelift\.test_member: PASS/);
  assert.match(r.out, /PASS: 2\/3\nFAIL: 1\/3/);
  assert.equal(run(['test', '--run', 'test_(member|roles)', policy, tests]).code, 0);
  const cov = JSON.parse(run(['test', '--coverage', '--run', 'member', policy, tests]).out);
  assert.deepEqual(cov.files[policy].covered, [{ start: { row: 3 }, end: { row: 3 } }]);
  assert.deepEqual(cov.files[policy].not_covered, [{ start: { row: 4 }, end: { row: 4 } }]);
  const mocked = file('fn_test.rego', 'package spacelift\nimport rego.v1\nis_admin(x) if x == "root"\ntest_fn if { is_admin("anyone") with is_admin as true_fn }\ntrue_fn(_) := true\n');
  assert.equal(run(['test', mocked]).code, 0, 'functions can be mocked');
});

test('fmt prints the canonical layout; --check lists unformatted files and exits 1; -w rewrites them', () => {
  const messy = file('messy.rego', 'package spacelift\nimport rego.v1\nallow if {input.session.member;   true}\n');
  assert.equal(run(['fmt', messy]).out, 'package spacelift\n\nimport rego.v1\n\nallow if {\n\tinput.session.member\n\ttrue\n}');
  assert.deepEqual(run(['fmt', '--check', messy]), { code: 1, out: messy, err: '' });
  assert.equal(run(['fmt', '-w', messy]).code, 0);
  assert.deepEqual(run(['fmt', '--check', messy]), { code: 0, out: '', err: '' });
  assert.equal(run(['fmt', '--check', policy]).code, 1, 'v0 detected, and formatted in its own syntax');
});
