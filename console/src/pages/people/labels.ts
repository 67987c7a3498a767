// How organization roles, sources and states read in the console (domain §2, seed 003).
import type { OrgRole } from '../../api/types.ts';

export const ROLE_LABELS: Record<OrgRole, string> = {
  owner: 'Owner', admin: 'Admin', contributor: 'Contributor', viewer: 'Viewer', viewer_no_secrets: 'Viewer (no secrets)', member: 'Member',
};
export const ROLES = Object.keys(ROLE_LABELS) as OrgRole[];

export const ROLE_HINTS: Record<OrgRole, string> = {
  owner: 'Everything, including owners, removal and the account',
  admin: 'Manage people (up to admin), integrations and audit',
  contributor: 'Space Writer of root; personal API keys',
  viewer: 'Space Reader of root',
  viewer_no_secrets: 'Space Reader of root, without secrets',
  member: 'Only what space role bindings give',
};

export const SOURCE_LABELS: Record<string, string> = {
  scim: 'SCIM', sso: 'Just-in-time (SSO)', invitation: 'Invited', api: 'Added by API', bootstrap: 'Bootstrap',
};
export const sourceLabel = (s: string) => SOURCE_LABELS[s] ?? s;
