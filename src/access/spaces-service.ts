// Spaces (domain §3, seed 001): the tree, who may change which part of it, and its audit trail.
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { recordEvent } from '../audit/service.ts';
import type { RequestContext } from '../http/actor.ts';
import { ApiError, conflict, forbidden, invalidField, notFound } from '../http/errors.ts';
import { SPACE_READ } from './actions.ts';
import { callerAccess, isRootAdmin, maskIn, requireManage, requireReadable, requireRootAdmin, type CallerAccess } from './guard.ts';
import { ROOT_SPACE } from './org-init.ts';
import * as store from './spaces-store.ts';
import { lockAccess } from './versions-store.ts';

export function presentSpace(s: store.SpaceRow) {
  return {
    id: s.id,
    name: s.name,
    parentId: s.parent_id,
    inheritEntities: s.inherit_entities,
    labels: s.labels,
    createdAt: s.created_at.toISOString(),
    updatedAt: s.updated_at.toISOString(),
  };
}

const ruleBroken = (field: string, reason: string) => new ApiError(422, 'Refused by a rule', `${field}: ${reason}`, [{ field, reason }]);

function readableIds(a: CallerAccess): string[] | undefined {
  const ids = a.model.spaceIds.filter((_, i) => a.grants.maskAt(i) & SPACE_READ);
  return ids.length === a.model.spaceIds.length ? undefined : ids;
}

export async function listSpaces(db: Knex, ctx: RequestContext, filter: Omit<store.SpaceListFilter, 'ids'>, limit: number) {
  const access = await callerAccess(db, ctx);
  const rows = await store.listSpaces(db, ctx.actor.orgId, { ...filter, ids: readableIds(access) }, limit + 1);
  const page = rows.slice(0, limit);
  return { items: page.map(presentSpace), next: rows.length > limit ? page[page.length - 1]!.id : null };
}

export async function getSpace(db: Knex, ctx: RequestContext, id: string) {
  requireReadable(await callerAccess(db, ctx), id);
  const row = await store.findSpace(db, ctx.actor.orgId, id);
  if (!row) throw notFound('space');
  return presentSpace(row);
}

const slugify = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'space';

export interface NewSpace { id?: string; name: string; parentId: string; inheritEntities: boolean; labels: string[] }

export async function createSpace(db: Knex, ctx: RequestContext, input: NewSpace) {
  const access = await callerAccess(db, ctx);
  if (!(maskIn(access, input.parentId) & SPACE_READ)) throw invalidField('parentId', 'no such space');
  requireManage(access, input.parentId, 'create spaces in it');
  // Seed 001 / issue 4: non-root Space Admins cannot switch inheritance off, not even at birth.
  if (!input.inheritEntities && !isRootAdmin(access)) throw forbidden('only Root Space Admins may create a space with inheritEntities off');
  const orgId = ctx.actor.orgId;
  return db.transaction(async (tx) => {
    await lockAccess(tx, orgId);
    if (!(await store.findSpace(tx, orgId, input.parentId))) throw invalidField('parentId', 'no such space');
    const base = { org_id: orgId, name: input.name, parent_id: input.parentId, inherit_entities: input.inheritEntities, labels: input.labels };
    let row = await store.insertSpace(tx, { ...base, id: input.id ?? slugify(input.name) });
    if (!row && input.id) throw conflict('a space with this id already exists', 'id');
    // A derived id that is taken gets a random suffix, as Spacelift's generated ids do.
    if (!row) row = await store.insertSpace(tx, { ...base, id: `${slugify(input.name)}-${randomBytes(4).toString('hex')}` });
    const space = presentSpace(row!);
    await recordEvent(tx, orgId, ctx, { action: 'space.created', target: { type: 'space', id: space.id }, after: space });
    return space;
  });
}

export interface SpacePatch { name?: string; parentId?: string; inheritEntities?: boolean; labels?: string[] }

export async function updateSpace(db: Knex, ctx: RequestContext, id: string, patch: SpacePatch) {
  const access = await callerAccess(db, ctx);
  requireReadable(access, id);
  const orgId = ctx.actor.orgId;
  return db.transaction(async (tx) => {
    await lockAccess(tx, orgId);
    const before = await store.findSpace(tx, orgId, id);
    if (!before) throw notFound('space');
    if (id === ROOT_SPACE) {
      if (patch.parentId !== undefined) throw ruleBroken('parentId', 'root is the top of the tree and cannot move');
      if (patch.inheritEntities) throw ruleBroken('inheritEntities', 'root has no parent to inherit from');
      requireRootAdmin(access, 'change the root space');
    } else {
      // Managing a space means holding space:manage in the space above it (seed 001).
      requireManage(access, before.parent_id!, `change space ${id}`);
      if (patch.inheritEntities === false && before.inherit_entities) requireRootAdmin(access, 'switch inheritance off');
    }
    const moving = patch.parentId !== undefined && patch.parentId !== before.parent_id;
    if (moving) {
      if (!(maskIn(access, patch.parentId!) & SPACE_READ) || !(await store.findSpace(tx, orgId, patch.parentId!))) throw invalidField('parentId', 'no such space');
      requireManage(access, patch.parentId!, `move space ${id} into it`);
      if (await store.isSelfOrDescendant(tx, orgId, id, patch.parentId!)) {
        throw ruleBroken('parentId', `${patch.parentId} is ${patch.parentId === id ? 'the space itself' : `below ${id}`}: the move would make a cycle`);
      }
    }
    const after = await store.updateSpace(tx, orgId, id, {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(moving ? { parent_id: patch.parentId! } : {}),
      ...(patch.inheritEntities !== undefined ? { inherit_entities: patch.inheritEntities } : {}),
      ...(patch.labels !== undefined ? { labels: patch.labels } : {}),
    });
    const [b, a] = [presentSpace(before), presentSpace(after)];
    const target = { type: 'space', id };
    if (moving) await recordEvent(tx, orgId, ctx, { action: 'space.moved', target, before: { parentId: b.parentId }, after: { parentId: a.parentId } });
    const changed = (['name', 'inheritEntities', 'labels'] as const).filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]));
    if (changed.length) {
      await recordEvent(tx, orgId, ctx, {
        action: 'space.updated',
        target,
        before: Object.fromEntries(changed.map((k) => [k, b[k]])),
        after: Object.fromEntries(changed.map((k) => [k, a[k]])),
      });
    }
    return a;
  });
}

export async function deleteSpace(db: Knex, ctx: RequestContext, id: string, cascade: boolean): Promise<void> {
  const access = await callerAccess(db, ctx);
  requireReadable(access, id);
  if (id === ROOT_SPACE) throw ruleBroken('spaceId', 'root cannot be deleted');
  const orgId = ctx.actor.orgId;
  await db.transaction(async (tx) => {
    await lockAccess(tx, orgId);
    const before = await store.findSpace(tx, orgId, id);
    if (!before) throw notFound('space');
    requireManage(access, before.parent_id!, `delete space ${id}`);
    const children = await store.countChildren(tx, orgId, id);
    if (children > 0 && !cascade) throw conflict(`space ${id} has ${children} child space(s); delete them first or pass cascade=true`, 'cascade');
    const gone = await store.deleteSubtree(tx, orgId, id);
    await recordEvent(tx, orgId, ctx, {
      action: 'space.deleted',
      target: { type: 'space', id },
      before: presentSpace(before),
      details: { cascade, deletedSpaces: gone.spaces, deletedBindings: gone.bindings },
    });
  });
}
