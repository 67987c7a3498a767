// Invitations: every rule of domain §8 (seeds 000, 003). Owners and admins invite; only owners
// invite owners; one open invitation per address; under login_policy they wait, queued.
import type { Knex } from 'knex';
import { recordEvent } from '../audit/service.ts';
import type { RequestContext } from '../http/actor.ts';
import { conflict, forbidden, invalidField, notFound } from '../http/errors.ts';
import { requireOrgPermission, requireOrgPermissionNow } from '../orgs/guard.ts';
import { secretBox } from '../sessions/secret-box.ts';
import { cancelMails } from '../mail/outbox.ts';
import { mayGrant, type OrgRole } from '../orgs/roles.ts';
import { parseAddresses } from './addresses.ts';
import { checkBindings } from './bindings.ts';
import { inviterName } from './inviter.ts';
import { issueLinks } from './issue.ts';
import { presentInvitation, stateOf } from './present.ts';
import * as store from './store.ts';

export const MAX_ADDRESSES = 1000;

export type InviteResult =
  | { email: string; result: 'invited'; invitation: ReturnType<typeof presentInvitation> }
  | { email: string; result: 'already_member' }
  | { email: string; result: 'already_invited'; invitationId: string | null }
  | { email: string; result: 'invalid'; reason: string };

export interface InviteInput {
  emails: string;
  role: OrgRole;
  bindings: store.Binding[];
}

function requireMayInvite(ctx: RequestContext, role: OrgRole): void {
  requireOrgPermission(ctx.actor, 'users:manage');
  if (!mayGrant(ctx.actor.role, role)) throw forbidden('only an owner may invite an owner or manage an owner\'s invitation');
}

/** The context with the actor's role as it stands inside the transaction (src/orgs/guard.ts), checked for users:manage. */
async function withRoleNow(tx: Knex.Transaction, ctx: RequestContext): Promise<RequestContext> {
  return { ...ctx, actor: { ...ctx.actor, role: await requireOrgPermissionNow(tx, ctx.actor, 'users:manage') } };
}

export interface InvitationConfig {
  invitationExpiryDays: number;
  /** Seals the link secrets waiting in the mail outbox (src/invitations/issue.ts). */
  encryptionKey: string | null;
}

export async function createInvitations(db: Knex, config: InvitationConfig, ctx: RequestContext, input: InviteInput) {
  requireMayInvite(ctx, input.role);
  const parsed = parseAddresses(input.emails);
  if (!parsed.length) throw invalidField('emails', 'must name at least one address');
  if (parsed.length > MAX_ADDRESSES) throw invalidField('emails', `must name at most ${MAX_ADDRESSES} addresses per request`);
  const orgId = ctx.actor.orgId;
  await checkBindings(db, orgId, input.bindings);
  const valid = parsed.filter((p) => p.reason === null).map((p) => p.email);

  return db.transaction(async (tx) => {
    const org = await store.shareLockOrg(tx, orgId);
    if (!org) throw notFound('organization');
    requireMayInvite(await withRoleNow(tx, ctx), input.role);
    const members = await store.memberEmails(tx, orgId, valid);
    const open = await store.lockOpenByEmails(tx, orgId, valid);
    // An expired invitation does not block a new one: the new one supersedes it.
    const expired = open.filter((i) => stateOf(i) === 'expired' && !members.has(i.email.toLowerCase()));
    await cancelMails(tx, orgId, expired.map((i) => i.id));
    for (const old of expired) {
      await store.updateInvitation(tx, orgId, old.id, { state: 'revoked', revoked_at: new Date() });
      await recordEvent(tx, orgId, ctx, { action: 'invitation.revoked', target: { type: 'invitation', id: old.id }, before: presentInvitation(old), details: { reason: 'superseded by a new invitation' } });
    }
    const live = new Map(open.filter((i) => !expired.includes(i)).map((i) => [i.email.toLowerCase(), i.id]));

    const invitedBy = ctx.actor.label;
    const name = await inviterName(tx, ctx, org.name);
    const fresh = valid.filter((e) => !members.has(e.toLowerCase()) && !live.has(e.toLowerCase()));
    let created = await store.insertInvitations(
      tx,
      fresh.map((email) => ({
        org_id: orgId,
        email,
        role: input.role,
        bindings: input.bindings,
        state: org.management_strategy === 'user_management' ? 'pending' : 'queued',
        expiry_days: config.invitationExpiryDays,
        invited_by: invitedBy,
        inviter_name: name,
      })),
    );
    if (org.management_strategy === 'user_management') created = await issueLinks(tx, secretBox(config.encryptionKey), orgId, created);
    for (const inv of created) {
      await recordEvent(tx, orgId, ctx, { action: 'invitation.created', target: { type: 'invitation', id: inv.id }, after: presentInvitation(inv) });
    }
    const shown = await store.findPresentable(tx, orgId, created.map((i) => i.id));
    const byEmail = new Map(shown.map((i) => [i.email.toLowerCase(), i]));

    const results: InviteResult[] = parsed.map(({ email, reason }) => {
      const key = email.toLowerCase();
      if (reason !== null) return { email, result: 'invalid', reason };
      if (members.has(key)) return { email, result: 'already_member' };
      const inv = byEmail.get(key);
      if (inv) return { email, result: 'invited', invitation: presentInvitation(inv) };
      // Either open before this request, or made by a concurrent request a moment ago.
      return { email, result: 'already_invited', invitationId: live.get(key) ?? null };
    });
    const summary = { invited: 0, already_member: 0, already_invited: 0, invalid: 0 };
    for (const r of results) summary[r.result]++;
    return { results, summary };
  });
}

