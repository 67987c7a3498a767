// SQL for the people and keys whose permissions are asked about: their organization role, state and teams.
import type { Knex } from 'knex';
import type { OrgRole } from '../orgs/roles.ts';
import { teamsArraySql } from '../directory/teams-sql.ts';

export interface UserPrincipalRow { id: string; role: OrgRole; active: boolean; user_name: string; teams: string[] }

export async function findUserPrincipal(q: Knex, orgId: string, userId: string): Promise<UserPrincipalRow | undefined> {
  return q('users as u')
    .where({ 'u.org_id': orgId, 'u.id': userId })
    .first(
      'u.id', 'u.role', 'u.active', 'u.user_name',
      q.raw(`${teamsArraySql('u.org_id', 'u.id')} as teams`),
    );
}

export interface KeyPrincipalRow { id: string; name: string; kind: 'service' | 'personal'; role: OrgRole | null; user_id: string | null; teams: string[]; live: boolean }

export async function findKeyPrincipal(q: Knex, orgId: string, keyId: string): Promise<KeyPrincipalRow | undefined> {
  return q('api_keys')
    .where({ org_id: orgId, id: keyId })
    .first('id', 'name', 'kind', 'role', 'user_id', 'teams', q.raw('(revoked_at is null and (expires_at is null or expires_at > now())) as live'));
}
