// Events benchmark (issue 18), each figure beside a baseline from the same run, same receiver:
//  (a) throughput: a burst of EVENTS user changes (committed in transactions of 100) delivered as signed
//      webhooks end to end, events/s from the first commit to the last receipt, beside a bare loop of
//      the same number of HTTP POSTs (same body size, same concurrency as the webhook worker);
//  (b) latency: RATE changes/s for SECONDS, each its own transaction: commit → receipt p50/p99.
// Usage: node --import tsx bench/events/run.ts   (not part of npm test; needs the machine's PostgreSQL)
import { spawn, type ChildProcess } from 'node:child_process';
import { execSync } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import knexFactory from 'knex';
import { closeHttpClient, httpCall } from '../lib/http.ts';
import { percentile, runConcurrent } from '../lib/measure.ts';

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = 'gatehouse_bench_events';
const dbUrl = (() => { const u = new URL(ADMIN_URL); u.pathname = `/${DB_NAME}`; return u.toString(); })();
const EVENTS = Number(process.env.EVENTS ?? 10_000);
const RATE = Number(process.env.RATE ?? 100);
const SECONDS = Number(process.env.SECONDS ?? 10);
const CONCURRENCY = 50; // webhookConcurrency's default
const BOOT = `boot_${'e'.repeat(40)}`;

// ── the receiver: one for both sides; records when each delivery arrived ────────────────────────
const arrivals = new Map<string, number>();
let received = 0;
let bodyBytes = 0;
const receiver = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const event = JSON.parse(body) as { data?: { object?: { userName?: string } } };
    const name = event.data?.object?.userName;
    if (name && !arrivals.has(name)) arrivals.set(name, performance.now());
    received++;
    bodyBytes += body.length;
    res.writeHead(204).end();
  });
});
receiver.keepAliveTimeout = 10_000;
receiver.listen(0, '127.0.0.1');
await once(receiver, 'listening');
const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

async function waitUntil(done: () => boolean, timeoutMs: number) {
  const end = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > end) throw new Error('timed out waiting for deliveries');
    await new Promise((r) => setTimeout(r, 5));
  }
}

