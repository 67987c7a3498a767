// SCIM benchmark (issue 3), each figure beside a baseline from the same run:
//  (a) 20,000 user creates from 16 concurrent clients vs plain INSERTs through a bare express+pg route;
//  (b) PATCH add one member to a 100,000-member group vs a 10-member group: ratio of medians;
//  (c) userName eq lookups and 100-item pages at 200,000 users, vs the same SELECTs on a bare route.
// Usage: node --import tsx bench/scim/run.ts   (not part of npm test; needs the machine's PostgreSQL)
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import knexFactory from 'knex';
import { closeHttpClient, httpCall, type HttpAnswer } from '../lib/http.ts';
import { fmt, percentile, runConcurrent, type Figures } from '../lib/measure.ts';

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = 'gatehouse_bench_scim';
const dbUrl = (() => { const u = new URL(ADMIN_URL); u.pathname = `/${DB_NAME}`; return u.toString(); })();
const CREATES = Number(process.env.CREATES ?? 20_000);
const CLIENTS = 16;
const TOTAL_USERS = 200_000;
const BIG_GROUP = 100_000;
const BOOT = `boot_${'b'.repeat(40)}`;

function call(url: string, method: string, headers: Record<string, string>, body?: unknown): Promise<HttpAnswer> {
  return httpCall(url, method, { ...(body === undefined ? {} : { 'Content-Type': 'application/scim+json' }), ...headers }, body === undefined ? undefined : JSON.stringify(body));
}
async function ok(p: Promise<HttpAnswer>, expect: number) {
  const r = await p;
  if (r.status !== expect) throw new Error(`expected ${expect}, got ${r.status}: ${r.body.slice(0, 300)}`);
  return r;
}

async function child(script: string): Promise<{ url: string; proc: ChildProcess }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', new URL(script, import.meta.url).pathname], {
    env: { ...process.env, DATABASE_URL: dbUrl, BOOTSTRAP_TOKEN: BOOT, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve) => createInterface({ input: proc.stdout! }).once('line', resolve));
  return { url: (JSON.parse(line) as { url: string }).url, proc };
}

/**
 * Runs `a` and `b` in alternating slices (a, b, a, b…) so both meet the same background load on a
 * shared machine, and returns each side's combined figures.
 */
async function interleaved(total: number, clients: number, slices: number, a: (i: number) => Promise<void>, b: (i: number) => Promise<void>): Promise<[Figures, Figures]> {
  const sides = [{ op: a, times: [] as number[], seconds: 0 }, { op: b, times: [] as number[], seconds: 0 }];
  const per = Math.ceil(total / slices);
  for (let s = 0; s < slices; s++) {
    for (const side of sides) {
      let next = s * per;
      const end = Math.min(total, next + per);
      const t0 = performance.now();
      await Promise.all(Array.from({ length: clients }, async () => {
        for (let i = next++; i < end; i = next++) {
          const t = performance.now();
          await side.op(i);
          side.times.push(performance.now() - t);
        }
      }));
      side.seconds += (performance.now() - t0) / 1000;
    }
  }
  return sides.map((side) => {
    side.times.sort((x, y) => x - y);
    return { count: side.times.length, seconds: side.seconds, perSecond: side.times.length / side.seconds, p50Ms: percentile(side.times, 50), p99Ms: percentile(side.times, 99) };
  }) as [Figures, Figures];
}

const admin = knexFactory({ client: 'pg', connection: ADMIN_URL, pool: { min: 0, max: 1 } });
await admin.raw(`drop database if exists ${DB_NAME} with (force)`);
await admin.raw(`create database ${DB_NAME}`);
await admin.destroy();

const gh = await child('./serve-gatehouse.ts');
const bare = await child('./serve-baseline.ts');
const db = knexFactory({ client: 'pg', connection: dbUrl, pool: { min: 0, max: 4 } });

