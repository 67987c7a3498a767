// Mail benchmark: N invitations created through the API of a real instance (PostgreSQL, Redis,
// outbox relay, BullMQ worker) and delivered to a local SMTP server; beside it, nodemailer sending
// the same N mails straight to the same server, measured in the same run. Two Gatehouse runs:
//   end to end — the worker delivers while the API is still taking invitations;
//   drain      — the API takes every invitation first (the relay queues them), then a worker starts
//                and empties the queue: the delivery rate on its own.
//
//   node --import tsx bench/mail/run.ts [invitations=10000] [perRequest=500] [parallelRequests=4]
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import knexFactory from 'knex';
import nodemailer from 'nodemailer';
import supertest from 'supertest';
import { loadConfig } from '../../src/config.ts';
import { migrateLatest } from '../../src/db/migrate.ts';
import { invitationLink } from '../../src/invitations/issue.ts';
import { renderTemplate } from '../../src/mail/templates.ts';
import { invitationMailKind } from '../../src/invitations/mail.ts';
import { startMailWorker } from '../../src/mail/worker.ts';
import { startServer } from '../../src/server.ts';

const N = Number(process.argv[2] ?? 10_000);
const PER_REQUEST = Number(process.argv[3] ?? 500);
const PARALLEL = Number(process.argv[4] ?? 4);
const CONCURRENCY = 50;
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The SMTP server, in a child process: see sink.ts. */
async function startSink() {
  const child = fork(fileURLToPath(new URL('./sink.ts', import.meta.url)), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const [ready] = (await once(child, 'message')) as [{ ready: string }];
  const last = { count: 0, duplicates: 0 };
  return {
    url: ready.ready,
    get count() {
      return last.count;
    },
    get duplicates() {
      return last.duplicates;
    },
    reset() {
      child.send('reset');
    },
    async until(n: number) {
      const reached = new Promise<void>((resolve) => {
        const on = (m: { reached?: number; count: number; duplicates: number }) => {
          if (m.reached !== undefined) {
            Object.assign(last, m);
            child.off('message', on);
            resolve();
          }
        };
        child.on('message', on);
      });
      child.send({ until: n });
      await reached;
    },
    async close() {
      child.send('stop');
      await once(child, 'exit');
    },
  };
}

async function withDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const name = `gh_bench_${randomBytes(4).toString('hex')}`;
  const admin = knexFactory({ client: 'pg', connection: ADMIN_URL, pool: { min: 0, max: 1 } });
  await admin.raw(`create database ${name}`);
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  try {
    return await fn(u.toString());
  } finally {
    await admin.raw(`drop database if exists ${name} with (force)`);
    await admin.destroy();
  }
}

const addresses = Array.from({ length: N }, (_, i) => `bench${i}@example.org`);
const rate = (n: number, ms: number) => `${Math.round((n / ms) * 1000).toLocaleString('en')}/s`;

const sink = await startSink();

// 1. Nodemailer alone: the same mails (same templates, one per address), pooled, same concurrency.
const direct = nodemailer.createTransport({ url: sink.url, pool: true, maxConnections: CONCURRENCY, maxMessages: Infinity });
const t0 = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: CONCURRENCY }, async () => {
    while (next < N) {
      const email = addresses[next++]!;
      const values = { organization: 'Bench', inviter: 'The administrators of Bench', role: 'a member', email, expires: '2030-01-01 00:00 UTC', link: invitationLink('http://gatehouse.test', `ghi_${randomBytes(32).toString('base64url')}`) };
      await direct.sendMail({ from: 'Gatehouse <no-reply@gatehouse.invalid>', to: email, subject: 'The administrators of Bench invited you to join Bench', text: renderTemplate('invitation.txt', values), html: renderTemplate('invitation.html', values) });
    }
  }),
);
await sink.until(N);
const directMs = performance.now() - t0;
direct.close();
sink.reset();

