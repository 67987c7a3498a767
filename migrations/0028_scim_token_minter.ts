// Who minted a SCIM token, and with which organization role (issue 13.1): a SCIM token may do at
// most what its minter could do through /v1. Owner scope also needs the minter to still be an
// active owner (a person) or a live owner key, checked on every use; so the minter is kept by id.
// Tokens minted before this migration have no recorded minter and act with admin scope (fail
// closed: an owner mints a new one to manage owners through SCIM).
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('scim_tokens', (t) => {
    t.text('minted_role');
    t.uuid('minted_by_user_id').references('users.id').onDelete('set null');
    t.uuid('minted_by_key_id').references('api_keys.id').onDelete('set null');
  });
  await knex.raw(`alter table scim_tokens add constraint scim_tokens_minted_role_check check (minted_role in ('owner', 'admin'))`);
  // Deleting a user or a key sets these to null: an index, so that is not a scan of every token.
  await knex.raw('create index scim_tokens_minted_by_user on scim_tokens (minted_by_user_id) where minted_by_user_id is not null');
  await knex.raw('create index scim_tokens_minted_by_key on scim_tokens (minted_by_key_id) where minted_by_key_id is not null');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('scim_tokens', (t) => {
    t.dropColumn('minted_by_key_id');
    t.dropColumn('minted_by_user_id');
    t.dropColumn('minted_role');
  });
}