const org = JSON.parse((await ok(call(`${gh.url}/v1/orgs`, 'POST', { Authorization: `Bearer ${BOOT}`, 'Content-Type': 'application/json' }, { slug: 'bench', name: 'Bench' }), 201)).body);
const orgId = org.organization.id as string;
const token = JSON.parse((await ok(call(`${gh.url}/v1/orgs/bench/scim-tokens`, 'POST', { Authorization: `Bearer ${org.ownerApiKey.secret}`, 'Content-Type': 'application/json' }, { name: 'bench' }), 201)).body).secret as string;
const auth = { Authorization: `Bearer ${token}` };
const scim = `${gh.url}/scim/v2`;

const oktaUser = (userName: string) => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  userName,
  name: { givenName: 'Bench', familyName: 'User' },
  emails: [{ primary: true, value: userName, type: 'work' }],
  displayName: 'Bench User',
  locale: 'en-US',
  externalId: `00u${userName}`,
  groups: [],
  password: 'placeholder',
  active: true,
});

console.log(`SCIM benchmark — ${new Date().toISOString()}, PostgreSQL on loopback, Gatehouse and the baseline each in a process of their own\n`);

// (a) creates ----------------------------------------------------------------------------------
await runConcurrent(500, CLIENTS, (i) => ok(call(`${scim}/Users`, 'POST', auth, oktaUser(`warm${i}@example.com`)), 201).then(() => {}));
await runConcurrent(500, CLIENTS, (i) => ok(call(`${bare.url}/plain?org=${orgId}`, 'POST', {}, oktaUser(`warm${i}@example.com`)), 201).then(() => {}));
const lightA = await runConcurrent(CREATES, CLIENTS, (i) => ok(call(`${bare.url}/plain?org=${orgId}`, 'POST', {}, oktaUser(`light${i}@example.com`)), 201).then(() => {}));
const [baseA, ghA] = await interleaved(CREATES, CLIENTS, 4,
  (i) => ok(call(`${bare.url}/users?org=${orgId}`, 'POST', {}, oktaUser(`plain${i}@example.com`)), 201).then(() => {}),
  (i) => ok(call(`${scim}/Users`, 'POST', auth, oktaUser(`user${i}@example.com`)), 201).then(() => {}));
console.log(`(a) ${CREATES} user creates, ${CLIENTS} concurrent clients (baseline and Gatehouse in 4 alternating slices)`);
console.log(`    plain INSERT into a PK+unique table            ${fmt(lightA)}`);
console.log(`    baseline: plain INSERT of the same row into users ${fmt(baseA)}`);
console.log(`    POST /scim/v2/Users (Okta body, audited)      ${fmt(ghA)}   ${(100 * ghA.perSecond / baseA.perSecond).toFixed(0)}% of baseline  [targets: ≥1000/s, ≥40%]`);

// Fill up to 200,000 users and build the two groups with SQL (fixtures, not measured).
const have = Number((await db('users').where({ org_id: orgId }).count('* as n'))[0]!.n);
await db.raw(`insert into users (org_id, user_name, email, given_name, family_name, source, attributes)
  select ?, 'filler' || i || '@example.com', 'filler' || i || '@example.com', 'Filler', 'User', 'scim',
         jsonb_build_object('emails', jsonb_build_array(jsonb_build_object('value', 'filler' || i || '@example.com', 'type', 'work', 'primary', true)))
  from generate_series(1, ?) i`, [orgId, TOTAL_USERS - have]);
const big = JSON.parse((await ok(call(`${scim}/Groups`, 'POST', auth, { displayName: 'Big' }), 201)).body).id as string;
const small = JSON.parse((await ok(call(`${scim}/Groups`, 'POST', auth, { displayName: 'Small' }), 201)).body).id as string;
await db.raw(`insert into group_members (org_id, group_id, user_id) select ?, ?, id from users where org_id = ? and user_name like 'filler%' order by id limit ?`, [orgId, big, orgId, BIG_GROUP]);
await db.raw(`insert into group_members (org_id, group_id, user_id) select ?, ?, id from users where org_id = ? and user_name like 'filler%' order by id limit 10`, [orgId, small, orgId]);
// Steady state: autovacuum would have run by now; without it counts cannot use index-only scans.
await db.raw('vacuum analyze users');
await db.raw('vacuum analyze group_members');
const candidates = (await db('users').where({ org_id: orgId }).where('user_name', 'like', 'user%').select('id').limit(1000)).map((r: { id: string }) => r.id);

