// Membership changes of one group (users and nested groups), each one set-based SQL whose cost
// follows the ids named and the group's own members (members-store.ts), with one audit event for
// the lot. Run with the group's row locked (groups-service.ts lockGroup).
import type { Knex } from 'knex';
import { recordEvent } from '../audit/service.ts';
import type { RequestContext } from '../http/actor.ts';
import { DirectoryError } from './errors.ts';
import * as groups from './groups-store.ts';
import * as edges from './member-edges-store.ts';
import * as members from './members-store.ts';
import * as nesting from './nesting-store.ts';
import type { GroupRow, MemberRef } from './types.ts';

/** In order; `replace` makes the list the whole membership, `removeAll` empties it. */
export type MemberChange = { op: 'add' | 'remove' | 'replace'; members: MemberRef[] } | { op: 'removeAll' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const AUDITED_IDS = 1000; // an audit record names at most this many ids per list; counts are exact

type Tally = Record<edges.MemberKind, { added: string[]; removed: string[] }>;

/** Ids in first-seen order, lowercased (uuids compare case-insensitively), each once. */
function distinctIds(refs: MemberRef[]): string[] {
  return [...new Set(refs.map((r) => r.id.toLowerCase()))];
}

/**
 * Adds members: each must be a user or a group of the organization (of the type the client gave,
 * if it gave one), and a group may not contain itself, directly or not. `ids` are all checked
 * (a PATCH add names a few); a replace passes only those not yet members (it names them all).
 */
async function add(tx: Knex.Transaction, group: GroupRow, refs: MemberRef[], fresh: string[], t: Tally): Promise<void> {
  if (!fresh.length) return;
  const kinds = new Map((await members.classifyIds(tx, group.org_id, fresh)).map((r) => [r.id, r.kind]));
  const declared = new Map(refs.filter((r) => r.type).map((r) => [r.id.toLowerCase(), r.type!]));
  const userIds: string[] = [];
  const groupIds: string[] = [];
  for (const id of fresh) {
    const kind = kinds.get(id);
    if (!kind) throw new DirectoryError('invalidMember', `members: "${id}" is not the id of a user or group in this organization`);
    const type = declared.get(id);
    if (type && type !== kind) throw new DirectoryError('invalidMember', `members: "${id}" is a ${kind.toLowerCase()}, not a ${type.toLowerCase()} (type "${type}")`);
    (kind === 'User' ? userIds : groupIds).push(id);
  }
  t.users.added.push(...(await edges.insertEdges(tx, 'users', group.org_id, group.id, userIds)));
  if (!groupIds.length) return;
  await nesting.lockNesting(tx, group.org_id);
  const cycle = await nesting.ancestorsAmong(tx, group.org_id, group.id, groupIds);
  if (cycle.length) {
    const names = await nesting.groupNames(tx, group.org_id, cycle);
    const name = names.get(cycle[0]!) ?? cycle[0]!;
    throw new DirectoryError('cycle', cycle[0] === group.id
      ? `members: group "${group.display_name}" cannot be a member of itself`
      : `members: group "${name}" cannot be a member of "${group.display_name}": it already contains "${group.display_name}" (directly or through nested groups), so this would make a cycle`);
  }
  t.groups.added.push(...(await edges.insertEdges(tx, 'groups', group.org_id, group.id, groupIds)));
}

/** Applies the changes in order. Returns whether anything changed (the group then gets a new version). */
export async function changeMembers(tx: Knex.Transaction, ctx: RequestContext, group: GroupRow, changes: MemberChange[]): Promise<boolean> {
  const t: Tally = { users: { added: [], removed: [] }, groups: { added: [], removed: [] } };
  const { org_id: orgId, id } = group;
  for (const c of changes) {
    if (c.op === 'removeAll') {
      for (const kind of edges.MEMBER_KINDS) t[kind].removed.push(...(await edges.removeEdgesExcept(tx, kind, orgId, id, [])));
      continue;
    }
    const ids = distinctIds(c.members);
    if (c.op === 'remove') {
      const real = ids.filter((x) => UUID.test(x)); // an id that cannot exist is not a member
      for (const kind of edges.MEMBER_KINDS) t[kind].removed.push(...(await edges.removeEdges(tx, kind, orgId, id, real)));
      continue;
    }
    const bad = ids.find((x) => !UUID.test(x));
    if (bad !== undefined) throw new DirectoryError('invalidMember', `members: "${bad.slice(0, 100)}" is not the id of a user or group in this organization`);
    if (c.op === 'replace') {
      t.users.removed.push(...(await edges.removeEdgesExcept(tx, 'users', orgId, id, ids)));
      // Most groups nest none: planning the whole list against their no nestings costs a fifth of a 100,000-member replace.
      if (await edges.hasEdges(tx, 'groups', orgId, id)) t.groups.removed.push(...(await edges.removeEdgesExcept(tx, 'groups', orgId, id, ids)));
    }
    await add(tx, group, c.members, c.op === 'replace' ? await members.notYetMembers(tx, orgId, id, ids) : ids, t);
  }
  const count = t.users.added.length + t.users.removed.length + t.groups.added.length + t.groups.removed.length;
  if (!count) return false;
  await groups.touchGroup(tx, orgId, id);
  const cut = (l: string[]) => l.slice(0, AUDITED_IDS);
  await recordEvent(tx, orgId, ctx, {
    action: 'group.members_changed',
    target: { type: 'group', id },
    details: {
      displayName: group.display_name,
      addedCount: t.users.added.length,
      removedCount: t.users.removed.length,
      added: cut(t.users.added),
      removed: cut(t.users.removed),
      ...(t.groups.added.length || t.groups.removed.length ? { addedGroups: cut(t.groups.added), removedGroups: cut(t.groups.removed) } : {}),
      ...([t.users.added, t.users.removed, t.groups.added, t.groups.removed].some((l) => l.length > AUDITED_IDS) ? { truncated: true } : {}),
    },
  });
  return true;
}
