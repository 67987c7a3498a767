// /Groups (RFC 7644 §3.3–3.6). Members are read only when the response carries them (Entra reads
// groups with excludedAttributes=members), and changed only by set-based statements.
import * as directory from '../directory/service.ts';
import type { GroupRow, MemberChange, MemberRow } from '../directory/service.ts';
import { notFound, uniqueness } from './errors.ts';
import { compileFilter, sortExpression } from './filter/to-sql.ts';
import type { ListParams } from './list-params.ts';
import { normalizeResource, type Doc } from './normalize.ts';
import { readPatchBody } from './patch-op.ts';
import { memberRefs, readGroupPatch } from './patch-group.ts';
import { parseProjection, project, wants, type Projection } from './projection.ts';
import { checkIfMatch, LIST_SCHEMA, notModified, UUID, wantsBody, type ScimCall, type ScimResponse } from './protocol.ts';
import { canonicalJson } from '../lib/canonical-json.ts';
import { etag, groupFields, groupResource } from './resources.ts';

const taken = (name: string) => uniqueness(`displayName: a group named "${name}" already exists in this organization`);

async function present(call: ScimCall, rows: GroupRow[], projection: Projection) {
  const byGroup = wants(projection, 'members') ? new Map<string, MemberRow[]>(rows.map((r) => [r.id, []])) : null;
  if (byGroup) for (const m of await directory.membersOfGroups(call.deps.db, call.ctx.actor.orgId, rows.map((r) => r.id))) byGroup.get(m.group_id)?.push(m);
  return rows.map((r) => project(projection, groupResource(r, call.deps.baseUrl, byGroup?.get(r.id))));
}

export async function listGroups(call: ScimCall, p: ListParams): Promise<ScimResponse> {
  const { db } = call.deps;
  const orgId = call.ctx.actor.orgId;
  const where = p.filter ? compileFilter('Group', p.filter) : null;
  const orderBy = p.sortBy ? sortExpression('Group', p.sortBy) : null;
  const rows = p.count ? await directory.listGroups(db, orgId, { where, orderBy, descending: p.descending, offset: p.startIndex - 1, limit: p.count }) : [];
  const total = p.count && rows.length < p.count && (rows.length || p.startIndex === 1) ? p.startIndex - 1 + rows.length : await directory.countGroups(db, orgId, where);
  return {
    status: 200,
    body: { schemas: [LIST_SCHEMA], totalResults: total, startIndex: p.startIndex, itemsPerPage: rows.length, Resources: await present(call, rows, p.projection) },
  };
}

async function single(call: ScimCall, row: GroupRow, status: number): Promise<ScimResponse> {
  const projection = parseProjection('Group', call.req.query.attributes, call.req.query.excludedAttributes);
  const [body] = await present(call, [row], projection);
  return { status, body, etag: etag(row.version), location: `${call.deps.baseUrl}/Groups/${row.id}` };
}

export async function getGroup(call: ScimCall, id: string): Promise<ScimResponse> {
  const row = UUID.test(id) ? await directory.findGroup(call.deps.db, call.ctx.actor.orgId, id) : undefined;
  if (!row) throw notFound(`Group ${id}`);
  if (notModified(call.req.ifNoneMatch, row.version)) return { status: 304, etag: etag(row.version) };
  return single(call, row, 200);
}

const groupDoc = (row: GroupRow): Doc => ({ displayName: row.display_name, ...(row.external_id !== null ? { externalId: row.external_id } : {}), ...row.attributes });

export async function createGroup(call: ScimCall): Promise<ScimResponse> {
  const body = call.req.body as Doc;
  const fields = groupFields(normalizeResource('Group', body));
  const add = memberRefs(body?.members ?? (body as Record<string, unknown>)?.Members, 'members');
  const row = await directory.inTransaction(call.deps.db, async (tx) => {
    const group = await directory.createGroup(tx, call.ctx, fields);
    if (!group) throw taken(fields.display_name);
    return (await directory.changeMembers(tx, call.ctx, group, [{ op: 'add', members: add }])) ? ((await directory.lockGroup(tx, group.org_id, group.id)) ?? group) : group;
  });
  return single(call, row, 201);
}

async function changeGroup(call: ScimCall, id: string, change: (row: GroupRow) => { doc: Doc; members: MemberChange[] }): Promise<GroupRow> {
  if (!UUID.test(id)) throw notFound(`Group ${id}`);
  return directory.inTransaction(call.deps.db, async (tx) => {
    const row = await directory.lockGroup(tx, call.ctx.actor.orgId, id);
    if (!row) throw notFound(`Group ${id}`);
    checkIfMatch(call.req.ifMatch, row.version);
    const { doc, members: changes } = change(row);
    const fields = groupFields(doc);
    if (fields.display_name !== row.display_name && (await directory.displayNameTaken(tx, row.org_id, fields.display_name, row.id))) throw taken(fields.display_name);
    const same = fields.display_name === row.display_name && fields.external_id === row.external_id && canonicalJson(fields.attributes) === canonicalJson(row.attributes);
    let after = same ? row : await directory.saveGroup(tx, call.ctx, row, fields);
    if (await directory.changeMembers(tx, call.ctx, after, changes)) after = (await directory.lockGroup(tx, row.org_id, row.id)) ?? after;
    return after;
  });
}

export async function replaceGroup(call: ScimCall, id: string): Promise<ScimResponse> {
  const body = call.req.body as Doc;
  const doc = normalizeResource('Group', body);
  // A PUT without `members` leaves them as they are: a 100k-member group is never emptied by an
  // IdP that omits the list (Okta AIW always sends it; Microsoft's collection omits it).
  const hasMembers = body && typeof body === 'object' && ('members' in body || 'Members' in body);
  const row = await changeGroup(call, id, () => ({ doc, members: hasMembers ? [{ op: 'replace', members: memberRefs(body.members ?? body.Members, 'members') }] : [] }));
  return single(call, row, 200);
}

export async function patchGroup(call: ScimCall, id: string): Promise<ScimResponse> {
  const ops = readPatchBody(call.req.body);
  const row = await changeGroup(call, id, (current) => readGroupPatch(groupDoc(current), ops));
  // Entra expects 204 and advises against echoing every member (Microsoft Learn's SCIM provisioning tutorial).
  if (!wantsBody(call.req)) return { status: 204, etag: etag(row.version) };
  return single(call, row, 200);
}

export async function deleteGroup(call: ScimCall, id: string): Promise<ScimResponse> {
  if (!UUID.test(id)) throw notFound(`Group ${id}`);
  await directory.inTransaction(call.deps.db, async (tx) => {
    const row = await directory.lockGroupForDelete(tx, call.ctx.actor.orgId, id);
    if (!row) throw notFound(`Group ${id}`);
    checkIfMatch(call.req.ifMatch, row.version);
    await directory.removeGroup(tx, call.ctx, row);
  });
  return { status: 204 };
}
