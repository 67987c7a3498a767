// Audit streaming (issue 18): per-organization sinks that receive every audit record, and the
// per-organization numbering of audit records that their cursors follow.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table audit_sinks (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organizations(id) on delete cascade,
      kind text not null,
      name text not null,
      settings jsonb not null,
      secrets_sealed text,
      enabled boolean not null default true,
      -- the last audit number the sink has received
      cursor_seq bigint not null,
      -- the batch in flight: after a crash exactly this range goes again, with the same idempotency key
      batch_from bigint,
      batch_to bigint,
      batch_attempts integer not null default 0,
      next_attempt_at timestamptz not null default now(),
      lease_until timestamptz,
      last_error text,
      last_error_at timestamptz,
      last_delivered_at timestamptz,
      created_by text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint audit_sinks_kind_check check (kind in ('https', 'splunk_hec', 'datadog', 's3'))
    )`);
  await knex.raw('create index audit_sinks_by_org on audit_sinks (org_id, created_at, id)');

  // Written by the relay for organizations that have sinks; pruned once every sink has passed a row.
  await knex.raw(`
    create table audit_sequence (
      org_id uuid not null references organizations(id) on delete cascade,
      seq bigint not null,
      audit_id bigint not null,
      recorded_at timestamptz not null default now(),
      primary key (org_id, seq)
    )`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table if exists audit_sequence');
  await knex.raw('drop table if exists audit_sinks');
}
