// SQL for roles: the three predefined rows of each organization and its custom roles.
import type { Knex } from 'knex';

export interface RoleRow {
  id: string;
  org_id: string;
  slug: string;
  name: string;
  description: string;
  actions: string[];
  predefined: boolean;
  created_at: Date;
  updated_at: Date;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function listRoles(q: Knex, orgId: string): Promise<RoleRow[]> {
  return q<RoleRow>('roles').where({ org_id: orgId }).orderBy([{ column: 'predefined', order: 'desc' }, { column: 'slug' }]).limit(10_000);
}

/** A role by id or by slug (login policies and the API name roles either way, seed 004). */
export async function findRole(q: Knex | Knex.Transaction, orgId: string, ref: string): Promise<RoleRow | undefined> {
  return q<RoleRow>('roles').where({ org_id: orgId }).where(UUID.test(ref) ? { id: ref } : { slug: ref }).first();
}

export async function insertRole(tx: Knex.Transaction, r: Pick<RoleRow, 'org_id' | 'slug' | 'name' | 'description' | 'actions'>): Promise<RoleRow | undefined> {
  const rows = await tx('roles').insert({ ...r, predefined: false }).onConflict(['org_id', 'slug']).ignore().returning('*');
  return rows[0] as RoleRow | undefined;
}

export async function updateRole(tx: Knex.Transaction, orgId: string, id: string, patch: Partial<Pick<RoleRow, 'name' | 'description' | 'actions'>>): Promise<RoleRow> {
  const [row] = await tx('roles').where({ org_id: orgId, id, predefined: false }).update({ ...patch, updated_at: tx.fn.now() }).returning('*');
  return row as RoleRow;
}

export async function countRoleBindings(q: Knex | Knex.Transaction, orgId: string, roleId: string): Promise<number> {
  const [row] = await q('role_bindings').count<{ c: number }[]>('* as c').where({ org_id: orgId, role_id: roleId });
  return Number(row?.c ?? 0);
}

export async function deleteRole(tx: Knex.Transaction, orgId: string, id: string): Promise<void> {
  await tx('roles').where({ org_id: orgId, id, predefined: false }).delete();
}
