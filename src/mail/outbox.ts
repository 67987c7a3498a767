// What other modules call to ask for mail: a row in the outbox, in their own transaction, so the
// mail exists exactly when the change that asked for it commits.
import type { Knex } from 'knex';
import { cancelUnsent, insertOutbox, type NewOutboxRow } from './outbox-store.ts';

export type MailRequest = NewOutboxRow;

/** Returns the outbox id of each request (one per subject). */
export async function requestMails(tx: Knex.Transaction, requests: MailRequest[]): Promise<Map<string, string>> {
  const rows = await insertOutbox(tx, requests);
  return new Map(rows.map((r) => [r.subject_id, r.id]));
}

/** Withdraws the requests for these subjects that have not gone out yet. */
export async function cancelMails(tx: Knex.Transaction, orgId: string, subjectIds: string[]): Promise<void> {
  await cancelUnsent(tx, orgId, subjectIds);
}
