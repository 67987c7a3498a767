// Issuing an invitation's link: a new 256-bit secret (stored as its hash), a fresh expiry, and a
// mail request in the outbox, all in the caller's transaction. Used by invite, resend, and the
// switch to user_management that sends every queued invitation (seed 000).
import type { Knex } from 'knex';
import { recordEvent } from '../audit/service.ts';
import type { RequestContext } from '../http/actor.ts';
import { hashSecret, newSecret } from '../lib/secrets.ts';
import { cancelMails, requestMails } from '../mail/outbox.ts';
import type { SecretBox } from '../sessions/secret-box.ts';
import { presentInvitation } from './present.ts';
import * as store from './store.ts';

export const INVITATION_TOKEN_PREFIX = 'ghi';
const TOKEN_SHAPE = new RegExp(`^${INVITATION_TOKEN_PREFIX}_[A-Za-z0-9_-]{43}$`);
/** Whether a string has the shape of an invitation link's secret (checked before any lookup). */
export const isInvitationToken = (s: string) => TOKEN_SHAPE.test(s);
export const INVITATION_MAIL = 'invitation';
const CHUNK = 2000;

/** The link in the mail. */
export function invitationLink(publicUrl: string, token: string): string {
  return `${publicUrl}/invite/${token}`;
}

// The link secret rides in the outbox row until the mail is sent (the worker must put it in the
// mail), sealed with ENCRYPTION_KEY so a database dump or backup does not hold live links; the
// invitation id is bound to the seal, so it opens for that invitation's mail only. The row is
// emptied once the mail is out, and the secret never enters Redis.
const sealPurpose = (invitationId: string) => `mail_outbox.payload:invitation-link:${invitationId}`;

/** The sealed link secret for the outbox payload. */
export const sealLinkSecret = (box: SecretBox, invitationId: string, token: string) => box.seal(token, sealPurpose(invitationId));

/** The link secret of an outbox payload (rows queued before sealing hold it in clear, as `token`). */
export function openLinkSecret(box: SecretBox, invitationId: string, payload: Record<string, string>): string | null {
  if (payload.sealedToken) return box.open(payload.sealedToken, sealPurpose(invitationId));
  return payload.token ?? null;
}

/**
 * Gives each invitation a new link and asks for its mail; any earlier link and unsent mail die.
 * `expiryDays` renews the validity (resend); otherwise each keeps the one it was made with.
 */
export async function issueLinks(tx: Knex.Transaction, box: SecretBox, orgId: string, invitations: store.InvitationRow[], expiryDays: number | null = null): Promise<store.InvitationRow[]> {
  // A statement takes at most 65,535 parameters: a switch sending a large queue goes in chunks.
  if (invitations.length > CHUNK) {
    const out: store.InvitationRow[] = [];
    for (let i = 0; i < invitations.length; i += CHUNK) out.push(...(await issueLinks(tx, box, orgId, invitations.slice(i, i + CHUNK), expiryDays)));
    return out;
  }
  if (!invitations.length) return [];
  await cancelMails(tx, orgId, invitations.filter((i) => i.outbox_id).map((i) => i.id));
  const tokens = new Map(invitations.map((i) => [i.id, newSecret(INVITATION_TOKEN_PREFIX)]));
  const outboxIds = await requestMails(
    tx,
    invitations.map((i) => ({ org_id: orgId, kind: INVITATION_MAIL, subject_id: i.id, recipient: i.email, payload: { sealedToken: sealLinkSecret(box, i.id, tokens.get(i.id)!) } })),
  );
  return store.issueMany(
    tx,
    orgId,
    invitations.map((i) => ({ id: i.id, tokenHash: hashSecret(tokens.get(i.id)!), outboxId: outboxIds.get(i.id)! })),
    expiryDays,
  );
}

/** On the switch to user_management: every queued invitation gets its link and its mail. */
export async function sendQueuedInvitations(tx: Knex.Transaction, box: SecretBox, orgId: string, ctx: RequestContext | null): Promise<number> {
  const queued = await store.lockQueued(tx, orgId);
  const sent = await issueLinks(tx, box, orgId, queued);
  for (const inv of sent) {
    await recordEvent(tx, orgId, ctx, {
      action: 'invitation.sent',
      target: { type: 'invitation', id: inv.id },
      after: presentInvitation(inv),
      details: { reason: 'the organization switched to user_management' },
    });
  }
  return sent.length;
}
