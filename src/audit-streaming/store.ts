// SQL of audit streaming: sinks (scoped by organization behind the API), the per-organization
// numbering of audit records that sink cursors follow, and the worker's claims (which serve every
// organization, each row carrying its own).
import type { Knex } from 'knex';
import type { AuditRow } from '../audit/store.ts';

type Q = Knex | Knex.Transaction;

export type SinkKind = 'https' | 'splunk_hec' | 'datadog' | 's3';

export interface SinkRow {
  id: string;
  org_id: string;
  kind: SinkKind;
  name: string;
  settings: Record<string, unknown>;
  secrets_sealed: string | null;
  enabled: boolean;
  cursor_seq: string;
  batch_from: string | null;
  batch_to: string | null;
  batch_attempts: number;
  next_attempt_at: Date;
  lease_until: Date | null;
  last_error: string | null;
  last_error_at: Date | null;
  last_delivered_at: Date | null;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

export type NewSink = Pick<SinkRow, 'org_id' | 'kind' | 'name' | 'settings' | 'secrets_sealed' | 'created_by'>;

/** A new sink starts after the organization's latest audit record: it receives what happens from now on. */
export async function insertSink(tx: Knex.Transaction, s: NewSink): Promise<SinkRow> {
  const { rows } = await tx.raw(
    `insert into audit_sinks (org_id, kind, name, settings, secrets_sealed, created_by, cursor_seq)
     values (?, ?, ?, ?::jsonb, ?, ?, coalesce((select last_audit_seq from event_counters where org_id = ?), 0))
     returning *`,
    [s.org_id, s.kind, s.name, JSON.stringify(s.settings), s.secrets_sealed, s.created_by, s.org_id],
  );
  return rows[0] as SinkRow;
}

export async function findSink(q: Q, orgId: string, id: string, lock = false): Promise<SinkRow | undefined> {
  const query = q<SinkRow>('audit_sinks').where({ org_id: orgId, id }).first();
  return lock ? query.forUpdate() : query;
}

export async function listSinks(q: Q, orgId: string): Promise<SinkRow[]> {
  return q<SinkRow>('audit_sinks').where('org_id', orgId).orderBy([{ column: 'created_at' }, { column: 'id' }]).limit(100);
}

export async function updateSink(q: Q, orgId: string, id: string, patch: Partial<Pick<SinkRow, 'name' | 'settings' | 'secrets_sealed' | 'enabled'>>): Promise<SinkRow> {
  const values = { ...patch, ...(patch.settings ? { settings: JSON.stringify(patch.settings) } : {}), updated_at: q.fn.now() };
  const [row] = await q<SinkRow>('audit_sinks').where({ org_id: orgId, id }).update(values as never).returning('*');
  return row!;
}

export async function deleteSink(q: Q, orgId: string, id: string): Promise<void> {
  await q('audit_sinks').where({ org_id: orgId, id }).delete();
}

/** Records still to send: how far behind a sink is (for its GET). */
export async function backlog(q: Q, orgId: string, cursor: string): Promise<number> {
  const { rows } = await q.raw('select count(*)::int as n from audit_sequence where org_id = ? and seq > ?', [orgId, cursor]);
  return rows[0].n as number;
}

// ── the relay's part ───────────────────────────────────────────────────────────────────────────

export async function orgsWithSinks(tx: Knex.Transaction, orgIds: string[]): Promise<string[]> {
  const { rows } = await tx.raw('select distinct org_id from audit_sinks where org_id = any(?::uuid[])', [orgIds]);
  return (rows as { org_id: string }[]).map((r) => r.org_id);
}

export async function insertSequence(tx: Knex.Transaction, rows: { org_id: string; seq: number; audit_id: string }[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) await tx('audit_sequence').insert(rows.slice(i, i + 1000));
}

// ── the worker's part ──────────────────────────────────────────────────────────────────────────

/** Sinks with a batch in flight or records waiting, due, and not leased by another worker. */
export async function claimSinks(q: Knex, limit: number, leaseMs: number): Promise<SinkRow[]> {
  const { rows } = await q.raw(
    `update audit_sinks s set lease_until = now() + make_interval(secs => ?)
      where s.id in (
        select c.id from audit_sinks c
         where c.enabled and c.next_attempt_at <= now() and (c.lease_until is null or c.lease_until < now())
           and (c.batch_from is not null or exists (select 1 from audit_sequence q where q.org_id = c.org_id and q.seq > c.cursor_seq))
         order by c.next_attempt_at limit ? for update skip locked)
     returning *`,
    [leaseMs / 1000, limit],
  );
  return rows as SinkRow[];
}

export interface Waiting {
  from: string;
  to: string;
  count: number;
  oldest: Date;
}

export async function waitingRecords(q: Knex, s: SinkRow, max: number): Promise<Waiting | null> {
  const { rows } = await q.raw(
    `select min(seq)::text as "from", max(seq)::text as "to", count(*)::int as count, min(recorded_at) as oldest
       from (select seq, recorded_at from audit_sequence where org_id = ? and seq > ? order by seq limit ?) w`,
    [s.org_id, s.cursor_seq, max],
  );
  return rows[0]?.count ? (rows[0] as Waiting) : null;
}

/** Fixes the batch before it is sent: after a crash the same range goes again, with the same key. */
export async function fixBatch(q: Knex, s: SinkRow, from: string, to: string): Promise<void> {
  await q('audit_sinks').where({ id: s.id, org_id: s.org_id }).update({ batch_from: from, batch_to: to });
}

export async function batchRecords(q: Knex, orgId: string, from: string, to: string): Promise<(AuditRow & { seq: string })[]> {
  const { rows } = await q.raw(
    `select a.*, q.seq::text as seq from audit_sequence q join audit_events a on a.id = q.audit_id and a.org_id = q.org_id
      where q.org_id = ? and q.seq between ? and ? order by q.seq`,
    [orgId, from, to],
  );
  return rows as (AuditRow & { seq: string })[];
}

export async function batchSent(q: Knex, s: SinkRow): Promise<void> {
  await q('audit_sinks').where({ id: s.id, org_id: s.org_id, batch_to: s.batch_to }).update({
    cursor_seq: s.batch_to!, batch_from: null, batch_to: null, batch_attempts: 0, last_error: null, last_delivered_at: q.fn.now(), lease_until: null, next_attempt_at: q.fn.now(),
  });
}

export async function batchFailed(q: Knex, s: SinkRow, error: string, retryAt: Date): Promise<void> {
  await q('audit_sinks').where({ id: s.id, org_id: s.org_id }).update({
    batch_attempts: q.raw('batch_attempts + 1'), last_error: error, last_error_at: q.fn.now(), lease_until: null, next_attempt_at: retryAt,
  });
}

/** Nothing to send yet (a partial batch still gathering): come back when it is due. */
export async function releaseUntil(q: Knex, s: SinkRow, at: Date): Promise<void> {
  await q('audit_sinks').where({ id: s.id, org_id: s.org_id }).update({ lease_until: null, next_attempt_at: at });
}

/** Numbers every sink of an organization has passed, and those of organizations without sinks, go. */
export async function pruneSequence(q: Knex): Promise<void> {
  await q.raw(`delete from audit_sequence q using (select org_id, min(cursor_seq) as m from audit_sinks group by org_id) c
                where q.org_id = c.org_id and q.seq <= c.m`);
  await q.raw('delete from audit_sequence q where not exists (select 1 from audit_sinks s where s.org_id = q.org_id)');
}
