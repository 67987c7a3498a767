// Records audit events inside the caller's transaction, so a change and its record commit together.
import type { Knex } from 'knex';
import type { RequestContext } from '../http/actor.ts';
import type { AuditAction } from './events.ts';
import { countEvents, insertEvent, listEvents, type AuditFilter, type AuditRow } from './store.ts';

export interface AuditEntry {
  action: AuditAction;
  target?: { type: string; id: string };
  before?: unknown;
  after?: unknown;
  details?: unknown;
}

/** Who did it when there is no request: the service itself (bootstrap, background jobs). */
export const SYSTEM = { type: 'system', id: null, label: 'gatehouse' } as const;

/** Who did it and from where, as the audit columns record it (also for statements that insert audit rows themselves). */
export function auditContextColumns(ctx: RequestContext | null) {
  const actor = ctx?.actor;
  return {
    actor_type: actor ? (actor.sessionId ? 'session' : actor.type) : SYSTEM.type,
    actor_id: actor ? (actor.type === 'user' ? actor.userId : actor.apiKeyId) : SYSTEM.id,
    actor_label: actor ? actor.label : SYSTEM.label,
    ip: ctx?.ip ?? null,
    request_id: ctx?.requestId ?? null,
  };
}

export async function recordEvent(tx: Knex.Transaction, orgId: string, ctx: RequestContext | null, entry: AuditEntry): Promise<void> {
  await insertEvent(tx, {
    org_id: orgId,
    action: entry.action,
    ...auditContextColumns(ctx),
    target_type: entry.target?.type ?? null,
    target_id: entry.target?.id ?? null,
    before: entry.before,
    after: entry.after,
    details: entry.details,
  });
}

export function presentEvent(r: AuditRow) {
  return {
    id: String(r.id),
    at: r.at.toISOString(),
    action: r.action,
    actor: { type: r.actor_type, id: r.actor_id, label: r.actor_label },
    target: r.target_type ? { type: r.target_type, id: r.target_id } : null,
    before: r.before ?? null,
    after: r.after ?? null,
    details: r.details ?? null,
    ip: r.ip,
    requestId: r.request_id,
  };
}

export async function listAuditEvents(db: Knex, orgId: string, filter: AuditFilter, limit: number) {
  const rows = await listEvents(db, orgId, filter, limit + 1);
  const page = rows.slice(0, limit);
  return { items: page.map(presentEvent), next: rows.length > limit ? String(page[page.length - 1]!.id) : null };
}

/** Yields every matching event in id order, a batch at a time, for NDJSON export. */
export async function* exportAuditEvents(db: Knex, orgId: string, filter: AuditFilter, batch = 1000) {
  let after = filter.after;
  for (;;) {
    const rows = await listEvents(db, orgId, { ...filter, after }, batch);
    for (const r of rows) yield presentEvent(r);
    if (rows.length < batch) return;
    after = rows[rows.length - 1]!.id;
  }
}

/** How many events the organization's trail holds (kept after the organization is deleted). */
export const countAuditEvents = (q: Knex | Knex.Transaction, orgId: string) => countEvents(q, orgId);
