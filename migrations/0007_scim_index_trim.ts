// Drops four indexes of 0002_scim that no query uses, because every user insert pays for them
// (benchmark a of issue 3): SCIM filters on emails read the `emails` array (indexed through
// scim_email_values), never the primary-email column, and users' displayName is compared lowered,
// which a plain (org_id, display_name) btree cannot serve. A trigram index on users' displayName
// costs every insert for a `co` filter no IdP sends; such filters still work, by scan.
import type { Knex } from 'knex';

const DROPPED = ['users_email_prefix', 'users_email_trgm', 'users_display_name_trgm', 'users_org_display_name'];

export async function up(knex: Knex): Promise<void> {
  for (const i of DROPPED) await knex.raw(`drop index if exists ${i}`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('create index users_org_display_name on users (org_id, display_name)');
  await knex.raw('create index users_email_prefix on users (org_id, lower(email::text) text_pattern_ops)');
  await knex.raw('create index users_email_trgm on users using gin (lower(email::text) gin_trgm_ops)');
  await knex.raw('create index users_display_name_trgm on users using gin (lower(display_name) gin_trgm_ops)');
}
