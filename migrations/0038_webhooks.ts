// Webhook subscriptions, their deliveries and the log of attempts (issue 18). PostgreSQL is the
// queue: per-subject order, retries over a day and the delivery log must outlive Redis and workers.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table webhook_subscriptions (
      id uuid primary key default gen_random_uuid(),
      org_id uuid not null references organizations(id) on delete cascade,
      url text not null,
      description text not null default '',
      event_types text[] not null,
      enabled boolean not null default true,
      disabled_reason text,
      disabled_at timestamptz,
      secret_sealed text not null,
      secret_hint text not null,
      -- after a rotation the previous secret signs too, until it expires (both signatures are sent)
      previous_secret_sealed text,
      previous_secret_expires_at timestamptz,
      -- since when every attempt has failed (null while deliveries succeed)
      failing_since timestamptz,
      created_by text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`);
  await knex.raw('create index webhook_subscriptions_by_org on webhook_subscriptions (org_id, created_at, id)');

  // queued: waits behind an earlier delivery with the same order key; pending: the head of its key,
  // due at next_attempt_at; delivering: leased by a worker; delivered | failed: finished.
  await knex.raw(`
    create table webhook_deliveries (
      id bigserial primary key,
      org_id uuid not null,
      subscription_id uuid not null references webhook_subscriptions(id) on delete cascade,
      event_seq bigint not null,
      order_key text not null,
      status text not null default 'queued',
      attempts integer not null default 0,
      next_attempt_at timestamptz not null default now(),
      lease_until timestamptz,
      first_attempt_at timestamptz,
      last_attempt_at timestamptz,
      last_status integer,
      last_error text,
      delivered_at timestamptz,
      -- how many times an administrator asked for it again
      redeliveries integer not null default 0,
      created_at timestamptz not null default now(),
      foreign key (org_id, event_seq) references events(org_id, seq) on delete cascade,
      constraint webhook_deliveries_status_check check (status in ('queued', 'pending', 'delivering', 'delivered', 'failed'))
    )`);
  await knex.raw(`create index webhook_deliveries_due on webhook_deliveries (next_attempt_at) where status = 'pending'`);
  await knex.raw(`create index webhook_deliveries_leased on webhook_deliveries (lease_until) where status = 'delivering'`);
  // At most one delivery per (subscription, order key) is ever in flight: the order guarantee, kept by the database.
  await knex.raw(`create unique index webhook_deliveries_one_head on webhook_deliveries (subscription_id, order_key) where status in ('pending', 'delivering')`);
  // order_key first: the most selective column, so a key's lookup reads its own entries only (also the dead ones a
  // never-vacuumed table keeps after each queued → pending move), whatever join order the planner picks.
  await knex.raw(`create index webhook_deliveries_queued on webhook_deliveries (order_key, subscription_id, event_seq) where status = 'queued'`);
  await knex.raw('create index webhook_deliveries_by_subscription on webhook_deliveries (subscription_id, id)');
  await knex.raw('create index webhook_deliveries_by_event on webhook_deliveries (org_id, event_seq)');

  await knex.raw(`
    create table webhook_attempts (
      id bigserial primary key,
      org_id uuid not null,
      delivery_id bigint not null references webhook_deliveries(id) on delete cascade,
      at timestamptz not null default now(),
      status_code integer,
      error text,
      latency_ms integer not null,
      response_snippet text
    )`);
  await knex.raw('create index webhook_attempts_by_delivery on webhook_attempts (delivery_id, id)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table if exists webhook_attempts');
  await knex.raw('drop table if exists webhook_deliveries');
  await knex.raw('drop table if exists webhook_subscriptions');
}
