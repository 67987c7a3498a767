// The worst constructions we know for one login-policy evaluation, run through a real Gatehouse (the
// simulate route, the configured budget) while another client polls /readyz. Each line prints how long
// the evaluation took beside the budget, how it ended, and the slowest /readyz answer meanwhile, beside
// /readyz's latency when idle, measured in the same run.
//
//   node --import tsx bench/rego/worst-cases.ts
import { createTestDatabase } from '../../test/helpers/database.ts';
import { startTestServer } from '../../test/helpers/server.ts';

const db = await createTestDatabase();
const server = await startTestServer({ databaseUrl: db.url });
const owner = server.as(server.ownerKey);
const budgetMs = server.deps.config.loginPolicyTimeoutMs;

const a = (n: number) => 'a'.repeat(n);
const CASES: { name: string; rule: string; login: string }[] = [
  { name: 'regex (a+)+$, 29 a + emoji (issue 14)', rule: 'regex.match("(a+)+$", input.session.login)', login: a(29) + '\u{1F600}' },
  { name: 'regex (a+)+$, 100k a + emoji', rule: 'regex.match("(a+)+$", input.session.login)', login: a(100_000) + '\u{1F600}' },
  { name: 'regex (a|aa)+$ \\p{L}, 100k', rule: 'regex.match(`^(\\p{L}|\\p{L}\\p{L})+$`, input.session.login)', login: a(100_000) + '!' },
  { name: 'regex x{1000} program, 1M chars', rule: 'regex.match("(?:[a-z]{1000})+!", input.session.login)', login: a(1_000_000) },
  { name: 'regex.find_n all empty matches, 1M', rule: 'count(regex.find_n("b*", input.session.login, -1)) > 0', login: a(1_000_000) },
  { name: 'regex.replace blow-up, 100k', rule: 'count(regex.replace(input.session.login, "a", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb")) > 0', login: a(100_000) },
  { name: 'glob *a*a*a*a*a*a*a*b, 64 a (issue 14)', rule: 'glob.match("*a*a*a*a*a*a*a*b", [], input.session.login)', login: a(64) },
  { name: 'glob *a*…*b (20 stars), 1M a', rule: `glob.match("${'*a'.repeat(20)}*b", [], input.session.login)`, login: a(1_000_000) },
  { name: 'template_match {(a+)+}b, 100k', rule: 'regex.template_match("{(a+)+}b", input.session.login, "{", "}")', login: a(100_000) },
  { name: 'numbers.range(1, 1e9)', rule: 'count(numbers.range(1, 1000000000)) > 0', login: 'x' },
  { name: 'sprintf %1000000000d', rule: 'count(sprintf("%1000000000d", [1])) > 0', login: 'x' },
  { name: 'replace every a by 10k chars, 100k', rule: `count(replace(input.session.login, "a", "${'b'.repeat(10_000)}")) > 0`, login: a(100_000) },
  { name: 'net.cidr_expand 10.0.0.0/8', rule: 'count(net.cidr_expand("10.0.0.0/8")) > 0', login: 'x' },
  { name: 'strings.replace_n 100 keys, 1M', rule: `count(strings.replace_n({${Array.from({ length: 100 }, (_, i) => `"k${i}": "v"`).join(', ')}}, input.session.login)) > 0`, login: a(1_000_000) },
  { name: 'cross product 400^3 (steps)', rule: 'count([x | some p in numbers.range(1, 400); some q in numbers.range(1, 400); some r in numbers.range(1, 400); x := p + q + r]) > 0', login: 'x' },
];

async function readyzLatency(stop: { done: boolean }): Promise<number> {
  let worst = 0;
  while (!stop.done) {
    const t = performance.now();
    await fetch(`${server.url}/readyz`).then((r) => r.arrayBuffer());
    worst = Math.max(worst, performance.now() - t);
    await new Promise((r) => setTimeout(r, 5));
  }
  return worst;
}

const idle = { done: false };
const idleRun = readyzLatency(idle);
await new Promise((r) => setTimeout(r, 500));
idle.done = true;
const idleWorst = await idleRun;

console.log(`login-policy budget: ${budgetMs} ms, ${server.deps.config.loginPolicyMaxSteps} steps; /readyz slowest answer when idle: ${idleWorst.toFixed(1)} ms`);
console.log(`${'construction'.padEnd(44)} ${'eval ms'.padStart(8)} ${'/ budget'.padStart(9)} ${'readyz max ms'.padStart(14)}  outcome`);
let over = 0;
for (const c of CASES) {
  const created = await owner.post('/v1/orgs/default/login-policies').send({ name: c.name, body: `package spacelift\nallow if ${c.rule}\n`, enabled: false });
  if (created.status !== 201) throw new Error(`${c.name}: ${JSON.stringify(created.body)}`);
  const input = { session: { login: c.login, member: true, teams: [] }, request: { timestamp_ns: 1_700_000_000_000_000_000 } };
  const stop = { done: false };
  const poll = readyzLatency(stop);
  const res = await owner.post(`/v1/orgs/default/login-policies/${created.body.id}/simulate`).send({ input });
  stop.done = true;
  const readyWorst = await poll;
  const p = res.body.policies[0];
  const ms = p.durationUs / 1000;
  if (ms > budgetMs) over++;
  const outcome = p.error ? `refused: ${String(p.error).slice(0, 60)}` : `result: admitted=${res.body.decision.admitted}`;
  console.log(`${c.name.padEnd(44)} ${ms.toFixed(1).padStart(8)} ${(ms / budgetMs).toFixed(3).padStart(9)} ${readyWorst.toFixed(1).padStart(14)}  ${outcome}`);
}
console.log(over === 0 ? 'no construction exceeded the budget' : `${over} construction(s) exceeded the budget`);
await server.close();
await db.drop();
