// Access benchmark (issue 4): an organization of 10,000 spaces, 2,000 teams, 100,000 users and
// 50,000 bindings; every figure is printed beside a baseline measured in the same run.
//
//   node --import tsx bench/access/run.ts
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { ACTION_NAMES } from '../../src/access/actions.ts';
import type { Principal } from '../../src/access/grants.ts';
import { subjectPrincipal } from '../../src/access/principals.ts';
import { accessResolver, AccessResolver } from '../../src/access/resolver.ts';
import { insertKeyAudited } from '../../src/api-keys/service.ts';
import { createTestDatabase } from '../../test/helpers/database.ts';
import { createOrg, startTestServer } from '../../test/helpers/server.ts';
import { fmt, percentile, runConcurrent } from '../lib/measure.ts';
import { SIZES, seedOrg } from './seed.ts';
import { pkLookup, sqlCheck } from './sql-baseline.ts';

let seed = 42;
const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
const ms = (t: number) => `${t.toFixed(3)} ms`;
const us = (t: number) => `${(t * 1000).toFixed(2)} µs`;
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p99: percentile(s, 99), max: s[s.length - 1]! };
};
async function timed<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const r = await f();
  return [r, performance.now() - t];
}

const dbh = await createTestDatabase();
const a = await startTestServer({ databaseUrl: dbh.url, databasePoolMax: 20 });
const b = await startTestServer({ databaseUrl: dbh.url, bootstrapToken: a.ownerKey, databasePoolMax: 20 });
const db = a.deps.db;
const org = await createOrg(a);
const [, seedMs] = await timed(() => seedOrg(db, org.id));
const counts = await db.raw(`select (select count(*) from spaces where org_id = :o) s, (select count(*) from groups where org_id = :o) g,
  (select count(*) from users where org_id = :o) u, (select count(*) from group_members where org_id = :o) gm,
  (select count(*) from role_bindings where org_id = :o) b, (select max(d) from (with recursive t as (select id, 0 d from spaces where org_id = :o and id = 'root'
  union all select s.id, t.d + 1 from spaces s join t on s.parent_id = t.id where s.org_id = :o) select d from t) x) depth`, { o: org.id });
console.log(`organization: ${JSON.stringify(counts.rows[0])} (seeded in ${(seedMs / 1000).toFixed(1)} s; target sizes ${JSON.stringify(SIZES)})\n`);

// ---- model load (what a change costs each instance) ----
const loads: number[] = [];
for (let i = 0; i < 5; i++) loads.push((await timed(() => new AccessResolver(db).model(org.id)))[1]);
const model = await accessResolver(db).model(org.id);
console.log(`model load (whole organization, after a change): median ${ms(stats(loads).p50)}  max ${ms(stats(loads).max)}`);

// ---- principals: 2,000 users with their teams ----
const people = (await db.raw(`select u.id, coalesce(array_agg(g.display_name::text order by 1) filter (where g.id is not null), '{}') teams
  from users u left join group_members gm on gm.user_id = u.id left join groups g on g.id = gm.group_id
  where u.org_id = ? group by u.id order by md5(u.id::text) limit 2500`, [org.id])).rows as { id: string; teams: string[] }[];
const principals: Principal[] = people.slice(0, 2000).map((p) => ({ kind: 'user', id: p.id, orgRole: 'member', teams: p.teams }));
const coldPeople = people.slice(2000);
const spaceId = () => (rand(10) === 0 ? 'root' : `s${1 + rand(SIZES.spaces - 1)}`);
const N = 1_000_000;
const checks = Array.from({ length: N }, () => ({ p: principals[rand(principals.length)]!, space: spaceId(), action: ACTION_NAMES[rand(14)]! }));

