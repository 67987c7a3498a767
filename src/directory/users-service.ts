// Provisioning writes to users, with the rules every writer of the directory obeys, whoever calls:
//  - the organization-role table of domain §2 holds for the actor (issue 13.1): only an actor with
//    `owners:manage` changes or deletes an owner, only one with `users:remove` deletes a user. A SCIM
//    token carries its minter's scope as its role (src/scim/tokens/service.ts), so a token minted by
//    an admin may do over SCIM what that admin may do over /v1, and no more;
//  - the last active owner is never suspended or deleted;
//  - one lock order (issue 13.10), the same as orgs/members-service.ts: when the user is an owner,
//    every active owner row first, in id order, then the user's row. A user found to have become an
//    owner between the two steps sends the transaction round again (inTransaction).
import type { Knex } from 'knex';
import type { AuditAction } from '../audit/events.ts';
import { auditContextColumns, recordEvent } from '../audit/service.ts';
import type { Actor, RequestContext } from '../http/actor.ts';
import { canonicalJson } from '../lib/canonical-json.ts';
import { can } from '../orgs/roles.ts';
import { DirectoryError, RetryTransaction } from './errors.ts';
import { endSessionsOfUser } from './sessions-hook.ts';
import type { UserFields, UserRow } from './types.ts';
import * as users from './users-store.ts';

type Q = Knex | Knex.Transaction;

const userSummary = (u: Pick<UserRow, 'user_name' | 'external_id' | 'email' | 'display_name' | 'active'>) => ({
  userName: u.user_name, externalId: u.external_id, email: u.email, displayName: u.display_name, active: u.active,
});

function unchanged(row: UserRow, f: UserFields): boolean {
  return row.user_name === f.user_name && row.external_id === f.external_id && row.email === f.email && row.display_name === f.display_name
    && row.given_name === f.given_name && row.family_name === f.family_name && row.active === f.active && canonicalJson(row.attributes) === canonicalJson(f.attributes);
}

function who(actor: Actor): string {
  if (actor.type === 'scim_token') {
    return `this SCIM token acts with ${actor.role} scope (a token has owner scope only when an owner minted it and is still an active owner; an owner can mint one at /v1/orgs/${actor.orgSlug}/scim-tokens)`;
  }
  return `your organization role (${actor.role}) does not allow it`;
}

function requireMay(actor: Actor, target: UserRow, what: 'change' | 'delete'): void {
  if (what === 'delete' && !can(actor.role, 'users:remove')) throw new DirectoryError('forbidden', `only an owner may delete users: ${who(actor)}`);
  if (target.role === 'owner' && !can(actor.role, 'owners:manage')) throw new DirectoryError('forbidden', `only an owner may ${what} an owner: ${who(actor)}`);
}

const lastOwner = (what: string) => new DirectoryError('lastOwner', `this user is the organization's last active owner and cannot be ${what}; name another owner first`);

/** Locks a user in the organization's lock order; `owners` holds the active owners' ids when the user is an owner. */
async function lockForChange(tx: Knex.Transaction, orgId: string, id: string): Promise<{ user: UserRow; owners: string[] | null } | undefined> {
  const peek = await users.findUser(tx, orgId, id);
  if (!peek) return undefined;
  const owners = peek.role === 'owner' ? await users.lockActiveOwners(tx, orgId) : null;
  const user = await users.findUser(tx, orgId, id, true);
  if (!user) return undefined;
  if (user.role === 'owner' && !owners) throw new RetryTransaction(); // made owner between the two reads
  return { user, owners };
}

/**
 * Creates a provisioned user with its `user.provisioned` record in one statement; undefined when
 * the userName is taken. The actor columns are those recordEvent writes (audit/service.ts).
 * A provisioned user is never an owner, so no rule of this file applies.
 */
export async function provisionUser(q: Q, ctx: RequestContext, fields: UserFields): Promise<UserRow | undefined> {
  const action: AuditAction = 'user.provisioned';
  return users.insertUserAudited(q, ctx.actor.orgId, fields, 'scim', {
    action,
    ...auditContextColumns(ctx),
    after: userSummary({ ...fields, active: fields.active }),
  });
}

/**
 * Changes a user to what `next` makes of its locked current state (PUT, PATCH). An unchanged
 * result writes nothing (same version, no event): Okta pushes the whole profile on every change.
 * Undefined when there is no such user. `next` may throw (a failed If-Match).
 */
export async function updateUser(tx: Knex.Transaction, ctx: RequestContext, id: string, next: (current: UserRow) => UserFields): Promise<UserRow | undefined> {
  const locked = await lockForChange(tx, ctx.actor.orgId, id);
  if (!locked) return undefined;
  const { user: before, owners } = locked;
  const fields = next(before);
  if (unchanged(before, fields)) return before;
  requireMay(ctx.actor, before, 'change');
  if (before.active && !fields.active && owners?.length === 1 && owners[0] === before.id) throw lastOwner('suspended');
  if (fields.user_name !== before.user_name && (await users.userNameTaken(tx, before.org_id, fields.user_name, before.id))) {
    throw new DirectoryError('taken', `userName: "${fields.user_name}" is already taken in this organization`);
  }
  const after = await users.updateUser(tx, before.org_id, before.id, fields);
  const target = { type: 'user', id: before.id };
  const a = userSummary(after);
  const b = userSummary(before);
  const changed = canonicalJson({ ...b, active: null }) !== canonicalJson({ ...a, active: null }) || canonicalJson(before.attributes) !== canonicalJson(after.attributes)
    || before.given_name !== after.given_name || before.family_name !== after.family_name;
  if (changed) await recordEvent(tx, before.org_id, ctx, { action: 'user.updated', target, before: b, after: a });
  // Suspension and reactivation are their own events (domain §9).
  if (before.active && !after.active) {
    await endSessionsOfUser(tx, before.org_id, before.id, 'suspended');
    await recordEvent(tx, before.org_id, ctx, { action: 'user.suspended', target, before: { active: true }, after: { active: false } });
  } else if (!before.active && after.active) {
    await recordEvent(tx, before.org_id, ctx, { action: 'user.reactivated', target, before: { active: false }, after: { active: true } });
  }
  return after;
}

/** Deletes a user with its memberships and personal keys (cascade); false when there is no such user. */
export async function deleteUser(tx: Knex.Transaction, ctx: RequestContext, id: string, check: (current: UserRow) => void): Promise<boolean> {
  const locked = await lockForChange(tx, ctx.actor.orgId, id);
  if (!locked) return false;
  const { user, owners } = locked;
  check(user);
  requireMay(ctx.actor, user, 'delete');
  if (user.active && owners?.length === 1 && owners[0] === user.id) throw lastOwner('deleted');
  await endSessionsOfUser(tx, user.org_id, user.id, 'deleted');
  await users.deleteUser(tx, user.org_id, user.id);
  await recordEvent(tx, user.org_id, ctx, { action: 'user.deleted', target: { type: 'user', id: user.id }, before: userSummary(user) });
  return true;
}