// (b) membership PATCH -------------------------------------------------------------------------
const ROUNDS = 200;
const timesBig: number[] = [];
const timesSmall: number[] = [];
const addOne = (gid: string, uid: string) => ({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'add', path: 'members', value: [{ value: uid }] }] });
for (let i = 0; i < ROUNDS + 20; i++) {
  for (const [gid, times] of [[big, timesBig], [small, timesSmall]] as const) {
    const t = performance.now();
    await ok(call(`${scim}/Groups/${gid}`, 'PATCH', auth, addOne(gid, candidates[i]!)), 204);
    if (i >= 20) times.push(performance.now() - t); // the first 20 rounds warm up
  }
}
timesBig.sort((a, b) => a - b);
timesSmall.sort((a, b) => a - b);
const medBig = percentile(timesBig, 50);
const medSmall = percentile(timesSmall, 50);
console.log(`\n(b) PATCH add one member, ${ROUNDS} rounds each, sequential`);
console.log(`    baseline: 10-member group        median ${medSmall.toFixed(2)} ms   p99 ${percentile(timesSmall, 99).toFixed(2)} ms`);
console.log(`    ${BIG_GROUP.toLocaleString('en')}-member group     median ${medBig.toFixed(2)} ms   p99 ${percentile(timesBig, 99).toFixed(2)} ms   ratio ${(medBig / medSmall).toFixed(2)}  [target ≤1.5]`);

// (c) lookups and pages at 200,000 users ------------------------------------------------------
const N = 3000;
const fillers = TOTAL_USERS - have;
const pick = (i: number) => (i % 2 ? `filler${(i * 7919) % fillers + 1}@example.com` : `user${(i * 104729) % CREATES}@example.com`);
const eqUrl = (i: number) => `${scim}/Users?filter=${encodeURIComponent(`userName eq "${pick(i).toUpperCase()}"`)}&startIndex=1&count=100`;
await runConcurrent(300, 1, (i) => ok(call(eqUrl(i), 'GET', auth), 200).then(() => {}));
const [baseEq, ghEq] = await interleaved(N, 1, 10,
  (i) => ok(call(`${bare.url}/users/by-name?org=${orgId}&userName=${encodeURIComponent(pick(i))}`, 'GET', {}), 200).then(() => {}),
  async (i) => {
    const r = await ok(call(eqUrl(i), 'GET', auth), 200);
    if (!r.body.includes('"totalResults":1,')) throw new Error(`lookup ${pick(i)} found ${r.body.slice(0, 200)}`);
  });
const P = 100;
const offset = (i: number) => ((i * 7919) % 1999) * 100; // pages spread over the first 200,000 rows
const [basePage, ghPage] = await interleaved(P, 1, 5,
  (i) => ok(call(`${bare.url}/users/page?org=${orgId}&offset=${offset(i)}`, 'GET', {}), 200).then(() => {}),
  (i) => ok(call(`${scim}/Users?startIndex=${offset(i) + 1}&count=100`, 'GET', auth), 200).then(() => {}));
const ghFirst = await runConcurrent(P, 1, () => ok(call(`${scim}/Users?startIndex=1&count=100`, 'GET', auth), 200).then(() => {}));
console.log(`\n(c) at ${TOTAL_USERS.toLocaleString('en')} users, one client, baseline and Gatehouse in alternating slices`);
console.log(`    baseline: SELECT by user_name (bare route)            ${fmt(baseEq)}`);
console.log(`    GET /Users?filter=userName eq "…" (other case)         ${fmt(ghEq)}  [target p99 ≤10 ms]`);
console.log(`    baseline: 100 rows at a random offset (bare route)     ${fmt(basePage)}`);
console.log(`    GET /Users?startIndex=<random>&count=100 (+ total)     ${fmt(ghPage)}`);
console.log(`    GET /Users?startIndex=1&count=100 (+ total)            ${fmt(ghFirst)}`);

await db.destroy();
gh.proc.kill('SIGKILL');
bare.proc.kill('SIGKILL');
closeHttpClient();
