// The service's runtime database role: what the running service may do, apart from the role that
// owns the schema and runs migrations. `gatehouse_runtime` is a group role (NOLOGIN); the login
// role in DATABASE_URL is made a member of it by the DBA (README, "Database roles"). It may read
// and write the tables it serves from, never alter them, and may only read and append to the
// audit trail: that is what makes the trail append-only for the service itself, whatever a bug
// or an injected statement tries (a trigger alone can be switched off by its table's owner).
//
// The role is created here unless the DBA created it already (then this migration needs no
// CREATEROLE). Roles belong to the cluster, not the database: every Gatehouse database on a
// cluster grants to the same group role.
import type { Knex } from 'knex';

const RUNTIME_ROLE = 'gatehouse_runtime'; // src/db/runtime-role.ts names it too; a migration never imports src/

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    do $$ begin
      if not exists (select from pg_roles where rolname = '${RUNTIME_ROLE}') then
        create role ${RUNTIME_ROLE} nologin;
      end if;
    exception when duplicate_object or unique_violation then null; -- created concurrently by another database's migration
    end $$`);
  await knex.raw(`grant usage on schema public to ${RUNTIME_ROLE}`);
  await knex.raw(`grant select, insert, update, delete on all tables in schema public to ${RUNTIME_ROLE}`);
  await knex.raw(`grant usage, select on all sequences in schema public to ${RUNTIME_ROLE}`);
  // Tables and sequences later migrations create (as this same owner role) are covered too; a
  // migration that adds an append-only table revokes update and delete on it, as below.
  await knex.raw(`alter default privileges in schema public grant select, insert, update, delete on tables to ${RUNTIME_ROLE}`);
  await knex.raw(`alter default privileges in schema public grant usage, select on sequences to ${RUNTIME_ROLE}`);
  // The audit trail: read and append, nothing else (no update, delete or truncate). Appending names
  // its columns: `id` and `at` come from the database, so the service cannot backdate an event. A
  // migration adding a column to audit_events grants insert on it the same way.
  await knex.raw(`revoke insert, update, delete, truncate on audit_events from ${RUNTIME_ROLE}`);
  await knex.raw(`grant insert (org_id, action, actor_type, actor_id, actor_label, target_type, target_id, before, after, details, ip, request_id)
    on audit_events to ${RUNTIME_ROLE}`);
  // Migrations are the owner's business.
  await knex.raw(`revoke all on knex_migrations, knex_migrations_lock from ${RUNTIME_ROLE}`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`alter default privileges in schema public revoke all on tables from ${RUNTIME_ROLE}`);
  await knex.raw(`alter default privileges in schema public revoke all on sequences from ${RUNTIME_ROLE}`);
  await knex.raw(`revoke all on all tables in schema public from ${RUNTIME_ROLE}`);
  await knex.raw(`revoke all on all sequences in schema public from ${RUNTIME_ROLE}`);
  await knex.raw(`revoke usage on schema public from ${RUNTIME_ROLE}`);
}
