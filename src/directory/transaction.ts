// Directory transactions, retried when PostgreSQL picks them as a deadlock victim or a concurrent
// change invalidated what they locked (issue 13.10: "a retried or 409 answer, never 500"). Locks
// are taken in one order everywhere (users-service.ts), so a retry is rare; when every attempt
// loses, the caller gets a `conflict` to answer 409.
import type { Knex } from 'knex';
import { DirectoryError, RetryTransaction } from './errors.ts';

const ATTEMPTS = 4;
// 40P01 deadlock_detected, 40001 serialization_failure, 55P03 lock_not_available.
const RETRYABLE = new Set(['40P01', '40001', '55P03']);

export function isRetryable(err: unknown): boolean {
  return err instanceof RetryTransaction || RETRYABLE.has((err as { code?: string })?.code ?? '');
}

export async function inTransaction<T>(db: Knex, work: (tx: Knex.Transaction) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(work);
    } catch (err) {
      if (!isRetryable(err)) throw err;
      // Inside a caller's transaction (Bulk's circular references) the outer one has to go back.
      if (db.isTransaction || attempt === ATTEMPTS) {
        throw new DirectoryError('conflict', 'a concurrent change to the same users or groups conflicted with this one; retry the request');
      }
      await new Promise((r) => setTimeout(r, 5 * attempt + Math.random() * 20 * attempt));
    }
  }
}
