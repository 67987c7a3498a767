// SQL for members: the organization-role view of the users table.
import type { Knex } from 'knex';
import type { OrgRole } from './roles.ts';

export interface MemberRow {
  id: string;
  org_id: string;
  user_name: string;
  email: string | null;
  display_name: string | null;
  role: OrgRole;
  active: boolean;
  source: string;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = ['id', 'org_id', 'user_name', 'email', 'display_name', 'role', 'active', 'source', 'created_at', 'updated_at'];

export async function findMember(q: Knex | Knex.Transaction, orgId: string, userId: string): Promise<MemberRow | undefined> {
  return q<MemberRow>('users').where({ org_id: orgId, id: userId }).first(COLUMNS) as Promise<MemberRow | undefined>;
}

/**
 * Locks these members and, with `activeOwners`, every active owner, in one statement and in id
 * order: the one lock order of member changes, so concurrent changes queue instead of deadlocking.
 */
export async function lockMembersInOrder(tx: Knex.Transaction, orgId: string, ids: string[], activeOwners: boolean): Promise<MemberRow[]> {
  return tx<MemberRow>('users')
    .select<MemberRow[]>(COLUMNS)
    .where('org_id', orgId)
    .where((w) => {
      w.whereIn('id', ids);
      if (activeOwners) w.orWhere((o) => o.where({ role: 'owner', active: true }));
    })
    .orderBy('id')
    .forUpdate();
}

/** A person's role and state as committed now, held (FOR SHARE) until the caller's transaction ends. */
export async function shareLockMemberRole(tx: Knex.Transaction, orgId: string, userId: string): Promise<Pick<MemberRow, 'role' | 'active'> | undefined> {
  return tx<MemberRow>('users').where({ org_id: orgId, id: userId }).forShare().first('role', 'active') as Promise<Pick<MemberRow, 'role' | 'active'> | undefined>;
}

/** Locks every active owner row, so two owners demoting each other cannot both succeed. */
export async function lockActiveOwners(tx: Knex.Transaction, orgId: string): Promise<string[]> {
  const rows = await tx('users').select('id').where({ org_id: orgId, role: 'owner', active: true }).orderBy('id').forUpdate();
  return rows.map((r: { id: string }) => r.id);
}

export async function countActiveOwners(q: Knex | Knex.Transaction, orgId: string): Promise<number> {
  const [row] = await q('users').count<{ count: number }[]>('* as count').where({ org_id: orgId, role: 'owner', active: true });
  return Number(row?.count ?? 0);
}

export interface MemberListFilter {
  role?: OrgRole;
  active?: boolean;
  /** Prefix of the userName or email. */
  search?: string;
  /** Keyset cursor: the last (user_name, id) of the previous page. */
  after?: { userName: string; id: string };
}

export async function listMembers(q: Knex, orgId: string, f: MemberListFilter, limit: number): Promise<MemberRow[]> {
  const query = q<MemberRow>('users').select<MemberRow[]>(COLUMNS).where({ org_id: orgId }).orderBy([{ column: 'user_name' }, { column: 'id' }]).limit(limit);
  if (f.role) query.where('role', f.role);
  if (f.active !== undefined) query.where('active', f.active);
  if (f.search) {
    const like = f.search.replace(/[%_\\]/g, '\\$&') + '%';
    query.where((w) => w.where('user_name', 'like', like).orWhere('email', 'like', like));
  }
  if (f.after) query.whereRaw('(user_name, id) > (?::citext, ?::uuid)', [f.after.userName, f.after.id]);
  return query;
}

export async function insertMember(
  tx: Knex.Transaction,
  m: Pick<MemberRow, 'org_id' | 'user_name' | 'email' | 'display_name' | 'role' | 'source'>,
): Promise<MemberRow | undefined> {
  const rows = await tx('users').insert(m).onConflict(['org_id', 'user_name']).ignore().returning(COLUMNS);
  return rows[0] as MemberRow | undefined;
}

export async function updateMember(tx: Knex.Transaction, orgId: string, userId: string, patch: Partial<Pick<MemberRow, 'role' | 'active'>>): Promise<MemberRow> {
  const [row] = await tx('users')
    .where({ org_id: orgId, id: userId })
    .update({ ...patch, version: tx.raw('version + 1'), updated_at: tx.fn.now() })
    .returning(COLUMNS);
  return row as MemberRow;
}

export async function deleteMember(tx: Knex.Transaction, orgId: string, userId: string): Promise<void> {
  await tx('users').where({ org_id: orgId, id: userId }).delete();
}
