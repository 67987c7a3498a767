// Space role bindings an invitation grants on acceptance (seed 000), kept on the invitation as
// given ({ roleId, spaceId }, by id or slug) and resolved through the access module.
import type { Knex } from 'knex';
import { checkBindingRefs, grantUserBindings } from '../access/bindings-grant.ts';
import type { RequestContext } from '../http/actor.ts';
import type { Binding } from './store.ts';

/** 400 naming `bindings.<i>.roleId` / `bindings.<i>.spaceId` for a role or space the organization lacks. */
export async function checkBindings(db: Knex, orgId: string, bindings: Binding[]): Promise<void> {
  await checkBindingRefs(db, orgId, bindings);
}

/**
 * Binds the roles for the new member in the acceptance transaction. A role or space deleted since
 * the invitation was made is skipped (and returned), never a reason to refuse the sign-in.
 */
export async function grantBindings(tx: Knex.Transaction, orgId: string, ctx: RequestContext | null, userId: string, bindings: Binding[]) {
  return grantUserBindings(tx, orgId, ctx, userId, bindings);
}
