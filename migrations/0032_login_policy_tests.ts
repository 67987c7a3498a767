// Login policies carry their tests (Rego modules with test_ rules), saved with the policy: a policy whose
// tests fail cannot be enabled, and the workbench can run them. Null: the policy has no tests.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('login_policies', (t) => {
    t.text('tests');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('login_policies', (t) => {
    t.dropColumn('tests');
  });
}
