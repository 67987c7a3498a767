// Members and organization roles: every rule of domain §2 (seed 003).
import type { Knex } from 'knex';
import { recordEvent } from '../audit/service.ts';
import type { Actor, RequestContext } from '../http/actor.ts';
import { ApiError, conflict, forbidden, invalidField, notFound, refused } from '../http/errors.ts';
import { userTeams } from '../directory/service.ts';
import { endUserSessions, lastSignIn } from '../sessions/service.ts';
import { holdOrganization, requireOrgPermission, requireOrgPermissionNow, roleNow } from './guard.ts';
import * as store from './members-store.ts';
import { can, mayGrant, type OrgRole } from './roles.ts';

export const SINGLE_OWNER_WARNING =
  'this organization has a single owner; name a second owner so that losing one account does not lock the organization';

export function presentMember(m: store.MemberRow) {
  return {
    id: m.id,
    userName: m.user_name,
    email: m.email,
    name: m.display_name,
    role: m.role,
    active: m.active,
    source: m.source,
    createdAt: m.created_at.toISOString(),
    updatedAt: m.updated_at.toISOString(),
  };
}

export async function ownerWarnings(q: Knex | Knex.Transaction, orgId: string): Promise<string[]> {
  return (await store.countActiveOwners(q, orgId)) === 1 ? [SINGLE_OWNER_WARNING] : [];
}

const encodeCursor = (m: store.MemberRow, sort: store.MemberSort) => Buffer.from(JSON.stringify([sort, store.sortValueOf(m, sort), m.id])).toString('base64url');

/** A `next` cursor, checked against the sort it was made for (a cursor of another order means nothing). */
export function decodeMemberCursor(cursor: string, sort: store.MemberSort): { value: string; id: string } {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    // Cursors of before sorting existed: [userName, id].
    const [made, value, id] = parsed.length === 2 ? ['userName', ...parsed] : parsed;
    if (made !== sort) throw invalidField('after', `is a cursor of sort=${String(made)}; start again without after, or keep that sort`);
    if (typeof value === 'string' && typeof id === 'string' && /^[0-9a-f-]{36}$/.test(id)) return { value, id };
  } catch (e) {
    if (e instanceof ApiError) throw e;
  }
  throw invalidField('after', 'must be a cursor returned as `next`');
}

export async function listMembers(db: Knex, ctx: RequestContext, filter: Omit<store.MemberListFilter, 'after'> & { after?: string }, limit: number) {
  requireOrgPermission(ctx.actor, 'users:list');
  const after = filter.after === undefined ? undefined : decodeMemberCursor(filter.after, filter.sort);
  const rows = await store.listMembers(db, ctx.actor.orgId, { ...filter, after }, limit + 1);
  const page = rows.slice(0, limit);
  return {
    items: page.map(presentMember),
    next: rows.length > limit ? encodeCursor(page[page.length - 1]!, filter.sort) : null,
    warnings: await ownerWarnings(db, ctx.actor.orgId),
  };
}

export async function getMember(db: Knex, ctx: RequestContext, userId: string) {
  requireOrgPermission(ctx.actor, 'users:list');
  const m = await store.findMember(db, ctx.actor.orgId, userId);
  if (!m) throw notFound('member');
  const [scim, last] = await Promise.all([userTeams(db, ctx.actor.orgId, userId), lastSignIn(db, ctx.actor.orgId, userId)]);
  return { ...presentMember(m), teams: { scim, lastSignIn: last } };
}

function requireMayGrant(role: OrgRole, granted: OrgRole): void {
  if (!mayGrant(role, granted)) {
    throw forbidden(granted === 'owner' ? 'only an owner may make someone an owner' : `your organization role (${role}) may not manage users`);
  }
}

/** Adds a person by API (tests, automation). Invitations, SCIM and SSO add people their own ways. */
export async function addMember(db: Knex, ctx: RequestContext, input: { userName?: string; email: string; name?: string; role: OrgRole }) {
  requireOrgPermission(ctx.actor, 'users:manage');
  requireMayGrant(ctx.actor.role, input.role);
  const orgId = ctx.actor.orgId;
  return db.transaction(async (tx) => {
    requireMayGrant(await requireOrgPermissionNow(tx, ctx.actor, 'users:manage'), input.role);
    const row = await store.insertMember(tx, {
      org_id: orgId,
      user_name: input.userName ?? input.email,
      email: input.email,
      display_name: input.name ?? null,
      role: input.role,
      source: 'api',
    });
    if (!row) throw conflict('a user with this userName already exists', 'userName');
    const member = presentMember(row);
    await recordEvent(tx, orgId, ctx, { action: 'member.added', target: { type: 'user', id: row.id }, after: member });
    return { ...member, warnings: await ownerWarnings(tx, orgId) };
  });
}

