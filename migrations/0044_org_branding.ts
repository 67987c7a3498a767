// What the pages a person signing in sees carry of their organization: an accent colour and a logo
// (stored here, served from our own origin, so the sign-in pages' strict CSP needs no other host).
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('org_branding', (t) => {
    t.uuid('org_id').primary().references('organizations.id').onDelete('cascade');
    t.text('accent_color');
    t.binary('logo');
    t.text('logo_type');
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('org_branding');
}
