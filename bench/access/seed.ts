// The benchmark organization, written with set-based SQL: 10,000 spaces (a 4-ary tree, depth ≤ 8,
// two thirds inheriting), 2,000 IdP groups with a mapping each (half tied to the group's id),
// 100,000 users in 3 teams each, and 50,000 bindings (35,000 to users, 15,000 to groups).
import type { Knex } from 'knex';

export const SIZES = { spaces: 10_000, teams: 2_000, users: 100_000, userBindings: 35_000, groupBindings: 15_000 };

export async function seedOrg(db: Knex, orgId: string): Promise<void> {
  const { spaces, teams, users, userBindings, groupBindings } = SIZES;
  await db.transaction(async (tx) => {
    const p = { org: orgId };
    await tx.raw(
      `insert into spaces (org_id, id, name, parent_id, inherit_entities)
       select :org, 's' || i, 'space ' || i, case when (i - 1) / 4 = 0 then 'root' else 's' || ((i - 1) / 4) end, i % 3 <> 0
       from generate_series(1, ${spaces - 1}) i`,
      p,
    );
    await tx.raw(`insert into roles (org_id, slug, name, actions) values (:org, 'deployer', 'Deployer', '{space:read,run:read,run:trigger}')`, p);
    await tx.raw(`insert into groups (org_id, display_name, external_id) select :org, 'team-' || j, 'ext-' || j from generate_series(0, ${teams - 1}) j`, p);
    await tx.raw(
      `insert into idp_group_mappings (org_id, name, external_id)
       select :org, 'team-' || j, case when j % 2 = 0 then 'ext-' || j end from generate_series(0, ${teams - 1}) j`,
      p,
    );
    await tx.raw(`insert into users (org_id, user_name, email, role) select :org, 'u' || i || '@bench', 'u' || i || '@bench', 'member' from generate_series(0, ${users - 1}) i`, p);
    await tx.raw(
      `insert into group_members (org_id, group_id, user_id)
       select :org, g.id, u.id from users u
       cross join lateral (values (0), (7), (13)) k(m)
       join groups g on g.org_id = u.org_id and g.display_name = 'team-' || ((substr(u.user_name, 2, strpos(u.user_name, '@') - 2)::int * (k.m + 1)) % ${teams})
       where u.org_id = :org on conflict do nothing`,
      p,
    );
    await tx.raw(
      `with r as (select id, row_number() over (order by slug) - 1 as n from roles where org_id = :org),
            u as (select id, substr(user_name, 2, strpos(user_name, '@') - 2)::int as i from users where org_id = :org)
       insert into role_bindings (org_id, subject_type, user_id, role_id, space_id)
       select :org, 'user', u.id, r.id, 's' || ((k * 101) % ${spaces - 1} + 1)
       from generate_series(0, ${userBindings - 1}) k join u on u.i = (k * 37) % ${users} join r on r.n = k % 4`,
      p,
    );
    await tx.raw(
      `with r as (select id, row_number() over (order by slug) - 1 as n from roles where org_id = :org and predefined),
            m as (select id, substr(name, 6)::int as j from idp_group_mappings where org_id = :org)
       insert into role_bindings (org_id, subject_type, idp_group_id, role_id, space_id)
       select :org, 'idp_group', m.id, r.id, 's' || ((k * 7919) % ${spaces - 1} + 1)
       from generate_series(0, ${groupBindings - 1}) k join m on m.j = k % ${teams} join r on r.n = k % 3`,
      p,
    );
  });
  await db.raw('analyze');
}
