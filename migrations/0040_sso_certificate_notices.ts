// Which IdP certificate expiry warnings were already given (issue 18: sso_connection.certificate_expiring),
// so each certificate is announced once per threshold, by whichever instance looks first.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table sso_certificate_notices (
      org_id uuid not null references organizations(id) on delete cascade,
      connection_id uuid not null references sso_connections(id) on delete cascade,
      fingerprint text not null,
      threshold_days integer not null,
      noticed_at timestamptz not null default now(),
      primary key (connection_id, fingerprint, threshold_days)
    )`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table if exists sso_certificate_notices');
}
