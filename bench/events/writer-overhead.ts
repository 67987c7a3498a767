// What the events hook costs the writers (issue 18): SCIM user creates with the outbox triggers on
// and off, in alternating slices against the same Gatehouse and database, so both meet the same load.
// "On" includes the relay turning the rows into events in the same process (the whole cost).
// Usage: node --import tsx bench/events/writer-overhead.ts   (CREATES=16000 by default)
import { spawn } from 'node:child_process';
import { execSync } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import knexFactory from 'knex';
import { closeHttpClient, httpCall } from '../lib/http.ts';
import { percentile } from '../lib/measure.ts';

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = 'gatehouse_bench_events_writers';
const dbUrl = (() => { const u = new URL(ADMIN_URL); u.pathname = `/${DB_NAME}`; return u.toString(); })();
const CREATES = Number(process.env.CREATES ?? 16_000);
const CLIENTS = 16;
const SLICES = 4;
const BOOT = `boot_${'w'.repeat(40)}`;
const TRIGGERS = [['users', 'users_to_event_outbox'], ['audit_events', 'audit_events_to_event_outbox']];

const admin = knexFactory({ client: 'pg', connection: ADMIN_URL, pool: { min: 0, max: 1 } });
await admin.raw(`drop database if exists ${DB_NAME} with (force)`);
await admin.raw(`create database ${DB_NAME}`);
await admin.destroy();
const gh = spawn(process.execPath, ['--import', 'tsx', new URL('../scim/serve-gatehouse.ts', import.meta.url).pathname], {
  env: { ...process.env, DATABASE_URL: dbUrl, BOOTSTRAP_TOKEN: BOOT, NODE_ENV: 'production' }, stdio: ['ignore', 'pipe', 'inherit'],
});
const url = (JSON.parse(await new Promise<string>((r) => createInterface({ input: gh.stdout! }).once('line', r))) as { url: string }).url;
const db = knexFactory({ client: 'pg', connection: dbUrl, pool: { min: 0, max: 2 } });
const json = (key: string) => ({ Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' });
const org = JSON.parse((await httpCall(`${url}/v1/orgs`, 'POST', json(BOOT), JSON.stringify({ slug: 'bench', name: 'Bench' }))).body);
const token = JSON.parse((await httpCall(`${url}/v1/orgs/bench/scim-tokens`, 'POST', json(org.ownerApiKey.secret), JSON.stringify({ name: 'bench' }))).body).secret as string;
const scim = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/scim+json' };

const setTriggers = async (on: boolean) => {
  for (const [table, trigger] of TRIGGERS) await db.raw(`alter table ${table} ${on ? 'enable' : 'disable'} trigger ${trigger}`);
};
const sides = [{ on: false, times: [] as number[], seconds: 0 }, { on: true, times: [] as number[], seconds: 0 }];
let n = 0;
const per = Math.ceil(CREATES / SLICES / 2);
const load = () => execSync('uptime').toString().trim().replace(/.*load average/, 'load average');
console.log(`Writer overhead of the events outbox — ${new Date().toISOString()}; ${load()}`);
for (let s = 0; s < SLICES; s++) {
  for (const side of sides) {
    await setTriggers(side.on);
    let left = per;
    const t0 = performance.now();
    await Promise.all(Array.from({ length: CLIENTS }, async () => {
      while (left-- > 0) {
        const userName = `w${n++}@example.com`;
        const t = performance.now();
        const r = await httpCall(`${url}/scim/v2/Users`, 'POST', scim, JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName, name: { givenName: 'G', familyName: 'F' }, emails: [{ primary: true, value: userName }], active: true }));
        if (r.status !== 201) throw new Error(`${r.status} ${r.body}`);
        side.times.push(performance.now() - t);
      }
    }));
    side.seconds += (performance.now() - t0) / 1000;
  }
}
await setTriggers(true);
const [off, on] = sides.map((x) => ({ rate: x.times.length / x.seconds, p50: percentile(x.times.sort((a, b) => a - b), 50), p99: percentile(x.times, 99) }));
console.log(`    POST /scim/v2/Users, ${CLIENTS} clients, ${SLICES} alternating slices of ${per} each`);
console.log(`    outbox triggers off (no events)   ${off!.rate.toFixed(0).padStart(6)} creates/s   p50 ${off!.p50.toFixed(2)} ms   p99 ${off!.p99.toFixed(2)} ms`);
console.log(`    outbox triggers on (+ relay)      ${on!.rate.toFixed(0).padStart(6)} creates/s   p50 ${on!.p50.toFixed(2)} ms   p99 ${on!.p99.toFixed(2)} ms   ${(100 * on!.rate / off!.rate).toFixed(0)}% of off`);
console.log(`    ${load()}`);
gh.kill('SIGTERM');
await once(gh, 'exit');
await db.destroy();
closeHttpClient();
const cleanup = knexFactory({ client: 'pg', connection: ADMIN_URL, pool: { min: 0, max: 1 } });
await cleanup.raw(`drop database if exists ${DB_NAME} with (force)`);
await cleanup.destroy();
