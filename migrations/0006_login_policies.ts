// Login policies (Rego, per organization) and the samples of their evaluations.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('login_policies', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('org_id').notNullable().references('organizations.id').onDelete('cascade');
    t.text('name').notNullable();
    t.text('body').notNullable();
    t.smallint('rego_version').notNullable(); // 0 legacy, 1 OPA 1.0 syntax
    t.boolean('enabled').notNullable().defaultTo(true);
    t.boolean('sample_all').notNullable().defaultTo(true); // store every evaluation, not only `sample` ones
    t.integer('version').notNullable().defaultTo(1); // the compiled-form cache key
    t.text('updated_by');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['org_id', 'name']);
  });
  await knex.raw('alter table login_policies add constraint login_policies_version_check check (rego_version in (0, 1))');

  await knex.schema.createTable('login_policy_samples', (t) => {
    t.bigIncrements('id').primary();
    t.uuid('org_id').notNullable().references('organizations.id').onDelete('cascade');
    t.uuid('policy_id').notNullable().references('login_policies.id').onDelete('cascade');
    t.integer('policy_version').notNullable();
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.jsonb('input').notNullable();
    t.jsonb('output');
    t.text('error');
    t.integer('duration_us').notNullable();
    t.index(['org_id', 'policy_id', 'id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('login_policy_samples');
  await knex.schema.dropTableIfExists('login_policies');
}
