// Turns the outbox rows of committed transactions into catalogue events (pure: the relay loads what
// is needed and writes what comes out). One transaction's rows are always handled together, so a
// row image gets the actor of the audit record written beside it, and the memberships a request
// changed become one event per group and direction whatever number of statements it took.
import type { AuditRow } from '../audit/store.ts';
import { FROM_AUDIT, type EventType } from './catalogue.ts';
import { changedFields, pick, presentEndedSession, presentGroupRow, presentUserRow } from './present.ts';

export type OutboxSource = 'audit' | 'user' | 'group' | 'members_added' | 'members_removed' | 'session_ended';

export interface OutboxRow {
  id: string;
  tx: string;
  org_id: string;
  source: OutboxSource;
  audit_id: string | null;
  old: Record<string, unknown> | null;
  new: Record<string, unknown> | null;
  at: Date;
}

export interface EventActor {
  type: string;
  id: string | null;
  label: string | null;
}

export interface DerivedEvent {
  orgId: string;
  type: EventType;
  subject: { type: string; id: string };
  /** Deliveries with the same key reach a subscription in order (a person's sessions go with the person). */
  orderKey: string;
  occurredAt: Date;
  actor: EventActor;
  requestId: string | null;
  data: Record<string, unknown>;
}

export interface Derived {
  events: DerivedEvent[];
  /** Audit record ids per organization, in commit order (for audit streaming). */
  audit: Map<string, string[]>;
}

const SYSTEM_ACTOR: EventActor = { type: 'system', id: null, label: 'gatehouse' };
const NOT_PROFILE = ['role', 'active', 'updatedAt', 'createdAt'];

type Row = Record<string, unknown>;
type Base = Pick<DerivedEvent, 'orgId' | 'occurredAt' | 'actor' | 'requestId'>;

function created(base: Base, type: EventType, subjectType: string, object: Row & { id: string }): DerivedEvent {
  return { ...base, type, subject: { type: subjectType, id: object.id }, orderKey: `${subjectType}:${object.id}`, data: { object, changed: Object.keys(object), previous: null } };
}

function updated(base: Base, type: EventType, subjectType: string, before: Row, object: Row & { id: string }, changed: string[]): DerivedEvent {
  return { ...base, type, subject: { type: subjectType, id: object.id }, orderKey: `${subjectType}:${object.id}`, data: { object, changed, previous: pick(before, changed) } };
}

function deleted(base: Base, type: EventType, subjectType: string, object: Row & { id: string }): DerivedEvent {
  return { ...base, type, subject: { type: subjectType, id: object.id }, orderKey: `${subjectType}:${object.id}`, data: { object, changed: [], previous: null } };
}

function fromUserRow(base: Base, r: OutboxRow): DerivedEvent[] {
  if (!r.old) return [created(base, 'user.created', 'user', presentUserRow(r.new!))];
  if (!r.new) return [deleted(base, 'user.deleted', 'user', presentUserRow(r.old))];
  const before = presentUserRow(r.old);
  const after = presentUserRow(r.new);
  const out: DerivedEvent[] = [];
  const profile = changedFields(before, after, NOT_PROFILE);
  if (profile.length) out.push(updated(base, 'user.updated', 'user', before, after, profile));
  if (before.role !== after.role) out.push(updated(base, 'member.role_changed', 'user', before, after, ['role']));
  if (before.active !== after.active) out.push(updated(base, after.active ? 'user.restored' : 'user.suspended', 'user', before, after, ['active']));
  return out;
}

function fromGroupRow(base: Base, r: OutboxRow): DerivedEvent[] {
  if (!r.old) return [created(base, 'group.created', 'group', presentGroupRow(r.new!))];
  if (!r.new) return [deleted(base, 'group.deleted', 'group', presentGroupRow(r.old))];
  const before = presentGroupRow(r.old);
  const after = presentGroupRow(r.new);
  const changed = changedFields(before, after, ['updatedAt', 'createdAt']);
  return changed.length ? [updated(base, 'group.updated', 'group', before, after, changed)] : [];
}

function fromAudit(base: Base, a: AuditRow): DerivedEvent | null {
  const type = FROM_AUDIT[a.action as keyof typeof FROM_AUDIT];
  if (!type || !a.target_type || !a.target_id) return null;
  const before = (a.before ?? null) as Row | null;
  const after = (a.after ?? null) as Row | null;
  const id = a.target_id;
  const subject = { type: a.target_type, id };
  if (type === 'session.created') {
    const details = (a.details ?? {}) as Row;
    const object = { id, ...after, connectionId: details.connectionId ?? null, protocol: details.protocol ?? null, createdAt: a.at.toISOString() };
    return { ...base, type, subject, orderKey: `user:${String(after?.userId ?? a.actor_id)}`, data: { object, changed: Object.keys(object), previous: null } };
  }
  if (type.endsWith('.deleted')) return deleted(base, type, a.target_type, { ...before, id });
  const object = { ...before, ...after, id };
  // A creation sets every field; a change those that differ; a notice (a certificate expiring) none.
  const changed = before ? changedFields(before, object) : type.endsWith('.created') ? Object.keys(object) : [];
  return { ...base, type, subject, orderKey: `${a.target_type}:${id}`, data: { object, changed, previous: before ? pick(before, changed) : null, ...extra(a) } };
}

