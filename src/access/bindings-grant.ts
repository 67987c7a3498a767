// Bindings granted by other modules' flows (an accepted invitation gives its person the space
// roles it named, seed 000): validated when the invitation is made, created in the caller's
// transaction when it is accepted, each audited like a binding made over the API.
import type { Knex } from 'knex';
import { recordEvent } from '../audit/service.ts';
import type { RequestContext } from '../http/actor.ts';
import { invalidFields, type FieldError } from '../http/errors.ts';
import { presentBinding } from './bindings-service.ts';
import { findBinding, insertBinding } from './bindings-store.ts';
import { findRole } from './roles-store.ts';
import { findSpace } from './spaces-store.ts';

export interface BindingRef { roleId: string; spaceId: string }

/** 400 naming `<field>.<i>.roleId` / `<field>.<i>.spaceId` for each role or space the organization lacks. */
export async function checkBindingRefs(q: Knex | Knex.Transaction, orgId: string, refs: readonly BindingRef[], field = 'bindings'): Promise<void> {
  const errors: FieldError[] = [];
  for (const [i, r] of refs.entries()) {
    if (!(await findRole(q, orgId, r.roleId))) errors.push({ field: `${field}.${i}.roleId`, reason: 'no such role (give its id or slug)' });
    if (!(await findSpace(q, orgId, r.spaceId))) errors.push({ field: `${field}.${i}.spaceId`, reason: 'no such space' });
  }
  if (errors.length) throw invalidFields(errors);
}

/**
 * Binds the roles to a user inside the caller's transaction. A role or space deleted since the
 * invitation was made is skipped (and reported), never an error that would refuse the sign-in.
 */
export async function grantUserBindings(tx: Knex.Transaction, orgId: string, ctx: RequestContext | null, userId: string, refs: readonly BindingRef[]) {
  const granted: string[] = [], skipped: BindingRef[] = [];
  for (const r of refs) {
    const role = await findRole(tx, orgId, r.roleId);
    const space = await findSpace(tx, orgId, r.spaceId);
    const id = role && space
      ? await insertBinding(tx, { org_id: orgId, subject_type: 'user', user_id: userId, api_key_id: null, idp_group_id: null, role_id: role.id, space_id: space.id, created_by: ctx?.actor.label ?? 'gatehouse' })
      : undefined;
    if (!role || !space) skipped.push(r);
    if (!id) continue; // skipped, or the person already has it
    granted.push(id);
    await recordEvent(tx, orgId, ctx, { action: 'role_binding.created', target: { type: 'role_binding', id }, after: presentBinding((await findBinding(tx, orgId, id))!) });
  }
  return { granted, skipped };
}
