// SQL for memberships: one row per (group, user). Every change is a set-based statement whose cost
// depends on the number of members named, never on the size of the group (issue 3: a +1 on a
// 100,000-member group costs what it costs on a 10-member one).
import type { Knex } from 'knex';
import type { GroupRef, MemberRef } from './types.ts';

type Q = Knex | Knex.Transaction;

/** Adds the users that belong to the organization; returns the ids actually added (not already members). */
export async function addMembers(q: Q, orgId: string, groupId: string, userIds: string[]): Promise<string[]> {
  if (!userIds.length) return [];
  const { rows } = await q.raw(
    `insert into group_members (org_id, group_id, user_id)
     select ?, ?, u.id from users u join (select distinct id from unnest(?::uuid[]) as t(id)) t on t.id = u.id where u.org_id = ?
     on conflict do nothing returning user_id`,
    [orgId, groupId, userIds, orgId],
  );
  return (rows as { user_id: string }[]).map((r) => r.user_id);
}

export async function removeMembers(q: Q, orgId: string, groupId: string, userIds: string[]): Promise<string[]> {
  if (!userIds.length) return [];
  const { rows } = await q.raw(
    'delete from group_members where org_id = ? and group_id = ? and user_id = any(?::uuid[]) returning user_id',
    [orgId, groupId, userIds],
  );
  return (rows as { user_id: string }[]).map((r) => r.user_id);
}

/** Removes every member except `keep` (all of them when keep is empty). */
export async function removeMembersExcept(q: Q, orgId: string, groupId: string, keep: string[]): Promise<string[]> {
  const { rows } = await q.raw(
    // An anti-join, not `<> all(array)`: a 50,000-id list stays linear (Okta's full-list PUT).
    `delete from group_members gm where gm.org_id = ? and gm.group_id = ?
       and not exists (select 1 from unnest(?::uuid[]) as k(id) where k.id = gm.user_id) returning gm.user_id`,
    [orgId, groupId, keep],
  );
  return (rows as { user_id: string }[]).map((r) => r.user_id);
}

/** Members of these groups, with the name a SCIM client shows for each (RFC 7643 §4.2 `display`). */
export async function membersOfGroups(q: Q, orgId: string, groupIds: string[]): Promise<MemberRef[]> {
  if (!groupIds.length) return [];
  const { rows } = await q.raw(
    `select gm.group_id, gm.user_id, coalesce(u.display_name, u.user_name::text) as display
       from group_members gm join users u on u.id = gm.user_id
      where gm.org_id = ? and gm.group_id = any(?::uuid[]) order by gm.group_id, u.created_at, u.id`,
    [orgId, groupIds],
  );
  return rows as MemberRef[];
}

/** Groups of these users (the User resource's read-only `groups`). */
export async function groupsOfUsers(q: Q, orgId: string, userIds: string[]): Promise<GroupRef[]> {
  if (!userIds.length) return [];
  const { rows } = await q.raw(
    `select gm.user_id, g.id as group_id, g.display_name::text as display_name
       from group_members gm join groups g on g.id = gm.group_id
      where gm.org_id = ? and gm.user_id = any(?::uuid[]) order by g.display_name`,
    [orgId, userIds],
  );
  return rows as GroupRef[];
}

/** A user's teams: the names of the IdP groups they belong to (domain §1). */
export async function teamNames(q: Q, orgId: string, userId: string): Promise<string[]> {
  const { rows } = await q.raw(
    `select g.display_name::text as name from group_members gm join groups g on g.id = gm.group_id
      where gm.org_id = ? and gm.user_id = ? order by 1`,
    [orgId, userId],
  );
  return (rows as { name: string }[]).map((r) => r.name);
}
