// Group membership at size, on tables never ANALYZEd (the database is created by the run and this
// PostgreSQL runs without autovacuum):
//  (b) PATCH add one member to a 100,000-member group vs a 10-member one (ratio of medians);
//  (d) a full-list replace with one change (Okta AIW's PUT, and PATCH replace members) at 1,000,
//      10,000 and 100,000 members, beside a bare INSERT … SELECT of the same list through the
//      baseline route in the same run; cost per 1,000 members shows whether it is linear.
import { percentile } from '../lib/measure.ts';
import { call, ok, patchOp, timed, type BenchContext } from './context.ts';

const SIZES = [1_000, 10_000, 100_000];
const ROUNDS = 5;

async function groupWith(ctx: BenchContext, name: string, members: string[]): Promise<string> {
  const id = JSON.parse((await ok(call(`${ctx.scim}/Groups`, 'POST', ctx.auth, { displayName: name }), 201)).body).id as string;
  await ctx.db.raw('insert into group_members (org_id, group_id, user_id) select ?, ?, unnest(?::uuid[])', [ctx.orgId, id, members]);
  return id;
}

export async function benchAddOne(ctx: BenchContext, users: string[]): Promise<void> {
  const big = await groupWith(ctx, 'Big', users.slice(0, 100_000));
  const small = await groupWith(ctx, 'Small', users.slice(0, 10));
  const add = (uid: string) => patchOp({ op: 'add', path: 'members', value: [{ value: uid }] });
  const timesBig: number[] = [];
  const timesSmall: number[] = [];
  const candidates = users.slice(100_000, 100_220);
  for (let i = 0; i < 220; i++) {
    for (const [gid, times] of [[big, timesBig], [small, timesSmall]] as const) {
      const t = performance.now();
      await ok(call(`${ctx.scim}/Groups/${gid}`, 'PATCH', ctx.auth, add(candidates[i]!)), 204);
      if (i >= 20) times.push(performance.now() - t); // the first 20 rounds warm up
    }
  }
  timesBig.sort((a, b) => a - b);
  timesSmall.sort((a, b) => a - b);
  const [mb, ms] = [percentile(timesBig, 50), percentile(timesSmall, 50)];
  console.log('\n(b) PATCH add one member, 200 rounds each, sequential');
  console.log(`    baseline: 10-member group        median ${ms.toFixed(2)} ms   p99 ${percentile(timesSmall, 99).toFixed(2)} ms`);
  console.log(`    100,000-member group             median ${mb.toFixed(2)} ms   p99 ${percentile(timesBig, 99).toFixed(2)} ms   ratio ${(mb / ms).toFixed(2)}  [target ≤1.5]`);
}

export async function benchReplace(ctx: BenchContext, users: string[]): Promise<void> {
  console.log(`\n(d) full member replace with one change, median of ${ROUNDS} (never-analyzed tables)`);
  console.log('    members   baseline INSERT…SELECT   PUT (excludedAttributes=members)   PATCH replace members   PUT answering all members');
  const line: string[] = [];
  for (const n of SIZES) {
    const list = users.slice(0, n);
    const gid = await groupWith(ctx, `Replace ${n}`, list);
    // Round r drops member r and adds user n + r: one change each way, as Okta sends on every push.
    const withChange = (r: number) => [...list.slice(r + 1), ...users.slice(n, n + r + 1)].map((value) => ({ value }));
    const body = (r: number) => ({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: `Replace ${n}`, members: withChange(r) });
    const base = await timed(ROUNDS, (r) => ok(call(`${ctx.bare}/members?group=${crypto.randomUUID()}`, 'PUT', {}, body(r)), 200));
    const put = await timed(ROUNDS, (r) => ok(call(`${ctx.scim}/Groups/${gid}?excludedAttributes=members`, 'PUT', ctx.auth, body(r)), 200));
    const patch = await timed(ROUNDS, (r) => ok(call(`${ctx.scim}/Groups/${gid}`, 'PATCH', ctx.auth, patchOp({ op: 'replace', path: 'members', value: withChange(ROUNDS + r) })), 204));
    const full = await timed(2, (r) => ok(call(`${ctx.scim}/Groups/${gid}`, 'PUT', ctx.auth, body(r)), 200));
    console.log(`    ${n.toLocaleString('en').padStart(7)}   ${base.median.toFixed(0).padStart(8)} ms             ${put.median.toFixed(0).padStart(8)} ms (${(put.median / base.median).toFixed(2)}× baseline)      ${patch.median.toFixed(0).padStart(8)} ms         ${full.median.toFixed(0).padStart(8)} ms`);
    line.push(`${n.toLocaleString('en')}: ${(put.median / (n / 1000)).toFixed(1)} ms`);
  }
  console.log(`    PUT cost per 1,000 members: ${line.join(', ')}  [target: 100,000 with one change ≤ 2 s, cost linear in the list]`);
}
