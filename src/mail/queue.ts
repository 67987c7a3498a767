// The BullMQ queue that carries mail: its name, what a job holds, and how a job retries.
// A job holds ids only: the mail itself (and the link secret in it) stays in PostgreSQL.
import type { JobsOptions } from 'bullmq';
import { Redis } from 'ioredis';
import type { Config } from '../config.ts';

export const MAIL_QUEUE = 'mail';

export interface MailJob {
  outboxId: string;
  orgId: string;
}

export function mailJobOptions(config: Pick<Config, 'mailAttempts' | 'mailBackoffMs'>): JobsOptions {
  return {
    // The outbox row bounds send attempts (mailAttempts); the margin lets a job survive failures
    // that happen before it reaches SMTP (the database briefly unreachable) without being dropped.
    attempts: config.mailAttempts + 5,
    backoff: { type: 'exponential', delay: config.mailBackoffMs },
    // Completed jobs are dropped at once: should a relay add the same outbox id again, the worker
    // finds the outbox row sent and does nothing (PostgreSQL, not Redis, remembers what went out).
    removeOnComplete: true,
    removeOnFail: { age: 7 * 24 * 3600 },
  };
}

/**
 * A connection for the producer side (relay): fails fast while Redis is down, so the relay's
 * transaction rolls back and the rows wait in the outbox instead of in process memory.
 */
export function producerConnection(config: Pick<Config, 'redisUrl'>): Redis {
  const redis = new Redis(config.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false });
  redis.on('error', () => {}); // the relay reports it; ioredis reconnects on its own
  redis.connect().catch(() => {});
  return redis;
}

/** A connection for workers: BullMQ requires maxRetriesPerRequest null on blocking connections. */
export function workerConnection(config: Pick<Config, 'redisUrl'>): Redis {
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: null });
  redis.on('error', () => {});
  return redis;
}
