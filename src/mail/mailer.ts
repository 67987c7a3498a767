// The mail machinery of one instance: the outbox relay (always) and a worker (unless mailWorker
// is false), with a readiness check and an orderly stop.
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { ReadinessCheck } from '../app-deps.ts';
import type { Config } from '../config.ts';
import type { MailKinds } from './kinds.ts';
import { countUnfinished } from './outbox-store.ts';
import { MAIL_QUEUE, producerConnection, type MailJob } from './queue.ts';
import { OutboxRelay } from './relay.ts';
import { startMailWorker, type MailWorker } from './worker.ts';

export interface Mailer {
  readonly relay: OutboxRelay;
  /** Degraded (not unready) while the queue is unreachable: mail waits in the outbox. */
  readonly readiness: ReadinessCheck;
  close(): Promise<void>;
}

/**
 * Redis without persistence (or a failover to a replica that lagged) comes back without the jobs it
 * held. Its run_id changes with every start: on each (re)connection with a run_id not seen before,
 * including the first, the relay queues every unfinished row again (relay.ts, requeueLost).
 */
function requeueWhenRedisRestarts(connection: Redis, relay: OutboxRelay, logger: Logger): void {
  let runId: string | null = null;
  connection.on('ready', () => {
    connection.info('server').then(
      (info) => {
        const id = /^run_id:(\w+)/m.exec(info)?.[1] ?? null;
        if (id && id === runId) return;
        if (runId) logger.warn('the mail queue\'s Redis restarted: queuing every unfinished mail again');
        runId = id;
        relay.requeueLost();
      },
      () => {},
    );
  });
}

export function startMailer(config: Config, db: Knex, logger: Logger, kinds: MailKinds): Mailer {
  if (!config.smtpUrl && config.mailWorker) {
    logger.warn({ mailDir: config.mailDir }, 'SMTP_URL is not set: mails are written as .eml files (and their links logged) instead of being sent');
  }
  const connection = producerConnection(config);
  const queue = new Queue<MailJob>(MAIL_QUEUE, { connection, prefix: config.mailQueuePrefix });
  queue.on('error', () => {}); // the relay reports unreachable Redis
  const reachable = () => (connection.status === 'ready' ? null : `redis connection is ${connection.status}`);
  const relay = new OutboxRelay(db, queue, reachable, config, logger);
  requeueWhenRedisRestarts(connection, relay, logger);
  relay.start();
  const worker: MailWorker | null = config.mailWorker ? startMailWorker(config, db, logger, kinds) : null;

  return {
    relay,
    readiness: {
      name: 'mail_queue',
      critical: false,
      async check() {
        if (connection.status !== 'ready' || relay.lastError) {
          const { unrelayed } = await countUnfinished(db);
          throw new Error(`queue unreachable (${relay.lastError ?? `redis connection is ${connection.status}`}); ${unrelayed} mails wait in the outbox`);
        }
      },
    },
    async close() {
      await relay.stop();
      await worker?.close();
      await queue.close().catch(() => {});
      connection.disconnect();
    },
  };
}
