// POST /Bulk (RFC 7644 §3.7): operations run in order, each through the same core as a single
// request and in its own transaction; `bulkId:<id>` references resolve to the ids created earlier
// in the request; `failOnErrors` stops after that many errors.
import { invalidSyntax, invalidValue, tooLarge } from './errors.ts';
import { BULK_MAX_OPERATIONS, BULK_MAX_PAYLOAD } from './discovery.ts';
import type { ScimCall, ScimResponse } from './protocol.ts';
import { intParam } from './protocol.ts';
import { errorResponse } from './error-response.ts';
import { urlFault } from '../http/input-hygiene.ts';

export const BULK_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
export const BULK_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:BulkResponse';

type Route = (call: ScimCall) => Promise<ScimResponse>;

function substitute(v: unknown, ids: Map<string, string>, unresolved: Set<string>): unknown {
  if (typeof v === 'string') {
    const m = /^bulkId:(.+)$/.exec(v);
    if (!m) return v;
    const id = ids.get(m[1]!);
    if (!id) unresolved.add(m[1]!);
    return id ?? v;
  }
  if (Array.isArray(v)) return v.map((x) => substitute(x, ids, unresolved));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, substitute(x, ids, unresolved)]));
  return v;
}

export async function runBulk(call: ScimCall, route: Route): Promise<ScimResponse> {
  const { req } = call;
  if ((req.bodyBytes ?? 0) > BULK_MAX_PAYLOAD) throw tooLarge(`the bulk request is larger than maxPayloadSize (${BULK_MAX_PAYLOAD} bytes)`);
  const body = req.body as Record<string, unknown> | null;
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw invalidSyntax('the body must be a BulkRequest JSON object');
  if (!(Array.isArray(body.schemas) && body.schemas.includes(BULK_REQUEST))) throw invalidSyntax(`schemas: must contain "${BULK_REQUEST}"`);
  const ops = body.Operations;
  if (!Array.isArray(ops)) throw invalidSyntax('Operations: must be a list');
  if (ops.length > BULK_MAX_OPERATIONS) throw tooLarge(`Operations: at most ${BULK_MAX_OPERATIONS} (maxOperations)`);
  const failOnErrors = intParam(body.failOnErrors, 'failOnErrors');
  if (failOnErrors !== undefined && failOnErrors < 1) throw invalidValue('failOnErrors: must be at least 1');

  // Checked for every operation before the first runs: a path that cannot be decoded once failed the
  // whole request with a 500 after the earlier operations were written (src/http/input-hygiene.ts).
  for (const [i, raw] of ops.entries()) {
    const path = (raw as { path?: unknown } | null)?.path;
    const fault = typeof path === 'string' ? urlFault(path) : null;
    if (fault) throw invalidSyntax(`Operations[${i}].path: ${fault.reason}`);
  }

  const ids = new Map<string, string>();
  const results: unknown[] = [];
  let errors = 0;
  for (const [i, raw] of ops.entries()) {
    if (failOnErrors !== undefined && errors >= failOnErrors) break;
    const op = (raw ?? {}) as Record<string, unknown>;
    const method = typeof op.method === 'string' ? op.method.toUpperCase() : '';
    const bulkId = typeof op.bulkId === 'string' ? op.bulkId : undefined;
    let res: ScimResponse;
    const unresolved = new Set<string>();
    const path = typeof op.path === 'string' ? (substitute(op.path.replace(/\/bulkId:([^/]+)/, (_m, b: string) => `/${ids.get(b) ?? `bulkId:${b}`}`), ids, unresolved) as string) : '';
    if (!['POST', 'PUT', 'PATCH', 'DELETE'].includes(method)) res = errorResponse(invalidSyntax(`Operations[${i}].method: must be POST, PUT, PATCH or DELETE`));
    else if (!/^\/(Users|Groups)(\/[^/]+)?$/i.test(path)) res = errorResponse(invalidSyntax(`Operations[${i}].path: must be /Users, /Groups or /<type>/<id>`));
    else if (method === 'POST' && !bulkId) res = errorResponse(invalidSyntax(`Operations[${i}].bulkId: is required for POST`));
    else {
      const data = substitute(op.data, ids, unresolved);
      if (unresolved.size || path.includes('bulkId:')) {
        res = errorResponse(invalidValue(`Operations[${i}]: bulkId ${[...unresolved].join(', ') || path} does not refer to a resource created earlier in this request`));
      } else {
        res = await route({ ...call, req: { method, path, query: {}, body: data, ifMatch: typeof op.version === 'string' ? op.version : undefined } }).catch(errorResponse);
      }
    }
    const id = (res.body as { id?: string } | undefined)?.id;
    if (bulkId && id && method === 'POST') ids.set(bulkId, id);
    if (res.status >= 400) errors++;
    results.push({
      method,
      ...(bulkId ? { bulkId } : {}),
      ...(res.location ? { location: res.location } : {}),
      ...(res.etag ? { version: res.etag } : {}),
      status: String(res.status),
      ...(res.status >= 400 ? { response: res.body } : {}),
    });
  }
  return { status: 200, body: { schemas: [BULK_RESPONSE], Operations: results } };
}
