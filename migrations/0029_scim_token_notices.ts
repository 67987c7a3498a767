// Every instance may remember live SCIM tokens (src/scim/tokens/cache.ts); this trigger tells them
// all when a token stops being live (revoked, or deleted with its organization or by hand), at the
// commit that does it, so a revoked token stops working at once on every instance.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create function scim_tokens_notify() returns trigger language plpgsql as $$
    begin
      perform pg_notify('gatehouse_scim_tokens', old.id::text);
      return null;
    end $$`);
  await knex.raw(`create trigger scim_tokens_notify after update of revoked_at or delete on scim_tokens
    for each row execute function scim_tokens_notify()`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop trigger if exists scim_tokens_notify on scim_tokens');
  await knex.raw('drop function if exists scim_tokens_notify()');
}
