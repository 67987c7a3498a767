// Acceptance (domain §8): a person who signs in with the invited address (case-insensitive)
// becomes a member with the invited role and bindings; the invitation leaves the pending list and
// its link stops working. Called by the sign-in flow (src/sso) inside its transaction.
import type { Knex } from 'knex';
import { recordEvent } from '../audit/service.ts';
import type { RequestContext } from '../http/actor.ts';
import { hashSecret } from '../lib/secrets.ts';
import { ORG_ROLES, type OrgRole } from '../orgs/roles.ts';
import { insertInvitedPerson, lockPerson, markAccepted, setPersonRole } from './accept-store.ts';
import { grantBindings } from './bindings.ts';
import { presentInvitation, stateOf } from './present.ts';
import * as store from './store.ts';

export type AcceptRefusal = 'no_invitation' | 'email_mismatch' | 'expired' | 'revoked' | 'already_accepted' | 'not_sent';

export type AcceptOutcome =
  | {
      accepted: true;
      invitationId: string;
      userId: string;
      role: OrgRole;
      /** Bound as the invitation asked; `skippedBindings` name a role or space deleted since. */
      bindings: store.Binding[];
      skippedBindings: store.Binding[];
      memberCreated: boolean;
    }
  | { accepted: false; reason: AcceptRefusal; message: string };

export interface AcceptOptions {
  /** The secret of the link the person came through (`invitation` on /sso/{org}/login), if any. */
  token?: string | null;
  /** The user the sign-in already resolved or provisioned just in time, if any. */
  userId?: string | null;
  /** The person's name as the identity provider gives it, for a member created here. */
  name?: string | null;
  /** For the audit trail; null: recorded as the service itself. */
  ctx?: RequestContext | null;
}

/** "j•••@example.com": enough for the person to recognise the invited address, not enough to harvest it. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return `${email.slice(0, Math.min(1, at))}•••${email.slice(at)}`;
}

const rank = (role: OrgRole) => ORG_ROLES.length - ORG_ROLES.indexOf(role);

const refuse = (reason: AcceptRefusal, message: string): AcceptOutcome => ({ accepted: false, reason, message });

function refusalFor(inv: store.InvitationRow): AcceptOutcome | null {
  const state = stateOf(inv);
  if (state === 'accepted') return refuse('already_accepted', 'This invitation was already accepted.');
  if (state === 'revoked') return refuse('revoked', 'This invitation was withdrawn by an administrator of the organization.');
  if (state === 'expired') return refuse('expired', 'This invitation has expired; ask an administrator of the organization to resend it.');
  if (state === 'queued') return refuse('not_sent', 'This invitation has not been sent yet.');
  return null;
}

/** Whether a sign-in with this verified address has an invitation to accept (usually not). */
export const hasPendingInvitation = (db: Knex, orgId: string, email: string) => store.hasLiveByEmail(db, orgId, email);

/**
 * Accepts the invitation of `email` in the organization: the one the link `token` opens when the
 * person came through a link (another address is refused, and the invitation stays pending),
 * otherwise the live invitation to that address. Runs in the caller's transaction.
 */
export async function acceptInvitation(tx: Knex.Transaction, orgId: string, email: string, opts: AcceptOptions = {}): Promise<AcceptOutcome> {
  const inv = opts.token
    ? await store.lockByTokenHash(tx, orgId, hashSecret(opts.token))
    : await store.lockLiveByEmail(tx, orgId, email);
  if (!inv) return refuse('no_invitation', opts.token ? 'This invitation link is not valid for this organization.' : 'There is no pending invitation for this address.');
  const refusal = refusalFor(inv);
  if (refusal) return refusal;
  if (inv.email.toLowerCase() !== email.trim().toLowerCase()) {
    return refuse('email_mismatch', `This invitation was sent to ${maskEmail(inv.email)}, but you signed in as ${email}. Sign in with the invited address, or ask for an invitation for this one.`);
  }

  const ctx = opts.ctx ?? null;
  let person = await lockPerson(tx, orgId, { userId: opts.userId ?? undefined, email: inv.email });
  const memberCreated = !person;
  if (!person) {
    person = await insertInvitedPerson(tx, orgId, { email: inv.email, name: opts.name ?? null, role: inv.role });
    await recordEvent(tx, orgId, ctx, { action: 'member.added', target: { type: 'user', id: person.id }, after: { ...person, source: 'invitation' } });
  } else if (rank(inv.role) > rank(person.role)) {
    // An invitation raises a role, never lowers it: accepting cannot demote an existing member.
    await setPersonRole(tx, orgId, person.id, inv.role);
    await recordEvent(tx, orgId, ctx, { action: 'member.role_changed', target: { type: 'user', id: person.id }, before: { role: person.role }, after: { role: inv.role } });
  }
  const { skipped } = await grantBindings(tx, orgId, ctx, person.id, inv.bindings);
  await markAccepted(tx, orgId, inv.id, person.id);
  await recordEvent(tx, orgId, ctx, {
    action: 'invitation.accepted',
    target: { type: 'invitation', id: inv.id },
    before: presentInvitation(inv),
    after: { state: 'accepted', userId: person.id },
  });
  return {
    accepted: true,
    invitationId: inv.id,
    userId: person.id,
    role: rank(inv.role) > rank(person.role) ? inv.role : person.role,
    bindings: inv.bindings,
    skippedBindings: skipped,
    memberCreated,
  };
}

export type LinkCheck =
  | { status: 'valid'; orgSlug: string; orgName: string; email: string; role: OrgRole; inviterName: string; expiresAt: Date | null }
  | { status: 'unknown' | 'expired' | 'revoked' | 'accepted' | 'queued'; orgSlug?: string; orgName?: string };

/** What a link opens, for GET /invite/{token}. Checks only: acceptance happens at sign-in. */
export async function checkInvitationLink(db: Knex, token: string): Promise<LinkCheck> {
  const inv = await store.findByTokenHash(db, hashSecret(token));
  if (!inv) return { status: 'unknown' };
  const state = stateOf(inv);
  if (state === 'pending') return { status: 'valid', orgSlug: inv.org_slug, orgName: inv.org_name, email: inv.email, role: inv.role, inviterName: inv.inviter_name, expiresAt: inv.expires_at };
  return { status: state, orgSlug: inv.org_slug, orgName: inv.org_name };
}