/**
 * Locks what a member change reads, in the one lock order (guard.ts: the organization, then member
 * rows in id order, one statement): the target, the acting person, and every active owner when the
 * target is one. Returns the target and the actor's role as it stands now: an owner demoted a
 * moment ago acts as what they are now.
 */
async function lockForChange(tx: Knex.Transaction, actor: Actor, userId: string): Promise<{ target: store.MemberRow | undefined; role: OrgRole }> {
  await holdOrganization(tx, actor.orgId);
  const peek = await store.findMember(tx, actor.orgId, userId);
  const me = actor.type === 'user' ? actor.userId : null;
  const rows = await store.lockMembersInOrder(tx, actor.orgId, me ? [userId, me] : [userId], peek?.role === 'owner');
  return { target: rows.find((r) => r.id === userId), role: roleNow(actor, rows.find((r) => r.id === me)) };
}

/** Refuses a change that would leave no active owner. Call with the owner rows locked. */
async function requireAnotherOwner(tx: Knex.Transaction, orgId: string, userId: string, what: string): Promise<void> {
  const owners = await store.lockActiveOwners(tx, orgId);
  if (owners.length === 1 && owners[0] === userId) {
    throw refused(`the last owner cannot ${what}; make another member owner first`);
  }
}

export async function updateMember(db: Knex, ctx: RequestContext, userId: string, patch: { role?: OrgRole; active?: boolean }) {
  const { actor } = ctx;
  requireOrgPermission(actor, 'users:manage');
  if (patch.role !== undefined) requireMayGrant(actor.role, patch.role);
  return db.transaction(async (tx) => {
    const { target, role } = await lockForChange(tx, actor, userId);
    requireOrgPermission({ ...actor, role }, 'users:manage');
    if (patch.role !== undefined) requireMayGrant(role, patch.role);
    if (!target) throw notFound('member');
    if (target.role === 'owner' && !can(role, 'owners:manage')) throw forbidden('only an owner may change an owner');
    const losesOwnership = target.role === 'owner' && target.active && ((patch.role && patch.role !== 'owner') || patch.active === false);
    if (losesOwnership) await requireAnotherOwner(tx, actor.orgId, userId, patch.active === false ? 'be suspended' : 'be downgraded');
    const updated = await store.updateMember(tx, actor.orgId, userId, patch);
    const before = presentMember(target), after = presentMember(updated);
    const target_ = { type: 'user', id: userId };
    if (patch.role !== undefined && patch.role !== target.role) {
      await recordEvent(tx, actor.orgId, ctx, { action: 'member.role_changed', target: target_, before: { role: before.role }, after: { role: after.role } });
    }
    if (patch.active !== undefined && patch.active !== target.active) {
      // Suspension ends the person's sessions at once (domain §9); reactivation does not revive them.
      const endedSessions = patch.active ? [] : await endUserSessions(tx, actor.orgId, userId, 'member_suspended');
      await recordEvent(tx, actor.orgId, ctx, { action: patch.active ? 'member.reactivated' : 'member.suspended', target: target_, before: { active: before.active }, after: { active: after.active }, ...(endedSessions.length ? { details: { endedSessions } } : {}) });
    }
    return { ...after, warnings: await ownerWarnings(tx, actor.orgId) };
  });
}

export async function removeMember(db: Knex, ctx: RequestContext, userId: string) {
  const { actor } = ctx;
  requireOrgPermission(actor, 'users:remove');
  return db.transaction(async (tx) => {
    const { target, role } = await lockForChange(tx, actor, userId);
    requireOrgPermission({ ...actor, role }, 'users:remove');
    if (!target) throw notFound('member');
    if (target.role === 'owner' && target.active) await requireAnotherOwner(tx, actor.orgId, userId, 'be removed');
    // Deleting the user cascades to its memberships, personal API keys (and later bindings and sessions).
    await store.deleteMember(tx, actor.orgId, userId);
    await recordEvent(tx, actor.orgId, ctx, { action: 'member.removed', target: { type: 'user', id: userId }, before: presentMember(target) });
    return { warnings: await ownerWarnings(tx, actor.orgId) };
  });
}

/** Only owners and admins can leave (seed 003); the last owner must name another first. */
export async function leaveOrganization(db: Knex, ctx: RequestContext) {
  const { actor } = ctx;
  if (actor.type !== 'user' || !actor.userId) throw invalidField('credential', 'only a person can leave an organization; revoke a service API key instead');
  return db.transaction(async (tx) => {
    const { target: me } = await lockForChange(tx, actor, actor.userId!);
    if (!me) throw notFound('member');
    if (me.role !== 'owner' && me.role !== 'admin') throw forbidden('only owners and admins can leave an organization; ask an owner to remove you');
    if (me.role === 'owner') await requireAnotherOwner(tx, actor.orgId, me.id, 'leave');
    await store.deleteMember(tx, actor.orgId, me.id);
    await recordEvent(tx, actor.orgId, ctx, { action: 'member.left', target: { type: 'user', id: me.id }, before: presentMember(me) });
  });
}
