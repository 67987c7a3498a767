// The few directory reads and writes sign-in needs, scoped by organization. (src/directory exposes
// user lookups and teams too; these stay here so sign-in does not wait on its API settling.)
import type { Knex } from 'knex';
import type { MemberRow } from '../orgs/members-store.ts';
import type { ConnectionRow } from './connection-store.ts';
import { teamsArraySql } from '../directory/teams-sql.ts';

type Q = Knex | Knex.Transaction;

/** A member as sign-in sees them, with their SCIM teams read in the same query (found users only). */
export type SignInUser = Pick<MemberRow, 'id' | 'user_name' | 'email' | 'display_name' | 'role' | 'active' | 'source'> & { scim_teams?: string[] };

const COLUMNS = ['u.id', 'u.user_name', 'u.email', 'u.display_name', 'u.role', 'u.active', 'u.source'];
const withTeams = (q: Q) => [...COLUMNS, q.raw(`${teamsArraySql('u.org_id', 'u.id')} as scim_teams`)];

export async function findByIdentity(q: Q, orgId: string, connectionId: string, subject: string): Promise<SignInUser | undefined> {
  return q('sso_identities as i').join('users as u', 'u.id', 'i.user_id')
    .where({ 'i.org_id': orgId, 'i.connection_id': connectionId, 'i.subject': subject, 'u.org_id': orgId }).first(withTeams(q));
}

/** Users whose userName or email is this address (case-insensitive: both columns are citext). */
export async function findByAddress(q: Q, orgId: string, address: string): Promise<SignInUser[]> {
  return q('users as u').where('u.org_id', orgId).where((w) => w.where('u.user_name', address).orWhere('u.email', address))
    .orderBy('u.created_at').limit(2).select(withTeams(q));
}

export async function findByUserName(q: Q, orgId: string, userName: string): Promise<SignInUser | undefined> {
  return q('users as u').where({ 'u.org_id': orgId, 'u.user_name': userName }).first(COLUMNS);
}

/** Serialises sign-ins for one address, so two first sign-ins cannot create two users. */
export async function lockAddress(tx: Knex.Transaction, orgId: string, address: string): Promise<void> {
  await tx.raw('select pg_advisory_xact_lock(hashtext(?))', [`gatehouse.signin:${orgId}:${address.toLowerCase()}`]);
}

export async function insertUser(tx: Knex.Transaction, orgId: string, u: { userName: string; email: string | null; name: string | null }): Promise<SignInUser | undefined> {
  const rows = await tx('users').insert({ org_id: orgId, user_name: u.userName, email: u.email, display_name: u.name, role: 'member', source: 'sso' })
    .onConflict(['org_id', 'user_name']).ignore().returning(COLUMNS.map((c) => c.slice(2)));
  return rows[0] as SignInUser | undefined;
}

export async function updateProfile(tx: Knex.Transaction, orgId: string, userId: string, patch: { email?: string; display_name?: string }): Promise<void> {
  await tx('users').where({ org_id: orgId, id: userId }).update({ ...patch, version: tx.raw('version + 1'), updated_at: tx.fn.now() });
}

export async function linkIdentity(tx: Knex.Transaction, orgId: string, connectionId: string, subject: string, userId: string): Promise<void> {
  await tx('sso_identities').insert({ org_id: orgId, connection_id: connectionId, subject, user_id: userId, last_login_at: tx.fn.now() })
    .onConflict(['connection_id', 'subject']).merge({ last_login_at: tx.fn.now() });
}

/** Claimed group values that are a SCIM group's externalId (Azure AD object ids), with that group's name. */
export async function groupNamesByExternalId(q: Q, orgId: string, values: string[]): Promise<Map<string, string>> {
  if (!values.length) return new Map();
  const rows = await q('groups').where('org_id', orgId).whereIn('external_id', values).select('external_id', 'display_name');
  return new Map(rows.map((r: { external_id: string; display_name: string }) => [r.external_id, r.display_name]));
}

export interface OrgForSignIn {
  id: string;
  slug: string;
  strategy: 'user_management' | 'login_policy';
}

/** The organization a sign-in URL names, by slug or id (the URL is what decides the organization). */
export async function findOrg(q: Q, ref: string): Promise<OrgForSignIn | undefined> {
  const query = q('organizations').select('id', 'slug', 'management_strategy as strategy');
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(ref)) query.where('id', ref);
  else query.where('slug', ref);
  return query.first();
}

/** The organization (by slug or id) and one of its connections, in one query. */
export async function findOrgAndConnection(q: Q, ref: string, connectionId: string): Promise<{ org: OrgForSignIn; connection: ConnectionRow } | undefined> {
  const query = q('sso_connections as c').join('organizations as o', 'o.id', 'c.org_id').where('c.id', connectionId)
    .select('c.*', 'o.slug as org_slug', 'o.management_strategy as org_strategy');
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(ref)) query.where('o.id', ref);
  else query.where('o.slug', ref);
  const row = await query.first();
  if (!row) return undefined;
  const { org_slug, org_strategy, ...connection } = row;
  return { org: { id: connection.org_id, slug: org_slug, strategy: org_strategy }, connection: connection as ConnectionRow };
}