// 2. Through Gatehouse: POST /invitations (outbox) → relay → BullMQ → worker → SMTP.
async function throughGatehouse(drain: boolean) {
  sink.reset();
  return withDatabase(async (databaseUrl) => {
    const db = knexFactory({ client: 'pg', connection: databaseUrl, pool: { min: 0, max: 1 } });
    await migrateLatest(db);
    await db.destroy();
    const bootstrapToken = `boot_${randomBytes(32).toString('base64url')}`;
    const prefix = `gh-bench-${randomBytes(3).toString('hex')}`;
    const config = loadConfig({}, {
      port: 0,
      logLevel: 'silent',
      databaseUrl,
      databasePoolMax: 30,
      bootstrapToken,
      smtpUrl: sink.url,
      publicUrl: 'http://gatehouse.test',
      mailQueuePrefix: prefix,
      mailWorker: !drain,
      mailConcurrency: Number(process.env.BENCH_WORKER_CONCURRENCY ?? CONCURRENCY),
      mailOrgRateLimit: 1_000_000,
      mailRelayBatch: 1000,
      mailRelayIntervalMs: 20,
    });
    const server = await startServer(config);
    let worker: { close(): Promise<void> } | null = null;
    try {
      const api = supertest(server.url);
      const start = performance.now();
      let apiDone = 0;
      const chunks: string[][] = [];
      for (let i = 0; i < N; i += PER_REQUEST) chunks.push(addresses.slice(i, i + PER_REQUEST));
      let c = 0;
      await Promise.all(
        Array.from({ length: PARALLEL }, async () => {
          while (c < chunks.length) {
            const chunk = chunks[c++]!;
            const res = await api.post('/v1/orgs/default/invitations').set('Authorization', `Bearer ${bootstrapToken}`).send({ emails: chunk.join(','), role: 'member' });
            if (res.status !== 200 || res.body.summary.invited !== chunk.length) throw new Error(`invite: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
            apiDone += chunk.length;
          }
        }),
      );
      const apiMs = performance.now() - start;
      let deliverStart = start;
      if (drain) {
        const { db: sdb } = server.deps;
        for (;;) {
          const [{ c: left } = { c: 0 }] = await sdb('mail_outbox').whereNull('relayed_at').count<{ c: number }[]>('* as c');
          if (Number(left) === 0) break;
          await new Promise((r) => setTimeout(r, 50));
        }
        deliverStart = performance.now();
        worker = startMailWorker(config, sdb, server.deps.logger, { invitation: invitationMailKind(config) });
      }
      await sink.until(N);
      const deliverMs = performance.now() - deliverStart;
      await new Promise((r) => setTimeout(r, 1000));
      await sink.until(0); // the final count, after a second in which a duplicate could arrive
      const dupes = sink.duplicates;
      return { apiMs, deliverMs, apiDone, dupes, delivered: sink.count };
    } finally {
      await worker?.close();
      await server.close();
      const { dropQueueKeys } = await import('../../test/mail/helpers/queue-cleanup.ts');
      await dropQueueKeys(config.redisUrl, prefix);
    }
  });
}

// BENCH_ONLY=drain runs the drain alone (for profiling); the figures then leave the others out.
const only = process.env.BENCH_ONLY;
const skipped = { apiMs: NaN, deliverMs: NaN, apiDone: 0, dupes: 0, delivered: 0 };
const together = only === 'drain' ? skipped : await throughGatehouse(false);
const drained = await throughGatehouse(true);
await sink.close();

console.log(`mail benchmark: ${N.toLocaleString('en')} invitations, ${PER_REQUEST} per request, ${PARALLEL} requests in parallel, worker concurrency ${CONCURRENCY}`);
console.log(`  API accepted invitations             ${rate(together.apiDone, together.apiMs).padStart(10)}   (${(together.apiMs / 1000).toFixed(2)} s; ${rate(drained.apiDone, drained.apiMs)} with no worker running)`);
console.log(`  Gatehouse delivered, end to end      ${rate(N, together.deliverMs).padStart(10)}   (${(together.deliverMs / 1000).toFixed(2)} s from the first POST to the last mail)`);
console.log(`  Gatehouse delivered, queue drain     ${rate(N, drained.deliverMs).padStart(10)}   (${(drained.deliverMs / 1000).toFixed(2)} s from worker start to the last mail)`);
console.log(`  nodemailer direct (baseline)         ${rate(N, directMs).padStart(10)}   (${(directMs / 1000).toFixed(2)} s)`);
console.log(`  drain / direct                       ${(directMs / drained.deliverMs).toFixed(2)}×`);
console.log(`  delivered ${together.delivered} + ${drained.delivered}, addresses mailed twice: ${together.dupes + drained.dupes}`);
