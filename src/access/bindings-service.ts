// Role bindings (domain §5, seed 004): Space Admins manage the bindings of the spaces they
// administer (space:manage there); Root Space Admins therefore manage them everywhere.
import type { Knex } from 'knex';
import { recordEvent } from '../audit/service.ts';
import type { RequestContext } from '../http/actor.ts';
import { conflict, invalidField, notFound } from '../http/errors.ts';
import { SPACE_MANAGE, SPACE_READ } from './actions.ts';
import { callerAccess, maskIn, requireManage, type CallerAccess } from './guard.ts';
import * as store from './bindings-store.ts';
import { findMapping, findMappingByName } from './idp-groups-store.ts';
import type { SubjectRef } from './principals.ts';
import { findRole } from './roles-store.ts';
import { lockAccess } from './versions-store.ts';

export function presentBinding(b: store.BindingRow) {
  return {
    id: b.id,
    subject: { type: b.subject_type, id: (b.user_id ?? b.api_key_id ?? b.idp_group_id)!, name: b.subject_name },
    roleId: b.role_id,
    roleSlug: b.role_slug,
    spaceId: b.space_id,
    createdBy: b.created_by,
    createdAt: b.created_at.toISOString(),
  };
}

function administered(a: CallerAccess): string[] | undefined {
  const ids = a.model.spaceIds.filter((_, i) => a.grants.maskAt(i) & SPACE_MANAGE);
  return ids.length === a.model.spaceIds.length ? undefined : ids;
}

/** Lists the bindings of the spaces the caller administers. */
export async function listBindings(db: Knex, ctx: RequestContext, filter: Omit<store.BindingFilter, 'spaceIds'>, limit: number) {
  const access = await callerAccess(db, ctx);
  if (filter.roleId) {
    const role = access.model.roleByRef(filter.roleId);
    if (!role) throw invalidField('roleId', 'no such role (give its id or slug)');
    filter = { ...filter, roleId: role.id };
  }
  const rows = await store.listBindings(db, ctx.actor.orgId, { ...filter, spaceIds: administered(access) }, limit + 1);
  const page = rows.slice(0, limit);
  return { items: page.map(presentBinding), next: rows.length > limit ? page[page.length - 1]!.id : null };
}

export interface NewBinding { subject: SubjectRef; roleId: string; spaceId: string }

export async function createBinding(db: Knex, ctx: RequestContext, input: NewBinding) {
  const access = await callerAccess(db, ctx);
  if (!(maskIn(access, input.spaceId) & SPACE_READ)) throw invalidField('spaceId', 'no such space');
  requireManage(access, input.spaceId, 'manage its role bindings');
  const orgId = ctx.actor.orgId;
  return db.transaction(async (tx) => {
    const version = await lockAccess(tx, orgId);
    const role = await findRole(tx, orgId, input.roleId);
    if (!role) throw invalidField('roleId', 'no such role (give its id or slug)');
    const row: store.NewBindingRow = {
      org_id: orgId, subject_type: input.subject.type, user_id: null, api_key_id: null, idp_group_id: null,
      role_id: role.id, space_id: input.spaceId, created_by: ctx.actor.label,
    };
    const s = input.subject;
    if (s.type === 'idp_group') {
      // Binding a group needs its mapping; only Root Space Admins create those (seed 004).
      const m = s.id ? await findMapping(tx, orgId, s.id) : await findMappingByName(tx, orgId, s.name!);
      if (!m) throw invalidField(s.id ? 'subject.id' : 'subject.name', 'no such IdP group mapping; a Root Space Admin creates it with POST idp-groups');
      row.idp_group_id = m.id;
    } else {
      const found = await store.findSubject(tx, orgId, s.type, s.id);
      if (!found) throw invalidField('subject.id', `no such ${s.type === 'user' ? 'user' : 'API key'} in this organization`);
      if (found.kind === 'personal') throw invalidField('subject.id', 'a personal API key acts as its person: bind the user instead');
      if (s.type === 'user') row.user_id = s.id;
      else row.api_key_id = s.id;
    }
    const id = await store.insertBinding(tx, row);
    if (!id) throw conflict('this subject already has this role in this space');
    const binding = presentBinding((await store.findBinding(tx, orgId, id))!);
    // The version this transaction commits as: other instances apply the event instead of reloading (binding-deltas.ts).
    await recordEvent(tx, orgId, ctx, { action: 'role_binding.created', target: { type: 'role_binding', id }, after: binding, details: { accessVersion: version + 1 } });
    return binding;
  });
}

export async function deleteBinding(db: Knex, ctx: RequestContext, id: string): Promise<void> {
  const access = await callerAccess(db, ctx);
  const orgId = ctx.actor.orgId;
  await db.transaction(async (tx) => {
    const version = await lockAccess(tx, orgId);
    const before = await store.findBinding(tx, orgId, id);
    if (!before || !(maskIn(access, before.space_id) & SPACE_READ)) throw notFound('role binding');
    requireManage(access, before.space_id, 'manage its role bindings');
    await store.deleteBinding(tx, orgId, id);
    await recordEvent(tx, orgId, ctx, { action: 'role_binding.deleted', target: { type: 'role_binding', id }, before: presentBinding(before), details: { accessVersion: version + 1 } });
  });
}
