// How an invitation appears in the API and the audit trail. Never includes the link secret.
import type { InvitationRow, InvitationState } from './store.ts';

export function stateOf(i: Pick<InvitationRow, 'state' | 'expires_at'>, now = Date.now()): InvitationState {
  return i.state === 'pending' && i.expires_at && i.expires_at.getTime() <= now ? 'expired' : i.state;
}

export function presentInvitation(i: InvitationRow) {
  return {
    id: i.id,
    email: i.email,
    role: i.role,
    bindings: i.bindings,
    state: stateOf(i),
    delivery: i.delivery,
    deliveryError: i.delivery_error,
    invitedBy: i.invited_by,
    createdAt: i.created_at.toISOString(),
    expiresAt: i.expires_at?.toISOString() ?? null,
    sentAt: i.sent_at?.toISOString() ?? null,
    acceptedAt: i.accepted_at?.toISOString() ?? null,
    acceptedUserId: i.accepted_user_id,
    revokedAt: i.revoked_at?.toISOString() ?? null,
  };
}
