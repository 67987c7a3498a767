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
} as const;

export type AuditAction = keyof typeof AUDIT_EVENTS;

export function isAuditAction(name: string): name is AuditAction {
  return Object.hasOwn(AUDIT_EVENTS, name);
}
