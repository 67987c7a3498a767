// How an invitation appears in the API and the audit trail. Never includes the link secret.
import type { InvitationRow, InvitationState, PresentableRow } from './store.ts';

export function stateOf(i: Pick<InvitationRow, 'state' | 'expires_at'>, now = Date.now()): InvitationState {
  return i.state === 'pending' && i.expires_at && i.expires_at.getTime() <= now ? 'expired' : i.state;
}

/** Rows straight from a write have no delivery columns: they show none (the audit trail's view). */
export function presentInvitation(i: InvitationRow & Partial<Pick<PresentableRow, 'delivery' | 'delivery_error' | 'sent_at'>>) {
  return {
    id: i.id,
    email: i.email,
    role: i.role,
    bindings: i.bindings,
    state: stateOf(i),
    delivery: i.delivery ?? null,
    deliveryError: i.delivery_error ?? null,
    invitedBy: i.invited_by,
    createdAt: i.created_at.toISOString(),
    expiresAt: i.expires_at?.toISOString() ?? null,
    sentAt: i.sent_at?.toISOString() ?? null,
    acceptedAt: i.accepted_at?.toISOString() ?? null,
    acceptedUserId: i.accepted_user_id,
    revokedAt: i.revoked_at?.toISOString() ?? null,
  };
}
