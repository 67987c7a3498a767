// The plain request and response the SCIM core works on, so HTTP stays a thin adapter and the
// core (and Bulk, which re-enters it) is testable without sockets (style.md: ory/polis).
import type { Knex } from 'knex';
import type { RequestContext } from '../http/actor.ts';
import { invalidValue, preconditionFailed } from './errors.ts';
import { etag } from './resources.ts';

export interface ScimRequest {
  method: string;
  /** The path below /scim/v2, e.g. `/Users/…`. */
  path: string;
  query: Record<string, string | undefined>;
  body: unknown;
  ifMatch?: string;
  ifNoneMatch?: string;
  /** Size of the raw body in bytes (Bulk enforces its advertised maxPayloadSize). */
  bodyBytes?: number;
}

export interface ScimResponse {
  status: number;
  body?: unknown;
  location?: string;
  etag?: string;
}

export interface ScimDeps {
  db: Knex;
  /** `<PUBLIC_URL>/scim/v2`: one URL for every tenant (the token decides the tenant). */
  baseUrl: string;
}

export interface ScimCall {
  deps: ScimDeps;
  ctx: RequestContext;
  req: ScimRequest;
}

export const LIST_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const SEARCH_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** RFC 7644 §3.14: If-Match with a version other than the current one is a 412. */
export function checkIfMatch(header: string | undefined, version: number): void {
  if (!header) return;
  const tags = header.split(',').map((t) => t.trim());
  if (tags.includes('*') || tags.some((t) => t.replace(/^W\//, '') === `"${version}"`)) return;
  throw preconditionFailed(`If-Match: the resource is at version ${etag(version)}`);
}

export function notModified(header: string | undefined, version: number): boolean {
  if (!header) return false;
  return header.split(',').map((t) => t.trim()).some((t) => t === '*' || t.replace(/^W\//, '') === `"${version}"`);
}

/** Whether a PATCH response should carry the resource: only when the client asked for attributes (RFC 7644 §3.5.2). */
export function wantsBody(req: ScimRequest): boolean {
  return Boolean(req.query.attributes || req.query.excludedAttributes);
}

export function intParam(v: unknown, name: string): number | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isInteger(n)) throw invalidValue(`${name}: must be an integer`);
  return n;
}
