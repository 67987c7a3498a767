// (e) nested groups: adding one nested group to a tree over 100,000 people, beside adding one user
// to the same outer group (the baseline, same run), and beside the same nesting under a tree over
// 1,000 people (size independence); then a person's groups read through nesting
// (GET /Users/{id}, which computes them as sessions and the resolver do) beside a person in none.
import { call, ok, patchOp, timed, type BenchContext } from './context.ts';

const ROUNDS = 30;

async function tree(ctx: BenchContext, name: string, users: string[], children: number): Promise<{ outer: string; member: string }> {
  const create = async (displayName: string) => JSON.parse((await ok(call(`${ctx.scim}/Groups`, 'POST', ctx.auth, { displayName }), 201)).body).id as string;
  const outer = await create(`${name} outer`);
  const per = users.length / children;
  for (let c = 0; c < children; c++) {
    const child = await create(`${name} team ${c}`);
    await ctx.db.raw('insert into group_members (org_id, group_id, user_id) select ?, ?, unnest(?::uuid[])', [ctx.orgId, child, users.slice(c * per, (c + 1) * per)]);
    await ok(call(`${ctx.scim}/Groups/${outer}`, 'PATCH', ctx.auth, patchOp({ op: 'add', path: 'members', value: [{ value: child, type: 'Group' }] })), 204);
  }
  return { outer, member: users[0]! };
}

export async function benchNesting(ctx: BenchContext, users: string[]): Promise<void> {
  const big = await tree(ctx, 'Big tree', users.slice(0, 100_000), 10);
  const small = await tree(ctx, 'Small tree', users.slice(100_000, 101_000), 10);
  const extra = JSON.parse((await ok(call(`${ctx.scim}/Groups`, 'POST', ctx.auth, { displayName: 'Newcomers', members: users.slice(101_000, 101_010).map((value) => ({ value })) }), 201)).body).id as string;
  const loner = users[101_010]!;
  const nest = (outer: string) => (r: number) => ok(call(`${ctx.scim}/Groups/${outer}`, 'PATCH', ctx.auth,
    patchOp(r % 2 ? { op: 'remove', path: `members[value eq "${extra}"]` } : { op: 'add', path: 'members', value: [{ value: extra, type: 'Group' }] })), 204);
  const addUser = (outer: string) => (r: number) => ok(call(`${ctx.scim}/Groups/${outer}`, 'PATCH', ctx.auth,
    patchOp(r % 2 ? { op: 'remove', path: `members[value eq "${loner}"]` } : { op: 'add', path: 'members', value: [{ value: loner }] })), 204);
  const base = await timed(ROUNDS, addUser(big.outer));
  const inBig = await timed(ROUNDS, nest(big.outer));
  const inSmall = await timed(ROUNDS, nest(small.outer));
  console.log(`\n(e) nested groups, median of ${ROUNDS} (add and remove alternate)`);
  console.log(`    baseline: PATCH add/remove one user in the outer group of 100,000 people   ${base.median.toFixed(2)} ms`);
  console.log(`    PATCH add/remove a nested group there (100,000 people below)            ${inBig.median.toFixed(2)} ms   ${(inBig.median / base.median).toFixed(2)}× baseline`);
  console.log(`    the same under a tree of 1,000 people                                    ${inSmall.median.toFixed(2)} ms   big/small ${(inBig.median / inSmall.median).toFixed(2)}  [not a recompute: ≈1]`);
  const nested = await timed(ROUNDS, () => ok(call(`${ctx.scim}/Users/${big.member}`, 'GET', ctx.auth), 200));
  const flat = await timed(ROUNDS, () => ok(call(`${ctx.scim}/Users/${users[101_011]}`, 'GET', ctx.auth), 200));
  console.log(`    GET /Users/{id}: a person in a team inside the outer group ${nested.median.toFixed(2)} ms, a person in no group ${flat.median.toFixed(2)} ms (baseline)`);
}
