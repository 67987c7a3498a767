// SQL for the binding changes behind recent access versions: the audit events that bindings-service
// writes carry the version their transaction commits as (`details.accessVersion`).
import type { Knex } from 'knex';

export interface BindingEvent {
  version: number;
  action: 'role_binding.created' | 'role_binding.deleted';
  binding: { id: string; subject: { type: 'user' | 'api_key' | 'idp_group'; id: string }; roleId: string; spaceId: string };
}

/** The binding events that produced versions (from, to], oldest first; recent ones only (indexed by org_id, at). */
export async function bindingEventsBetween(q: Knex, orgId: string, from: number, to: number): Promise<BindingEvent[]> {
  const { rows } = await q.raw(
    `select (details->>'accessVersion')::bigint as version, action, coalesce(after, before) as binding
     from audit_events
     where org_id = ? and at > now() - interval '10 minutes'
       and action in ('role_binding.created', 'role_binding.deleted')
       and (details->>'accessVersion')::bigint > ? and (details->>'accessVersion')::bigint <= ?
     order by 1`,
    [orgId, from, to],
  );
  return rows.map((r: BindingEvent) => ({ ...r, version: Number(r.version) }));
}
