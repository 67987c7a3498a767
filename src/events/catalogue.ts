// The event catalogue (issue 18): every event a product can subscribe to, named like the audit
// actions (<entity>.<past-tense verb>). One table; webhooks, the events feed and the docs read it.
import type { AuditAction } from '../audit/events.ts';

export const EVENT_TYPES = {
  'user.created': 'a person joined the organization: provisioned over SCIM, signed in for the first time, accepted an invitation, or was added through the API',
  'user.updated': "a person's profile changed (userName, name, email, externalId, SCIM attributes)",
  'user.suspended': 'a person was suspended (SCIM active=false or an administrator); their sessions end at once',
  'user.restored': 'a suspended person was reactivated',
  'user.deleted': 'a person was removed from the organization (SCIM DELETE, an owner, or leaving)',
  'member.role_changed': "a person's organization role changed",
  'group.created': 'an IdP group (team) was created',
  'group.updated': 'an IdP group was renamed or its externalId or attributes changed',
  'group.deleted': 'an IdP group was deleted (its memberships with it)',
  'group.members_added': 'people were added to a group: one event per request, with every id',
  'group.members_removed': 'people were removed from a group: one event per request, with every id',
  'role_binding.created': 'a role was bound to a user, IdP group or API key in a space',
  'role_binding.deleted': 'a role binding was removed',
  'idp_group_mapping.created': 'an IdP group mapping was created',
  'idp_group_mapping.updated': 'an IdP group mapping was changed',
  'idp_group_mapping.deleted': 'an IdP group mapping was deleted with its bindings',
  'session.created': 'a person signed in: a session was opened',
  'session.ended': 'a session ended: sign-out, an administrator, suspension, deletion, a strategy or policy change, a reused refresh token (`data.reason`)',
  'invitation.created': 'a person was invited',
  'invitation.sent': 'a queued invitation was sent (the organization switched to user_management)',
  'invitation.resent': 'an invitation was resent with a new link and expiry',
  'invitation.accepted': 'an invited person signed in with the invited address',
  'invitation.revoked': 'an invitation was deleted or superseded',
  'login_policy.created': 'a login policy was created',
  'login_policy.updated': 'a login policy was replaced',
  'login_policy.deleted': 'a login policy was deleted',
  'sso_connection.created': 'an SSO connection was created',
  'sso_connection.updated': 'an SSO connection was changed, enabled or disabled',
  'sso_connection.deleted': 'an SSO connection was deleted',
  'sso_connection.certificate_expiring': "an IdP signing certificate of a SAML connection expires soon (`data.daysLeft`, `data.notAfter`)",
  'api_key.created': 'an API key was created (never its secret)',
  'api_key.revoked': 'an API key was revoked',
  'webhook.disabled': 'a webhook subscription kept failing and was disabled',
} as const;

export type EventType = keyof typeof EVENT_TYPES;

export const isEventType = (name: string): name is EventType => Object.hasOwn(EVENT_TYPES, name);

/**
 * The catalogue events that come straight from an audit record (the record's `after`, or `before`
 * for a deletion, is the resource). Users, groups, memberships and ended sessions come from row
 * images instead (src/events/derive.ts): exact after-states and every way they change.
 */
export const FROM_AUDIT: Partial<Record<AuditAction, EventType>> = {
  'role_binding.created': 'role_binding.created',
  'role_binding.deleted': 'role_binding.deleted',
  'idp_group_mapping.created': 'idp_group_mapping.created',
  'idp_group_mapping.updated': 'idp_group_mapping.updated',
  'idp_group_mapping.deleted': 'idp_group_mapping.deleted',
  'session.created': 'session.created',
  'invitation.created': 'invitation.created',
  'invitation.sent': 'invitation.sent',
  'invitation.resent': 'invitation.resent',
  'invitation.accepted': 'invitation.accepted',
  'invitation.revoked': 'invitation.revoked',
  'login_policy.created': 'login_policy.created',
  'login_policy.updated': 'login_policy.updated',
  'login_policy.deleted': 'login_policy.deleted',
  'sso_connection.created': 'sso_connection.created',
  'sso_connection.updated': 'sso_connection.updated',
  'sso_connection.deleted': 'sso_connection.deleted',
  'sso_connection.certificate_expiring': 'sso_connection.certificate_expiring',
  'api_key.created': 'api_key.created',
  'api_key.revoked': 'api_key.revoked',
  'webhook.disabled': 'webhook.disabled',
};

/**
 * A subscription's or a feed reader's list of types: exact names, `entity.*`, or `*`. Unknown
 * names are refused (a typo would otherwise subscribe to nothing, silently).
 */
export function typePatternError(pattern: string): string | null {
  if (pattern === '*' || isEventType(pattern)) return null;
  if (/^[a-z_]+\.\*$/.test(pattern) && Object.keys(EVENT_TYPES).some((t) => t.startsWith(pattern.slice(0, -1)))) return null;
  return 'is not an event type of the catalogue (see GET /v1/event-types), `entity.*` or `*`';
}

/** The catalogue types a list of patterns selects. */
export function expandTypes(patterns: readonly string[]): EventType[] {
  const all = Object.keys(EVENT_TYPES) as EventType[];
  if (patterns.includes('*')) return all;
  return all.filter((t) => patterns.some((p) => p === t || (p.endsWith('.*') && t.startsWith(p.slice(0, -1)))));
}