// ── Gatehouse in a process of its own ───────────────────────────────────────────────────────────
const admin = knexFactory({ client: 'pg', connection: ADMIN_URL, pool: { min: 0, max: 1 } });
await admin.raw(`drop database if exists ${DB_NAME} with (force)`);
await admin.raw(`create database ${DB_NAME}`);
await admin.destroy();
const gh: ChildProcess = spawn(process.execPath, ['--import', 'tsx', new URL('./serve-gatehouse.ts', import.meta.url).pathname], {
  env: { ...process.env, DATABASE_URL: dbUrl, BOOTSTRAP_TOKEN: BOOT, NODE_ENV: 'production' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const ghUrl = (JSON.parse(await new Promise<string>((r) => createInterface({ input: gh.stdout! }).once('line', r))) as { url: string }).url;
const db = knexFactory({ client: 'pg', connection: dbUrl, pool: { min: 0, max: 8 } });
const json = { Authorization: `Bearer ${BOOT}`, 'Content-Type': 'application/json' };
const org = JSON.parse((await httpCall(`${ghUrl}/v1/orgs`, 'POST', json, JSON.stringify({ slug: 'bench', name: 'Bench' }))).body) as { organization: { id: string }; ownerApiKey: { secret: string } };
const orgId = org.organization.id;
const hook = await httpCall(`${ghUrl}/v1/orgs/bench/webhooks`, 'POST', { ...json, Authorization: `Bearer ${org.ownerApiKey.secret}` }, JSON.stringify({ url: hookUrl, events: ['user.*'] }));
if (hook.status !== 201) throw new Error(`subscription: ${hook.status} ${hook.body}`);

const insertUsers = (names: string[]) =>
  db.raw(`insert into users (org_id, user_name, display_name, email, source) select ?, n, 'Bench ' || n, n, 'scim' from unnest(?::text[]) n`, [orgId, names]);

const load = () => execSync('uptime').toString().trim().replace(/.*load average/, 'load average');
console.log(`Events benchmark — ${new Date().toISOString()}, PostgreSQL on loopback, Gatehouse in its own process, one receiver; ${load()}\n`);

// (a) throughput ──────────────────────────────────────────────────────────────────────────────────
// The baseline first: a bare loop of POSTs of an event-sized body to the same receiver.
const sample = JSON.stringify({ id: 'evt_'.padEnd(36, '0'), type: 'user.created', timestamp: new Date().toISOString(), organization: { id: orgId, slug: 'bench' }, sequence: 1,
  actor: { type: 'system', id: null, label: 'gatehouse' }, requestId: null, subject: { type: 'user', id: orgId },
  data: { object: { id: orgId, userName: 'x', externalId: null, email: 'x@example.com', displayName: 'Bench x', givenName: null, familyName: null, active: true, role: 'member', source: 'scim', attributes: {}, createdAt: new Date().toISOString(), updatedAt: new Date().toISOString() }, changed: [], previous: null } });
const bare = await runConcurrent(EVENTS, CONCURRENCY, async () => {
  await httpCall(hookUrl, 'POST', { 'content-type': 'application/json', 'webhook-id': 'msg', 'webhook-timestamp': '1', 'webhook-signature': 'v1,x' }, sample);
});
received = 0;
bodyBytes = 0;

const burst = Array.from({ length: EVENTS }, (_, i) => `burst${i}@example.com`);
const t0 = performance.now();
for (let i = 0; i < burst.length; i += 100) await insertUsers(burst.slice(i, i + 100));
const committed = performance.now();
await waitUntil(() => burst.every((n) => arrivals.has(n)), 600_000);
const seconds = (performance.now() - t0) / 1000;
const ghRate = EVENTS / seconds;
console.log(`(a) ${EVENTS} events, committed in transactions of 100 (${((committed - t0) / 1000).toFixed(2)} s to commit), ${CONCURRENCY} deliveries in flight`);
console.log(`    baseline: bare loop of ${EVENTS} POSTs (${sample.length} B) to the same receiver   ${bare.perSecond.toFixed(0).padStart(6)} req/s`);
console.log(`    Gatehouse: commit → relay → signed webhook → 2xx, end to end          ${ghRate.toFixed(0).padStart(6)} events/s   ${(100 * ghRate / bare.perSecond).toFixed(0)}% of baseline  (avg body ${(bodyBytes / received).toFixed(0)} B)`);

// (b) latency ─────────────────────────────────────────────────────────────────────────────────────
const commits = new Map<string, number>();
const total = RATE * SECONDS;
const start = performance.now();
const pending: Promise<unknown>[] = [];
for (let i = 0; i < total; i++) {
  const due = start + (i * 1000) / RATE;
  const wait = due - performance.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  const name = `steady${i}@example.com`;
  pending.push(insertUsers([name]).then(() => commits.set(name, performance.now())));
}
await Promise.all(pending);
await waitUntil(() => [...commits.keys()].every((n) => arrivals.has(n)), 120_000);
const lat = [...commits].map(([n, t]) => arrivals.get(n)! - t).sort((a, b) => a - b);
console.log(`(b) ${total} changes at ${RATE}/s, each its own transaction (relay interval ${process.env.EVENTS_RELAY_INTERVAL_MS ?? 200} ms, the default)`);
console.log(`    commit → receipt   p50 ${percentile(lat, 50).toFixed(1)} ms   p99 ${percentile(lat, 99).toFixed(1)} ms   max ${lat[lat.length - 1]!.toFixed(1)} ms`);
console.log(`\n${load()}`);

gh.kill('SIGTERM');
await once(gh, 'exit');
await db.destroy();
closeHttpClient();
receiver.close();
const cleanup = knexFactory({ client: 'pg', connection: ADMIN_URL, pool: { min: 0, max: 1 } });
await cleanup.raw(`drop database if exists ${DB_NAME} with (force)`);
await cleanup.destroy();
