// IdP group mappings (domain §1, §5; seed 004): Root Space Admins create, change and delete them;
// non-root Space Admins may list them all (to bind them in the spaces they administer).
import type { Knex } from 'knex';
import { recordEvent } from '../audit/service.ts';
import type { RequestContext } from '../http/actor.ts';
import { conflict, forbidden, notFound } from '../http/errors.ts';
import { callerAccess, isRootAdmin, isSomeSpaceAdmin, requireRootAdmin } from './guard.ts';
import * as store from './idp-groups-store.ts';
import { lockAccess } from './versions-store.ts';

export function presentMapping(m: store.MappingRow) {
  return {
    id: m.id,
    name: m.name,
    externalId: m.external_id,
    idpGroupName: m.idp_group_name,
    description: m.description,
    createdAt: m.created_at.toISOString(),
    updatedAt: m.updated_at.toISOString(),
  };
}

const TAKEN = { name: 'a mapping with this name already exists', externalId: 'a mapping is already tied to this IdP group id' };

export async function listMappings(db: Knex, ctx: RequestContext, filter: { name?: string; after?: string }, limit: number) {
  const access = await callerAccess(db, ctx);
  if (!isRootAdmin(access) && !isSomeSpaceAdmin(access)) throw forbidden('only Space Admins may list IdP group mappings');
  const rows = await store.listMappings(db, ctx.actor.orgId, filter, limit + 1);
  const page = rows.slice(0, limit);
  return { items: page.map(presentMapping), next: rows.length > limit ? page[page.length - 1]!.name : null };
}

export async function getMapping(db: Knex, ctx: RequestContext, id: string) {
  const access = await callerAccess(db, ctx);
  if (!isRootAdmin(access) && !isSomeSpaceAdmin(access)) throw forbidden('only Space Admins may read IdP group mappings');
  const row = await store.findMapping(db, ctx.actor.orgId, id);
  if (!row) throw notFound('IdP group mapping');
  return presentMapping(row);
}

export interface NewMapping { name: string; externalId?: string | null; description: string }

export async function createMapping(db: Knex, ctx: RequestContext, input: NewMapping) {
  requireRootAdmin(await callerAccess(db, ctx), 'create IdP group mappings');
  const orgId = ctx.actor.orgId;
  return db.transaction(async (tx) => {
    await lockAccess(tx, orgId);
    const res = await store.insertMapping(tx, orgId, { name: input.name, external_id: input.externalId ?? null, description: input.description });
    if ('taken' in res) throw conflict(TAKEN[res.taken], res.taken);
    const mapping = presentMapping((await store.findMapping(tx, orgId, res.id))!);
    await recordEvent(tx, orgId, ctx, { action: 'idp_group_mapping.created', target: { type: 'idp_group_mapping', id: res.id }, after: mapping });
    return mapping;
  });
}

export async function updateMapping(db: Knex, ctx: RequestContext, id: string, patch: Partial<NewMapping>) {
  requireRootAdmin(await callerAccess(db, ctx), 'change IdP group mappings');
  const orgId = ctx.actor.orgId;
  return db.transaction(async (tx) => {
    await lockAccess(tx, orgId);
    const before = await store.findMapping(tx, orgId, id);
    if (!before) throw notFound('IdP group mapping');
    const res = await store.updateMapping(tx, orgId, id, {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.externalId !== undefined ? { external_id: patch.externalId } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
    });
    if (res) throw conflict(TAKEN[res.taken], res.taken);
    const after = presentMapping((await store.findMapping(tx, orgId, id))!);
    await recordEvent(tx, orgId, ctx, { action: 'idp_group_mapping.updated', target: { type: 'idp_group_mapping', id }, before: presentMapping(before), after });
    return after;
  });
}

export async function deleteMapping(db: Knex, ctx: RequestContext, id: string): Promise<void> {
  requireRootAdmin(await callerAccess(db, ctx), 'delete IdP group mappings');
  const orgId = ctx.actor.orgId;
  await db.transaction(async (tx) => {
    await lockAccess(tx, orgId);
    const before = await store.findMapping(tx, orgId, id);
    if (!before) throw notFound('IdP group mapping');
    const bindings = await store.deleteMapping(tx, orgId, id);
    await recordEvent(tx, orgId, ctx, {
      action: 'idp_group_mapping.deleted',
      target: { type: 'idp_group_mapping', id },
      before: presentMapping(before),
      details: { deletedBindings: bindings },
    });
  });
}
