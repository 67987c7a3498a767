// An index for every foreign key whose parent rows are deleted in bulk. A cascade (or set null)
// from a deleted row finds its children by that one column; without an index starting with it
// (the (org_id, …) indexes do not), deleting N users scans each child table N times: deleting an
// organization of 20,000 users took 26× the time of writing them, and grew with the square of
// its size (bench/orgs/delete.ts). SCIM's user deletes go through the same cascades.
import type { Knex } from 'knex';

const INDEXES: [table: string, column: string, partial: boolean][] = [
  ['group_members', 'user_id', false],
  ['api_keys', 'user_id', true],
  ['role_bindings', 'user_id', true],
  ['role_bindings', 'api_key_id', true],
  ['sso_identities', 'user_id', false],
  ['sessions', 'user_id', false],
  ['sessions', 'connection_id', true],
  ['invitations', 'accepted_user_id', true],
  ['sso_login_states', 'connection_id', false],
  ['login_policy_samples', 'policy_id', false],
];

const name = (table: string, column: string) => `${table}_${column}_fk`;

export async function up(knex: Knex): Promise<void> {
  for (const [table, column, partial] of INDEXES) {
    await knex.raw(`create index ${name(table, column)} on ${table} (${column})${partial ? ` where ${column} is not null` : ''}`);
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const [table, column] of INDEXES) await knex.raw(`drop index if exists ${name(table, column)}`);
}
