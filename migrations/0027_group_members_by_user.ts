// Deleting a user cascades to its memberships with `delete from group_members where user_id = $1`,
// which the (org_id, user_id) index cannot serve (its leading column is org_id): every user
// deletion read every membership of every organization (a sequential scan; issue 15.1 asked for
// the plans of every membership statement at 100,000 rows). (user_id, org_id) serves the cascade
// and the organization-scoped lookups (a person's groups and teams) alike.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw('create index group_members_user_org on group_members (user_id, org_id)');
  await knex.raw('drop index if exists group_members_org_id_user_id_index');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('create index group_members_org_id_user_id_index on group_members (org_id, user_id)');
  await knex.raw('drop index if exists group_members_user_org');
}
