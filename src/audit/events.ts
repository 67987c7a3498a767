// Every domain event, named <entity>.<past-tense verb>. Audit records (and later webhooks and
// metrics) hang off these names; a new mutation adds its event here first.
export const AUDIT_EVENTS = {
  'organization.created': 'an organization was created (bootstrap or POST /v1/orgs)',
  'organization.updated': 'an organization was renamed',
  'organization.strategy_changed': 'the management strategy was switched',
  'member.added': 'a person was added to the organization',
  'member.role_changed': "a member's organization role was changed",
  'member.suspended': 'a member was suspended',
  'member.reactivated': 'a suspended member was reactivated',
  'member.removed': 'a member was removed by an owner',
  'member.left': 'a member left the organization',
  'api_key.created': 'an API key was created',
  'api_key.revoked': 'an API key was revoked',
  'session.created': 'a sign-in opened a session (teams, admin flag and frozen roles in `after`)',
  'session.ended': 'sessions were ended: sign-out, an administrator, suspension, a strategy switch, or a reused refresh token',
  'sign_in.refused': 'an SSO sign-in was refused (the reason is in `details`); nobody was signed in',
  'sso_connection.created': 'an SSO connection (SAML or OIDC) was created',
  'sso_connection.updated': 'an SSO connection was changed, enabled or disabled',
  'sso_connection.deleted': 'an SSO connection was deleted',
  'sso_identity.linked': 'an IdP identity was linked to an existing user by verified email',
  'member.synced': "a member's name or email was updated from the IdP at sign-in",
  'invitation.created': 'people were invited (one event per address invited)',
  'invitation.sent': 'a queued invitation was sent (the organization switched to user_management)',
  'invitation.resent': 'an invitation was resent: a new link, the old one stops working, the expiry renewed',
  'invitation.revoked': 'an invitation was deleted (its link stops working)',
  'invitation.accepted': 'an invited person signed in with the invited address and became a member',
  'space.created': 'a space was created',
  'space.updated': 'a space was renamed, relabelled, or its inheritance switched',
  'space.moved': 'a space was moved under another parent (its bindings stay)',
  'space.deleted': 'a space was deleted (with its subtree and bindings when cascading; listed in `details`)',
  'role.created': 'a custom role was created',
  'role.updated': "a custom role's name, description or actions were changed",
  'role.deleted': 'a custom role was deleted',
  'role_binding.created': 'a role was bound to a user, IdP group or API key in a space',
  'role_binding.deleted': 'a role binding was removed',
  'idp_group_mapping.created': 'an IdP group mapping was created',
  'idp_group_mapping.updated': 'an IdP group mapping was renamed, tied to or untied from an IdP group id',
  'idp_group_mapping.deleted': 'an IdP group mapping was deleted with its bindings',
} as const;

export type AuditAction = keyof typeof AUDIT_EVENTS;

export function isAuditAction(name: string): name is AuditAction {
  return Object.hasOwn(AUDIT_EVENTS, name);
}
