// The console's people page sorts by name and searches the start of names: without these, its first
// page at 100,000 people sorts or scans the whole organization (bench/console). The sort key is the
// name, or the userName of people without one, so nobody sinks to the end of the list.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw('create index users_org_sort_name on users (org_id, (coalesce(display_name, user_name::text)), id)');
  await knex.raw('create index users_display_name_prefix on users (org_id, lower(display_name) text_pattern_ops)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index if exists users_display_name_prefix');
  await knex.raw('drop index if exists users_org_sort_name');
}
