// The organization-role check services call before acting.
import type { Actor } from '../http/actor.ts';
import { forbidden } from '../http/errors.ts';
import { can, type OrgPermission } from './roles.ts';

const WHY: Record<OrgPermission, string> = {
  'users:list': 'view the list of users',
  'api_keys:create_personal': 'create personal API keys',
  'integrations:manage': 'manage integrations (owners and admins)',
  'users:manage': 'manage users (owners and admins)',
  'audit:read': 'read the audit trail (owners and admins)',
  'owners:manage': 'manage owners (owners only)',
  'users:remove': 'remove users (owners only)',
  'account:manage': 'manage the account (owners only)',
};

export function requireOrgPermission(actor: Actor, permission: OrgPermission): void {
  if (!can(actor.role, permission)) throw forbidden(`your organization role (${actor.role}) may not ${WHY[permission]}`);
}
