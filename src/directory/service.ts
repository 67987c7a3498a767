// The identity store other modules read (users, groups, memberships), and the provisioning writes
// SCIM makes to it: each write records its audit event in the caller's transaction and obeys the
// rules of users-service.ts (organization roles, last owner, lock order).
import type { Knex } from 'knex';
import { recordEvent } from '../audit/service.ts';
import type { RequestContext } from '../http/actor.ts';
import * as groups from './groups-store.ts';
import * as members from './members-store.ts';
import type { GroupFields, GroupRow } from './types.ts';
import * as users from './users-store.ts';

export type { GroupFields, GroupRow, ListQuery, MemberRow, MemberRef, GroupRef, UserFields, UserRow } from './types.ts';
export { DirectoryError } from './errors.ts';
export { inTransaction } from './transaction.ts';
export { provisionUser, updateUser, deleteUser } from './users-service.ts';
export { changeMembers, type MemberChange } from './membership-service.ts';
export { teamsArraySql, userGroupsSql } from './teams-sql.ts';

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

/**
 * A user's teams: the names of the groups that contain them, directly or through nested groups,
 * read live (a membership, nesting or rename shows at once). Queries that read a person with
 * their teams embed the same SQL (teamsArraySql).
 */
export function userTeams(q: Q, orgId: string, userId: string): Promise<string[]> {
  return members.teamNames(q, orgId, userId);
}

// ── groups ───────────────────────────────────────────────────────────────────────────────────
const groupSummary = (g: Pick<GroupRow, 'display_name' | 'external_id'>) => ({ displayName: g.display_name, externalId: g.external_id });

/** The group's row, locked for a change of its attributes or members (deletions lock it harder: removeGroup). */
export async function lockGroup(tx: Knex.Transaction, orgId: string, id: string) {
  return groups.findGroup(tx, orgId, id, 'change');
}

export async function lockGroupForDelete(tx: Knex.Transaction, orgId: string, id: string) {
  return groups.findGroup(tx, orgId, id, 'delete');
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

/** Deletes the group; its memberships and nestings (as parent and as member) go with it. */
export async function removeGroup(tx: Knex.Transaction, ctx: RequestContext, group: GroupRow): Promise<void> {
  await groups.deleteGroup(tx, group.org_id, group.id);
  await recordEvent(tx, group.org_id, ctx, { action: 'group.deleted', target: { type: 'group', id: group.id }, before: groupSummary(group) });
}
