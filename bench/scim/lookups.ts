// (c) userName eq lookups (Okta's existence check, in another case) and 100-item pages at 200,000
// users, beside the same SELECTs on the bare route, in alternating slices.
import { fmt, runConcurrent } from '../lib/measure.ts';
import { call, interleaved, ok, type BenchContext } from './context.ts';

export async function benchLookups(ctx: BenchContext, total: number, created: number, fillers: number): Promise<void> {
  const { scim, auth, bare, orgId } = ctx;
  const N = 3000;
  const pick = (i: number) => (i % 2 || !created ? `filler${(i * 7919) % fillers + 1}@example.com` : `user${(i * 104729) % created}@example.com`);
  const eqUrl = (i: number) => `${scim}/Users?filter=${encodeURIComponent(`userName eq "${pick(i).toUpperCase()}"`)}&startIndex=1&count=100`;
  await runConcurrent(300, 1, (i) => ok(call(eqUrl(i), 'GET', auth), 200).then(() => {}));
  const [baseEq, ghEq] = await interleaved(N, 1, 10,
    (i) => ok(call(`${bare}/users/by-name?org=${orgId}&userName=${encodeURIComponent(pick(i))}`, 'GET', {}), 200).then(() => {}),
    async (i) => {
      const r = await ok(call(eqUrl(i), 'GET', auth), 200);
      if (!r.body.includes('"totalResults":1,')) throw new Error(`lookup ${pick(i)} found ${r.body.slice(0, 200)}`);
    });
  const P = 100;
  const offset = (i: number) => ((i * 7919) % 1999) * 100; // pages spread over the first 200,000 rows
  const [basePage, ghPage] = await interleaved(P, 1, 5,
    (i) => ok(call(`${bare}/users/page?org=${orgId}&offset=${offset(i)}`, 'GET', {}), 200).then(() => {}),
    (i) => ok(call(`${scim}/Users?startIndex=${offset(i) + 1}&count=100`, 'GET', auth), 200).then(() => {}));
  const ghFirst = await runConcurrent(P, 1, () => ok(call(`${scim}/Users?startIndex=1&count=100`, 'GET', auth), 200).then(() => {}));
  console.log(`\n(c) at ${total.toLocaleString('en')} users, one client, baseline and Gatehouse in alternating slices`);
  console.log(`    baseline: SELECT by user_name (bare route)            ${fmt(baseEq)}`);
  console.log(`    GET /Users?filter=userName eq "…" (other case)         ${fmt(ghEq)}  [target p99 ≤10 ms]`);
  console.log(`    baseline: 100 rows at a random offset (bare route)     ${fmt(basePage)}`);
  console.log(`    GET /Users?startIndex=<random>&count=100 (+ total)     ${fmt(ghPage)}`);
  console.log(`    GET /Users?startIndex=1&count=100 (+ total)            ${fmt(ghFirst)}`);
}
