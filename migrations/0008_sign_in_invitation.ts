// A sign-in started from an invitation link remembers the link's secret (sealed) until the IdP
// answers, so the invitation it opens is the one accepted, and a person who signs in with another
// address is told so instead of getting a generic refusal.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('sso_login_states', (t) => {
    t.text('invitation_sealed');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('sso_login_states', (t) => {
    t.dropColumn('invitation_sealed');
  });
}
