// Issue 15.1: every membership statement at 100,000 members, on tables PostgreSQL never analyzed
// (this machine runs without autovacuum, and a first SCIM sync leaves any database so), has a
// plan whose work follows its input: a full-list replace is linear in the list, +1/−1 and a
// nested-group add touch a handful of rows, reads of one person's groups and teams touch that
// person's rows. Plans are read with EXPLAIN ANALYZE of the statements the SCIM core really runs
// (test/helpers/explain.ts); a plan that would rescan a list per row is refused before it runs.
// PLANS_MEMBERS overrides the size (100,000).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Knex } from 'knex';
import { userTeams } from '../../src/directory/service.ts';
import type { Actor } from '../../src/http/actor.ts';
import { handleScim } from '../../src/scim/core.ts';
import { explaining, planTraps, workOf, type Explained, type PlanNode } from '../helpers/explain.ts';
import { createOrg, startTestServer, type TestServer } from '../helpers/server.ts';

const N = Number(process.env.PLANS_MEMBERS ?? 100_000);
const BIG = ['users', 'groups', 'group_members', 'group_nestings'];
const GROUPS = 10_000;
const FEW = 2_000; // rows a statement about a few named ids may touch, whatever the group's size

let server: TestServer;
let db: Knex;
let actor: Actor;
let ids: string[]; // N + 1 users; the first N are members of "Everyone"
let everyone: string;
let outer: string;

before(async () => {
  server = await startTestServer();
  db = server.deps.db;
  const org = await createOrg(server);
  actor = { type: 'scim_token', orgId: org.id, orgSlug: org.slug, role: 'owner', userId: null, apiKeyId: null, sessionId: null, teams: [], label: 'plans', bootstrap: false };
  ids = (await db.raw(`insert into users (org_id, user_name, source) select ?, 'p' || i || '@example.com', 'scim' from generate_series(1, ?) i returning id`, [org.id, N + 1]))
    .rows.map((r: { id: string }) => r.id);
  [everyone, outer] = (await db.raw(`insert into groups (org_id, display_name) values (?, 'Everyone'), (?, 'Outer') returning id`, [org.id, org.id])).rows.map((r: { id: string }) => r.id);
  await db.raw('insert into group_members (org_id, group_id, user_id) select ?, ?, unnest(?::uuid[])', [org.id, everyone, ids.slice(0, N)]);
  // Other groups of the organization, nested in pairs, so groups and group_nestings are not tiny tables either.
  const filler = (await db.raw(`insert into groups (org_id, display_name) select ?, 'filler ' || i from generate_series(1, ?) i returning id`, [org.id, GROUPS])).rows.map((r: { id: string }) => r.id);
  const nestings = (await db.raw("select to_regclass('group_nestings') is not null as yes")).rows[0].yes; // (absent before nested groups)
  if (nestings) {
    await db.raw('insert into group_nestings (org_id, parent_id, member_group_id) select ?, p, m from unnest(?::uuid[], ?::uuid[]) as t(p, m)',
      [org.id, filler.filter((_: string, i: number) => i % 2 === 0), filler.filter((_: string, i: number) => i % 2 === 1)]);
  }
  const analyzed = await db('pg_stat_user_tables').whereIn('relname', BIG).where((w) => w.where('analyze_count', '>', 0).orWhere('autoanalyze_count', '>', 0)).pluck('relname');
  assert.deepEqual(analyzed, [], 'the tables must never have been analyzed');
});
after(async () => { await server?.close(); });

async function scim(method: string, path: string, body?: unknown, query: Record<string, string> = {}) {
  const plans: Explained[] = [];
  const res = await handleScim({
    deps: { db: explaining(db, plans, BIG), baseUrl: 'http://gatehouse.test/scim/v2' },
    ctx: { actor, ip: null, requestId: null },
    req: { method, path, query, body },
  });
  assert.ok(res.status < 300, `${method} ${path}: ${res.status} ${String(JSON.stringify(res.body)).slice(0, 300)}`);
  return { res, plans: plans.filter((p) => /group_members|group_nestings/.test(p.sql)) };
}

function assertWork(plans: Explained[], bound: number, what: string) {
  if (process.env.PLANS_PRINT) for (const p of plans) console.log(what, p.work, p.ms, p.sql.replace(/\s+/g, ' ').slice(0, 120));
  assert.ok(plans.length > 0, `${what}: no membership statement seen`);
  for (const p of plans) assert.ok(p.work <= bound, `${what}: ${p.work} rows of work > ${bound} in ${p.sql.replace(/\s+/g, ' ').slice(0, 200)}`);
}

const count = async (group: string) => Number((await db('group_members').where({ group_id: group }).count('* as n'))[0]!.n);