/** What an audit record says besides the resource that a consumer needs (the certificate's expiry). */
function extra(a: AuditRow): Row {
  return a.action === 'sso_connection.certificate_expiring' || a.action === 'webhook.disabled' ? { ...(a.details as Row) } : {};
}

interface MemberDelta {
  first: number;
  base: Base;
  groupId: string;
  added: Set<string>;
  removed: Set<string>;
  /** Member groups (nesting), apart from people. */
  addedGroups: Set<string>;
  removedGroups: Set<string>;
}

/**
 * @param groups the current state of groups whose memberships changed, by `${orgId}:${groupId}`
 *   (a membership event shows its group; a group renamed in the same transaction shows its new name).
 * @param chunkActor for a chunk of a huge transaction: the audit record that names its actor.
 */
export function deriveEvents(rows: OutboxRow[], audits: Map<string, AuditRow>, groups: Map<string, Row>, chunkActor?: AuditRow): Derived {
  const byTx = new Map<string, OutboxRow[]>();
  for (const r of rows) (byTx.get(r.tx) ?? byTx.set(r.tx, []).get(r.tx)!).push(r);
  const ordered: { at: number; event: DerivedEvent }[] = [];
  const audit = new Map<string, string[]>();

  for (const txRows of byTx.values()) {
    const firstAudit = chunkActor ?? txRows.map((r) => (r.audit_id ? audits.get(r.audit_id) : undefined)).find(Boolean);
    const txActor = firstAudit ? { type: firstAudit.actor_type, id: firstAudit.actor_id, label: firstAudit.actor_label } : SYSTEM_ACTOR;
    const deletedUsers = new Set(txRows.filter((r) => r.source === 'user' && !r.new).map((r) => String(r.old!.id)));
    const deletedGroups = new Set(txRows.filter((r) => r.source === 'group' && !r.new).map((r) => String(r.old!.id)));
    const members = new Map<string, MemberDelta>();

    for (const r of txRows) {
      const at = Number(r.id);
      const base: Base = { orgId: r.org_id, occurredAt: r.at, actor: txActor, requestId: firstAudit?.request_id ?? null };
      const push = (events: DerivedEvent[]) => events.forEach((event) => ordered.push({ at, event }));
      if (r.source === 'audit') {
        const a = audits.get(r.audit_id!);
        if (!a) continue;
        (audit.get(r.org_id) ?? audit.set(r.org_id, []).get(r.org_id)!).push(String(a.id));
        const e = fromAudit({ ...base, actor: { type: a.actor_type, id: a.actor_id, label: a.actor_label }, requestId: a.request_id, occurredAt: a.at }, a);
        if (e) push([e]);
      } else if (r.source === 'user') push(fromUserRow(base, r));
      else if (r.source === 'group') push(fromGroupRow(base, r));
      else if (r.source === 'session_ended') {
        const object = presentEndedSession(r.new!);
        push([{ ...base, type: 'session.ended', subject: { type: 'session', id: object.id }, orderKey: `user:${object.userId}`, data: { object, reason: object.reason, changed: ['endedAt', 'reason'], previous: null } }]);
      } else {
        const { groupId, userIds = [], groupIds = [] } = r.new as { groupId: string; userIds?: string[]; groupIds?: string[] };
        const key = `${r.org_id}:${groupId}`;
        const d = members.get(key) ?? members.set(key, { first: at, base, groupId, added: new Set(), removed: new Set(), addedGroups: new Set(), removedGroups: new Set() }).get(key)!;
        // The net change of the request: an id added then removed in the same transaction is neither.
        const adding = r.source === 'members_added';
        const net = (ids: string[], added: Set<string>, removed: Set<string>) => {
          const [into, outOf] = adding ? [added, removed] : [removed, added];
          for (const id of ids) if (!outOf.delete(id)) into.add(id);
        };
        net(userIds, d.added, d.removed);
        net(groupIds, d.addedGroups, d.removedGroups);
      }
    }

    for (const d of members.values()) {
      // A deleted group or person takes its memberships along: group.deleted / user.deleted say it all.
      if (deletedGroups.has(d.groupId)) continue;
      const group = groups.get(`${d.base.orgId}:${d.groupId}`) ?? { id: d.groupId };
      const removed = [...d.removed].filter((id) => !deletedUsers.has(id));
      const removedGroups = [...d.removedGroups].filter((id) => !deletedGroups.has(id));
      for (const [type, ids, groupIds] of [['group.members_added', [...d.added], [...d.addedGroups]], ['group.members_removed', removed, removedGroups]] as const) {
        if (!ids.length && !groupIds.length) continue;
        // `groupIds` only when groups were nested or un-nested: their people's teams changed too.
        const nested = groupIds.length ? { groupIds } : {};
        ordered.push({ at: d.first, event: { ...d.base, type, subject: { type: 'group', id: d.groupId }, orderKey: `group:${d.groupId}`, data: { object: group, userIds: ids, ...nested, count: ids.length } } });
      }
    }
  }
  // Stable: events of one outbox row keep their order; rows keep the order they were written in.
  ordered.sort((x, y) => x.at - y.at);
  return { events: ordered.map((o) => o.event), audit };
}
