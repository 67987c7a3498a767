// SQL for organizations.
import type { Knex } from 'knex';

export interface OrgRow {
  id: string;
  slug: string;
  name: string;
  management_strategy: 'user_management' | 'login_policy';
  created_at: Date;
  updated_at: Date;
}

export async function findOrgById(q: Knex | Knex.Transaction, orgId: string): Promise<OrgRow | undefined> {
  return q<OrgRow>('organizations').where({ id: orgId }).first();
}

export async function findOrgBySlug(q: Knex | Knex.Transaction, slug: string): Promise<OrgRow | undefined> {
  return q<OrgRow>('organizations').where({ slug }).first();
}

/** Inserts unless the slug is taken; returns the new row or undefined. */
export async function insertOrg(tx: Knex.Transaction, org: Pick<OrgRow, 'slug' | 'name' | 'management_strategy'>): Promise<OrgRow | undefined> {
  const rows = await tx('organizations').insert(org).onConflict('slug').ignore().returning('*');
  return rows[0] as OrgRow | undefined;
}

/**
 * Lock order: the organization row comes before the rows of its members (src/orgs/guard.ts).
 * FOR NO KEY UPDATE for a change of the row (inserts referencing it go on); FOR UPDATE to delete it.
 */
export async function lockOrg(tx: Knex.Transaction, orgId: string, mode: 'update' | 'delete' = 'update'): Promise<OrgRow | undefined> {
  const q = tx<OrgRow>('organizations').where({ id: orgId });
  return (mode === 'delete' ? q.forUpdate() : q.forNoKeyUpdate()).first();
}

/** Holds the organization (FOR KEY SHARE) until commit: a deletion waits, or has happened. */
export async function holdOrg(tx: Knex.Transaction, orgId: string): Promise<boolean> {
  return (await tx('organizations').where({ id: orgId }).forKeyShare().first('id')) !== undefined;
}

export async function updateOrg(tx: Knex.Transaction, orgId: string, patch: Partial<Pick<OrgRow, 'name' | 'management_strategy'>>): Promise<OrgRow> {
  const [row] = await tx('organizations').where({ id: orgId }).update({ ...patch, updated_at: tx.fn.now() }).returning('*');
  return row as OrgRow;
}

export interface OrgDataCounts {
  members: number;
  groups: number;
  apiKeys: number;
  scimTokens: number;
  liveSessions: number;
  ssoConnections: number;
  invitations: number;
}

/** What deleting the organization erases, counted for its audit record. */
export async function countOrgData(tx: Knex.Transaction, orgId: string): Promise<OrgDataCounts> {
  const count = (table: string, extra = '') => `(select count(*) from ${table} where org_id = :orgId ${extra})`;
  const { rows } = await tx.raw(
    `select ${count('users')} as members, ${count('groups')} as groups,
            ${count('api_keys', 'and revoked_at is null')} as "apiKeys", ${count('scim_tokens', 'and revoked_at is null')} as "scimTokens",
            ${count('sessions', 'and ended_at is null')} as "liveSessions", ${count('sso_connections')} as "ssoConnections",
            ${count('invitations')} as invitations`,
    { orgId },
  );
  return rows[0] as OrgDataCounts;
}

/** Deletes the organization; its rows in every other table go with it (on delete cascade), but for the audit trail. */
export async function deleteOrg(tx: Knex.Transaction, orgId: string): Promise<void> {
  await tx('organizations').where({ id: orgId }).delete();
}
