// "A person's teams, through nesting", written once (issue 15.5): the names of every group that
// contains the person directly or through nested groups (domain §1: teams are names). Sign-in,
// sessions, API keys and the permission resolver embed these fragments in their own queries, so
// a membership or nesting change shows on the very next read and no derived table is kept up to
// date: adding a nested group above 100,000 people writes one row and recomputes nothing.
//
// The arguments are SQL expressions of the caller's query (columns such as `u.org_id`, `u.id`),
// never request values. The walk is set-based: one recursive query from the person's direct
// groups upward; `union` (not `union all`) stops even if a cycle were ever written by hand. Each
// step is keyed: memberships by (user_id, org_id), nestings by (member_group_id, parent_id), names
// by the groups' primary key through a scalar subquery, so no plan depends on statistics.

/**
 * The parents of one group. Written as `unnest(array(subquery))` inside the recursive step so it
 * stays a keyed lookup per group reached: a plain join there lets the planner hash the whole
 * nestings table at every step, which it prefers whenever it has no statistics.
 */
export function parentsOf(groupExpr: string, orgExpr: string): string {
  return `select n.parent_id from group_nestings n where n.member_group_id = ${groupExpr} and n.org_id = ${orgExpr}`;
}

/** Rows `(group_id, direct)`: every group containing the user, `direct` when it is a direct membership. */
export function userGroupsSql(orgExpr: string, userExpr: string): string {
  return `with recursive up(group_id, direct) as (
      select gm.group_id, true from group_members gm where gm.user_id = ${userExpr} and gm.org_id = ${orgExpr}
      union
      select p.id, false from up, unnest(array(${parentsOf('up.group_id', orgExpr)})) as p(id)
    )
    select group_id, bool_or(direct) as direct from up group by group_id`;
}

/** A `text[]` expression: the user's team names, sorted (group names are unique per organization). */
export function teamsArraySql(orgExpr: string, userExpr: string): string {
  return `array(select (select g.display_name::text from groups g where g.id = t.group_id) as name
      from (${userGroupsSql(orgExpr, userExpr)}) t order by 1)`;
}
