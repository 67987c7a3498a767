// The identity store other modules read (users, groups, memberships), and the provisioning writes
// SCIM makes to it: each write records its audit event in the caller's transaction.
import type { Knex } from 'knex';
import type { AuditAction } from '../audit/events.ts';
import { auditContextColumns, recordEvent } from '../audit/service.ts';
import type { RequestContext } from '../http/actor.ts';
import * as groups from './groups-store.ts';
import * as members from './members-store.ts';
import { endSessionsOfUser } from './sessions-hook.ts';
import type { GroupFields, GroupRow, UserFields, UserRow } from './types.ts';
import * as users from './users-store.ts';

export type { GroupFields, GroupRow, ListQuery, MemberRef, GroupRef, UserFields, UserRow } from './types.ts';

type Q = Knex | Knex.Transaction;

// ── reads ────────────────────────────────────────────────────────────────────────────────────
export const findUser = (q: Q, orgId: string, id: string) => users.findUser(q, orgId, id);
export const findUserWithGroups = (q: Q, orgId: string, id: string) => users.findUserWithGroups(q, orgId, id);
export const findUserByUserName = (q: Q, orgId: string, userName: string) => users.findUserByUserName(q, orgId, userName);
export const findUsersByExternalId = (q: Q, orgId: string, externalId: string) => users.findUsersByExternalId(q, orgId, externalId);
export const findGroup = (q: Q, orgId: string, id: string) => groups.findGroup(q, orgId, id);
export const listUsers = users.listUsers;
export const countUsers = users.countUsers;
export const listGroups = groups.listGroups;
export const countGroups = groups.countGroups;
export const membersOfGroups = members.membersOfGroups;
export const groupsOfUsers = members.groupsOfUsers;
export const existingUserIds = users.existingUserIds;

/** A user's teams: the names of the IdP groups they belong to, read live (a group change shows at once). */
export function userTeams(q: Q, orgId: string, userId: string): Promise<string[]> {
  return members.teamNames(q, orgId, userId);
}

// ── users ────────────────────────────────────────────────────────────────────────────────────
const userSummary = (u: Pick<UserRow, 'user_name' | 'external_id' | 'email' | 'display_name' | 'active'>) => ({
  userName: u.user_name, externalId: u.external_id, email: u.email, displayName: u.display_name, active: u.active,
});

export async function lockUser(tx: Knex.Transaction, orgId: string, id: string) {
  return users.findUser(tx, orgId, id, true);
}

/**
 * Creates a provisioned user with its `user.provisioned` record in one statement; undefined when
 * the userName is taken. The actor columns are those recordEvent writes (audit/service.ts).
 */
export async function provisionUser(q: Q, ctx: RequestContext, fields: UserFields): Promise<UserRow | undefined> {
  const action: AuditAction = 'user.provisioned';
  return users.insertUserAudited(q, ctx.actor.orgId, fields, 'scim', {
    action,
    ...auditContextColumns(ctx),
    after: userSummary({ ...fields, active: fields.active }),
  });
  // A user created inactive has no sessions to end.
}

export const userNameTaken = users.userNameTaken;

/** The last active owner cannot be suspended or deleted: it would lock the organization (domain §2). */
export const isLastActiveOwner = users.isLastActiveOwner;

/** Writes a user's new state; suspension and reactivation are their own events (domain §9). */
export async function saveUser(tx: Knex.Transaction, ctx: RequestContext, before: UserRow, fields: UserFields): Promise<UserRow> {
  const after = await users.updateUser(tx, before.org_id, before.id, fields);
  const target = { type: 'user', id: before.id };
  const a = userSummary(after);
  const b = userSummary(before);
  const changed = JSON.stringify({ ...b, active: null }) !== JSON.stringify({ ...a, active: null }) || JSON.stringify(before.attributes) !== JSON.stringify(after.attributes)
    || before.given_name !== after.given_name || before.family_name !== after.family_name;
  if (changed) await recordEvent(tx, before.org_id, ctx, { action: 'user.updated', target, before: b, after: a });
  if (before.active && !after.active) {
    await endSessionsOfUser(tx, before.org_id, before.id, 'suspended');
    await recordEvent(tx, before.org_id, ctx, { action: 'user.suspended', target, before: { active: true }, after: { active: false } });
  } else if (!before.active && after.active) {
    await recordEvent(tx, before.org_id, ctx, { action: 'user.reactivated', target, before: { active: false }, after: { active: true } });
  }
  return after;
}

