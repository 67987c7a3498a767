// scratch (not committed): creates/s of Gatehouse vs the bare INSERT route, interleaved slices
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import knexFactory from 'knex';
import { closeHttpClient, httpCall } from '../lib/http.ts';
import { runConcurrent, fmt } from '../lib/measure.ts';
import { readFileSync } from 'node:fs';
const cpuMs = (pid: number) => { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' '); return (Number(f[11]) + Number(f[12])) * 10; };
const cpuOf = async (pid: number, work: () => Promise<{ perSecond: number; count: number }>) => { const c0 = cpuMs(pid); const f = await work(); return { ...f, cpu: (cpuMs(pid) - c0) / f.count }; };
const DB = 'gh_ratio15';
const admin = knexFactory({ client: 'pg', connection: 'postgres://postgres@127.0.0.1:5432/postgres' });
for (const d of [DB, DB + '_base']) { await admin.raw(`drop database if exists ${d} with (force)`); await admin.raw(`create database ${d}`); } await admin.destroy();
const BOOT = `boot_${'b'.repeat(40)}`;
const start = async (script: string, db = DB) => { const proc = spawn(process.execPath, ['--import', 'tsx', script.startsWith('/') ? script : new URL(script, import.meta.url).pathname], { env: { ...process.env, DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${db}`, BOOTSTRAP_TOKEN: BOOT, NODE_ENV: 'production' }, stdio: ['ignore', 'pipe', 'inherit'] });
  return { proc, url: JSON.parse(await new Promise<string>((r) => createInterface({ input: proc.stdout! }).once('line', r))).url as string }; };
const gh = await start('./serve-gatehouse.ts');
const bare = await start('./serve-baseline.ts');
const base = await start('/tmp/gh-base/bench/scim/serve-gatehouse.ts', DB + '_base');
const setup = async (url: string) => { const org = JSON.parse((await httpCall(`${url}/v1/orgs`, 'POST', { Authorization: `Bearer ${BOOT}`, 'Content-Type': 'application/json' }, JSON.stringify({ slug: 'bench', name: 'Bench' }))).body);
  return JSON.parse((await httpCall(`${url}/v1/orgs/bench/scim-tokens`, 'POST', { Authorization: `Bearer ${org.ownerApiKey.secret}`, 'Content-Type': 'application/json' }, JSON.stringify({ name: 'b' }))).body).secret as string; };
const baseToken = await setup(base.url);
const org = JSON.parse((await httpCall(`${gh.url}/v1/orgs`, 'POST', { Authorization: `Bearer ${BOOT}`, 'Content-Type': 'application/json' }, JSON.stringify({ slug: 'bench', name: 'Bench' }))).body);
const token = JSON.parse((await httpCall(`${gh.url}/v1/orgs/bench/scim-tokens`, 'POST', { Authorization: `Bearer ${org.ownerApiKey.secret}`, 'Content-Type': 'application/json' }, JSON.stringify({ name: 'b' }))).body).secret;
const body = (u: string) => JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: u, name: { givenName: 'B', familyName: 'U' }, emails: [{ primary: true, value: u, type: 'work' }], displayName: 'B U', locale: 'en-US', externalId: `00u${u}`, groups: [], password: 'x', active: true });
const orgId = org.organization.id;
const N = Number(process.env.N ?? 2000), SLICES = Number(process.env.SLICES ?? 4);
const baseCall = (p: string) => async (i: number) => { const r = await httpCall(`${base.url}/scim/v2/Users`, 'POST', { Authorization: `Bearer ${baseToken}`, 'Content-Type': 'application/scim+json' }, body(`${p}${i}@x.test`)); if (r.status !== 201) throw new Error(r.body); };
const ghCall = (p: string) => async (i: number) => { const r = await httpCall(`${gh.url}/scim/v2/Users`, 'POST', { Authorization: `Bearer ${token}`, 'Content-Type': 'application/scim+json' }, body(`${p}${i}@x.test`)); if (r.status !== 201) throw new Error(r.body); };
const bareCall = (p: string) => async (i: number) => { const r = await httpCall(`${bare.url}/users?org=${orgId}`, 'POST', { 'Content-Type': 'application/scim+json' }, body(`${p}${i}@x.test`)); if (r.status !== 201) throw new Error(r.body); };
await runConcurrent(500, 16, ghCall('w')); await runConcurrent(500, 16, bareCall('wb')); await runConcurrent(500, 16, baseCall('w'));
const stats = async () => (await admin2.raw(`select xact_commit::int as c, pg_current_wal_lsn() as lsn from pg_stat_database where datname = '${DB}'`)).rows[0];
const admin2 = knexFactory({ client: 'pg', connection: 'postgres://postgres@127.0.0.1:5432/postgres' });
for (const [name, call] of [['bare', bareCall], ['branch', ghCall]] as const) {
  const s0 = await stats(); await runConcurrent(1000, 16, call(`st${name}`)); await new Promise((r) => setTimeout(r, 600)); const s1 = await stats();
  const wal = (await admin2.raw('select pg_wal_lsn_diff(?, ?)::int as d', [s1.lsn, s0.lsn])).rows[0].d;
  console.log(`${name}: ${(s1.c - s0.c) / 1000} commits/req, ${(wal / 1000).toFixed(0)} WAL bytes/req`);
}
await admin2.destroy();
let g = 0, b = 0, m = 0;
for (let s = 0; s < SLICES; s++) {
  let fb, fg, fm;
  const B = () => cpuOf(bare.proc.pid!, () => runConcurrent(N, 16, bareCall(`b${s}_`))), G = () => cpuOf(gh.proc.pid!, () => runConcurrent(N, 16, ghCall(`g${s}_`))), M = () => cpuOf(base.proc.pid!, () => runConcurrent(N, 16, baseCall(`m${s}_`)));
  if (s % 2) { fm = await M(); fg = await G(); fb = await B(); } else { fb = await B(); fg = await G(); fm = await M(); }
  g += fg.perSecond; b += fb.perSecond; m += fm.perSecond; console.log(`slice ${s}: bare ${fb.perSecond.toFixed(0)} | branch ${fg.perSecond.toFixed(0)} (${(100 * fg.perSecond / fb.perSecond).toFixed(0)}%) | main ${fm.perSecond.toFixed(0)} (${(100 * fm.perSecond / fb.perSecond).toFixed(0)}%) | node CPU ms/req: bare ${fb.cpu.toFixed(2)} branch ${fg.cpu.toFixed(2)} main ${fm.cpu.toFixed(2)}`);
}
console.log(`sum: branch ${(100 * g / b).toFixed(0)}% of bare, main ${(100 * m / b).toFixed(0)}% of bare, branch/main ${(g / m).toFixed(2)}`);
for (const p of [gh, bare, base]) { p.proc.kill('SIGTERM'); await new Promise((r) => p.proc.on('exit', r)); }
closeHttpClient();
