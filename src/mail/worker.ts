// The BullMQ worker that delivers mail: concurrency, exponential backoff and bounded attempts come
// from config (the job options set by the relay); stalled jobs (a worker that died) are retried.
import { Worker } from 'bullmq';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { mailProcessor } from './deliver.ts';
import type { MailKinds } from './kinds.ts';
import { MAIL_QUEUE, workerConnection, type MailJob } from './queue.ts';
import { OrgMailRateLimit } from './rate-limit.ts';
import { createMailTransport } from './transport.ts';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());

export interface MailWorker {
  close(): Promise<void>;
}

export function startMailWorker(config: Config, db: Knex, logger: Logger, kinds: MailKinds): MailWorker {
  const connection = workerConnection(config);
  const transport = createMailTransport(config, logger);
  const rateLimit = new OrgMailRateLimit(connection, config.mailQueuePrefix, config.mailOrgRateLimit, config.mailOrgRateWindowMs);
  const deliver = mailProcessor({ db, logger, config, kinds, transport, rateLimit });
  const inFlight = new Set<Promise<unknown>>();
  const tracked: typeof deliver = (job, token) => {
    const p = deliver(job, token);
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p)).catch(() => {});
    return p;
  };
  const worker = new Worker<MailJob>(MAIL_QUEUE, tracked, {
    connection,
    prefix: config.mailQueuePrefix,
    concurrency: config.mailConcurrency,
    lockDuration: config.mailLockMs,
    stalledInterval: config.mailLockMs,
    // A job whose worker died while sending is handed to another worker, not failed: the outbox
    // lease (not this counter) is what keeps it from going out twice.
    maxStalledCount: 1000,
  });
  let reported = false;
  worker.on('error', (err) => {
    if (!reported) logger.warn({ err: err.message }, 'mail worker lost Redis; it reconnects on its own');
    reported = true;
  });
  worker.on('ready', () => {
    reported = false;
  });
  return {
    /** Waits for the mails being sent (bounded by the send timeout), then lets go of Redis and SMTP. */
    async close() {
      const grace = config.mailSendTimeoutMs + 1000;
      // BullMQ's graceful close waits for Redis forever; with Redis down, stop fetching at once.
      const graceful = connection.status === 'ready' ? worker.close().then(() => true, () => false) : Promise.resolve(false);
      if (!(await Promise.race([graceful, sleep(grace).then(() => false)]))) await worker.close(true).catch(() => {});
      await Promise.race([Promise.allSettled([...inFlight]), sleep(grace)]);
      transport.close();
      connection.disconnect();
    },
  };
}
