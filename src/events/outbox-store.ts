// SQL of the relay: claim whole transactions from the outbox, number and record their events, and
// let the outbox rows go. Works across organizations by nature (it serves them all); every row it
// writes carries its organization.
import type { Knex } from 'knex';
import type { AuditRow } from '../audit/store.ts';
import type { OutboxRow } from './derive.ts';

type Tx = Knex.Transaction;

// Any constant: one relay at a time per database, whichever instance takes it.
const RELAY_LOCK = 0x6768_6576; // "ghev"

/** Whether this transaction is the relay's (the lock goes with the transaction). */
export async function takeRelayLock(tx: Tx): Promise<boolean> {
  const { rows } = await tx.raw('select pg_try_advisory_xact_lock(?) as got', [RELAY_LOCK]);
  return rows[0].got === true;
}

/** A transaction with more rows than this is relayed in chunks (a bulk load must not be held in memory whole). */
export const HUGE_TRANSACTION = 5000;

export interface Claim {
  rows: OutboxRow[];
  /** For a chunk of a huge transaction: the audit record that names its actor (relayed with the last chunk). */
  actorAuditId: string | null;
}

const ROW = 'id::text, tx::text, org_id, source, audit_id::text, old, new, at';

/**
 * The oldest transactions, whole, up to about `limit` rows: a transaction is relayed whole (its audit
 * record gives its row changes their actor; its memberships become one event per group). Committed
 * rows only: an open transaction's rows are invisible until it commits. The oldest transaction, when
 * it is huge, comes in chunks in outbox order: first its row changes, last its audit records and
 * memberships (so the actor stays known, and memberships still merge).
 */
export async function claimTransactions(tx: Tx, limit: number): Promise<Claim> {
  const { rows: sizes } = await tx.raw(
    `select tx::text, count(*)::int as n from event_outbox where tx in (select tx from event_outbox order by id limit ?)
      group by tx order by min(id)`,
    [limit],
  );
  const txs = sizes as { tx: string; n: number }[];
  if (!txs.length) return { rows: [], actorAuditId: null };
  if (txs[0]!.n > HUGE_TRANSACTION) {
    const big = txs[0]!.tx;
    const { rows } = await tx.raw(
      `select ${ROW} from event_outbox where tx = ?::xid8 and audit_id is null and source not like 'members_%' order by event_outbox.id limit ?`,
      [big, HUGE_TRANSACTION],
    );
    if (rows.length) {
      const { rows: actor } = await tx.raw(`select audit_id::text from event_outbox where tx = ?::xid8 and audit_id is not null order by id limit 1`, [big]);
      return { rows: rows as OutboxRow[], actorAuditId: (actor[0]?.audit_id as string | undefined) ?? null };
    }
    const { rows: last } = await tx.raw(`select ${ROW} from event_outbox where tx = ?::xid8 order by event_outbox.id`, [big]);
    return { rows: last as OutboxRow[], actorAuditId: null };
  }
  // Whole transactions in commit order, stopping before a huge one (it goes alone, next time).
  const whole: string[] = [];
  let total = 0;
  for (const t of txs) {
    if (t.n > HUGE_TRANSACTION || (whole.length && total + t.n > HUGE_TRANSACTION)) break;
    whole.push(t.tx);
    total += t.n;
  }
  const { rows } = await tx.raw(`select ${ROW} from event_outbox where tx = any(?::xid8[]) order by event_outbox.id`, [whole]);
  return { rows: rows as OutboxRow[], actorAuditId: null };
}

export async function deleteOutboxRows(tx: Tx, ids: string[]): Promise<void> {
  if (ids.length) await tx.raw('delete from event_outbox where id = any(?::bigint[])', [ids]);
}

export async function loadAuditRows(tx: Tx, ids: string[]): Promise<AuditRow[]> {
  if (!ids.length) return [];
  const { rows } = await tx.raw('select * from audit_events where id = any(?::bigint[])', [ids]);
  return rows as AuditRow[];
}

/** Slugs of the organizations that still exist (rows of a deleted one are dropped). */
export async function organizationSlugs(tx: Tx, orgIds: string[]): Promise<Map<string, string>> {
  const { rows } = await tx.raw('select id, slug from organizations where id = any(?::uuid[])', [orgIds]);
  return new Map((rows as { id: string; slug: string }[]).map((r) => [r.id, r.slug]));
}

export async function currentGroups(tx: Tx, keys: { orgId: string; groupId: string }[]): Promise<Record<string, unknown>[]> {
  if (!keys.length) return [];
  const { rows } = await tx.raw(
    `select g.* from groups g join unnest(?::uuid[], ?::uuid[]) k(org_id, id) on g.org_id = k.org_id and g.id = k.id`,
    [keys.map((k) => k.orgId), keys.map((k) => k.groupId)],
  );
  return rows as Record<string, unknown>[];
}

/**
 * Hands out `counts[i]` numbers to organization `orgIds[i]`; returns the first number of each.
 * Only the relay writes these rows, so numbering never makes two changes wait for each other.
 */
export async function takeNumbers(tx: Tx, column: 'last_event_seq' | 'last_audit_seq', orgIds: string[], counts: number[]): Promise<Map<string, number>> {
  if (!orgIds.length) return new Map();
  const { rows } = await tx.raw(
    `insert into event_counters as c (org_id, ${column}) select * from unnest(?::uuid[], ?::bigint[])
     on conflict (org_id) do update set ${column} = c.${column} + excluded.${column}
     returning org_id, ${column} as last`,
    [orgIds, counts],
  );
  const last = new Map((rows as { org_id: string; last: string }[]).map((r) => [r.org_id, Number(r.last)]));
  return new Map(orgIds.map((id, i) => [id, last.get(id)! - counts[i]! + 1]));
}

export interface EventRecord {
  org_id: string;
  seq: number;
  id: string;
  type: string;
  order_key: string;
  occurred_at: Date;
  body: string;
}

export async function insertEvents(tx: Tx, events: EventRecord[]): Promise<void> {
  for (let i = 0; i < events.length; i += 500) await tx('events').insert(events.slice(i, i + 500));
}

/** Retention: drops events recorded before the cut-off, a bounded batch at a time; returns how many. */
export async function pruneEvents(q: Knex, olderThanDays: number, limit: number): Promise<number> {
  const { rows } = await q.raw(
    `with gone as (
       delete from events where (org_id, seq) in (
         select org_id, seq from events where recorded_at < now() - make_interval(days => ?) order by recorded_at limit ?)
       returning org_id, seq
     ), marked as (
       update event_counters c set pruned_through = greatest(c.pruned_through, g.last)
         from (select org_id, max(seq) as last from gone group by org_id) g where c.org_id = g.org_id
     )
     select count(*)::int as n from gone`,
    [olderThanDays, limit],
  );
  return rows[0].n as number;
}

export async function countOutbox(q: Knex): Promise<number> {
  const { rows } = await q.raw('select count(*)::int as n from event_outbox');
  return rows[0].n as number;
}
