// The direct members of a group, as rows: users in group_members, groups (nesting) in group_nestings.
// The same three statements for both; their plans are read at 100,000 members by
// test/scim/membership-plans.test.ts (why each is written so: members-store.ts).
import type { Knex } from 'knex';

type Q = Knex | Knex.Transaction;

export type MemberKind = 'users' | 'groups';
export const MEMBER_KINDS: readonly MemberKind[] = ['users', 'groups'];

// Table and column names are constants of this file, never request values.
const EDGES = {
  users: { table: 'group_members', parent: 'group_id', member: 'user_id' },
  groups: { table: 'group_nestings', parent: 'parent_id', member: 'member_group_id' },
} as const;

/** Scopes a statement to the organization and leaves the planner one index for the group: its primary key. */
export const GROUP_IN_ORG = '(select g.id from groups g where g.org_id = ? and g.id = ?)';

/** Adds members; returns the ids actually added (not members already). */
export async function insertEdges(q: Q, kind: MemberKind, orgId: string, groupId: string, ids: string[]): Promise<string[]> {
  if (!ids.length) return [];
  const e = EDGES[kind];
  const { rows } = await q.raw(
    `insert into ${e.table} (org_id, ${e.parent}, ${e.member}) select ?, ${GROUP_IN_ORG}, t.id from unnest(?::uuid[]) as t(id)
     on conflict do nothing returning ${e.member} as id`,
    [orgId, orgId, groupId, ids],
  );
  return (rows as { id: string }[]).map((r) => r.id);
}

export async function removeEdges(q: Q, kind: MemberKind, orgId: string, groupId: string, ids: string[]): Promise<string[]> {
  if (!ids.length) return [];
  const e = EDGES[kind];
  const { rows } = await q.raw(
    `delete from ${e.table} m where m.${e.parent} = ${GROUP_IN_ORG} and m.${e.member} = any(?::uuid[]) returning m.${e.member} as id`,
    [orgId, groupId, ids],
  );
  return (rows as { id: string }[]).map((r) => r.id);
}

/** Removes every member whose id is not in `keep` (all of them when keep is empty): a hashed `<> all`. */
export async function removeEdgesExcept(q: Q, kind: MemberKind, orgId: string, groupId: string, keep: string[]): Promise<string[]> {
  const e = EDGES[kind];
  const { rows } = await q.raw(
    `delete from ${e.table} m where m.${e.parent} = ${GROUP_IN_ORG} and m.${e.member} <> all(?::uuid[]) returning m.${e.member} as id`,
    [orgId, groupId, keep],
  );
  return (rows as { id: string }[]).map((r) => r.id);
}

/** Whether the group has any member of this kind (a replace skips planning a 100,000-id list against nothing). */
export async function hasEdges(q: Q, kind: MemberKind, orgId: string, groupId: string): Promise<boolean> {
  const e = EDGES[kind];
  const { rows } = await q.raw(`select exists (select 1 from ${e.table} m where m.${e.parent} = ${GROUP_IN_ORG}) as yes`, [orgId, groupId]);
  return (rows[0] as { yes: boolean }).yes;
}
