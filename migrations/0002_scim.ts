// SCIM: per-organization bearer tokens, and the indexes the IdPs' lookups need at 200k users.
// Okta and Entra look users up by userName, externalId and the work email, groups by displayName
// (domain §9, shared/scim/NOTES.md §2); `co`/`sw` filters need trigram / prefix indexes, and the
// default list order (created_at, id) needs its own index so paging never sorts the whole tenant.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('scim_tokens', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('org_id').notNullable().references('organizations.id').onDelete('cascade');
    t.text('name').notNullable();
    t.binary('secret_hash').notNullable().unique(); // sha256 of the secret; the secret is never stored
    t.text('secret_hint').notNullable();
    t.text('created_by');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('last_used_at', { useTz: true });
    t.timestamp('revoked_at', { useTz: true });
    t.index(['org_id', 'created_at']);
  });

  // Stable default order for SCIM paging (RFC 7644 §3.4.2.4 asks for consistent ordering).
  await knex.raw('create index users_org_created_id on users (org_id, created_at, id)');
  await knex.raw('create index groups_org_created_id on groups (org_id, created_at, id)');
  await knex.raw('create index users_org_display_name on users (org_id, display_name)');
  // `sw` on case-insensitive attributes: lower(x) like 'prefix%' uses a text_pattern_ops btree.
  await knex.raw('create index users_user_name_prefix on users (org_id, lower(user_name::text) text_pattern_ops)');
  await knex.raw('create index users_email_prefix on users (org_id, lower(email::text) text_pattern_ops)');
  await knex.raw('create index groups_display_name_prefix on groups (org_id, lower(display_name::text) text_pattern_ops)');
  // `co` / `ew`: trigram indexes on the lowered values.
  await knex.raw('create index users_user_name_trgm on users using gin (lower(user_name::text) gin_trgm_ops)');
  await knex.raw('create index users_email_trgm on users using gin (lower(email::text) gin_trgm_ops)');
  await knex.raw('create index users_display_name_trgm on users using gin (lower(display_name) gin_trgm_ops)');
  await knex.raw('create index groups_display_name_trgm on groups using gin (lower(display_name::text) gin_trgm_ops)');

  // Every email value of a user, lowered, so `emails.value eq` and Entra's
  // `emails[type eq "work"].value eq` matching attribute use an index (containment on an array).
  await knex.raw(`
    create function scim_email_values(attrs jsonb) returns text[] language sql immutable parallel safe as $$
      select coalesce(array_agg(lower(e->>'value')), '{}')
      from jsonb_array_elements(case when jsonb_typeof(attrs->'emails') = 'array' then attrs->'emails' else '[]'::jsonb end) e
      where e->>'value' is not null
    $$`);
  await knex.raw('create index users_email_values on users using gin (scim_email_values(attributes))');
}

export async function down(knex: Knex): Promise<void> {
  for (const i of ['users_email_values', 'groups_display_name_trgm', 'users_display_name_trgm', 'users_email_trgm', 'users_user_name_trgm',
    'groups_display_name_prefix', 'users_email_prefix', 'users_user_name_prefix', 'users_org_display_name', 'groups_org_created_id', 'users_org_created_id']) {
    await knex.raw(`drop index if exists ${i}`);
  }
  await knex.raw('drop function if exists scim_email_values(jsonb)');
  await knex.schema.dropTableIfExists('scim_tokens');
}
