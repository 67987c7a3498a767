// The admin API's fixed cost: an authenticated request (API-key lookup by hash, org scoping,
// validation, response schema) beside a bare express route doing one indexed query on the same
// database, in the same run. Usage: node --import tsx bench/api/run.ts [requests] [clients]
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createTestDatabase } from '../../test/helpers/database.ts';
import { startTestServer } from '../../test/helpers/server.ts';
import { fmt, runConcurrent } from '../lib/measure.ts';

const total = Number(process.argv[2] ?? 5000);
const clients = Number(process.argv[3] ?? 16);

const db = await createTestDatabase();
const server = await startTestServer({ databaseUrl: db.url });
const owner = server.as(server.ownerKey);
for (let i = 0; i < 200; i++) await owner.post('/v1/orgs/default/members').send({ email: `bench${i}@example.com` });

// Baseline: the same database, one indexed lookup, no authentication or validation.
const bare = express();
bare.get('/member', async (_req, res) => {
  res.json(await server.deps.db('users').where({ user_name: 'bench7@example.com' }).first('id', 'user_name', 'email'));
});
const bareServer = bare.listen(0, '127.0.0.1');
await once(bareServer, 'listening');
const bareUrl = `http://127.0.0.1:${(bareServer.address() as AddressInfo).port}`;

const auth = { Authorization: `Bearer ${server.ownerKey}` };
const get = async (url: string, headers: Record<string, string> = {}) => {
  const res = await fetch(url, { headers });
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  await res.arrayBuffer();
};

await runConcurrent(500, clients, () => get(`${bareUrl}/member`)); // warm-up
await runConcurrent(500, clients, () => get(`${server.url}/v1/me`, auth));

const baseline = await runConcurrent(total, clients, () => get(`${bareUrl}/member`));
const me = await runConcurrent(total, clients, () => get(`${server.url}/v1/me`, auth));
const page = await runConcurrent(total, clients, () => get(`${server.url}/v1/orgs/default/members?limit=100`, auth));

console.log(`${total} requests, ${clients} concurrent clients, PostgreSQL on loopback`);
console.log(`baseline  bare express + one indexed query   ${fmt(baseline)}`);
console.log(`GET /v1/me (auth + org + schema)              ${fmt(me)}   ${(100 * me.perSecond / baseline.perSecond).toFixed(0)}% of baseline`);
console.log(`GET /v1/orgs/default/members?limit=100        ${fmt(page)}   ${(100 * page.perSecond / baseline.perSecond).toFixed(0)}% of baseline`);

bareServer.close();
await server.close();
await db.drop();
