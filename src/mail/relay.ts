// Moves outbox rows into the BullMQ queue, with the outbox id as job id. A row is claimed with
// FOR UPDATE SKIP LOCKED and marked relayed in the same transaction, after the add succeeded:
// if Redis is down the transaction rolls back and the rows wait; if this process dies between the
// add and the commit, the next claim adds the same job id again: BullMQ ignores an id it still
// holds, and a job for a row already sent finds it sent in PostgreSQL and sends nothing.
import type { Queue } from 'bullmq';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { claimStale, claimUnrelayed, databaseNow, markRelayed, type RelayClaim } from './outbox-store.ts';
import { mailJobOptions, type MailJob } from './queue.ts';
import type { Config } from '../config.ts';

type RelayConfig = Pick<Config, 'mailRelayIntervalMs' | 'mailRelayBatch' | 'mailRedeliverAfterMs' | 'mailAttempts' | 'mailBackoffMs' | 'mailSendTimeoutMs'>;

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, expired]).finally(() => clearTimeout(timer));
}

export class OutboxRelay {
  /** The last failure to reach the queue, cleared by the next success (read by /readyz). */
  lastError: string | null = null;
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private lastStaleSweep = 0;
  private requeueRequested = false;

  constructor(
    private readonly db: Knex,
    private readonly queue: Queue<MailJob>,
    /** Whether the queue's Redis connection is up; BullMQ waits (forever) for one that is not. */
    private readonly queueReachable: () => string | null,
    private readonly config: RelayConfig,
    private readonly logger: Logger,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Finishes the batch in hand, then stops. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  /**
   * Redis came back without its memory (mailer.ts sees a new run_id): every job it held is lost, so
   * every unfinished row queued so far goes into the queue again now, not when the stale sweep
   * would find it minutes later. Rows whose job survived are harmless to add again (same job id).
   */
  requeueLost(): void {
    this.requeueRequested = true;
    this.wake?.();
  }

  /** Relays one batch; returns how many rows went into the queue. */
  async relayOnce(): Promise<number> {
    let n = await this.relay((tx) => claimUnrelayed(tx, this.config.mailRelayBatch));
    if (this.requeueRequested) {
      this.requeueRequested = false;
      try {
        const at = await databaseNow(this.db);
        let batch: number;
        do {
          batch = await this.relay((tx) => claimStale(tx, { at }, this.config.mailRelayBatch));
          n += batch;
        } while (batch === this.config.mailRelayBatch);
      } catch (err) {
        this.requeueRequested = true; // Redis went away again: the next success does it
        throw err;
      }
    }
    if (Date.now() - this.lastStaleSweep >= this.config.mailRedeliverAfterMs / 2) {
      n += await this.relay((tx) => claimStale(tx, { olderThanMs: this.config.mailRedeliverAfterMs }, this.config.mailRelayBatch));
      this.lastStaleSweep = Date.now();
    }
    return n;
  }

  private async relay(claim: (tx: Knex.Transaction) => Promise<RelayClaim[]>): Promise<number> {
    const down = this.queueReachable();
    if (down) throw new Error(down);
    return this.db.transaction(async (tx) => {
      const rows = await claim(tx);
      if (!rows.length) return 0;
      const opts = mailJobOptions(this.config);
      // Should the add outlive the timeout and succeed anyway, the rows are added again later: same
      // job ids, so nothing is sent twice (see above).
      await withTimeout(
        this.queue.addBulk(rows.map((r) => ({ name: 'mail', data: { outboxId: r.id, orgId: r.org_id }, opts: { ...opts, jobId: r.id } }))),
        this.config.mailSendTimeoutMs,
        'adding mail jobs to the queue',
      );
      await markRelayed(tx, rows.map((r) => r.id));
      return rows.length;
    });
  }

  private async run(): Promise<void> {
    while (this.running) {
      let full = false;
      try {
        const n = await this.relayOnce();
        full = n >= this.config.mailRelayBatch;
        if (this.lastError) this.logger.info('mail queue reachable again: relaying the outbox');
        this.lastError = null;
      } catch (err) {
        const message = (err as Error).message;
        if (this.lastError === null) this.logger.warn({ err: message }, 'mail queue unreachable: mails wait in the outbox');
        this.lastError = message;
      }
      if (!full && this.running) await this.sleep(this.config.mailRelayIntervalMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