// ---- warm in-process checks ----
for (const c of checks) model.grantsFor(c.p).can(c.space, c.action); // warm: grants and per-space masks
const grantsOf = checks.map((c) => model.grantsFor(c.p));
function perCheckChunks(run: (from: number, to: number) => number): { perSec: number; median: number; allowed: number } {
  const chunk = 1000, per: number[] = [];
  let allowed = 0;
  const t0 = performance.now();
  for (let i = 0; i < N; i += chunk) {
    const t = performance.now();
    allowed += run(i, i + chunk);
    per.push((performance.now() - t) / chunk);
  }
  return { perSec: N / ((performance.now() - t0) / 1000), median: stats(per).p50, allowed };
}
const canOnly = perCheckChunks((from, to) => {
  let n = 0;
  for (let i = from; i < to; i++) if (grantsOf[i]!.can(checks[i]!.space, checks[i]!.action)) n++;
  return n;
});
const withLookup = perCheckChunks((from, to) => {
  let n = 0;
  for (let i = from; i < to; i++) if (model.grantsFor(checks[i]!.p).can(checks[i]!.space, checks[i]!.action)) n++;
  return n;
});
const single: number[] = [];
for (let i = 0; i < 200_000; i++) {
  const c = checks[i]!, t = performance.now();
  model.grantsFor(c.p).can(c.space, c.action);
  single.push(performance.now() - t);
}
const sqlTimes: number[] = [];
let disagree = 0;
for (let i = 0; i < 1000; i++) {
  const c = checks[i]!;
  const [allowed, t] = await timed(() => sqlCheck(db, org.id, c.p.id, c.space, c.action));
  sqlTimes.push(t);
  if (allowed && !grantsOf[i]!.can(c.space, c.action)) disagree++; // SQL is down-only: it may allow less, never more
}
const pkTimes: number[] = [];
for (let i = 0; i < 2000; i++) pkTimes.push((await timed(() => pkLookup(db, org.id)))[1]);
console.log(`\nwarm in-process check (${N.toLocaleString()} checks, ${principals.length} actors, ${((canOnly.allowed / N) * 100).toFixed(1)}% allowed):`);
console.log(`  grants.can               ${(canOnly.perSec / 1e6).toFixed(2)} M checks/s   median ${us(canOnly.median)} per check`);
console.log(`  grantsFor(actor) + can   ${(withLookup.perSec / 1e6).toFixed(2)} M checks/s   median ${us(withLookup.median)} per check (timed one by one: median ${us(stats(single).p50)}, p99 ${us(stats(single).p99)})`);
console.log(`  baseline: SQL check      ${(1000 / stats(sqlTimes).p50).toFixed(0)} checks/s     median ${us(stats(sqlTimes).p50)}  p99 ${us(stats(sqlTimes).p99)}  → resolver ${(stats(sqlTimes).p50 / withLookup.median).toFixed(0)}× faster`);
console.log(`  baseline: PK lookup      median ${us(stats(pkTimes).p50)} (the version read each request pays once, not per check)`);
console.log(`  SQL allowed what the resolver refused: ${disagree} of 1000 (must be 0)`);

// ---- cold actor ----
const coldFull: number[] = [], coldMem: number[] = [], coldSql: number[] = [];
for (const p of coldPeople) {
  const [, tFull] = await timed(async () => {
    const who = await subjectPrincipal(db, org.id, model, { type: 'user', id: p.id });
    return model.grantsFor(who.principal).can('s77', 'run:trigger');
  });
  coldFull.push(tFull);
  const fresh: Principal = { kind: 'user', id: p.id, orgRole: 'member', teams: [...p.teams, 'x'] }; // a key not memoized yet
  const t = performance.now();
  model.grantsFor(fresh).can('s78', 'run:trigger');
  coldMem.push(performance.now() - t);
  coldSql.push((await timed(() => sqlCheck(db, org.id, p.id, 's79', 'run:trigger')))[1]);
}
console.log(`\ncold actor (${coldPeople.length} never-seen users, model warm):`);
console.log(`  read person + teams from SQL, build grants, check   median ${ms(stats(coldFull).p50)}  p99 ${ms(stats(coldFull).p99)}`);
console.log(`  build grants in memory only                          median ${ms(stats(coldMem).p50)}  p99 ${ms(stats(coldMem).p99)}`);
console.log(`  baseline: one SQL check                              median ${ms(stats(coldSql).p50)}  p99 ${ms(stats(coldSql).p99)}`);

