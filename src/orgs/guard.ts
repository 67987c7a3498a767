// The organization-role checks services call: before acting (cheap, from the credential), and inside
// the transaction that acts (the role as it stands now, for changes only some roles may make).
import type { Knex } from 'knex';
import type { Actor } from '../http/actor.ts';
import { forbidden, notFound, unauthenticated } from '../http/errors.ts';
import { shareLockMemberRole, type MemberRow } from './members-store.ts';
import { can, type OrgPermission, type OrgRole } from './roles.ts';
import { holdOrg } from './store.ts';

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

/**
 * Starts a transaction's locks in the one order changes take them: the organization row (held FOR
 * KEY SHARE, so a concurrent deletion either waits for this change or has already happened), then
 * member rows. Throws 404 when the organization is gone.
 */
export async function holdOrganization(tx: Knex.Transaction, orgId: string): Promise<void> {
  if (!(await holdOrg(tx, orgId))) throw notFound('organization');
}

/**
 * The actor's organization role from its member row as locked by the caller's transaction: a person
 * demoted or suspended by a change that committed first is refused, and a demotion that comes later
 * waits for this change to finish (issue 13 item 2). The role on the credential was read when the
 * request came in and may be stale by now. A service key's role is fixed when the key is made.
 */
export function roleNow(actor: Actor, row: Pick<MemberRow, 'role' | 'active'> | undefined): OrgRole {
  if (actor.type !== 'user' || !actor.userId) return actor.role;
  if (!row?.active) throw unauthenticated('your membership was suspended or removed while this request was in flight');
  return row.role;
}

/** holdOrganization, then the actor's role as it stands now (roleNow), its row held FOR SHARE until commit. */
export async function lockActorRole(tx: Knex.Transaction, actor: Actor): Promise<OrgRole> {
  await holdOrganization(tx, actor.orgId);
  if (actor.type !== 'user' || !actor.userId) return actor.role;
  return roleNow(actor, await shareLockMemberRole(tx, actor.orgId, actor.userId));
}

/** requireOrgPermission with the role read by lockActorRole; returns that role. */
export async function requireOrgPermissionNow(tx: Knex.Transaction, actor: Actor, permission: OrgPermission): Promise<OrgRole> {
  const role = await lockActorRole(tx, actor);
  requireOrgPermission({ ...actor, role }, permission);
  return role;
}
