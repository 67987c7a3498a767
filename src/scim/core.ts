// The SCIM service: a plain request in, `{status, body}` out. Routing by path below /scim/v2.
import { discovery } from './discovery.ts';
import { errorResponse } from './error-response.ts';
import { methodNotAllowed, notFound, notImplemented } from './errors.ts';
import * as groups from './groups.ts';
import { readListParams } from './list-params.ts';
import { SEARCH_SCHEMA, type ScimCall, type ScimResponse } from './protocol.ts';
import { searchRoot } from './search.ts';
import * as users from './users.ts';
import { invalidSyntax } from './errors.ts';
import { runBulk } from './bulk.ts';
import { refuseIllFormedText } from './unicode.ts';

type Handler = (call: ScimCall, id: string) => Promise<ScimResponse>;

const RESOURCES: Record<string, { kind: 'User' | 'Group'; list: typeof users.listUsers; get: Handler; create: (c: ScimCall) => Promise<ScimResponse>; put: Handler; patch: Handler; del: Handler }> = {
  users: { kind: 'User', list: users.listUsers, get: users.getUser, create: users.createUser, put: users.replaceUser, patch: users.patchUser, del: users.deleteUser },
  groups: { kind: 'Group', list: groups.listGroups, get: groups.getGroup, create: groups.createGroup, put: groups.replaceGroup, patch: groups.patchGroup, del: groups.deleteGroup },
};

function searchBody(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw invalidSyntax('the body must be a SearchRequest JSON object');
  const b = body as Record<string, unknown>;
  if (b.schemas !== undefined && !(Array.isArray(b.schemas) && b.schemas.includes(SEARCH_SCHEMA))) throw invalidSyntax(`schemas: must contain "${SEARCH_SCHEMA}"`);
  return b;
}

async function route(call: ScimCall): Promise<ScimResponse> {
  const { req, deps } = call;
  const method = req.method.toUpperCase();
  const segs = req.path.split('/').filter(Boolean).map(decodeURIComponent);
  const [head, id, extra] = segs;
  const name = head?.toLowerCase();
  if (!name) throw notFound('resource');

  if (name === '.search' && segs.length === 1) {
    if (method !== 'POST') throw methodNotAllowed('use POST for /.search');
    const b = searchBody(req.body);
    return searchRoot(call, readListParams(null, { ...b, attributes: undefined, excludedAttributes: undefined }), { attributes: str(b.attributes), excludedAttributes: str(b.excludedAttributes) });
  }
  if (name === 'bulk' && segs.length === 1) {
    if (method !== 'POST') throw methodNotAllowed('use POST for /Bulk');
    return runBulk(call, route);
  }
  if (name === 'me') throw notImplemented('/Me: a SCIM token is not a person');
  if (name === 'serviceproviderconfig' || name === 'serviceconfiguration') {
    // `/serviceConfiguration`: the path Microsoft's reference collection (AzureAD/SCIMReferenceCode) uses.
    if (method !== 'GET' || segs.length > 1) throw methodNotAllowed('ServiceProviderConfig is read-only');
    return discovery(deps.baseUrl, 'ServiceProviderConfig');
  }
  if (name === 'schemas' || name === 'resourcetypes') {
    if (method !== 'GET' || segs.length > 2) throw methodNotAllowed(`${head} is read-only`);
    return discovery(deps.baseUrl, name === 'schemas' ? 'Schemas' : 'ResourceTypes', id);
  }
  const r = RESOURCES[name];
  if (!r || extra !== undefined) throw notFound(`endpoint /${segs.join('/')}`);
  if (id === '.search') {
    if (method !== 'POST') throw methodNotAllowed('use POST for .search');
    return r.list(call, readListParams(r.kind, searchBody(req.body)));
  }
  if (id === undefined) {
    if (method === 'GET') return r.list(call, readListParams(r.kind, req.query));
    if (method === 'POST') return r.create(call);
    throw methodNotAllowed(`${method} is not allowed on /${head}`);
  }
  switch (method) {
    case 'GET': return r.get(call, id);
    case 'PUT': return r.put(call, id);
    case 'PATCH': return r.patch(call, id);
    case 'DELETE': return r.del(call, id);
    default: throw methodNotAllowed(`${method} is not allowed on /${head}/{id}`);
  }
}

const str = (v: unknown) => (typeof v === 'string' ? v : Array.isArray(v) ? v.join(',') : undefined);

/** Handles one SCIM request; every failure becomes an RFC 7644 §3.12 error response. */
export async function handleScim(call: ScimCall): Promise<ScimResponse> {
  try {
    refuseIllFormedText(call.req.query, call.req.body);
    return await route(call);
  } catch (err) {
    return errorResponse(err);
  }
}
