// The audit-streaming worker, and the relay's part of audit streaming.
// Relay: numbers the audit records of organizations that have sinks (in commit order, in its own
// transaction), so each sink follows a gap-free cursor. Worker: per sink, fixes the next range as the
// batch in flight (persisted before sending), sends it, and only then moves the cursor past it; a
// failure retries the same range with backoff, forever: no record is skipped. After a crash at most
// that one batch goes again, with the same idempotency key (and, for S3, the same object key).
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { presentEvent } from '../audit/service.ts';
import type { Config } from '../config.ts';
import type { EventsWorker } from '../events/runtime.ts';
import { takeNumbers } from '../events/outbox-store.ts';
import type { RelayBatch } from '../events/relay.ts';
import { PollLoop } from '../lib/poll-loop.ts';
import { OutboundError, sendOutbound } from '../lib/safe-http.ts';
import { nextAttemptDelay } from '../webhooks/dispatcher.ts';
import { buildRequest, maxBatch, type Batch } from './kinds.ts';
import { openSinkSecrets } from './service.ts';
import * as store from './store.ts';

type StreamConfig = Pick<Config, 'encryptionKey' | 'auditSinkBatchMax' | 'auditSinkFlushMs' | 'webhookTimeoutMs' | 'webhookRetryBaseMs' | 'webhookRetryMaxDelayMs'
  | 'webhookAllowHttp' | 'webhookAllowPrivateAddresses' | 'webhookPollIntervalMs'>;

async function numberAuditRecords(tx: Knex.Transaction, batch: RelayBatch): Promise<void> {
  const orgs = await store.orgsWithSinks(tx, [...batch.audit.keys()]);
  if (!orgs.length) return;
  const first = await takeNumbers(tx, 'last_audit_seq', orgs, orgs.map((o) => batch.audit.get(o)!.length));
  await store.insertSequence(tx, orgs.flatMap((o) => batch.audit.get(o)!.map((a, i) => ({ org_id: o, seq: first.get(o)! + i, audit_id: String(a.id) }))));
}

export function auditStreaming(db: Knex, config: StreamConfig, logger: Logger): EventsWorker {
  let lastPrune = 0;
  const slugs = new Map<string, string>();
  const leaseMs = config.webhookTimeoutMs * 2 + 5000;

  async function orgSlug(orgId: string): Promise<string> {
    if (!slugs.has(orgId)) {
      const row = await db('organizations').where('id', orgId).first('slug');
      slugs.set(orgId, String(row?.slug ?? orgId));
    }
    return slugs.get(orgId)!;
  }

  async function serve(s: store.SinkRow): Promise<void> {
    if (!s.batch_from) {
      const waiting = await store.waitingRecords(db, s, maxBatch(s.kind, config.auditSinkBatchMax));
      if (!waiting) return store.releaseUntil(db, s, new Date());
      const due = waiting.oldest.getTime() + config.auditSinkFlushMs;
      // A partial batch gathers for up to auditSinkFlushMs; a full one goes at once.
      if (waiting.count < maxBatch(s.kind, config.auditSinkBatchMax) && due > Date.now()) return store.releaseUntil(db, s, new Date(due));
      await store.fixBatch(db, s, waiting.from, waiting.to);
      s = { ...s, batch_from: waiting.from, batch_to: waiting.to };
    }
    const slug = await orgSlug(s.org_id);
    const records = (await store.batchRecords(db, s.org_id, s.batch_from!, s.batch_to!)).map((r) => ({
      sequence: Number(r.seq), organization: { id: s.org_id, slug }, ...presentEvent(r),
    }));
    const batch: Batch = { sinkId: s.id, orgSlug: slug, from: s.batch_from!, to: s.batch_to!, idempotencyKey: `${s.id}:${s.batch_from}-${s.batch_to}`, records };
    let error: string;
    try {
      const req = buildRequest(s.kind, s.settings, openSinkSecrets(config, s), batch, config.webhookTimeoutMs);
      const answer = await sendOutbound(req, { allowHttp: config.webhookAllowHttp, allowPrivateAddresses: config.webhookAllowPrivateAddresses });
      if (answer.status >= 200 && answer.status < 300) return store.batchSent(db, s);
      error = `answered ${answer.status}: ${answer.snippet.slice(0, 300)}`;
    } catch (err) {
      error = err instanceof OutboundError ? err.message : `could not send: ${(err as Error).message}`;
    }
    logger.warn({ sinkId: s.id, orgId: s.org_id, from: s.batch_from, to: s.batch_to, err: error }, 'audit batch not delivered; it goes again');
    await store.batchFailed(db, s, error.slice(0, 1000), new Date(Date.now() + nextAttemptDelay(config, s.batch_attempts + 1)));
  }

  const loop = new PollLoop('audit streaming', async () => {
    if (Date.now() - lastPrune > 30_000) {
      lastPrune = Date.now();
      await store.pruneSequence(db);
    }
    const sinks = await store.claimSinks(db, 10, leaseMs);
    await Promise.all(sinks.map((s) => serve(s).catch((err: unknown) => logger.warn({ sinkId: s.id, err: (err as Error).message }, 'audit sink step failed; its lease runs out and it goes again'))));
    return sinks.length === 10;
  }, Math.min(config.webhookPollIntervalMs * 2, Math.max(config.auditSinkFlushMs, 20)), logger);

  return {
    subscriber: {
      inTransaction: numberAuditRecords,
      async afterCommit(batch) {
        if (batch.audit.size) loop.wakeUp();
      },
    },
    start: () => loop.start(),
    stop: () => loop.stop(),
  };
}
