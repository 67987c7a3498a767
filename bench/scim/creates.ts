// (a) user creates from 16 concurrent clients (Okta-style bodies) beside a plain INSERT of the same
// row into the same table through a bare express+pg route, in alternating slices; with the CPU
// each server process spent per request, which does not depend on the machine's load.
import { fmt, runConcurrent } from '../lib/measure.ts';
import { call, cpuMs, interleaved, ok, oktaUser, type BenchContext } from './context.ts';

const CLIENTS = 16;

export async function benchCreates(ctx: BenchContext, creates: number): Promise<void> {
  const { scim, auth, bare, orgId } = ctx;
  await runConcurrent(500, CLIENTS, (i) => ok(call(`${scim}/Users`, 'POST', auth, oktaUser(`warm${i}@example.com`)), 201).then(() => {}));
  await runConcurrent(500, CLIENTS, (i) => ok(call(`${bare}/users?org=${orgId}`, 'POST', {}, oktaUser(`warm-bare${i}@example.com`)), 201).then(() => {}));
  const cpu0 = { gh: cpuMs(ctx.gatehousePid), bare: cpuMs(ctx.barePid), ghAll: await ctx.cpu('gatehouse'), bareAll: await ctx.cpu('baseline') };
  const [base, gh] = await interleaved(creates, CLIENTS, 8,
    (i) => ok(call(`${bare}/users?org=${orgId}`, 'POST', {}, oktaUser(`plain${i}@example.com`)), 201).then(() => {}),
    (i) => ok(call(`${scim}/Users`, 'POST', auth, oktaUser(`user${i}@example.com`)), 201).then(() => {}));
  const cpu = {
    gh: (cpuMs(ctx.gatehousePid) - cpu0.gh) / creates, bare: (cpuMs(ctx.barePid) - cpu0.bare) / creates,
    ghAll: ((await ctx.cpu('gatehouse')) - cpu0.ghAll) / creates, bareAll: ((await ctx.cpu('baseline')) - cpu0.bareAll) / creates,
  };
  console.log(`(a) ${creates} user creates, ${CLIENTS} concurrent clients (baseline and Gatehouse in 8 alternating slices)`);
  console.log(`    baseline: plain INSERT of the same row into users ${fmt(base)}   CPU/req: server ${cpu.bare.toFixed(2)} ms, with its PostgreSQL backends ${cpu.bareAll.toFixed(2)} ms`);
  console.log(`    POST /scim/v2/Users (Okta body, audited)      ${fmt(gh)}   CPU/req: server ${cpu.gh.toFixed(2)} ms, with its PostgreSQL backends ${cpu.ghAll.toFixed(2)} ms`);
  console.log(`    Gatehouse: ${(100 * gh.perSecond / base.perSecond).toFixed(0)}% of the baseline's rate [target ≥75%]; it costs ${(cpu.ghAll / cpu.bareAll).toFixed(2)}× the baseline's CPU per create (load-independent)`);
}
