// One mail job: take the send request's lease in PostgreSQL, render, send, record. PostgreSQL,
// not Redis, decides whether a request has gone out: a job that runs twice (a stalled worker, a
// relay re-adding after Redis lost its memory) finds the row sent, or leased, and does not send.
// Per mail: a lease and a record, each batched with the other jobs in flight, and a render.
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { MailKinds } from './kinds.ts';
import { Batcher } from './batcher.ts';
import { findOutbox, markAttemptFailed, markCancelled, markSentMany, takeLeases, type OutboxRow } from './outbox-store.ts';
import type { MailJob } from './queue.ts';
import type { OrgMailRateLimit } from './rate-limit.ts';
import type { MailTransport } from './transport.ts';

export interface DeliverDeps {
  db: Knex;
  logger: Logger;
  config: Pick<Config, 'mailAttempts' | 'mailSendTimeoutMs'>;
  kinds: MailKinds;
  transport: MailTransport;
  rateLimit: OrgMailRateLimit;
}

export type DeliveryOutcome = 'sent' | 'already_finished' | 'cancelled';

async function later(job: Job<MailJob>, token: string | undefined, at: number): Promise<never> {
  await job.moveToDelayed(at, token);
  throw new DelayedError(); // waiting is not a failed attempt
}

type SentRecorder = Batcher<{ orgId: string; id: string; messageId: string | null }, undefined>;

/** Records the send. Retried in place when the database hiccups: a retry of the job would mail again. */
async function recordSent(sent: SentRecorder, row: OutboxRow, messageId: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await sent.submit({ orgId: row.org_id, id: row.id, messageId });
    } catch (err) {
      if (attempt >= 5) throw err;
      await new Promise((r) => setTimeout(r, 200 * attempt));
    }
  }
}

export function mailProcessor(deps: DeliverDeps) {
  const { db, kinds, transport, rateLimit, logger } = deps;
  const leaseMs = deps.config.mailSendTimeoutMs * 2;
  const leases = new Batcher((rows: { orgId: string; id: string }[]) => takeLeases(db, rows, leaseMs));
  const sent: SentRecorder = new Batcher(async (rows: { orgId: string; id: string; messageId: string | null }[]) => {
    await markSentMany(db, rows);
    return rows.map(() => undefined);
  });

  /** Leases, renders and sends one mail; `out.delivered` says whether SMTP took it (whatever comes after). */
  async function send(job: Job<MailJob>, token: string | undefined, out: { delivered: boolean }): Promise<DeliveryOutcome> {
    const { outboxId, orgId } = job.data;
    const row = await leases.submit({ orgId, id: outboxId });
    if (!row) {
      // Finished already, or another worker holds the lease (this job ran twice): then come back
      // when the lease has run out, in case that worker died.
      const current = await findOutbox(db, orgId, outboxId);
      if (current?.status === 'sending' && current.lease_until) return later(job, token, current.lease_until.getTime() + 100);
      return 'already_finished';
    }
    const kind = kinds[row.kind];
    if (!kind) throw new UnrecoverableError(`no mail kind "${row.kind}" is registered`);

    const mail = await kind.render(db, row);
    if (!mail) {
      await markCancelled(db, orgId, outboxId);
      return 'cancelled';
    }

    let messageId: string;
    try {
      messageId = (await transport.send({ ...mail, messageId: `<${row.id}@gatehouse>` })).messageId;
    } catch (err) {
      const error = (err as Error).message.slice(0, 1000);
      const final = row.attempts >= deps.config.mailAttempts;
      await markAttemptFailed(db, orgId, outboxId, error, final);
      logger.warn({ outboxId, orgId, attempt: row.attempts, final, err: error }, 'mail not delivered');
      if (final) throw new UnrecoverableError(error);
      throw err;
    }
    out.delivered = true;
    await recordSent(sent, row, messageId);
    return 'sent';
  }

  return async (job: Job<MailJob>, token?: string): Promise<DeliveryOutcome> => {
    const ticket = await rateLimit.take(job.data.orgId);
    if (ticket.waitMs > 0) return later(job, token, Date.now() + ticket.waitMs);
    const out = { delivered: false };
    try {
      return await send(job, token, out);
    } finally {
      // Only a mail that went out counts against its organization's limit.
      if (!out.delivered) await ticket.giveBack().catch((err: unknown) => logger.warn({ err }, 'could not give a mail rate count back'));
    }
  };
}
