// SQL for nested groups (group_nestings: a group's members that are groups). Walks are recursive
// queries over the (member_group_id, parent_id) index, bounded by the number of groups above one
// group, never by the number of people below it.
import type { Knex } from 'knex';
import { parentsOf } from './teams-sql.ts';

type Q = Knex | Knex.Transaction;

/**
 * Serialises nesting changes of one organization (taken after the group's row lock, the last
 * lock of such a transaction): two requests adding A to B and B to A cannot both pass the cycle check.
 */
export async function lockNesting(tx: Knex.Transaction, orgId: string): Promise<void> {
  await tx.raw('select pg_advisory_xact_lock(hashtext(?))', [`gatehouse.group_nesting:${orgId}`]);
}

/** The ids among `candidates` that are the group itself or contain it, directly or through nesting. */
export async function ancestorsAmong(q: Q, orgId: string, groupId: string, candidates: string[]): Promise<string[]> {
  if (!candidates.length) return [];
  const { rows } = await q.raw(
    `with recursive up(id) as (
       select ?::uuid
       union
       select p.id from up, unnest(array(${parentsOf('up.id', '?::uuid')})) as p(id)
     )
     select id from up where id = any(?::uuid[])`,
    [groupId, orgId, candidates],
  );
  return (rows as { id: string }[]).map((r) => r.id);
}

/** Display names of these groups of the organization, by id. */
export async function groupNames(q: Q, orgId: string, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const { rows } = await q.raw('select id, display_name::text as name from groups where org_id = ? and id = any(?::uuid[])', [orgId, ids]);
  return new Map((rows as { id: string; name: string }[]).map((r) => [r.id, r.name]));
}
