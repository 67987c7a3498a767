// scratch (not committed): CPU profile of the create path
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import knexFactory from 'knex';
import { closeHttpClient, httpCall } from '../lib/http.ts';
import { runConcurrent, fmt } from '../lib/measure.ts';
const DB = 'gh_prof15';
const admin = knexFactory({ client: 'pg', connection: 'postgres://postgres@127.0.0.1:5432/postgres' });
await admin.raw(`drop database if exists ${DB} with (force)`); await admin.raw(`create database ${DB}`); await admin.destroy();
const BOOT = `boot_${'b'.repeat(40)}`;
const proc = spawn(process.execPath, [...(process.env.PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof15'] : []), '--import', 'tsx', new URL('./serve-gatehouse.ts', import.meta.url).pathname], { env: { ...process.env, DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${DB}`, BOOTSTRAP_TOKEN: BOOT, NODE_ENV: 'production' }, stdio: ['ignore', 'pipe', 'inherit'] });
const url = JSON.parse(await new Promise<string>((r) => createInterface({ input: proc.stdout! }).once('line', r))).url;
const org = JSON.parse((await httpCall(`${url}/v1/orgs`, 'POST', { Authorization: `Bearer ${BOOT}`, 'Content-Type': 'application/json' }, JSON.stringify({ slug: 'bench', name: 'Bench' }))).body);
const token = JSON.parse((await httpCall(`${url}/v1/orgs/bench/scim-tokens`, 'POST', { Authorization: `Bearer ${org.ownerApiKey.secret}`, 'Content-Type': 'application/json' }, JSON.stringify({ name: 'b' }))).body).secret;
const body = (u: string) => JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: u, name: { givenName: 'B', familyName: 'U' }, emails: [{ primary: true, value: u, type: 'work' }], displayName: 'B U', locale: 'en-US', externalId: `00u${u}`, groups: [], password: 'x', active: true });
const N = Number(process.env.N ?? 4000);
const f = await runConcurrent(N, 16, async (i) => { const r = await httpCall(`${url}/scim/v2/Users`, 'POST', { Authorization: `Bearer ${token}`, 'Content-Type': 'application/scim+json' }, body(`u${i}@x.test`)); if (r.status !== 201) throw new Error(r.body); });
console.log(fmt(f));
proc.kill('SIGTERM'); await new Promise((r) => proc.on('exit', r)); closeHttpClient();
