// SQL for API keys. Secrets are looked up by their hash, through a unique index.
import type { Knex } from 'knex';
import type { OrgRole } from '../orgs/roles.ts';
import { teamsArraySql } from '../directory/teams-sql.ts';

export interface ApiKeyRow {
  id: string;
  org_id: string;
  name: string;
  kind: 'service' | 'personal';
  user_id: string | null;
  role: OrgRole | null;
  teams: string[];
  secret_hint: string;
  created_by: string | null;
  created_at: Date;
  last_used_at: Date | null;
  expires_at: Date | null;
  revoked_at: Date | null;
}

const COLUMNS = ['id', 'org_id', 'name', 'kind', 'user_id', 'role', 'teams', 'secret_hint', 'created_by', 'created_at', 'last_used_at', 'expires_at', 'revoked_at'];

export async function insertApiKey(
  tx: Knex.Transaction,
  key: Pick<ApiKeyRow, 'org_id' | 'name' | 'kind' | 'user_id' | 'role' | 'teams' | 'secret_hint' | 'created_by' | 'expires_at'> & { secret_hash: Buffer },
): Promise<ApiKeyRow | undefined> {
  const rows = await tx('api_keys').insert(key).onConflict('secret_hash').ignore().returning(COLUMNS);
  return rows[0] as ApiKeyRow | undefined;
}

export async function findApiKey(q: Knex | Knex.Transaction, orgId: string, id: string): Promise<ApiKeyRow | undefined> {
  return q<ApiKeyRow>('api_keys').where({ org_id: orgId, id }).first(COLUMNS) as Promise<ApiKeyRow | undefined>;
}

export async function listApiKeys(q: Knex, orgId: string, f: { userId?: string; includeRevoked: boolean }): Promise<ApiKeyRow[]> {
  const query = q<ApiKeyRow>('api_keys').select<ApiKeyRow[]>(COLUMNS).where({ org_id: orgId }).orderBy('created_at', 'desc').limit(1000);
  if (f.userId) query.where('user_id', f.userId);
  if (!f.includeRevoked) query.whereNull('revoked_at');
  return query;
}

export async function revokeApiKey(tx: Knex.Transaction, orgId: string, id: string): Promise<ApiKeyRow | undefined> {
  const rows = await tx('api_keys').where({ org_id: orgId, id }).whereNull('revoked_at').update({ revoked_at: tx.fn.now() }).returning(COLUMNS);
  return rows[0] as ApiKeyRow | undefined;
}

export interface CredentialRow {
  key_id: string;
  key_name: string;
  kind: 'service' | 'personal';
  key_role: OrgRole | null;
  teams: string[];
  org_id: string;
  org_slug: string;
  user_id: string | null;
  user_name: string | null;
  user_role: OrgRole | null;
  user_active: boolean | null;
  /** A person's teams: the names of the IdP groups they belong to. */
  user_teams: string[];
}

function liveCredentials(q: Knex) {
  return q('api_keys as k')
    .join('organizations as o', 'o.id', 'k.org_id')
    .leftJoin('users as u', 'u.id', 'k.user_id')
    .select(
      'k.id as key_id', 'k.name as key_name', 'k.kind', 'k.role as key_role', 'k.teams', 'k.org_id',
      'o.slug as org_slug', 'u.id as user_id', 'u.user_name', 'u.role as user_role', 'u.active as user_active',
      q.raw(`${teamsArraySql('k.org_id', 'u.id')} as user_teams`),
    )
    .whereNull('k.revoked_at')
    .where((w) => w.whereNull('k.expires_at').orWhere('k.expires_at', '>', q.fn.now()));
}

/**
 * The live key with this secret hash, with its organization and (personal keys) its person.
 * The one query that is not scoped by organization: the credential is what decides the organization.
 */
export async function findLiveCredential(q: Knex, secretHash: Buffer): Promise<CredentialRow | undefined> {
  return liveCredentials(q).where('k.secret_hash', secretHash).first();
}

/** The same, by id within an organization (a console session that rests on a key). */
export async function findLiveCredentialById(q: Knex, orgId: string, keyId: string): Promise<CredentialRow | undefined> {
  return liveCredentials(q).where({ 'k.org_id': orgId, 'k.id': keyId }).first();
}

/** Records use at most once a minute per key, so busy keys do not write on every request. */
export async function touchApiKey(q: Knex, id: string): Promise<void> {
  await q('api_keys')
    .where({ id })
    .where((w) => w.whereNull('last_used_at').orWhere('last_used_at', '<', q.raw("now() - interval '1 minute'")))
    .update({ last_used_at: q.fn.now() });
}
