// SQL for the people and keys whose permissions are asked about: their organization role, state and teams.
import type { Knex } from 'knex';
import type { OrgRole } from '../orgs/roles.ts';

export interface UserPrincipalRow { id: string; role: OrgRole; active: boolean; user_name: string; teams: string[] }

export async function findUserPrincipal(q: Knex, orgId: string, userId: string): Promise<UserPrincipalRow | undefined> {
  return q('users as u')
    .where({ 'u.org_id': orgId, 'u.id': userId })
    .first(
      'u.id', 'u.role', 'u.active', 'u.user_name',
      q.raw(`array(select g.display_name::text from group_members gm join groups g on g.id = gm.group_id
                    where gm.org_id = u.org_id and gm.user_id = u.id order by 1) as teams`),
    );
}

export interface KeyPrincipalRow { id: string; name: string; kind: 'service' | 'personal'; role: OrgRole | null; user_id: string | null; teams: string[]; live: boolean }

export async function findKeyPrincipal(q: Knex, orgId: string, keyId: string): Promise<KeyPrincipalRow | undefined> {
  return q('api_keys')
    .where({ org_id: orgId, id: keyId })
    .first('id', 'name', 'kind', 'role', 'user_id', 'teams', q.raw('(revoked_at is null and (expires_at is null or expires_at > now())) as live'));
}
