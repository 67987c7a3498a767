// Logs are JSON lines for collectors, and readable lines for a person at a terminal: LOG_FORMAT=auto
// decides by whether stdout is a terminal (a real pseudo-terminal here, through util-linux's script).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { test } from 'node:test';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SAMPLE = `import { createLogger } from './src/lib/logger.ts';
const log = createLogger({ logLevel: 'info', logFormat: process.env.FORMAT });
log.info({ dataDir: '/x' }, 'hello there');
log.info({ req: { id: 'r1', method: 'GET', url: '/v1/me' }, res: { statusCode: 200 }, responseTime: 4 }, 'request completed');`;
const node = ['--import', 'tsx', '--input-type=module', '-e', SAMPLE];
const lines = (out: string) => out.replace(/\x1b\[[0-9;]*m/g, '').split(/\r?\n/).filter(Boolean);

test('piped (as under a supervisor or a log shipper), auto writes JSON lines', async () => {
  const { stdout } = await run(process.execPath, node, { env: { ...process.env, FORMAT: 'auto' } });
  const entries = lines(stdout).map((l) => JSON.parse(l));
  assert.equal(entries[0].msg, 'hello there');
  assert.equal(entries[0].dataDir, '/x');
  assert.equal(entries[1].req.url, '/v1/me');
});

test('on a terminal, auto writes readable lines; a request is one line', async () => {
  const command = [process.execPath, ...node].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const { stdout } = await run('script', ['-qec', command, '/dev/null'], { env: { ...process.env, FORMAT: 'auto' } });
  const out = lines(stdout);
  assert.match(out[0]!, /^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: hello there$/);
  assert.match(out[1]!, /dataDir: "\/x"/);
  assert.match(out[2]!, /INFO: GET \/v1\/me → 200 in 4 ms \(request r1\)$/);
  assert.ok(!out.some((l) => l.startsWith('{')), 'no JSON on the terminal');
});

test('LOG_FORMAT=json and pretty override the guess', async () => {
  const pretty = await run(process.execPath, node, { env: { ...process.env, FORMAT: 'pretty' } });
  assert.match(lines(pretty.stdout)[0]!, /INFO: hello there$/);
  const { loadConfig } = await import('../../src/config.ts');
  assert.equal(loadConfig({ LOG_FORMAT: 'json' }).logFormat, 'json');
  assert.throws(() => loadConfig({ LOG_FORMAT: 'fancy' }), /logFormat \(LOG_FORMAT\)/);
});
