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

export interface MailWorker {
  close(): Promise<void>;
}

export function startMailWorker(config: Config, db: Knex, logger: Logger, kinds: MailKinds): MailWorker {
  const connection = workerConnection(config);
  const transport = createMailTransport(config, logger);
  const rateLimit = new OrgMailRateLimit(connection, config.mailQueuePrefix, config.mailOrgRateLimit, config.mailOrgRateWindowMs);
  const worker = new Worker<MailJob>(MAIL_QUEUE, mailProcessor({ db, logger, config, kinds, transport, rateLimit }), {
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
    async close() {
      await worker.close();
      transport.close();
      connection.disconnect();
    },
  };
}
