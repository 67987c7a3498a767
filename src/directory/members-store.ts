// SQL for memberships: one row per (group, user) in group_members, one per (group, member group) in
// group_nestings. Every statement's cost depends on the ids it names and the members of the one
// group it changes, never on the planner's estimates (issue 15.1: on never-ANALYZEd tables an
// anti-join against `unnest(list)` became a nested loop, 72 million comparisons at 12,000 members):
//  - "every member except these" is a hashed `<> all(array)` filter over the group's primary-key
//    range (PostgreSQL hashes arrays of 9 or more constants), not a join the planner may reorder;
//  - lookups of one id go through a scalar subquery on a primary key, which is always an index probe;
//  - the group is named by `(select id from groups where org_id = ? and id = ?)`, which scopes the
//    statement to the organization and leaves the planner one index, the primary key.
// test/scim/membership-plans.test.ts checks every plan here and in member-edges-store.ts at 100,000 members.
import type { Knex } from 'knex';
import type { GroupRef, MemberRow } from './types.ts';
import { GROUP_IN_ORG } from './member-edges-store.ts';
import { teamsArraySql, userGroupsSql } from './teams-sql.ts';

type Q = Knex | Knex.Transaction;

/** The ids among `ids` that are not yet members of the group, as a user or as a group. */
export async function notYetMembers(q: Q, orgId: string, groupId: string, ids: string[]): Promise<string[]> {
  if (!ids.length) return [];
  const { rows } = await q.raw(
    `select t.id from unnest(?::uuid[]) as t(id)
      where not exists (select 1 from group_members gm where gm.group_id = ${GROUP_IN_ORG} and gm.user_id = t.id)
        and not exists (select 1 from group_nestings n where n.parent_id = ${GROUP_IN_ORG} and n.member_group_id = t.id)`,
    [ids, orgId, groupId, orgId, groupId],
  );
  return (rows as { id: string }[]).map((r) => r.id);
}

/** What each id is in the organization: a user, a group, or nothing (one primary-key probe each). */
export async function classifyIds(q: Q, orgId: string, ids: string[]): Promise<{ id: string; kind: 'User' | 'Group' | null }[]> {
  if (!ids.length) return [];
  const { rows } = await q.raw(
    `select t.id,
            case when exists (select 1 from users u where u.id = t.id and u.org_id = ?) then 'User'
                 when exists (select 1 from groups g where g.id = t.id and g.org_id = ?) then 'Group' end as kind
       from unnest(?::uuid[]) as t(id)`,
    [orgId, orgId, ids],
  );
  return rows as { id: string; kind: 'User' | 'Group' | null }[];
}

/**
 * Direct members of these groups, users then groups, with the name a SCIM client shows for each
 * (RFC 7643 §4.2 `display`). A join, not a probe per member: whichever way the planner goes (a hash
 * of the users, or the users' primary key per member), the cost follows the member list.
 */
export async function membersOfGroups(q: Q, orgId: string, groupIds: string[]): Promise<MemberRow[]> {
  if (!groupIds.length) return [];
  const { rows } = await q.raw(
    `select gm.group_id, gm.user_id as id, 'User' as type, coalesce(u.display_name, u.user_name::text) as display
       from unnest(?::uuid[]) as x(id) join group_members gm on gm.group_id = x.id join users u on u.id = gm.user_id
      where gm.org_id = ?
     union all
     select n.parent_id, n.member_group_id, 'Group', g.display_name::text
       from unnest(?::uuid[]) as x(id) join group_nestings n on n.parent_id = x.id join groups g on g.id = n.member_group_id
      where n.org_id = ?`,
    [groupIds, orgId, groupIds, orgId],
  );
  return rows as MemberRow[];
}

/** Groups of these users, direct and through nesting (the User resource's read-only `groups`). */
export async function groupsOfUsers(q: Q, orgId: string, userIds: string[]): Promise<GroupRef[]> {
  if (!userIds.length) return [];
  const { rows } = await q.raw(
    `select x.id as user_id, t.group_id, t.direct, (select g.display_name::text from groups g where g.id = t.group_id) as display_name
       from unnest(?::uuid[]) as x(id), (select ?::uuid as id) o, lateral (${userGroupsSql('o.id', 'x.id')}) t
      order by x.id, display_name`,
    [userIds, orgId],
  );
  return rows as GroupRef[];
}

/** A user's teams: the names of the groups that contain them, directly or through nesting (domain §1). */
export async function teamNames(q: Q, orgId: string, userId: string): Promise<string[]> {
  const { rows } = await q.raw(`select ${teamsArraySql('o.org_id', 'o.user_id')} as teams from (select ?::uuid as org_id, ?::uuid as user_id) o`, [orgId, userId]);
  return (rows[0] as { teams: string[] }).teams;
}
