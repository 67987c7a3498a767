// The events feed (issue 18): catalogue events as delivered, numbered per organization by the relay
// in the order it sees their transactions commit. Kept for a configurable number of days.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table events (
      org_id uuid not null references organizations(id) on delete cascade,
      seq bigint not null,
      id text not null,
      type text not null,
      -- what deliveries keep in order: events with the same key reach a subscription one after another
      order_key text not null,
      occurred_at timestamptz not null,
      recorded_at timestamptz not null default now(),
      -- the JSON document exactly as it is delivered and signed
      body text not null,
      primary key (org_id, seq)
    )`);
  await knex.raw('create index events_by_type on events (org_id, type, seq)');
  await knex.raw('create index events_by_recorded_at on events (recorded_at)');

  // One row per organization: the last numbers handed out, written by the relay only (the writers
  // of changes never touch it, so numbering serialises nothing but the relay).
  await knex.raw(`
    create table event_counters (
      org_id uuid primary key references organizations(id) on delete cascade,
      last_event_seq bigint not null default 0,
      last_audit_seq bigint not null default 0,
      -- events up to this number were dropped by retention: a cursor before it has missed some
      pruned_through bigint not null default 0
    )`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table if exists event_counters');
  await knex.raw('drop table if exists events');
}
