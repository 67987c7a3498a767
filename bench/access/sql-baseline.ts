// The baseline the resolver is measured against: answering a check with SQL, no cache. It walks
// the ancestors of the space and looks for a binding of the user or of one of their teams whose
// role holds the action — the downward rule only (no upward Read, no organization role), so it is
// a lower bound on what a complete SQL answer would cost.
import type { Knex } from 'knex';

const CHECK = `
  with recursive anc as (
    select id, parent_id from spaces where org_id = :org and id = :space
    union all
    select s.id, s.parent_id from spaces s join anc on s.id = anc.parent_id where s.org_id = :org
  ), teams as (
    select g.display_name::text as name, g.external_id from group_members gm join groups g on g.id = gm.group_id
    where gm.org_id = :org and gm.user_id = :user
  )
  select exists (
    select 1 from role_bindings b join roles r on r.org_id = b.org_id and r.id = b.role_id
    where b.org_id = :org and b.space_id in (select id from anc) and :action = any(r.actions)
      and (b.user_id = :user or b.idp_group_id in (
        select m.id from idp_group_mappings m, teams t
        where m.org_id = :org and ((m.external_id is null and m.name = t.name) or m.external_id = t.external_id)))
  ) as allowed`;

export async function sqlCheck(db: Knex, orgId: string, userId: string, spaceId: string, action: string): Promise<boolean> {
  const { rows } = await db.raw(CHECK, { org: orgId, user: userId, space: spaceId, action });
  return rows[0].allowed as boolean;
}

/** The smallest per-request cost there is: one primary-key lookup (what the resolver adds per request). */
export async function pkLookup(db: Knex, orgId: string): Promise<void> {
  await db('access_versions').where({ org_id: orgId }).first('version');
}
