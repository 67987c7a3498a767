// POST /Bulk (RFC 7644 §3.7): each operation runs through the same core as a single request, in its
// own transaction; results come back in request order. `bulkId:<id>` references resolve to the
// ids created in the request: an operation waits until the resources it refers to exist (a group
// listed before its members), and operations that wait on each other (§3.7.1: "the service
// provider MUST try to resolve circular cross-references ... but MAY stop after a failed attempt
// and instead return HTTP status code 409") are tried together, in one transaction: created
// without the references, which a PATCH then adds. If that fails (two groups containing each other
// are a cycle, refused for nested groups) nothing of them stays and each answers 409 saying why.
// `failOnErrors` stops after that many errors.
import { referencedBulkIds, setAside, substitute, substitutePath } from './bulk-refs.ts';
import { BULK_MAX_OPERATIONS, BULK_MAX_PAYLOAD } from './discovery.ts';
import { errorResponse } from './error-response.ts';
import { invalidSyntax, invalidValue, ScimError, tooLarge } from './errors.ts';
import { PATCH_SCHEMA } from './patch-op.ts';
import type { ScimCall, ScimResponse } from './protocol.ts';
import { intParam } from './protocol.ts';
import { urlFault } from '../http/input-hygiene.ts';

export const BULK_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
export const BULK_RESPONSE = 'urn:ietf:params:scim:api:messages:2.0:BulkResponse';

type Route = (call: ScimCall) => Promise<ScimResponse>;

interface Op {
  index: number;
  method: string;
  bulkId?: string;
  path: string;
  data: unknown;
  version?: string;
  refs: Set<string>;
}

class CircleFailed extends Error {}

function readOp(raw: unknown, index: number, defined: Set<string>): Op | ScimError {
  const op = (raw && typeof raw === 'object' && !Array.isArray(raw) ? raw : {}) as Record<string, unknown>;
  const where = `Operations[${index}]`;
  const method = typeof op.method === 'string' ? op.method.toUpperCase() : '';
  const bulkId = typeof op.bulkId === 'string' && op.bulkId ? op.bulkId : undefined;
  const path = typeof op.path === 'string' ? op.path : '';
  if (!['POST', 'PUT', 'PATCH', 'DELETE'].includes(method)) return invalidSyntax(`${where}.method: must be POST, PUT, PATCH or DELETE`);
  if (!/^\/(Users|Groups)(\/[^/]+)?$/i.test(path) || (method === 'POST') !== !/^\/(Users|Groups)\/./i.test(path)) {
    return invalidSyntax(`${where}.path: must be /Users or /Groups for POST, /<type>/<id> otherwise`);
  }
  if (method === 'POST' && !bulkId) return invalidSyntax(`${where}.bulkId: is required for POST`);
  if (method === 'POST' && defined.has(bulkId!)) return invalidValue(`${where}.bulkId: "${bulkId!.slice(0, 100)}" is used by an earlier operation`);
  if (method === 'POST') defined.add(bulkId!);
  return { index, method, bulkId, path, data: op.data, version: typeof op.version === 'string' ? op.version : undefined, refs: referencedBulkIds(path, op.data) };
}

function result(op: Pick<Op, 'method' | 'bulkId'>, res: ScimResponse) {
  return {
    method: op.method,
    ...(op.bulkId ? { bulkId: op.bulkId } : {}),
    ...(res.location ? { location: res.location } : {}),
    ...(res.etag ? { version: res.etag } : {}),
    status: String(res.status),
    ...(res.status >= 400 ? { response: res.body } : {}),
  };
}

