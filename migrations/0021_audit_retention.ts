// The audit trail outlives what it records, and only a recorded purge removes it.
// - Deleting an organization no longer cascades into its audit events: they stay (with the
//   `organization.deleted` record) until a purge, per the retention the operator sets (README).
// - A purge is purge_audit_events(org | null, before, reason), which only the schema owner may run
//   (the runtime role has no DELETE on audit_events and no EXECUTE on the function). It writes its
//   own record in audit_purges first; the trigger lets a row go only when a purge recorded in the
//   same transaction covers it, so no row leaves without a record of who removed it and why. That
//   replaces the old `gatehouse.purging_org` setting, which any session could set.
// - Updates and TRUNCATE are refused outright, to the owner too; so are changes to audit_purges.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw('alter table audit_events drop constraint audit_events_org_id_foreign');

  await knex.schema.createTable('audit_purges', (t) => {
    t.bigIncrements('id').primary();
    t.bigInteger('txid').notNullable(); // the purging transaction: what the audit_events trigger checks
    t.uuid('org_id').notNullable(); // no foreign key: the organization may be gone
    t.timestamp('purged_before', { useTz: true }).notNullable();
    t.bigInteger('events'); // filled in by the same transaction once the rows are gone
    t.text('reason').notNullable();
    t.text('purged_by').notNullable().defaultTo(knex.raw('session_user'));
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['txid']);
  });
  // The default privileges of 0020 gave the runtime role DML here: the purge record is the owner's alone.
  await knex.raw('revoke all on audit_purges from gatehouse_runtime');
  await knex.raw('revoke all on sequence audit_purges_id_seq from gatehouse_runtime');

  await knex.raw(`
    create or replace function audit_events_append_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' and exists (
        select from audit_purges p
         where p.txid = txid_current() and p.org_id = old.org_id and old.at < p.purged_before
      ) then
        return old;
      end if;
      raise exception 'audit_events is append-only (the schema owner purges old events with purge_audit_events)';
    end $$`);
  await knex.raw(`create trigger audit_events_no_truncate before truncate on audit_events
    for each statement execute function audit_events_append_only()`);

  await knex.raw(`
    create function audit_purges_append_only() returns trigger language plpgsql as $$
    begin
      -- The purge fills in its count once its rows are gone, in the same transaction; nothing else changes.
      if tg_op = 'UPDATE' and old.events is null and old.txid = txid_current()
         and (new.txid, new.org_id, new.purged_before, new.reason, new.purged_by, new.at)
             is not distinct from (old.txid, old.org_id, old.purged_before, old.reason, old.purged_by, old.at) then
        return new;
      end if;
      raise exception 'audit_purges is append-only';
    end $$`);
  await knex.raw(`create trigger audit_purges_append_only before update or delete on audit_purges
    for each row execute function audit_purges_append_only()`);
  await knex.raw(`create trigger audit_purges_no_truncate before truncate on audit_purges
    for each statement execute function audit_purges_append_only()`);

  await knex.raw(`
    create function purge_audit_events(p_org uuid, p_before timestamptz, p_reason text) returns bigint
    language plpgsql as $$
    declare
      o uuid;
      purge_id bigint;
      n bigint;
      total bigint := 0;
    begin
      if coalesce(trim(p_reason), '') = '' then
        raise exception 'purge_audit_events: give the reason (it is recorded)';
      end if;
      if p_before is null or p_before > now() then
        raise exception 'purge_audit_events: "before" must be a moment in the past';
      end if;
      for o in select distinct org_id from audit_events where (p_org is null or org_id = p_org) and at < p_before loop
        insert into audit_purges (txid, org_id, purged_before, reason) values (txid_current(), o, p_before, p_reason)
          returning id into purge_id;
        delete from audit_events where org_id = o and at < p_before;
        get diagnostics n = row_count;
        update audit_purges set events = n where id = purge_id;
        -- A live organization sees the purge in its own trail.
        insert into audit_events (org_id, action, actor_type, actor_label, details)
          select o, 'audit.purged', 'database', session_user, jsonb_build_object('before', p_before, 'events', n, 'reason', p_reason)
           where exists (select from organizations where id = o);
        total := total + n;
      end loop;
      return total;
    end $$`);
  await knex.raw('revoke execute on function purge_audit_events(uuid, timestamptz, text) from public');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop function if exists purge_audit_events(uuid, timestamptz, text)');
  await knex.raw('drop trigger if exists audit_events_no_truncate on audit_events');
  await knex.schema.dropTableIfExists('audit_purges');
  await knex.raw('drop function if exists audit_purges_append_only()');
  await knex.raw(`
    create or replace function audit_events_append_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' and current_setting('gatehouse.purging_org', true) = old.org_id::text then
        return old;
      end if;
      raise exception 'audit_events is append-only';
    end $$`);
  await knex.raw(`alter table audit_events add constraint audit_events_org_id_foreign
    foreign key (org_id) references organizations (id) on delete cascade`);
}
