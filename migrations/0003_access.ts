// Spaces, roles, IdP group mappings, role bindings (domain §3–§5), and the per-organization access
// version that lets every instance's permission cache notice any change at the next request.
//
// The version is bumped by deferred constraint triggers, so no writer has to remember to do it
// (SCIM renaming a group, a cascade from a deleted user, a hand-run SQL fix): they fire at commit,
// after all of the transaction's other locks are taken, and bump once per transaction and
// organization (a transaction-local setting remembers which organizations were bumped), so a
// 100,000-row change costs one version update, not 100,000.
import type { Knex } from 'knex';
import { initOrgAccess } from '../src/access/org-init.ts';

const BUMPED_TABLES: Array<[table: string, events: string, when?: string]> = [
  ['spaces', 'insert or update or delete'],
  ['roles', 'insert or update or delete'],
  ['idp_group_mappings', 'insert or update or delete'],
  ['role_bindings', 'insert or update or delete'],
  // A mapping tied to an IdP group's stable id follows that group's current name.
  ['groups', 'insert or delete or update of display_name, external_id'],
  // Session roles from a login policy only count under login_policy (domain §5).
  ['organizations', 'update of management_strategy'],
];

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('access_versions', (t) => {
    t.uuid('org_id').primary().references('organizations.id').onDelete('cascade');
    t.bigInteger('version').notNullable().defaultTo(1);
  });

  await knex.schema.createTable('spaces', (t) => {
    t.uuid('org_id').notNullable().references('organizations.id').onDelete('cascade');
    t.text('id').notNullable(); // a slug, unique per organization; `root` is the top (domain §3)
    t.text('name').notNullable();
    t.text('parent_id');
    t.boolean('inherit_entities').notNullable().defaultTo(false);
    t.specificType('labels', 'text[]').notNullable().defaultTo('{}');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['org_id', 'id']);
    t.foreign(['org_id', 'parent_id']).references(['org_id', 'id']).inTable('spaces');
    t.index(['org_id', 'parent_id']);
  });
  await knex.raw(`alter table spaces add constraint spaces_root_check check ((id = 'root') = (parent_id is null))`);
  await knex.raw(`alter table spaces add constraint spaces_id_check check (id ~ '^[a-z0-9][a-z0-9_-]{0,62}$')`);

  await knex.schema.createTable('roles', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('org_id').notNullable().references('organizations.id').onDelete('cascade');
    t.text('slug').notNullable();
    t.text('name').notNullable();
    t.text('description').notNullable().defaultTo('');
    t.specificType('actions', 'text[]').notNullable().defaultTo('{}');
    t.boolean('predefined').notNullable().defaultTo(false);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['org_id', 'slug']);
    t.unique(['org_id', 'id']);
  });

  // A mapping names a team (compared exactly, domain §1); tied to the IdP group's stable id, it
  // keeps working when the group is renamed.
  await knex.schema.createTable('idp_group_mappings', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('org_id').notNullable().references('organizations.id').onDelete('cascade');
    t.text('name').notNullable();
    t.text('external_id');
    t.text('description').notNullable().defaultTo('');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['org_id', 'name']);
    t.unique(['org_id', 'id']);
  });
  await knex.raw('create unique index idp_group_mappings_org_external on idp_group_mappings (org_id, external_id) where external_id is not null');

  await knex.schema.createTable('role_bindings', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('org_id').notNullable().references('organizations.id').onDelete('cascade');
    t.text('subject_type').notNullable();
    t.uuid('user_id').references('users.id').onDelete('cascade');
    t.uuid('api_key_id').references('api_keys.id').onDelete('cascade');
    t.uuid('idp_group_id');
    t.uuid('role_id').notNullable();
    t.text('space_id').notNullable();
    t.text('created_by');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    // Composite keys keep a binding inside its organization's roles, spaces and mappings.
    t.foreign(['org_id', 'role_id']).references(['org_id', 'id']).inTable('roles');
    t.foreign(['org_id', 'space_id']).references(['org_id', 'id']).inTable('spaces').onDelete('cascade');
    t.foreign(['org_id', 'idp_group_id']).references(['org_id', 'id']).inTable('idp_group_mappings').onDelete('cascade');
    t.index(['org_id', 'id']);
    t.index(['org_id', 'space_id']);
    t.index(['org_id', 'role_id']);
    t.index(['org_id', 'user_id']);
    t.index(['org_id', 'api_key_id']);
    t.index(['org_id', 'idp_group_id']);
  });
  await knex.raw(`alter table role_bindings add constraint role_bindings_subject_check check (
    (subject_type = 'user' and user_id is not null and api_key_id is null and idp_group_id is null) or
    (subject_type = 'api_key' and api_key_id is not null and user_id is null and idp_group_id is null) or
    (subject_type = 'idp_group' and idp_group_id is not null and user_id is null and api_key_id is null))`);
  await knex.raw(`create unique index role_bindings_unique on role_bindings
    (org_id, space_id, role_id, subject_type, coalesce(user_id, api_key_id, idp_group_id))`);

  await knex.raw(`
    create function access_version_bump() returns trigger language plpgsql as $$
    declare
      org uuid;
      done text := coalesce(current_setting('gatehouse.access_bumped', true), '');
    begin
      if tg_table_name = 'organizations' then org := new.id;
      elsif tg_op = 'DELETE' then org := old.org_id;
      else org := new.org_id;
      end if;
      if position(org::text in done) > 0 then return null; end if;
      -- the organization itself may be going away in this transaction (its rows cascade)
      if not exists (select 1 from organizations where id = org) then return null; end if;
      insert into access_versions (org_id, version) values (org, 1)
        on conflict (org_id) do update set version = access_versions.version + 1;
      perform set_config('gatehouse.access_bumped', done || org::text || ',', true);
      return null;
    end $$`);
  for (const [table, events] of BUMPED_TABLES) {
    await knex.raw(`create constraint trigger ${table}_access_version after ${events} on ${table}
      deferrable initially deferred for each row execute function access_version_bump()`);
  }

  for (const { id } of await knex('organizations').select('id')) await initOrgAccess(knex, id as string);
}

export async function down(knex: Knex): Promise<void> {
  for (const [table] of BUMPED_TABLES) await knex.raw(`drop trigger if exists ${table}_access_version on ${table}`);
  await knex.raw('drop function if exists access_version_bump()');
  for (const t of ['role_bindings', 'idp_group_mappings', 'roles', 'spaces', 'access_versions']) await knex.schema.dropTableIfExists(t);
}