// Invitations name addresses, roles, bindings and inviters: read by those who manage and invite
// users (domain §2), not by every member.
export async function listInvitations(db: Knex, ctx: RequestContext, filter: store.InvitationFilter, limit: number) {
  requireOrgPermission(ctx.actor, 'users:manage');
  const rows = await store.listInvitations(db, ctx.actor.orgId, filter, limit + 1);
  const page = rows.slice(0, limit);
  return { items: page.map(presentInvitation), next: rows.length > limit ? page[page.length - 1]!.id : null };
}

export async function getInvitation(db: Knex, ctx: RequestContext, id: string) {
  requireOrgPermission(ctx.actor, 'users:manage');
  const inv = await store.findInvitation(db, ctx.actor.orgId, id);
  if (!inv) throw notFound('invitation');
  return presentInvitation(inv);
}

/** A new link (the old one stops working) and a renewed expiry; the old mail, if still waiting, is dropped. */
export async function resendInvitation(db: Knex, config: InvitationConfig, ctx: RequestContext, id: string) {
  requireOrgPermission(ctx.actor, 'users:manage');
  const orgId = ctx.actor.orgId;
  return db.transaction(async (tx) => {
    const org = await store.shareLockOrg(tx, orgId);
    const now = await withRoleNow(tx, ctx);
    const inv = await store.lockInvitation(tx, orgId, id);
    if (!org || !inv) throw notFound('invitation');
    requireMayInvite(now, inv.role);
    if (inv.state === 'accepted') throw conflict('this invitation was accepted; there is nothing to resend');
    if (inv.state === 'revoked') throw conflict('this invitation was deleted; invite the address again');
    if (inv.state === 'queued' && org.management_strategy === 'login_policy') {
      throw conflict('queued invitations are sent when the organization switches to user_management (seed 000)');
    }
    const [sent] = await issueLinks(tx, secretBox(config.encryptionKey), orgId, [inv], config.invitationExpiryDays);
    await recordEvent(tx, orgId, ctx, { action: 'invitation.resent', target: { type: 'invitation', id }, before: presentInvitation(inv), after: presentInvitation(sent!) });
    return presentInvitation((await store.findInvitation(tx, orgId, id))!);
  });
}

/** Deletes an invitation: it becomes revoked (kept for the record), its link and unsent mail die. */
export async function revokeInvitation(db: Knex, ctx: RequestContext, id: string): Promise<void> {
  requireOrgPermission(ctx.actor, 'users:manage');
  const orgId = ctx.actor.orgId;
  await db.transaction(async (tx) => {
    const now = await withRoleNow(tx, ctx);
    const inv = await store.lockInvitation(tx, orgId, id);
    if (!inv) throw notFound('invitation');
    requireMayInvite(now, inv.role);
    if (inv.state === 'revoked') return;
    if (inv.state === 'accepted') throw conflict('this invitation was accepted; remove the member instead');
    const after = await store.updateInvitation(tx, orgId, id, { state: 'revoked', revoked_at: new Date() });
    await cancelMails(tx, orgId, [id]);
    await recordEvent(tx, orgId, ctx, { action: 'invitation.revoked', target: { type: 'invitation', id }, before: presentInvitation(inv), after: presentInvitation(after) });
  });
}


/** How many queued invitations the switch to user_management would send (the console's confirmation). */
export const countQueuedInvitations = (db: Knex, orgId: string) => store.countQueued(db, orgId);
