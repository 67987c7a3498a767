// Nested groups (issue 15.5): a group's members may be groups. One row per (parent, member group);
// a person's teams are the names of every group that contains them directly or through these rows,
// computed when read (src/directory/teams-sql.ts), so adding one nested group writes one row,
// whatever the number of people below it. Cycles are refused by the directory service under a
// per-organization lock; the check constraint refuses the one-row cycle even to hand-written SQL.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('group_nestings', (t) => {
    t.uuid('org_id').notNullable().references('organizations.id').onDelete('cascade');
    t.uuid('parent_id').notNullable().references('groups.id').onDelete('cascade');
    t.uuid('member_group_id').notNullable().references('groups.id').onDelete('cascade');
    t.primary(['parent_id', 'member_group_id']);
    // The upward walk (member → parents) and the cascade when a member group is deleted.
    t.index(['member_group_id', 'parent_id']);
  });
  await knex.raw('alter table group_nestings add constraint group_nestings_not_self check (parent_id <> member_group_id)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('group_nestings');
}
