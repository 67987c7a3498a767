// Nested groups (migration 0026) change teams as much as memberships do: a group put into another
// gives every person below it a team. Per statement, like memberships, one outbox row per parent
// group with the member groups' ids, so the relay turns it into group.members_added/removed with
// `groupIds` beside `userIds` (docs/events.md).
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create function event_outbox_nestings() returns trigger language plpgsql as $$
    begin
      insert into event_outbox (org_id, source, new)
      select n.org_id, tg_argv[0], jsonb_build_object('groupId', n.parent_id, 'groupIds', jsonb_agg(n.member_group_id))
        from changed n
       where current_setting('gatehouse.purging_org', true) is distinct from n.org_id::text
       group by n.org_id, n.parent_id;
      return null;
    end $$`);
  await knex.raw(`create trigger group_nestings_added_to_event_outbox after insert on group_nestings
    referencing new table as changed for each statement execute function event_outbox_nestings('members_added')`);
  await knex.raw(`create trigger group_nestings_removed_to_event_outbox after delete on group_nestings
    referencing old table as changed for each statement execute function event_outbox_nestings('members_removed')`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop trigger if exists group_nestings_removed_to_event_outbox on group_nestings');
  await knex.raw('drop trigger if exists group_nestings_added_to_event_outbox on group_nestings');
  await knex.raw('drop function if exists event_outbox_nestings()');
}
