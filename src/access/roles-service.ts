// Roles (domain §4): the predefined three are immutable; custom roles are sets of catalogue
// actions, created and changed by Root Space Admins.
import type { Knex } from 'knex';
import { recordEvent } from '../audit/service.ts';
import type { RequestContext } from '../http/actor.ts';
import { conflict, invalidField, notFound, refused } from '../http/errors.ts';
import { ACTION_NAMES } from './actions.ts';
import { callerAccess, requireRootAdmin } from './guard.ts';
import { PREDEFINED_BY_SLUG } from './predefined-roles.ts';
import * as store from './roles-store.ts';
import { lockAccess } from './versions-store.ts';

/** Catalogue order, no repeats: a role's actions read the same however they were given. */
const normalize = (actions: readonly string[]) => ACTION_NAMES.filter((a) => actions.includes(a));

export function presentRole(r: store.RoleRow) {
  return {
    id: r.id,
    slug: r.slug,
    name: r.name,
    description: r.description,
    actions: normalize(r.predefined ? (PREDEFINED_BY_SLUG.get(r.slug)?.actions ?? r.actions) : r.actions),
    predefined: r.predefined,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

export async function listRoles(db: Knex, ctx: RequestContext) {
  return { items: (await store.listRoles(db, ctx.actor.orgId)).map(presentRole) };
}

export async function getRole(db: Knex, ctx: RequestContext, ref: string) {
  const row = await store.findRole(db, ctx.actor.orgId, ref);
  if (!row) throw notFound('role');
  return presentRole(row);
}

const slugify = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63);

export interface NewRole { name: string; slug?: string; description: string; actions: string[] }

export async function createRole(db: Knex, ctx: RequestContext, input: NewRole) {
  requireRootAdmin(await callerAccess(db, ctx), 'create roles');
  const orgId = ctx.actor.orgId;
  const slug = input.slug ?? slugify(input.name);
  if (!slug) throw invalidField('slug', 'the name gives no usable slug (letters or digits); give one');
  return db.transaction(async (tx) => {
    await lockAccess(tx, orgId);
    const row = await store.insertRole(tx, { org_id: orgId, slug, name: input.name, description: input.description, actions: normalize(input.actions) });
    if (!row) throw conflict('a role with this slug already exists', 'slug');
    const role = presentRole(row);
    await recordEvent(tx, orgId, ctx, { action: 'role.created', target: { type: 'role', id: row.id }, after: role });
    return role;
  });
}

export async function updateRole(db: Knex, ctx: RequestContext, ref: string, patch: Partial<Omit<NewRole, 'slug'>>) {
  requireRootAdmin(await callerAccess(db, ctx), 'change roles');
  const orgId = ctx.actor.orgId;
  return db.transaction(async (tx) => {
    await lockAccess(tx, orgId);
    const before = await store.findRole(tx, orgId, ref);
    if (!before) throw notFound('role');
    if (before.predefined) throw refused(`${before.slug} is a predefined role and cannot be changed; create a custom role instead`);
    const after = await store.updateRole(tx, orgId, before.id, { ...patch, ...(patch.actions ? { actions: normalize(patch.actions) } : {}) });
    const [b, a] = [presentRole(before), presentRole(after)];
    await recordEvent(tx, orgId, ctx, { action: 'role.updated', target: { type: 'role', id: before.id }, before: b, after: a });
    return a;
  });
}

export async function deleteRole(db: Knex, ctx: RequestContext, ref: string): Promise<void> {
  requireRootAdmin(await callerAccess(db, ctx), 'delete roles');
  const orgId = ctx.actor.orgId;
  await db.transaction(async (tx) => {
    await lockAccess(tx, orgId);
    const before = await store.findRole(tx, orgId, ref);
    if (!before) throw notFound('role');
    if (before.predefined) throw refused(`${before.slug} is a predefined role and cannot be deleted`);
    const bound = await store.countRoleBindings(tx, orgId, before.id);
    if (bound > 0) throw conflict(`the role is used by ${bound} role binding(s); delete them first`);
    await store.deleteRole(tx, orgId, before.id);
    await recordEvent(tx, orgId, ctx, { action: 'role.deleted', target: { type: 'role', id: before.id }, before: presentRole(before) });
  });
}