// ---- HTTP batch authorize of 100 checks ----
const callers: string[] = [];
for (const p of principals.slice(0, 20)) {
  callers.push((await db.transaction((tx) => insertKeyAudited(tx, org.id, null, { name: 'bench', kind: 'personal', userId: p.id })))!.secret);
}
const batch = () => Array.from({ length: 100 }, () => ({ action: ACTION_NAMES[rand(14)]!, spaceId: spaceId() }));
const authorizeOnce = async (url: string, key: string) => {
  const res = await fetch(`${url}/v1/orgs/${org.slug}/authorize`, {
    method: 'POST', headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ checks: batch() }),
  });
  if (res.status !== 200) throw new Error(`authorize: ${res.status} ${await res.text()}`);
  return (await res.json()) as { results: { allowed: boolean }[] };
};
await runConcurrent(300, 8, (i) => authorizeOnce(a.url, callers[i % callers.length]!).then(() => {}));
const http = await runConcurrent(3000, 8, (i) => authorizeOnce(a.url, callers[i % callers.length]!).then(() => {}));
const http1 = await runConcurrent(1500, 1, (i) => authorizeOnce(a.url, callers[i % callers.length]!).then(() => {}));
// The same authentication with no access work: what any authenticated route costs here.
const meOnce = (i: number) => fetch(`${a.url}/v1/me`, { headers: { Authorization: `Bearer ${callers[i % callers.length]!}` } }).then((r) => r.text()).then(() => {});
const me1 = await runConcurrent(1500, 1, meOnce);
const bare = express();
bare.use(express.json());
bare.post('/pk', async (_req, res) => {
  await pkLookup(db, org.id);
  res.json({ ok: true });
});
bare.post('/sql', async (req, res) => {
  const out = [];
  for (const c of req.body.checks as { action: string; spaceId: string }[]) out.push(await sqlCheck(db, org.id, principals[0]!.id, c.spaceId, c.action));
  res.json(out);
});
const bareServer = bare.listen(0, '127.0.0.1');
await once(bareServer, 'listening');
const bareUrl = `http://127.0.0.1:${(bareServer.address() as AddressInfo).port}`;
const post = (path: string, body: unknown) => fetch(`${bareUrl}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json());
const barePk = await runConcurrent(3000, 8, () => post('/pk', { checks: batch() }).then(() => {}));
const barePk1 = await runConcurrent(1500, 1, () => post('/pk', { checks: batch() }).then(() => {}));
const bareSql = await runConcurrent(200, 8, () => post('/sql', { checks: batch() }).then(() => {}));
console.log('\nHTTP POST authorize, batches of 100 checks (one client: latency; 8 clients: throughput on this machine):');
console.log(`  gatehouse, 1 client   (API key + version read + 100 checks + reasons) ${fmt(http1)}`);
console.log(`  baseline,  1 client   GET /v1/me (same API-key authentication)        ${fmt(me1)}`);
console.log(`  baseline,  1 client   bare express, one PK lookup, no checks          ${fmt(barePk1)}`);
console.log(`  gatehouse, 8 clients                                                  ${fmt(http)}`);
console.log(`  baseline,  8 clients  bare express, one PK lookup, no checks          ${fmt(barePk)}`);
console.log(`  baseline,  8 clients  bare express, 100 SQL checks                    ${fmt(bareSql)}`);

// ---- change on instance A → first check on instance B that sees it ----
const target = principals[1]!;
const key = callers[1]!;
const ownerA = { Authorization: `Bearer ${org.ownerKey}`, 'Content-Type': 'application/json' };
const visible: number[] = [], polls: number[] = [], gone: number[] = [];
const checkOnB = async (space: string) =>
  ((await (await fetch(`${b.url}/v1/orgs/${org.slug}/authorize`, { method: 'POST', headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ action: 'run:trigger', spaceId: space }) })).json()) as { allowed: boolean }).allowed;
for (let r = 0; r < 15; r++) {
  const space = `s${9000 + r}`;
  if (await checkOnB(space)) continue; // already allowed through another binding
  const made = await fetch(`${a.url}/v1/orgs/${org.slug}/role-bindings`, { method: 'POST', headers: ownerA, body: JSON.stringify({ subject: { type: 'user', id: target.id }, roleId: 'space-writer', spaceId: space }) });
  const committed = performance.now();
  const { id } = (await made.json()) as { id: string };
  let n = 1;
  while (!(await checkOnB(space))) n++;
  visible.push(performance.now() - committed);
  polls.push(n);
  await fetch(`${a.url}/v1/orgs/${org.slug}/role-bindings/${id}`, { method: 'DELETE', headers: ownerA });
  const deleted = performance.now();
  while (await checkOnB(space)) n++;
  gone.push(performance.now() - deleted);
}
// a change to the tree is not a binding event: the other instance rebuilds the model
const statsB = accessResolver(b.deps.db).stats;
const deltasBefore = { ...statsB };
await fetch(`${a.url}/v1/orgs/${org.slug}/role-bindings`, { method: 'POST', headers: ownerA, body: JSON.stringify({ subject: { type: 'user', id: target.id }, roleId: 'space-writer', spaceId: 's1' }) });
const treeVisible: number[] = [];
for (let r = 0; r < 8; r++) {
  const made = await fetch(`${a.url}/v1/orgs/${org.slug}/spaces`, { method: 'POST', headers: ownerA, body: JSON.stringify({ id: `fresh-${r}`, name: 'fresh', parentId: 's1' }) });
  if (made.status !== 201) throw new Error(`space: ${made.status}`);
  const committed = performance.now();
  while (!(await checkOnB(`fresh-${r}`))) { /* next check */ }
  treeVisible.push(performance.now() - committed);
}
const sqlVisible = stats(coldSql).p50;
console.log(`\nchange on instance A → first check on instance B that sees it (${visible.length} rounds):`);
console.log(`  binding created: median ${ms(stats(visible).p50)}  max ${ms(stats(visible).max)}; checks needed: ${Math.max(...polls)} at most (1 = the very next one)`);
console.log(`  binding deleted: median ${ms(stats(gone).p50)}  max ${ms(stats(gone).max)}`);
console.log(`  space created (a tree change: B rebuilds the whole model): median ${ms(stats(treeVisible).p50)}  max ${ms(stats(treeVisible).max)}`);
console.log(`  instance B refreshed its model ${statsB.deltas} times from binding events, ${statsB.loads} times by a full load (tree changes: ${statsB.loads - deltasBefore.loads})`);
console.log(`  baseline: uncached SQL sees any change at its next check, at ${ms(sqlVisible)} per check`);

bareServer.close();
await b.close();
await a.close();
await dbh.drop();