/** Removes the user with its memberships and personal keys (cascade). */
export async function removeUser(tx: Knex.Transaction, ctx: RequestContext, user: UserRow): Promise<void> {
  await endSessionsOfUser(tx, user.org_id, user.id, 'deleted');
  await users.deleteUser(tx, user.org_id, user.id);
  await recordEvent(tx, user.org_id, ctx, { action: 'user.deleted', target: { type: 'user', id: user.id }, before: userSummary(user) });
}

// ── groups ───────────────────────────────────────────────────────────────────────────────────
const groupSummary = (g: Pick<GroupRow, 'display_name' | 'external_id'>) => ({ displayName: g.display_name, externalId: g.external_id });

export async function lockGroup(tx: Knex.Transaction, orgId: string, id: string) {
  return groups.findGroup(tx, orgId, id, true);
}

export async function createGroup(tx: Knex.Transaction, ctx: RequestContext, fields: GroupFields): Promise<GroupRow | undefined> {
  const row = await groups.insertGroup(tx, ctx.actor.orgId, fields);
  if (!row) return undefined;
  await recordEvent(tx, row.org_id, ctx, { action: 'group.created', target: { type: 'group', id: row.id }, after: groupSummary(row) });
  return row;
}

export const displayNameTaken = groups.displayNameTaken;

export async function saveGroup(tx: Knex.Transaction, ctx: RequestContext, before: GroupRow, fields: GroupFields): Promise<GroupRow> {
  const after = await groups.updateGroup(tx, before.org_id, before.id, fields);
  if (JSON.stringify(groupSummary(before)) !== JSON.stringify(groupSummary(after)) || JSON.stringify(before.attributes) !== JSON.stringify(after.attributes)) {
    await recordEvent(tx, before.org_id, ctx, { action: 'group.updated', target: { type: 'group', id: before.id }, before: groupSummary(before), after: groupSummary(after) });
  }
  return after;
}

export async function removeGroup(tx: Knex.Transaction, ctx: RequestContext, group: GroupRow): Promise<void> {
  await groups.deleteGroup(tx, group.org_id, group.id);
  await recordEvent(tx, group.org_id, ctx, { action: 'group.deleted', target: { type: 'group', id: group.id }, before: groupSummary(group) });
}

export type MemberChange = { op: 'add' | 'remove'; userIds: string[] } | { op: 'replace'; userIds: string[] } | { op: 'removeAll' };

const AUDITED_IDS = 1000; // an audit record names at most this many ids per direction; counts are exact

/**
 * Applies membership changes in order, each one set-based SQL; one audit event for the lot.
 * Returns whether anything changed (the group then gets a new version).
 */
export async function changeMembers(tx: Knex.Transaction, ctx: RequestContext, group: GroupRow, changes: MemberChange[]): Promise<boolean> {
  const added: string[] = [];
  const removed: string[] = [];
  for (const c of changes) {
    if (c.op === 'add') added.push(...(await members.addMembers(tx, group.org_id, group.id, c.userIds)));
    else if (c.op === 'remove') removed.push(...(await members.removeMembers(tx, group.org_id, group.id, c.userIds)));
    else if (c.op === 'removeAll') removed.push(...(await members.removeMembersExcept(tx, group.org_id, group.id, [])));
    else {
      removed.push(...(await members.removeMembersExcept(tx, group.org_id, group.id, c.userIds)));
      added.push(...(await members.addMembers(tx, group.org_id, group.id, c.userIds)));
    }
  }
  if (!added.length && !removed.length) return false;
  await groups.touchGroup(tx, group.org_id, group.id);
  await recordEvent(tx, group.org_id, ctx, {
    action: 'group.members_changed',
    target: { type: 'group', id: group.id },
    details: {
      displayName: group.display_name,
      addedCount: added.length,
      removedCount: removed.length,
      added: added.slice(0, AUDITED_IDS),
      removed: removed.slice(0, AUDITED_IDS),
      ...(added.length > AUDITED_IDS || removed.length > AUDITED_IDS ? { truncated: true } : {}),
    },
  });
  return true;
}
