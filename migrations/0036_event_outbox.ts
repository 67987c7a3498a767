// The events outbox (issue 18): every change that the product may hear about leaves a row here in
// the transaction that made it, written by triggers, so no code path can forget it and a rolled-back
// change leaves nothing. The relay (src/events/relay.ts) turns these rows into catalogue events.
//
// What writes here, and why each source:
// - every audit record (who did it, from where; the audit actions most events derive from, and the
//   records that audit streaming sends to SIEMs);
// - users and groups as rows before and after (the resource after the change, the fields changed:
//   an audit record summarises, a row image is exact);
// - group memberships per statement (a 100,000-member replace is two rows here, each with its ids);
// - sessions when they end (every way a session ends, with its reason).
// `tx` groups the rows of one transaction, so the relay can give a row change the actor of the audit
// record written beside it. No foreign keys: deleting an organization must not fail on its way
// through here (rows of a purged organization are not written at all, and the relay drops orphans).
import type { Knex } from 'knex';

const NOT_PURGING = (org: string) => `current_setting('gatehouse.purging_org', true) is distinct from ${org}::text`;

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table event_outbox (
      id bigserial primary key,
      tx xid8 not null default pg_current_xact_id(),
      org_id uuid not null,
      source text not null,
      audit_id bigint,
      old jsonb,
      new jsonb,
      at timestamptz not null default now()
    )`);
  await knex.raw('create index event_outbox_tx on event_outbox (tx)');

  await knex.raw(`
    create function event_outbox_audit() returns trigger language plpgsql as $$
    begin
      if ${NOT_PURGING('new.org_id')} then
        insert into event_outbox (org_id, source, audit_id) values (new.org_id, 'audit', new.id);
      end if;
      return null;
    end $$`);
  await knex.raw(`create trigger audit_events_to_event_outbox after insert on audit_events
    for each row execute function event_outbox_audit()`);

  // One function for users and groups: the source name is the trigger's argument.
  await knex.raw(`
    create function event_outbox_row() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' then
        if ${NOT_PURGING('new.org_id')} then
          insert into event_outbox (org_id, source, new) values (new.org_id, tg_argv[0], to_jsonb(new));
        end if;
      elsif tg_op = 'UPDATE' then
        if ${NOT_PURGING('new.org_id')} then
          insert into event_outbox (org_id, source, old, new) values (new.org_id, tg_argv[0], to_jsonb(old), to_jsonb(new));
        end if;
      elsif ${NOT_PURGING('old.org_id')} then
        insert into event_outbox (org_id, source, old) values (old.org_id, tg_argv[0], to_jsonb(old));
      end if;
      return null;
    end $$`);
  await knex.raw(`create trigger users_to_event_outbox after insert or delete on users
    for each row execute function event_outbox_row('user')`);
  // Only what the product sees: a version bump or a timestamp alone is no event.
  const userColumns = ['user_name', 'external_id', 'email', 'display_name', 'given_name', 'family_name', 'role', 'active', 'attributes'];
  await knex.raw(`create trigger users_changed_to_event_outbox after update on users for each row
    when ((${userColumns.map((c) => `old.${c}`).join(', ')}) is distinct from (${userColumns.map((c) => `new.${c}`).join(', ')}))
    execute function event_outbox_row('user')`);
  await knex.raw(`create trigger groups_to_event_outbox after insert or delete on groups
    for each row execute function event_outbox_row('group')`);
  await knex.raw(`create trigger groups_changed_to_event_outbox after update on groups for each row
    when ((old.display_name, old.external_id, old.attributes) is distinct from (new.display_name, new.external_id, new.attributes))
    execute function event_outbox_row('group')`);

  // Per statement, one row per group with the ids: set-based like the membership change itself.
  await knex.raw(`
    create function event_outbox_members() returns trigger language plpgsql as $$
    begin
      insert into event_outbox (org_id, source, new)
      select m.org_id, tg_argv[0], jsonb_build_object('groupId', m.group_id, 'userIds', jsonb_agg(m.user_id))
        from changed m
       where ${NOT_PURGING('m.org_id')}
       group by m.org_id, m.group_id;
      return null;
    end $$`);
  await knex.raw(`create trigger group_members_added_to_event_outbox after insert on group_members
    referencing new table as changed for each statement execute function event_outbox_members('members_added')`);
  await knex.raw(`create trigger group_members_removed_to_event_outbox after delete on group_members
    referencing old table as changed for each statement execute function event_outbox_members('members_removed')`);

  // The columns a product needs (never the refresh-token hashes).
  await knex.raw(`
    create function event_outbox_session_ended() returns trigger language plpgsql as $$
    begin
      if ${NOT_PURGING('new.org_id')} then
        insert into event_outbox (org_id, source, new) values (new.org_id, 'session_ended', jsonb_build_object(
          'id', new.id, 'user_id', new.user_id, 'connection_id', new.connection_id, 'created_at', new.created_at,
          'expires_at', new.expires_at, 'ended_at', new.ended_at, 'end_reason', new.end_reason));
      end if;
      return null;
    end $$`);
  await knex.raw(`create trigger sessions_ended_to_event_outbox after update of ended_at on sessions for each row
    when (old.ended_at is null and new.ended_at is not null) execute function event_outbox_session_ended()`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop trigger if exists sessions_ended_to_event_outbox on sessions');
  await knex.raw('drop trigger if exists group_members_removed_to_event_outbox on group_members');
  await knex.raw('drop trigger if exists group_members_added_to_event_outbox on group_members');
  await knex.raw('drop trigger if exists groups_changed_to_event_outbox on groups');
  await knex.raw('drop trigger if exists groups_to_event_outbox on groups');
  await knex.raw('drop trigger if exists users_changed_to_event_outbox on users');
  await knex.raw('drop trigger if exists users_to_event_outbox on users');
  await knex.raw('drop trigger if exists audit_events_to_event_outbox on audit_events');
  for (const f of ['event_outbox_session_ended', 'event_outbox_members', 'event_outbox_row', 'event_outbox_audit']) await knex.raw(`drop function if exists ${f}()`);
  await knex.raw('drop table if exists event_outbox');
}
