// SCIM benchmark, each figure beside a baseline measured in the same run:
//  (a) user creates from 16 concurrent clients vs plain INSERTs through a bare express+pg route;
//  (b) PATCH add one member to a 100,000-member group vs a 10-member group;
//  (d) full member replace with one change at 1,000 / 10,000 / 100,000 vs a bare INSERT … SELECT;
//  (e) adding a nested group above 100,000 people vs adding one user, and vs above 1,000 people;
//  (c) userName eq lookups and 100-item pages at 200,000 users, vs the same SELECTs on a bare route.
// The tables are never ANALYZEd during the run, as on this machine (no autovacuum) after a first sync.
// Usage: node --import tsx bench/scim/run.ts   (not part of npm test; needs the machine's PostgreSQL)
// CREATES (20,000) and SECTIONS (a,b,d,e,c) narrow a run.
import { execSync } from 'node:child_process';
import { closeHttpClient } from '../lib/http.ts';
import { startBench } from './context.ts';
import { benchCreates } from './creates.ts';
import { benchLookups } from './lookups.ts';
import { benchAddOne, benchReplace } from './membership.ts';
import { benchNesting } from './nesting.ts';

const CREATES = Number(process.env.CREATES ?? 20_000);
const SECTIONS = new Set((process.env.SECTIONS ?? 'a,b,d,e,c').split(','));
const TOTAL_USERS = 200_000;

const load = () => execSync('uptime').toString().trim().replace(/.*load/, 'load');
console.log(`SCIM benchmark — ${new Date().toISOString()}, PostgreSQL on loopback, Gatehouse and the baseline each in a process of their own; ${load()}\n`);
const ctx = await startBench();
try {
  if (SECTIONS.has('a')) await benchCreates(ctx, CREATES);
  // Fill up to 200,000 users with SQL (fixtures, not measured).
  const have = Number((await ctx.db('users').where({ org_id: ctx.orgId }).count('* as n'))[0]!.n);
  await ctx.db.raw(`insert into users (org_id, user_name, email, given_name, family_name, source, attributes)
    select ?, 'filler' || i || '@example.com', 'filler' || i || '@example.com', 'Filler', 'User', 'scim',
           jsonb_build_object('emails', jsonb_build_array(jsonb_build_object('value', 'filler' || i || '@example.com', 'type', 'work', 'primary', true)))
    from generate_series(1, ?) i`, [ctx.orgId, TOTAL_USERS - have]);
  const fillers = (await ctx.db('users').where({ org_id: ctx.orgId }).where('user_name', 'like', 'filler%').orderBy('id').pluck('id')) as string[];
  if (SECTIONS.has('b')) await benchAddOne(ctx, fillers);
  if (SECTIONS.has('d')) await benchReplace(ctx, fillers);
  if (SECTIONS.has('e')) await benchNesting(ctx, fillers);
  if (SECTIONS.has('c')) {
    // Steady state for reads: autovacuum would have run by now; without it counts cannot use index-only scans.
    await ctx.db.raw('vacuum analyze users');
    await benchLookups(ctx, TOTAL_USERS, SECTIONS.has('a') ? CREATES : 0, TOTAL_USERS - have);
  }
  console.log(`\n${load()}`);
} finally {
  await ctx.close();
  closeHttpClient();
}
