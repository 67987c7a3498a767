// Organization roles and what each may do (domain §2, seed 003). The one table the rules read.

export const ORG_ROLES = ['owner', 'admin', 'contributor', 'viewer', 'viewer_no_secrets', 'member'] as const;
export type OrgRole = (typeof ORG_ROLES)[number];

export const ORG_PERMISSIONS = [
  'users:list',
  'api_keys:create_personal',
  'integrations:manage',
  'users:manage',
  'audit:read',
  'owners:manage',
  'users:remove',
  'account:manage',
] as const;
export type OrgPermission = (typeof ORG_PERMISSIONS)[number];

const TABLE: Record<OrgPermission, readonly OrgRole[]> = {
  'users:list': ['owner', 'admin', 'contributor', 'viewer', 'viewer_no_secrets', 'member'],
  'api_keys:create_personal': ['owner', 'admin', 'contributor'],
  'integrations:manage': ['owner', 'admin'], // SSO connections, SCIM tokens, service API keys, webhooks
  'users:manage': ['owner', 'admin'], // invite, add, update non-owner roles and users
  'audit:read': ['owner', 'admin'],
  'owners:manage': ['owner'], // make or change owners
  'users:remove': ['owner'],
  'account:manage': ['owner'], // strategy switch, login policies, delete organization
};

export function can(role: OrgRole, permission: OrgPermission): boolean {
  return TABLE[permission].includes(role);
}

/** Roles an actor may hand out (on an invitation, a member or a service key): admins up to admin. */
export function mayGrant(actorRole: OrgRole, granted: OrgRole): boolean {
  if (granted === 'owner') return can(actorRole, 'owners:manage');
  return can(actorRole, 'users:manage');
}