test(`replacing a ${N.toLocaleString('en')}-member list with one change is linear in the list, and the response honours excludedAttributes`, async () => {
  const members = [...ids.slice(1, N + 1)].map((value) => ({ value }));
  const { res, plans } = await scim('PUT', `/Groups/${everyone}`, { displayName: 'Everyone', members }, { excludedAttributes: 'members' });
  assertWork(plans, 10 * N, 'replace');
  assert.equal((res.body as { members?: unknown }).members, undefined, 'excludedAttributes=members: no member list in the answer');
  assert.ok(!plans.some((p) => /\bdisplay\b/.test(p.sql)), 'and the member list is not read');
  assert.equal(await count(everyone), N);
  assert.equal((await db('group_members').where({ group_id: everyone, user_id: ids[0] })).length, 0, 'the member left out of the list is removed');
  assert.equal((await db('group_members').where({ group_id: everyone, user_id: ids[N] })).length, 1, 'the new one is added');

  const again = await scim('PATCH', `/Groups/${everyone}`, { Operations: [{ op: 'replace', path: 'members', value: ids.slice(0, N).map((value) => ({ value })) }] }, { attributes: 'displayName' });
  assertWork(again.plans, 10 * N, 'PATCH replace members');
  assert.equal(await count(everyone), N);
});

test('+1 and −1 on the big group, and a user\'s groups and teams, touch a handful of rows', async () => {
  const add = await scim('PATCH', `/Groups/${everyone}`, { Operations: [{ op: 'add', path: 'members', value: [{ value: ids[N] }] }] });
  assertWork(add.plans, FEW, 'add one member');
  const remove = await scim('PATCH', `/Groups/${everyone}`, { Operations: [{ op: 'remove', path: `members[value eq "${ids[N]}"]` }] });
  assertWork(remove.plans, FEW, 'remove one member');
  const some = await scim('PATCH', `/Groups/${everyone}`, { Operations: [{ op: 'add', path: 'members', value: ids.slice(N - 100, N + 1).map((value) => ({ value })) }] });
  assertWork(some.plans, FEW, 'add 100 members (one new)');
  assert.equal(await count(everyone), N + 1);

  const user = await scim('GET', `/Users/${ids[7]}`);
  assertWork(user.plans, FEW, "a user's groups");
  const filtered = await scim('GET', '/Groups', undefined, { filter: `members[value eq "${ids[7]}"]`, excludedAttributes: 'members' });
  assertWork(filtered.plans, 3 * GROUPS + FEW, 'members[value eq …] filter'); // reads the organization's groups, a keyed probe each
  assert.equal((filtered.res.body as { totalResults: number }).totalResults, 1);
  const plans: Explained[] = [];
  assert.deepEqual(await userTeams(explaining(db, plans, BIG), actor.orgId, ids[7]!), ['Everyone']);
  assertWork(plans, FEW, 'teams');
});

test('reading the whole member list is linear in it', async () => {
  const { res, plans } = await scim('GET', `/Groups/${everyone}`);
  assertWork(plans, 10 * N, 'GET members');
  assert.equal((res.body as { members: unknown[] }).members.length, await count(everyone));
});

test(`nesting the ${N.toLocaleString('en')}-member group into another writes one row, and its members' teams follow`, async () => {
  const { plans } = await scim('PATCH', `/Groups/${outer}`, { Operations: [{ op: 'add', path: 'members', value: [{ value: everyone, type: 'Group' }] }] });
  assertWork(plans, FEW, 'add a nested group');
  const teams: Explained[] = [];
  assert.deepEqual(await userTeams(explaining(db, teams, BIG), actor.orgId, ids[3]!), ['Everyone', 'Outer']);
  assertWork(teams, FEW, 'teams through nesting');
  const user = await scim('GET', `/Users/${ids[3]}`);
  assertWork(user.plans, FEW, "a user's groups through nesting");
  const groups = (user.res.body as { groups: { display: string; type: string }[] }).groups;
  assert.deepEqual(groups.map((g) => `${g.display}:${g.type}`).sort(), ['Everyone:direct', 'Outer:indirect']);
});

test('deleting a user or a group cascades to memberships through an index, not a scan of every membership', async () => {
  // The statements PostgreSQL's foreign keys run for `on delete cascade`, planned as it plans them (generic plans).
  const cascades = [
    'delete from only group_members where $1 = user_id',
    'delete from only group_members where $1 = group_id',
    'delete from only group_nestings where $1 = parent_id',
    'delete from only group_nestings where $1 = member_group_id',
  ];
  await db.transaction(async (tx) => {
    await tx.raw('set local plan_cache_mode = force_generic_plan');
    for (const [i, sql] of cascades.entries()) {
      await tx.raw(`prepare cascade_${i}(uuid) as ${sql}`);
      const plan = (await tx.raw(`explain (analyze, timing off, format json) execute cascade_${i}('${i < 1 ? ids[5] : everyone}')`)).rows[0]['QUERY PLAN'][0].Plan as PlanNode;
      assert.deepEqual(planTraps(plan, BIG), [], sql);
      assert.ok(workOf(plan) <= (i === 1 ? 10 * N : FEW), `${sql}: ${workOf(plan)} rows of work`);
      await tx.raw(`deallocate cascade_${i}`);
    }
    await tx.rollback();
  }).catch((err: unknown) => { if (!(err instanceof Error && /rejected/.test(err.message))) throw err; });
});
