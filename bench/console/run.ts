// The console's people page at 100,000 people: the first page (50 rows) of each search, filter and
// sort the page offers, through GET /v1/orgs/{org}/members on a started server, beside a bare
// indexed query for the same page on the same database, in the same run. Measured first on tables
// never ANALYZEd (this PostgreSQL runs without autovacuum), then after ANALYZE.
// Usage: node --import tsx bench/console/run.ts [people] [rounds]
import { uptime, loadavg } from 'node:os';
import { createTestDatabase } from '../../test/helpers/database.ts';
import { startTestServer } from '../../test/helpers/server.ts';
import { closeHttpClient, httpCall } from '../lib/http.ts';
import { percentile } from '../lib/measure.ts';

const people = Number(process.argv[2] ?? 100_000);
const rounds = Number(process.argv[3] ?? 40);

const db = await createTestDatabase();
const server = await startTestServer({ databaseUrl: db.url });
const knex = server.deps.db;
const org = (await knex('organizations').where({ slug: 'default' }).first('id')).id as string;
const other = await server.as(server.ownerKey).post('/v1/orgs').send({ slug: 'noise', name: 'Noise' });

// Realistic names and a source/role/status mix; a second organization of 20,000 people the
// queries must never look at.
async function seed(orgId: string, n: number, prefix: string) {
  await knex.raw(
    `with first(f, i) as (select * from unnest(array['Alice','Bob','Carol','Dmitri','Elena','Farah','Goran','Hana','Ivan','Jun','Kemal','Lucia','Mateo','Nadia','Oskar','Priya','Quentin','Rosa','Sven','Tomas']) with ordinality),
          last(l, i) as (select * from unnest(array['Smith','Nguyen','Garcia','Müller','Kowalski','Okafor','Tanaka','Rossi','Dubois','Silva','Johansson','Novak','Haddad','Kim','Patel','Cohen','Moreau','Ivanova','Lopez','Schmidt','Yilmaz','Andersen','Popescu','Fischer','Costa']) with ordinality)
     insert into users (org_id, user_name, email, display_name, role, active, source, created_at)
     select ?, lower(f.f || '.' || l.l || '.' || g) || '@${prefix}.example', lower(f.f || '.' || l.l || '.' || g) || '@${prefix}.example',
            case when g % 17 = 0 then null else f.f || ' ' || l.l end,
            case when g < 2 then 'owner' when g < 5 then 'admin' when g % 50 = 0 then 'viewer' else 'member' end,
            g % 47 <> 0,
            case when g % 10 < 6 then 'scim' when g % 10 < 8 then 'sso' when g % 10 < 9 then 'invitation' else 'api' end,
            now() - (g || ' minutes')::interval
       from generate_series(0, ? - 1) g
       join first f on f.i = g % 20 + 1 join last l on l.i = (g / 20) % 25 + 1`,
    [orgId, n],
  );
}
const seeded = performance.now();
await seed(org, people, 'corp');
await seed(other.body.organization.id, 20_000, 'noise');
console.log(`seeded ${people.toLocaleString()} people (+20,000 in another organization) in ${((performance.now() - seeded) / 1000).toFixed(1)} s`);

const CASES: [string, string][] = [
  ['first page, by userName', ''],
  ['sorted by name', 'sort=name'],
  ['newest first', 'sort=-createdAt'],
  ['search "smi" (anywhere)', 'search=smi'],
  ['search "ha" (start)', 'search=ha'],
  ['search with no match', 'search=zzzqqq'],
  ['role admin (rare)', 'role=admin'],
  ['suspended, invited', 'active=false&source=invitation'],
  ['SCIM, search "nov", by name', 'source=scim&search=nov&sort=name'],
];

async function time(fn: () => Promise<void>) {
  const ms: number[] = [];
  for (let i = 0; i < 3; i++) await fn(); // warm-up
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { p50: percentile(ms, 50), p95: percentile(ms, 95) };
}

const auth = { Authorization: `Bearer ${server.ownerKey}` };
async function measure(label: string) {
  const baseline = await time(async () => {
    await knex('users').where({ org_id: org }).orderBy([{ column: 'user_name' }, { column: 'id' }]).limit(51).select('id', 'user_name', 'email', 'display_name', 'role', 'active', 'source', 'created_at', 'updated_at');
  });
  console.log(`\n${label} — ${rounds} rounds each, first page of 50; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`  baseline: bare indexed query (same page, no HTTP)   p50 ${baseline.p50.toFixed(2)} ms   p95 ${baseline.p95.toFixed(2)} ms`);
  for (const [name, query] of CASES) {
    let rows = 0;
    const t = await time(async () => {
      const res = await httpCall(`${server.url}/v1/orgs/default/members?limit=50&${query}`, 'GET', auth);
      if (res.status !== 200) throw new Error(`${query}: ${res.status} ${res.body}`);
      rows = (JSON.parse(res.body) as { items: unknown[] }).items.length;
    });
    console.log(`  ${name.padEnd(34)} ${String(rows).padStart(2)} rows   p50 ${t.p50.toFixed(2).padStart(7)} ms   p95 ${t.p95.toFixed(2).padStart(7)} ms   ${(t.p50 / baseline.p50).toFixed(1)}× baseline`);
  }
}

await measure('never ANALYZEd');
await knex.raw('analyze users');
await measure('after ANALYZE');
console.log(`\nmachine up ${(uptime() / 60).toFixed(0)} min; PostgreSQL on loopback; server and client in one process`);

closeHttpClient();
await server.close();
await db.drop();
