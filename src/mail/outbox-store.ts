// SQL for the mail outbox. Rows are written in the transaction that asks for the mail; the relay
// claims them with FOR UPDATE SKIP LOCKED so several instances never queue the same row together.
import type { Knex } from 'knex';

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'cancelled';

export interface OutboxRow {
  id: string;
  org_id: string;
  kind: string;
  subject_id: string;
  recipient: string;
  payload: Record<string, string>;
  status: OutboxStatus;
  attempts: number;
  last_error: string | null;
  lease_until: Date | null;
  message_id: string | null;
  created_at: Date;
  relayed_at: Date | null;
  relay_count: number;
  finished_at: Date | null;
}

export type NewOutboxRow = Pick<OutboxRow, 'org_id' | 'kind' | 'subject_id' | 'recipient' | 'payload'>;

export async function insertOutbox(tx: Knex.Transaction, rows: NewOutboxRow[]): Promise<{ id: string; subject_id: string }[]> {
  if (!rows.length) return [];
  return tx('mail_outbox')
    .insert(rows.map((r) => ({ ...r, payload: JSON.stringify(r.payload) })))
    .returning(['id', 'subject_id']);
}

/** Requests not yet sent for these subjects are dropped (the subject was resent or revoked). */
export async function cancelUnsent(tx: Knex.Transaction, orgId: string, subjectIds: string[]): Promise<void> {
  if (!subjectIds.length) return;
  await tx('mail_outbox')
    .where('org_id', orgId)
    .whereIn('subject_id', subjectIds)
    .where('status', 'pending')
    .update({ status: 'cancelled', payload: '{}', finished_at: tx.fn.now() });
}

export interface RelayClaim {
  id: string;
  org_id: string;
}

// The relay works across organizations by nature: these two claims are the only unscoped queries.

/** Rows never queued, oldest first, locked for the caller's transaction (skipping rows another relay holds). */
export async function claimUnrelayed(tx: Knex.Transaction, limit: number): Promise<RelayClaim[]> {
  return tx('mail_outbox').select('id', 'org_id').whereNull('relayed_at').orderBy('created_at').limit(limit).forUpdate().skipLocked();
}

/**
 * Rows queued before `relayedBefore` (a moment, or so long ago) and still unfinished, with no live
 * lease: their job may have been lost with Redis' memory. Queuing them again is harmless: BullMQ
 * ignores a job id it still holds.
 */
export async function claimStale(tx: Knex.Transaction, relayedBefore: { olderThanMs: number } | { at: Date }, limit: number): Promise<RelayClaim[]> {
  return tx('mail_outbox')
    .select('id', 'org_id')
    .whereIn('status', ['pending', 'sending'])
    .whereNotNull('relayed_at')
    .where('relayed_at', '<', 'at' in relayedBefore ? relayedBefore.at : tx.raw(`now() - make_interval(secs => ?)`, [relayedBefore.olderThanMs / 1000]))
    .where((w) => w.whereNull('lease_until').orWhere('lease_until', '<', tx.fn.now()))
    .orderBy('relayed_at')
    .limit(limit)
    .forUpdate()
    .skipLocked();
}

/** The database's clock, so a cutoff compares with timestamps the database wrote. */
export async function databaseNow(q: Knex): Promise<Date> {
  const { rows } = await q.raw('select now() as now');
  return rows[0].now as Date;
}

export async function markRelayed(tx: Knex.Transaction, ids: string[]): Promise<void> {
  await tx('mail_outbox').whereIn('id', ids).update({ relayed_at: tx.fn.now(), relay_count: tx.raw('relay_count + 1') });
}

export async function countUnfinished(q: Knex): Promise<{ unrelayed: number; unfinished: number }> {
  const [row] = await q('mail_outbox')
    .whereIn('status', ['pending', 'sending'])
    .select(q.raw('count(*) filter (where relayed_at is null) as unrelayed'), q.raw('count(*) as unfinished'));
  return { unrelayed: Number(row?.unrelayed ?? 0), unfinished: Number(row?.unfinished ?? 0) };
}

export async function findOutbox(q: Knex | Knex.Transaction, orgId: string, id: string): Promise<OutboxRow | undefined> {
  return q<OutboxRow>('mail_outbox').where({ org_id: orgId, id }).first();
}

/**
 * Takes send leases: only a pending row, or a sending row whose worker died (lease over), can be
 * taken. Each row taken (with attempts counted) comes back to the one worker that asked for it;
 * answers are in the order asked, undefined where the lease was not taken.
 */
export async function takeLeases(q: Knex, rows: { orgId: string; id: string }[], leaseMs: number): Promise<(OutboxRow | undefined)[]> {
  const taken: OutboxRow[] = await q('mail_outbox')
    .whereIn(['org_id', 'id'], rows.map((r) => [r.orgId, r.id]))
    .where((w) => w.where('status', 'pending').orWhere((s) => s.where('status', 'sending').where('lease_until', '<', q.fn.now())))
    .update({ status: 'sending', attempts: q.raw('attempts + 1'), lease_until: q.raw(`now() + make_interval(secs => ?)`, [leaseMs / 1000]) })
    .returning('*');
  const byId = new Map(taken.map((r) => [r.id, r]));
  return rows.map((r) => byId.get(r.id));
}

/** Sent: the secret in the payload is no longer needed, so it is not kept. One statement for many. */
export async function markSentMany(q: Knex, rows: { orgId: string; id: string; messageId: string | null }[]): Promise<void> {
  const values = rows.map(() => '(?::uuid, ?::uuid, ?::text)').join(', ');
  await q.raw(
    `update mail_outbox m set status = 'sent', message_id = v.message_id, payload = '{}', lease_until = null, last_error = null, finished_at = now()
       from (values ${values}) as v(org_id, id, message_id)
      where m.org_id = v.org_id and m.id = v.id and m.status = 'sending'`,
    rows.flatMap((r) => [r.orgId, r.id, r.messageId]),
  );
}

/** A failed attempt: back to pending for the next retry, or failed for good. */
export async function markAttemptFailed(tx: Knex | Knex.Transaction, orgId: string, id: string, error: string, final: boolean): Promise<void> {
  await tx('mail_outbox')
    .where({ org_id: orgId, id, status: 'sending' })
    .update({
      status: final ? 'failed' : 'pending',
      last_error: error,
      lease_until: null,
      ...(final ? { payload: '{}', finished_at: tx.fn.now() } : {}),
    });
}

export async function markCancelled(q: Knex | Knex.Transaction, orgId: string, id: string): Promise<void> {
  await q('mail_outbox').where({ org_id: orgId, id }).whereIn('status', ['pending', 'sending']).update({ status: 'cancelled', payload: '{}', lease_until: null, finished_at: q.fn.now() });
}
