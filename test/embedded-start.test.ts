// `npm start` on a fresh machine: no DATABASE_URL → embedded PGlite under the data dir; the banner's
// curl command works as printed; the data survives a restart; SIGTERM stops cleanly; a bad setting
// stops the process naming the key.
import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { promisify } from 'node:util';

const dataDir = mkdtempSync(join(tmpdir(), 'gatehouse-embedded-'));
const started: ChildProcess[] = [];
after(() => {
  // A failed test leaves its server running; the file would never end.
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

function start(env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PORT: '0', LOG_LEVEL: 'warn', GATEHOUSE_DATA_DIR: join(dataDir, 'pg'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = new Promise<{ url: string; key: string | null; curl: string; out: string }>((resolve, reject) => {
    // A hang guard, not a timing check: on a loaded machine PGlite alone can take a minute to start.
    const timer = setTimeout(() => reject(new Error(`no start within 180 s:\n${out}\n${err}`)), 180_000);
    child.stdout!.on('data', () => {
      // The banner is one write ending in the command to try and a blank line; log lines may follow it.
      const m = /listening on (http:\/\/\S+)[\s\S]*?\nTry:\n {2}(curl [^\n]+)\n\n/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1]!, curl: m[2]!, key: /Owner API key: (\S+)/.exec(out)?.[1] ?? null, out });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited ${code} before listening:\n${out}\n${err}`));
    });
  });
  return { child, ready, exited, stderr: () => err };
}

async function stop(p: { child: ChildProcess; exited: Promise<number | null> }) {
  p.child.kill('SIGTERM');
  return p.exited;
}

/** Runs a printed `curl -H "…" URL` line as a person pasting it would, without a shell in between. */
async function runPrinted(command: string): Promise<unknown> {
  const m = /^curl -H "([^"]+)" (\S+)$/.exec(command);
  assert.ok(m, `the printed command is a plain curl line: ${command}`);
  const { stdout } = await promisify(execFile)('curl', ['-sS', '--fail-with-body', '-H', m[1]!, m[2]!]);
  return JSON.parse(stdout);
}

test('starts on the embedded database, prints a command that works, keeps its data across a restart', async () => {
  const first = start();
  const { url, key, curl, out } = await first.ready;
  assert.match(key ?? '', /^ghk_/);
  assert.match(out, new RegExp(`API reference +${url}/docs\n`));
  const me = (await runPrinted(curl)) as { role: string; organization: { slug: string } };
  assert.equal(me.role, 'owner');
  assert.equal(me.organization.slug, 'default');
  assert.equal((await fetch(`${url}/docs`)).status, 200);
  const ready = await fetch(`${url}/readyz`);
  assert.equal(ready.status, 200);
  assert.equal((await ready.json()).dependencies.database.status, 'up');
  const auth = { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' };
  const added = await fetch(`${url}/v1/orgs/default/members`, { method: 'POST', headers: auth, body: JSON.stringify({ email: 'kept@example.com' }) });
  assert.equal(added.status, 201);
  assert.equal(await stop(first), 0);

  const second = start();
  const again = await second.ready;
  assert.match(again.out, /already set up/);
  assert.equal(again.key, null, 'the owner key is printed on the first start only');
  const members = await (await fetch(`${again.url}/v1/orgs/default/members`, { headers: auth })).json();
  assert.ok(members.items.some((m: { email: string }) => m.email === 'kept@example.com'));
  assert.equal(await stop(second), 0);
});

test('with BOOTSTRAP_TOKEN, the banner never echoes it and its command works in a shell that has it', async () => {
  const token = `boot_${'x'.repeat(40)}`;
  const env = { BOOTSTRAP_TOKEN: token, GATEHOUSE_DATA_DIR: join(dataDir, 'pg-token') };
  const p = start(env);
  const { curl, out } = await p.ready;
  assert.ok(!out.includes(token), 'the secret from the environment is not printed');
  assert.match(curl, /Bearer \$BOOTSTRAP_TOKEN"/);
  const { stdout } = await promisify(execFile)('sh', ['-c', curl.replace(/^curl /, 'curl -sS --fail-with-body ')], { env: { PATH: process.env.PATH, BOOTSTRAP_TOKEN: token } });
  assert.equal(JSON.parse(stdout).role, 'owner');
  assert.equal(await stop(p), 0);
});

test('a bad setting stops the process with a message naming the key', async () => {
  const bad = start({ PORT: 'eighty' });
  await assert.rejects(bad.ready);
  assert.equal(await bad.exited, 78);
  assert.match(bad.stderr(), /port \(PORT\)/);
});
