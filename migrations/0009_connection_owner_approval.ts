// Owners sign in only through connections whose identity settings an owner saved. An SSO connection
// decides who a person is; an admin may write one (domain §2: integrations), so without this an admin
// could point a connection at an IdP of their own and sign in as an owner, by address or through an
// owner's existing link. Existing connections start unapproved: an owner saves them once.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('sso_connections', (t) => {
    t.boolean('owner_approved').notNullable().defaultTo(false);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('sso_connections', (t) => {
    t.dropColumn('owner_approved');
  });
}
