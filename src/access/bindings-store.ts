// SQL for role bindings, with the names of their subject and role for presenting them.
import type { Knex } from 'knex';

export interface BindingRow {
  id: string;
  org_id: string;
  subject_type: 'user' | 'api_key' | 'idp_group';
  user_id: string | null;
  api_key_id: string | null;
  idp_group_id: string | null;
  role_id: string;
  role_slug: string;
  space_id: string;
  subject_name: string | null;
  created_by: string | null;
  created_at: Date;
}

function selectBindings(q: Knex | Knex.Transaction, orgId: string) {
  return q('role_bindings as b')
    .join('roles as r', (j) => j.on('r.org_id', 'b.org_id').andOn('r.id', 'b.role_id'))
    .leftJoin('users as u', 'u.id', 'b.user_id')
    .leftJoin('api_keys as k', 'k.id', 'b.api_key_id')
    .leftJoin('idp_group_mappings as m', 'm.id', 'b.idp_group_id')
    .where('b.org_id', orgId)
    .select('b.*', 'r.slug as role_slug', q.raw('coalesce(u.user_name::text, k.name, m.name) as subject_name'));
}

export interface BindingFilter {
  /** Only bindings in these spaces (the ones the caller administers); undefined = all. */
  spaceIds?: string[];
  spaceId?: string;
  roleId?: string;
  subjectType?: BindingRow['subject_type'];
  subjectId?: string;
  after?: string;
}

export async function listBindings(q: Knex, orgId: string, f: BindingFilter, limit: number): Promise<BindingRow[]> {
  const query = selectBindings(q, orgId).orderBy('b.id').limit(limit);
  if (f.spaceIds) query.whereRaw('b.space_id = any(?)', [f.spaceIds]);
  if (f.spaceId) query.where('b.space_id', f.spaceId);
  if (f.roleId) query.where('b.role_id', f.roleId);
  if (f.subjectType) query.where('b.subject_type', f.subjectType);
  if (f.subjectId) query.whereRaw('coalesce(b.user_id, b.api_key_id, b.idp_group_id) = ?', [f.subjectId]);
  if (f.after) query.where('b.id', '>', f.after);
  return query;
}

export async function findBinding(q: Knex | Knex.Transaction, orgId: string, id: string): Promise<BindingRow | undefined> {
  return selectBindings(q, orgId).where('b.id', id).first();
}

export type NewBindingRow = Pick<BindingRow, 'org_id' | 'subject_type' | 'user_id' | 'api_key_id' | 'idp_group_id' | 'role_id' | 'space_id' | 'created_by'>;

/** Inserts unless the same (subject, role, space) exists; returns the new id or undefined. */
export async function insertBinding(tx: Knex.Transaction, b: NewBindingRow): Promise<string | undefined> {
  const { rows } = await tx.raw(
    `insert into role_bindings (org_id, subject_type, user_id, api_key_id, idp_group_id, role_id, space_id, created_by)
     values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing returning id`,
    [b.org_id, b.subject_type, b.user_id, b.api_key_id, b.idp_group_id, b.role_id, b.space_id, b.created_by],
  );
  return rows[0]?.id;
}

export async function deleteBinding(tx: Knex.Transaction, orgId: string, id: string): Promise<void> {
  await tx('role_bindings').where({ org_id: orgId, id }).delete();
}

/** Whether a subject exists in the organization, and what kind of API key it is. */
export async function findSubject(q: Knex | Knex.Transaction, orgId: string, type: 'user' | 'api_key', id: string): Promise<{ kind?: string } | undefined> {
  if (type === 'user') return q('users').where({ org_id: orgId, id }).first('id');
  return q('api_keys').where({ org_id: orgId, id }).first('kind');
}
