// POST /.search at the root (RFC 7644 §3.4.3): Users then Groups, one page across both. A filter
// attribute one resource type lacks makes that type contribute nothing, not an error.
import * as directory from '../directory/service.ts';
import { ScimError } from './errors.ts';
import { compileFilter, type SqlFragment } from './filter/to-sql.ts';
import { groupResource, userResource } from './resources.ts';
import type { ListParams } from './list-params.ts';
import { ALL, parseProjection, project, type Projection } from './projection.ts';
import { LIST_SCHEMA, type ScimCall, type ScimResponse } from './protocol.ts';
import type { ResourceKind } from './schema-catalogue.ts';

function where(kind: ResourceKind, p: ListParams): { ok: boolean; where: SqlFragment | null; error?: ScimError } {
  if (!p.filter) return { ok: true, where: null };
  try {
    return { ok: true, where: compileFilter(kind, p.filter) };
  } catch (err) {
    if (err instanceof ScimError) return { ok: false, where: null, error: err };
    throw err;
  }
}

/** At the root an attribute of one resource type only does not fail the other type's projection. */
function projectionFor(kind: ResourceKind, attrs: { attributes?: string; excludedAttributes?: string }): Projection {
  const keep = (list?: string) => list?.split(',').filter((a) => {
    try {
      parseProjection(kind, a);
      return true;
    } catch {
      return false;
    }
  }).join(',');
  const attributes = keep(attrs.attributes);
  if (attrs.attributes && !attributes) return { mode: 'include', paths: new Set() };
  return attributes || attrs.excludedAttributes ? parseProjection(kind, attributes, keep(attrs.excludedAttributes)) : ALL;
}

export async function searchRoot(call: ScimCall, p: ListParams, attrs: { attributes?: string; excludedAttributes?: string }): Promise<ScimResponse> {
  const { db, baseUrl } = call.deps;
  const orgId = call.ctx.actor.orgId;
  const u = where('User', p);
  const g = where('Group', p);
  if (!u.ok && !g.ok) throw u.error!;
  const userTotal = u.ok ? await directory.countUsers(db, orgId, u.where) : 0;
  const groupTotal = g.ok ? await directory.countGroups(db, orgId, g.where) : 0;
  const offset = p.startIndex - 1;
  const resources: unknown[] = [];
  if (u.ok && offset < userTotal && p.count) {
    const rows = await directory.listUsers(db, orgId, { where: u.where, orderBy: null, descending: false, offset, limit: p.count });
    const proj = projectionFor('User', attrs);
    resources.push(...rows.map((r) => project(proj, userResource(r, baseUrl))));
  }
  const left = p.count - resources.length;
  if (g.ok && left > 0) {
    const rows = await directory.listGroups(db, orgId, { where: g.where, orderBy: null, descending: false, offset: Math.max(0, offset - userTotal), limit: left });
    const proj = projectionFor('Group', attrs);
    resources.push(...rows.map((r) => project(proj, groupResource(r, baseUrl))));
  }
  return { status: 200, body: { schemas: [LIST_SCHEMA], totalResults: userTotal + groupTotal, startIndex: p.startIndex, itemsPerPage: resources.length, Resources: resources } };
}
