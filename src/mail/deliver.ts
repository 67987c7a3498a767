// One mail job: check the send request in PostgreSQL, take its lease, render, send, record.
// PostgreSQL, not Redis, decides whether a request has gone out: a job that runs twice (stalled
// worker, relay re-adding after Redis lost its memory) finds the row sent and does nothing.
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { MailKinds } from './kinds.ts';
import { findOutbox, markAttemptFailed, markCancelled, markSent, takeLease, type OutboxRow } from './outbox-store.ts';
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

const FINISHED = new Set(['sent', 'failed', 'cancelled']);

async function later(job: Job<MailJob>, token: string | undefined, at: number): Promise<never> {
  await job.moveToDelayed(at, token);
  throw new DelayedError(); // waiting is not a failed attempt
}

/** Records the send; a commit that fails after SMTP accepted is retried, since a retry of the job would mail again. */
async function recordSent(deps: DeliverDeps, row: OutboxRow, messageId: string): Promise<void> {
  const kind = deps.kinds[row.kind]!;
  for (let attempt = 1; ; attempt++) {
    try {
      await deps.db.transaction(async (tx) => {
        await markSent(tx, row.org_id, row.id, messageId);
        await kind.recordDelivery(tx, row, 'sent', null);
      });
      return;
    } catch (err) {
      if (attempt >= 5) throw err;
      await new Promise((r) => setTimeout(r, 200 * attempt));
    }
  }
}

export function mailProcessor(deps: DeliverDeps) {
  const { db, kinds, transport, rateLimit, logger } = deps;
  const leaseMs = deps.config.mailSendTimeoutMs * 2;

  return async (job: Job<MailJob>, token?: string): Promise<DeliveryOutcome> => {
    const { outboxId, orgId } = job.data;
    const current = await findOutbox(db, orgId, outboxId);
    if (!current || FINISHED.has(current.status)) return 'already_finished';
    const kind = kinds[current.kind];
    if (!kind) throw new UnrecoverableError(`no mail kind "${current.kind}" is registered`);

    const wait = await rateLimit.take(orgId);
    if (wait > 0) return later(job, token, Date.now() + wait);

    const row = await takeLease(db, orgId, outboxId, leaseMs);
    if (!row) {
      // Another worker holds the lease (this job ran twice): come back when it has run out.
      const again = await findOutbox(db, orgId, outboxId);
      if (again?.status === 'sending' && again.lease_until) return later(job, token, again.lease_until.getTime() + 100);
      return 'already_finished';
    }

    const mail = await kind.render(db, row);
    if (!mail) {
      await markCancelled(db, orgId, outboxId);
      return 'cancelled';
    }
    await kind.recordDelivery(db, row, 'sending', null);

    let messageId: string;
    try {
      messageId = (await transport.send({ ...mail, messageId: `<${row.id}@gatehouse>` })).messageId;
    } catch (err) {
      const error = (err as Error).message.slice(0, 1000);
      const final = row.attempts >= deps.config.mailAttempts;
      await db.transaction(async (tx) => {
        await markAttemptFailed(tx, orgId, outboxId, error, final);
        await kind.recordDelivery(tx, row, final ? 'failed' : 'queued', error);
      });
      logger.warn({ outboxId, orgId, attempt: row.attempts, final, err: error }, 'mail not delivered');
      if (final) throw new UnrecoverableError(error);
      throw err;
    }
    await recordSent(deps, row, messageId);
    return 'sent';
  };
}
