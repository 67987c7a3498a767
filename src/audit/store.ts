// SQL for the append-only audit trail. Inserts only; reads are keyset-paginated by id.
import type { Knex } from 'knex';

export interface AuditRow {
  id: number;
  org_id: string;
  at: Date;
  action: string;
  actor_type: string;
  actor_id: string | null;
  actor_label: string | null;
  target_type: string | null;
  target_id: string | null;
  before: unknown;
  after: unknown;
  details: unknown;
  ip: string | null;
  request_id: string | null;
}

export type NewAuditRow = Omit<AuditRow, 'id' | 'at'>;

/**
 * The columns of an audit record that another module's statement inserts together with its target
 * row (one CTE, atomic like a transaction); the organization and target come from that row.
 */
export type InlineAuditRow = Pick<NewAuditRow, 'action' | 'actor_type' | 'actor_id' | 'actor_label' | 'ip' | 'request_id' | 'after'> & { details?: unknown };

export async function insertEvent(q: Knex | Knex.Transaction, row: NewAuditRow): Promise<void> {
  await q('audit_events').insert({
    ...row,
    before: row.before === undefined ? null : JSON.stringify(row.before),
    after: row.after === undefined ? null : JSON.stringify(row.after),
    details: row.details === undefined ? null : JSON.stringify(row.details),
  });
}

export interface AuditFilter {
  after?: number;
  actor?: string;
  action?: string;
  target?: string;
  since?: Date;
  until?: Date;
  /** desc: newest first, and `after` is then the id the page continues below. */
  order?: 'asc' | 'desc';
}

export async function listEvents(q: Knex, orgId: string, f: AuditFilter, limit: number): Promise<AuditRow[]> {
  const desc = f.order === 'desc';
  const query = q<AuditRow>('audit_events').where('org_id', orgId).orderBy('id', desc ? 'desc' : 'asc').limit(limit);
  if (f.after !== undefined) query.where('id', desc ? '<' : '>', f.after);
  if (f.actor) query.where('actor_id', f.actor);
  if (f.action) {
    // "member.*" selects a whole entity's events.
    if (f.action.endsWith('.*')) query.where('action', 'like', `${f.action.slice(0, -1).replace(/[%_\\]/g, '\\$&')}%`);
    else query.where('action', f.action);
  }
  if (f.target) query.where('target_id', f.target);
  if (f.since) query.where('at', '>=', f.since);
  if (f.until) query.where('at', '<', f.until);
  return query;
}

export async function countEvents(q: Knex | Knex.Transaction, orgId: string): Promise<number> {
  const [row] = await q('audit_events').where({ org_id: orgId }).count<{ n: number }[]>('* as n');
  return Number(row?.n ?? 0);
}

/**
 * Removes events older than `before` (of one organization, or of all): migrations/0021's
 * purge_audit_events, which only the schema owner may run and which records the purge itself.
 */
export async function purgeEvents(owner: Knex, orgId: string | null, before: Date, reason: string): Promise<number> {
  const { rows } = await owner.raw('select purge_audit_events(?::uuid, ?::timestamptz, ?) as n', [orgId, before, reason]);
  return Number(rows[0].n);
}
