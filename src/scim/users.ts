// /Users (RFC 7644 §3.3–3.6): list, read, create, replace, patch, delete.
import * as directory from '../directory/service.ts';
import type { GroupRef, UserRow } from '../directory/service.ts';
import { notFound, uniqueness } from './errors.ts';
import { compileFilter, sortExpression } from './filter/to-sql.ts';
import type { ListParams } from './list-params.ts';
import { normalizeResource } from './normalize.ts';
import { readPatchBody } from './patch-op.ts';
import { applyUserPatch } from './patch-user.ts';
import { project, wants, type Projection } from './projection.ts';
import { checkIfMatch, LIST_SCHEMA, notModified, UUID, wantsBody, type ScimCall, type ScimResponse } from './protocol.ts';
import { etag, userDoc, userFields, userResource } from './resources.ts';
import { parseProjection } from './projection.ts';

const taken = (userName: string) => uniqueness(`userName: "${userName}" is already taken in this organization`);

function present(call: ScimCall, rows: (UserRow & { groups?: GroupRef[] })[], projection: Projection) {
  return rows.map((r) => project(projection, userResource(r, call.deps.baseUrl, r.groups)));
}

/** One page and the total, both from the database (RFC 7644 §3.4.2.4). */
export async function listUsers(call: ScimCall, p: ListParams): Promise<ScimResponse> {
  const { db } = call.deps;
  const orgId = call.ctx.actor.orgId;
  const where = p.filter ? compileFilter('User', p.filter) : null;
  const orderBy = p.sortBy ? sortExpression('User', p.sortBy) : null;
  const rows = p.count ? await directory.listUsers(db, orgId, { where, orderBy, descending: p.descending, offset: p.startIndex - 1, limit: p.count }, wants(p.projection, 'groups')) : [];
  // A short page that started at the top is the whole result: no second query (userName eq lookups).
  const total = p.count && rows.length < p.count && (rows.length || p.startIndex === 1) ? p.startIndex - 1 + rows.length : await directory.countUsers(db, orgId, where);
  return {
    status: 200,
    body: { schemas: [LIST_SCHEMA], totalResults: total, startIndex: p.startIndex, itemsPerPage: rows.length, Resources: present(call, rows, p.projection) },
  };
}

function single(call: ScimCall, row: UserRow, status: number, groups?: Awaited<ReturnType<typeof directory.groupsOfUsers>>): ScimResponse {
  const projection = parseProjection('User', call.req.query.attributes, call.req.query.excludedAttributes);
  const body = project(projection, userResource(row, call.deps.baseUrl, groups));
  return { status, body, etag: etag(row.version), location: `${call.deps.baseUrl}/Users/${row.id}` };
}

export async function getUser(call: ScimCall, id: string): Promise<ScimResponse> {
  const row = UUID.test(id) ? await directory.findUserWithGroups(call.deps.db, call.ctx.actor.orgId, id) : undefined;
  if (!row) throw notFound(`User ${id}`);
  if (notModified(call.req.ifNoneMatch, row.version)) return { status: 304, etag: etag(row.version) };
  return single(call, row, 200, row.groups);
}

export async function createUser(call: ScimCall): Promise<ScimResponse> {
  const fields = userFields(normalizeResource('User', call.req.body));
  const row = await directory.provisionUser(call.deps.db, call.ctx, fields);
  if (!row) throw taken(fields.user_name);
  return single(call, row, 201, []);
}

async function changeUser(call: ScimCall, id: string, change: (row: UserRow) => ReturnType<typeof userFields>): Promise<UserRow> {
  if (!UUID.test(id)) throw notFound(`User ${id}`);
  const row = await directory.inTransaction(call.deps.db, (tx) => directory.updateUser(tx, call.ctx, id, (current) => {
    checkIfMatch(call.req.ifMatch, current.version);
    return change(current);
  }));
  if (!row) throw notFound(`User ${id}`);
  return row;
}

export async function replaceUser(call: ScimCall, id: string): Promise<ScimResponse> {
  const doc = normalizeResource('User', call.req.body);
  const row = await changeUser(call, id, (current) => userFields(doc, current));
  return single(call, row, 200, await directory.groupsOfUsers(call.deps.db, row.org_id, [row.id]));
}

export async function patchUser(call: ScimCall, id: string): Promise<ScimResponse> {
  const ops = readPatchBody(call.req.body);
  const row = await changeUser(call, id, (current) => userFields(applyUserPatch(userDoc(current), ops), current));
  // RFC 7644 §3.5.2: 204, or 200 with the resource; both IdPs accept either (Okta's SCIM 2.0 protocol reference; Microsoft Learn's SCIM provisioning tutorial).
  if (!wantsBody(call.req)) return { status: 204, etag: etag(row.version) };
  return single(call, row, 200, await directory.groupsOfUsers(call.deps.db, row.org_id, [row.id]));
}

export async function deleteUser(call: ScimCall, id: string): Promise<ScimResponse> {
  if (!UUID.test(id)) throw notFound(`User ${id}`);
  const deleted = await directory.inTransaction(call.deps.db, (tx) => directory.deleteUser(tx, call.ctx, id, (current) => checkIfMatch(call.req.ifMatch, current.version)));
  if (!deleted) throw notFound(`User ${id}`);
  return { status: 204 };
}
