// A refused sign-in: a reason code (for the audit trail and clients) and a sentence for the person.
export type RefusalReason =
  | 'connection_not_found' | 'connection_disabled' | 'missing_response' | 'unsafe_xml' | 'weak_algorithm'
  | 'invalid_signature' | 'invalid_response' | 'assertion_expired' | 'wrong_audience' | 'wrong_issuer' | 'wrong_destination'
  | 'wrong_recipient' | 'unknown_request' | 'assertion_replayed' | 'idp_initiated_refused' | 'missing_subject'
  | 'invalid_attributes' | 'groups_overage' | 'state_unknown' | 'idp_error' | 'token_rejected'
  | 'suspended' | 'not_admitted' | 'login_policy_denied' | 'login_policy_unavailable' | 'login_policy_failed'
  | 'identity_conflict' | 'email_unverified' | 'invalid_return_to' | 'invalid_invitation'
  | 'owner_not_approved';

export class SignInRefused extends Error {
  constructor(readonly reason: RefusalReason, message: string, readonly status = 403, readonly details: Record<string, unknown> = {}) {
    super(message);
  }
}

export const refuse = (reason: RefusalReason, message: string, status = 403, details: Record<string, unknown> = {}) =>
  new SignInRefused(reason, message, status, details);
