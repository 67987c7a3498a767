// Issue 13: a fuzz test over every operation of the OpenAPI document, read from /v1/openapi.json at
// test time (so routes added later are fuzzed too). Path ids, query parameters and bodies are shaped
// by each operation's own schemas, then broken the ways an attacker would (fuzz-arbitraries.ts), and
// sent with an owner's, a member's, a foreign, a malformed or no credential. No answer may be a 5xx.
// Bounded in time: FUZZ_BUDGET_MS (default 30 s) shared by the operations; FUZZ_SEED replays a run.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { after, before, test } from 'node:test';
import { addPerson, createOrg, startTestServer, type TestServer } from '../helpers/server.ts';
import { bodyFor, segmentFor } from './fuzz-arbitraries.ts';

const BUDGET_MS = Number(process.env.FUZZ_BUDGET_MS ?? 30_000);
const RUNS_PER_OPERATION = Number(process.env.FUZZ_RUNS ?? 40);
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);

let server: TestServer;
before(async () => {
  server = await startTestServer({ logLevel: 'silent' });
});
after(() => server.close());

interface Operation {
  method: string;
  path: string;
  parameters?: { name: string; in: 'path' | 'query'; required?: boolean; schema?: Record<string, unknown> }[];
  requestBody?: { content: { 'application/json': { schema: Record<string, unknown> } } };
}

test('no operation of the OpenAPI document answers 5xx to fuzzed ids, queries, bodies and credentials', { timeout: BUDGET_MS + 120_000 }, async () => {
  const doc = (await (await fetch(`${server.url}/v1/openapi.json`)).json()) as { paths: Record<string, Record<string, Omit<Operation, 'method' | 'path'>>> };
  const operations: Operation[] = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ method, path, ...op })));
  assert.ok(operations.length >= 60, `${operations.length} operations in the document`);

  // The fuzzer acts in an organization of its own, as its owner (service key and person), a member, or another organization.
  const org = await createOrg(server);
  const ownerPerson = await addPerson(server, org, 'owner');
  const member = await addPerson(server, org, 'member');
  const foreign = await createOrg(server);
  const credential = fc.constantFrom(org.ownerKey, org.ownerKey, ownerPerson.key, ownerPerson.key, member.key, foreign.ownerKey, server.ownerKey, null, 'Bearer-not', 'ghk_' + 'A'.repeat(43));

  const failures: string[] = [];
  let requests = 0;
  const started = Date.now();
  for (const [i, op] of operations.entries()) {
    const remaining = BUDGET_MS - (Date.now() - started);
    if (remaining <= 0) break;
    const perOp = remaining / (operations.length - i);
    const params = op.parameters ?? [];
    const pathParams = params.filter((p) => p.in === 'path');
    const query = params.filter((p) => p.in === 'query');
    const request = fc.record({
      path: fc.record(Object.fromEntries(pathParams.map((p) => [p.name, p.name === 'org' ? fc.oneof({ arbitrary: fc.constant(org.slug), weight: 8 }, { arbitrary: fc.constant(org.id), weight: 1 }, { arbitrary: segmentFor(p.schema), weight: 1 }) : segmentFor(p.schema)]))),
      query: fc.array(fc.oneof(...(query.length ? query.map((q) => fc.tuple(fc.constant(q.name), segmentFor(q.schema))) : [fc.tuple(fc.constant('x'), segmentFor(undefined))]), fc.tuple(segmentFor(undefined), segmentFor(undefined))), { maxLength: 4 }),
      body: op.requestBody ? bodyFor(op.requestBody.content['application/json'].schema) : fc.constant(undefined),
      credential,
    });
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const path = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => (r.path as Record<string, string>)[name]!);
        const qs = r.query.map(([k, v]) => `${k}=${v}`).join('&');
        const headers: Record<string, string> = {};
        if (r.credential) headers.Authorization = r.credential.startsWith('Bearer') ? r.credential : `Bearer ${r.credential}`;
        if (r.body !== undefined) headers['Content-Type'] = 'application/json';
        const res = await fetch(`${server.url}${path}${qs ? `?${qs}` : ''}`, { method: op.method.toUpperCase(), headers, body: r.body, redirect: 'manual' });
        const text = await res.text();
        requests++;
        if (res.status >= 500) {
          const url = `${path}${qs ? `?${qs}` : ''}`;
          failures.push(`${op.method.toUpperCase()} ${url.slice(0, 300)}${url.length > 300 ? '…' : ''} → ${res.status} ${text.slice(0, 300)}\n    body: ${(r.body ?? '').slice(0, 300)}`);
          return false;
        }
        return true;
      }),
      { numRuns: RUNS_PER_OPERATION, seed: seed + i, interruptAfterTimeLimit: perOp, markInterruptAsFailure: false, endOnFailure: true },
    ).catch(() => {}); // every 5xx is in `failures`, reported below with the seed
  }
  console.log(`openapi fuzz: ${requests} requests over ${operations.length} operations in ${Date.now() - started} ms (FUZZ_SEED=${seed})`);
  assert.ok(requests >= operations.length, 'every operation was called');
  assert.deepEqual(failures, [], `5xx answers (replay with FUZZ_SEED=${seed}):\n${failures.join('\n')}`);
});
