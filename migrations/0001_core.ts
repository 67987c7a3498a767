// Core tables: organizations, users (members), groups (teams) and memberships, API keys, audit trail.
// Every table carries org_id and every lookup index starts with it: a query can only be fast if it
// is scoped to its organization.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw('create extension if not exists citext');
  await knex.raw('create extension if not exists pg_trgm');

  await knex.schema.createTable('organizations', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.specificType('slug', 'citext').notNullable().unique();
    t.text('name').notNullable();
    t.text('management_strategy').notNullable().defaultTo('user_management');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`alter table organizations add constraint organizations_strategy_check
    check (management_strategy in ('user_management', 'login_policy'))`);

  // A user is a person known to one organization, and a member of it with an organization role.
  await knex.schema.createTable('users', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('org_id').notNullable().references('organizations.id').onDelete('cascade');
    t.specificType('user_name', 'citext').notNullable(); // SCIM userName: case-insensitive (RFC 7643 §4.1.1)
    t.text('external_id');
    t.specificType('email', 'citext');
    t.text('display_name');
    t.text('given_name');
    t.text('family_name');
    t.text('role').notNullable().defaultTo('member');
    t.boolean('active').notNullable().defaultTo(true);
    t.text('source').notNullable().defaultTo('api'); // api | scim | sso | invitation | bootstrap
    t.jsonb('attributes').notNullable().defaultTo('{}'); // the rest of the SCIM resource
    t.integer('version').notNullable().defaultTo(1);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['org_id', 'user_name']);
    t.index(['org_id', 'external_id']);
    t.index(['org_id', 'email']);
    t.index(['org_id', 'updated_at']);
    t.index(['org_id', 'role']);
  });
  await knex.raw(`alter table users add constraint users_role_check
    check (role in ('owner', 'admin', 'contributor', 'viewer', 'viewer_no_secrets', 'member'))`);

  // IdP groups as SCIM provisions them; their displayName is a team name.
  await knex.schema.createTable('groups', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('org_id').notNullable().references('organizations.id').onDelete('cascade');
    t.specificType('display_name', 'citext').notNullable();
    t.text('external_id');
    t.jsonb('attributes').notNullable().defaultTo('{}');
    t.integer('version').notNullable().defaultTo(1);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['org_id', 'display_name']);
    t.index(['org_id', 'external_id']);
    t.index(['org_id', 'updated_at']);
  });

  // One row per (group, user): adding or removing a member is one insert or delete.
  await knex.schema.createTable('group_members', (t) => {
    t.uuid('org_id').notNullable().references('organizations.id').onDelete('cascade');
    t.uuid('group_id').notNullable().references('groups.id').onDelete('cascade');
    t.uuid('user_id').notNullable().references('users.id').onDelete('cascade');
    t.primary(['group_id', 'user_id']);
    t.index(['org_id', 'user_id']);
  });

  await knex.schema.createTable('api_keys', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('org_id').notNullable().references('organizations.id').onDelete('cascade');
    t.text('name').notNullable();
    t.text('kind').notNullable(); // service: its own role and teams | personal: acts as its user
    t.uuid('user_id').references('users.id').onDelete('cascade');
    t.text('role'); // organization role of a service key
    t.specificType('teams', 'text[]').notNullable().defaultTo('{}');
    t.binary('secret_hash').notNullable().unique(); // sha256 of the secret; the secret is never stored
    t.text('secret_hint').notNullable(); // the last characters, to recognise a key in a list
    t.text('created_by');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('last_used_at', { useTz: true });
    t.timestamp('expires_at', { useTz: true });
    t.timestamp('revoked_at', { useTz: true });
    t.index(['org_id', 'created_at']);
    t.index(['org_id', 'user_id']);
  });
  await knex.raw(`alter table api_keys add constraint api_keys_kind_check check (
    (kind = 'service' and role is not null and user_id is null) or (kind = 'personal' and user_id is not null and role is null))`);

  // Append-only: bigserial id is the cursor; the trigger below refuses updates and deletes.
  await knex.schema.createTable('audit_events', (t) => {
    t.bigIncrements('id').primary();
    t.uuid('org_id').notNullable().references('organizations.id').onDelete('cascade');
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.text('action').notNullable(); // <entity>.<past-tense verb>
    t.text('actor_type').notNullable();
    t.text('actor_id');
    t.text('actor_label');
    t.text('target_type');
    t.text('target_id');
    t.jsonb('before');
    t.jsonb('after');
    t.jsonb('details');
    t.text('ip');
    t.text('request_id');
    t.index(['org_id', 'id']);
    t.index(['org_id', 'action', 'id']);
    t.index(['org_id', 'actor_id', 'id']);
    t.index(['org_id', 'target_id', 'id']);
    t.index(['org_id', 'at']);
  });
  await knex.raw(`
    create function audit_events_append_only() returns trigger language plpgsql as $$
    begin
      -- Deleting a whole organization is the one way rows may go (set by that code path only).
      if tg_op = 'DELETE' and current_setting('gatehouse.purging_org', true) = old.org_id::text then
        return old;
      end if;
      raise exception 'audit_events is append-only';
    end $$`);
  await knex.raw(`create trigger audit_events_append_only before update or delete on audit_events
    for each row execute function audit_events_append_only()`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop trigger if exists audit_events_append_only on audit_events');
  await knex.raw('drop function if exists audit_events_append_only()');
  for (const t of ['audit_events', 'api_keys', 'group_members', 'groups', 'users', 'organizations']) {
    await knex.schema.dropTableIfExists(t);
  }
}
