// Invitations (domain §8) and the transactional mail outbox that carries their mails to the queue.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('invitations', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('org_id').notNullable().references('organizations.id').onDelete('cascade');
    t.specificType('email', 'citext').notNullable();
    t.text('role').notNullable();
    t.jsonb('bindings').notNullable().defaultTo('[]'); // [{ roleId, spaceId }]
    // queued (login_policy, no mail) | pending | accepted | revoked; "expired" is pending past expires_at.
    t.text('state').notNullable();
    t.binary('token_hash').unique(); // sha256 of the link secret; null while queued
    t.timestamp('expires_at', { useTz: true });
    // Fixed when the invitation is made, so a queued one sent later (strategy switch) gets the
    // validity its inviter was promised; a resend renews it with the current setting.
    t.double('expiry_days').notNullable();
    t.text('invited_by').notNullable(); // the inviter as the audit trail names them
    t.text('inviter_name').notNullable(); // the inviter as the mail names them
    // The latest send request (older ones are superseded). Its outbox row is the one record of the
    // mail's delivery: the API reads delivery state from there, so the worker writes it once.
    t.uuid('outbox_id');
    t.timestamp('accepted_at', { useTz: true });
    t.uuid('accepted_user_id').references('users.id').onDelete('set null');
    t.timestamp('revoked_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['org_id', 'created_at', 'id']);
    t.index(['org_id', 'email']);
  });
  await knex.raw(`alter table invitations add constraint invitations_state_check
    check (state in ('queued', 'pending', 'accepted', 'revoked'))`);
  await knex.raw(`alter table invitations add constraint invitations_role_check
    check (role in ('owner', 'admin', 'contributor', 'viewer', 'viewer_no_secrets', 'member'))`);
  // A second invitation to an address with one open is refused (domain §8), also under races.
  await knex.raw(`create unique index invitations_one_open_per_email on invitations (org_id, email)
    where state in ('queued', 'pending')`);

  // One row per send request, written in the same transaction as the change that asks for the mail.
  // The relay moves rows into BullMQ (job id = row id); the worker records the outcome here, which
  // is what makes a send request go out at most once whatever Redis or a worker does.
  await knex.schema.createTable('mail_outbox', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('org_id').notNullable().references('organizations.id').onDelete('cascade');
    t.text('kind').notNullable(); // which module renders it: 'invitation'
    t.uuid('subject_id').notNullable(); // e.g. the invitation
    t.text('recipient').notNullable();
    // What rendering needs and the database cannot give back (the link secret); emptied once sent.
    t.jsonb('payload').notNullable().defaultTo('{}');
    // pending → sending → sent | failed | cancelled (superseded before it went out)
    t.text('status').notNullable().defaultTo('pending');
    t.integer('attempts').notNullable().defaultTo(0);
    t.text('last_error');
    t.timestamp('lease_until', { useTz: true }); // while sending: no other worker may send it
    t.text('message_id');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('relayed_at', { useTz: true }); // null: not yet in the queue
    t.integer('relay_count').notNullable().defaultTo(0);
    t.timestamp('finished_at', { useTz: true });
    t.index(['org_id', 'subject_id']);
  });
  await knex.raw(`alter table mail_outbox add constraint mail_outbox_status_check
    check (status in ('pending', 'sending', 'sent', 'failed', 'cancelled'))`);
  await knex.raw(`create index mail_outbox_unrelayed on mail_outbox (created_at) where relayed_at is null`);
  await knex.raw(`create index mail_outbox_unfinished on mail_outbox (relayed_at) where status in ('pending', 'sending')`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('mail_outbox');
  await knex.schema.dropTableIfExists('invitations');
}
