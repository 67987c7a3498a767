// Console sessions: what the admin console's HttpOnly cookie stands for. Each one rests on either an
// API key (the break-glass exchange of an owner or admin key) or a person's sign-in session (SSO), and
// dies with it: revoking the key or ending the sign-in session ends the console session too. The
// cookie's secret is stored only as its SHA-256, like every credential here.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('console_sessions', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('org_id').notNullable().references('organizations.id').onDelete('cascade');
    t.binary('secret_hash').notNullable().unique();
    t.uuid('api_key_id').references('api_keys.id').onDelete('cascade');
    t.uuid('session_id').references('sessions.id').onDelete('cascade');
    t.text('ip');
    t.text('user_agent');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('last_seen_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('ended_at', { useTz: true });
    t.index(['expires_at']);
    t.index(['org_id', 'session_id']);
  });
  await knex.raw('alter table console_sessions add constraint console_sessions_one_basis check (num_nonnulls(api_key_id, session_id) = 1)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('console_sessions');
}