export async function runBulk(call: ScimCall, route: Route): Promise<ScimResponse> {
  const { req } = call;
  if ((req.bodyBytes ?? 0) > BULK_MAX_PAYLOAD) throw tooLarge(`the bulk request is larger than maxPayloadSize (${BULK_MAX_PAYLOAD} bytes)`);
  const body = req.body as Record<string, unknown> | null;
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw invalidSyntax('the body must be a BulkRequest JSON object');
  if (!(Array.isArray(body.schemas) && body.schemas.includes(BULK_REQUEST))) throw invalidSyntax(`schemas: must contain "${BULK_REQUEST}"`);
  const raw = body.Operations;
  if (!Array.isArray(raw)) throw invalidSyntax('Operations: must be a list');
  if (raw.length > BULK_MAX_OPERATIONS) throw tooLarge(`Operations: at most ${BULK_MAX_OPERATIONS} (maxOperations)`);
  const failOnErrors = intParam(body.failOnErrors, 'failOnErrors');
  if (failOnErrors !== undefined && failOnErrors < 1) throw invalidValue('failOnErrors: must be at least 1');

  // Checked for every operation before the first runs: a path that cannot be decoded once failed the
  // whole request with a 500 after the earlier operations were written (src/http/input-hygiene.ts).
  for (const [i, op] of raw.entries()) {
    const path = (op as { path?: unknown } | null)?.path;
    const fault = typeof path === 'string' ? urlFault(path) : null;
    if (fault) throw invalidSyntax(`Operations[${i}].path: ${fault.reason}`);
  }

  const results: unknown[] = new Array(raw.length);
  const ids = new Map<string, string>(); // bulkId → id created
  const failed = new Map<string, number>(); // bulkId → index of its failed operation
  const defined = new Set<string>();
  let errors = 0;
  let pending: Op[] = [];
  const record = (op: Pick<Op, 'index' | 'method' | 'bulkId'>, res: ScimResponse) => {
    results[op.index] = result(op, res);
    if (res.status >= 400) {
      errors++;
      if (op.method === 'POST' && op.bulkId) failed.set(op.bulkId, op.index);
    } else if (op.method === 'POST' && op.bulkId) ids.set(op.bulkId, (res.body as { id: string }).id);
  };
  raw.forEach((r, i) => {
    const op = readOp(r, i, defined);
    if (op instanceof ScimError) record({ index: i, method: String((r as { method?: unknown })?.method ?? ''), bulkId: undefined }, errorResponse(op));
    else pending.push(op);
  });
  const stop = () => failOnErrors !== undefined && errors >= failOnErrors;
  const run = (op: Op, c: ScimCall = call) => route({ ...c, req: { method: op.method, path: substitutePath(op.path, ids), query: {}, body: substitute(op.data, ids), ifMatch: op.version } }).catch(errorResponse);

  while (pending.length && !stop()) {
    let progressed = false;
    const waiting: Op[] = [];
    for (const op of pending) {
      if (stop()) break;
      const unknown = [...op.refs].find((b) => !defined.has(b));
      const lost = [...op.refs].find((b) => failed.has(b));
      if (unknown !== undefined) record(op, errorResponse(invalidValue(`Operations[${op.index}]: bulkId "${unknown.slice(0, 100)}" is not the bulkId of a POST in this request`)));
      else if (lost !== undefined) record(op, errorResponse(new ScimError(409, null, `Operations[${op.index}]: it refers to bulkId "${lost.slice(0, 100)}", whose operation (Operations[${failed.get(lost)}]) failed`)));
      else if ([...op.refs].every((b) => ids.has(b))) record(op, await run(op));
      else {
        waiting.push(op);
        continue;
      }
      progressed = true;
    }
    pending = waiting;
    if (!progressed && pending.length && !stop()) {
      await resolveCircle(call, pending, ids, run, record);
      pending = [];
    }
  }
  // Operations never reached because failOnErrors stopped the request are left out (§3.7.3).
  return { status: 200, body: { schemas: [BULK_RESPONSE], Operations: results.filter((r) => r !== undefined) } };
}

/**
 * Operations that all wait on each other: the POSTs are made without the references not yet
 * resolvable, the other operations run, then PATCHes add the references back, all in one
 * transaction. Any failure undoes all of it, and each operation answers 409 with the reason.
 */
async function resolveCircle(call: ScimCall, ops: Op[], ids: Map<string, string>, run: (op: Op, c?: ScimCall) => Promise<ScimResponse>, record: (op: Op, res: ScimResponse) => void): Promise<void> {
  const created = new Map<string, string>(ids);
  const answers = new Map<number, ScimResponse>();
  const fail = (op: Op, res: ScimResponse) => {
    throw new CircleFailed(`Operations[${op.index}]: ${(res.body as { detail?: string } | undefined)?.detail ?? `status ${res.status}`}`);
  };
  try {
    await call.deps.db.transaction(async (tx) => {
      const inTx: ScimCall = { ...call, deps: { ...call.deps, db: tx } };
      const later: { op: Op; path: string; patch: ReturnType<typeof setAside>['later'] }[] = [];
      for (const op of ops.filter((o) => o.method === 'POST')) {
        const unresolved = new Set([...op.refs].filter((b) => !created.has(b)));
        const aside = op.data && typeof op.data === 'object' && !Array.isArray(op.data) ? setAside(substitute(op.data, created) as Record<string, unknown>, unresolved) : { body: op.data, later: [] };
        const res = await run({ ...op, data: aside.body, refs: new Set() }, inTx);
        if (res.status >= 400) fail(op, res);
        const id = (res.body as { id: string }).id;
        created.set(op.bulkId!, id);
        ids.set(op.bulkId!, id); // run() substitutes from `ids`
        answers.set(op.index, res);
        if (aside.later.length) later.push({ op, path: `${op.path}/${id}`, patch: aside.later });
      }
      for (const op of ops.filter((o) => o.method !== 'POST')) {
        const res = await run(op, inTx);
        if (res.status >= 400) fail(op, res);
        answers.set(op.index, res);
      }
      for (const { op, path, patch } of later) {
        const res = await run({ ...op, method: 'PATCH', path, data: { schemas: [PATCH_SCHEMA], Operations: patch }, version: undefined }, inTx);
        if (res.status >= 400) fail(op, res);
        answers.set(op.index, { ...answers.get(op.index)!, etag: res.etag ?? answers.get(op.index)!.etag });
      }
    });
  } catch (err) {
    if (!(err instanceof CircleFailed)) throw err;
    for (const op of ops) if (op.bulkId) ids.delete(op.bulkId);
    const detail = `circular bulkId references among Operations[${ops.map((o) => o.index).join('], [')}] could not be resolved, so none of them was applied: ${err.message}`;
    for (const op of ops) record(op, errorResponse(new ScimError(409, null, detail)));
    return;
  }
  for (const op of ops) record(op, answers.get(op.index)!);
}
