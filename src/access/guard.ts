// The space-level checks services make before acting: the caller's grants, from the resolver.
import type { Knex } from 'knex';
import type { RequestContext } from '../http/actor.ts';
import { forbidden, notFound } from '../http/errors.ts';
import { SPACE_MANAGE, SPACE_READ } from './actions.ts';
import type { Grants } from './grants.ts';
import type { OrgModel } from './model.ts';
import { actorPrincipal } from './principals.ts';
import { accessResolver } from './resolver.ts';
import { can } from '../orgs/roles.ts';

export interface CallerAccess {
  model: OrgModel;
  grants: Grants;
}

export async function callerAccess(db: Knex, ctx: RequestContext): Promise<CallerAccess> {
  const model = await accessResolver(db).model(ctx.actor.orgId);
  return { model, grants: model.grantsFor(actorPrincipal(ctx.actor).principal) };
}

export function maskIn(a: CallerAccess, spaceId: string): number {
  const idx = a.model.index.get(spaceId);
  return idx === undefined ? 0 : a.grants.maskAt(idx);
}

/** A space the caller cannot read does not exist for it (like another organization's rows). */
export function requireReadable(a: CallerAccess, spaceId: string): void {
  if (!(maskIn(a, spaceId) & SPACE_READ)) throw notFound('space');
}

/** space:manage in a space: Space Admins manage what is below the spaces they administer (seed 001). */
export function requireManage(a: CallerAccess, spaceId: string, what: string): void {
  if (!(maskIn(a, spaceId) & SPACE_MANAGE)) throw forbidden(`you need space:manage in space ${spaceId} to ${what}`);
}

/** A Root Space Admin: space:manage in root (seed 001: "manage the entire account"). */
export const isRootAdmin = (a: CallerAccess): boolean => (a.grants.maskAt(a.model.root) & SPACE_MANAGE) !== 0;

export function requireRootAdmin(a: CallerAccess, what: string): void {
  if (!isRootAdmin(a)) throw forbidden(`only Root Space Admins (space:manage in root) may ${what}`);
}

/** A Space Admin anywhere (non-root Space Admins may list every IdP group mapping, seed 004). */
export const isSomeSpaceAdmin = (a: CallerAccess): boolean => a.grants.sources.some((s) => (s.role.mask & SPACE_MANAGE) !== 0);

/** Asking about someone else's permissions: Root Space Admins and those who manage users. */
export function requireMayInspect(a: CallerAccess, ctx: RequestContext): void {
  if (!isRootAdmin(a) && !can(ctx.actor.role, 'users:manage')) {
    throw forbidden("only Root Space Admins and organization owners/admins may ask about another subject's permissions");
  }
}
