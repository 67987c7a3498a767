// The typed client of the admin API: paths, parameters, bodies and responses come from
// schema.d.ts, generated from the service's OpenAPI document (`npm run client:generate`).
//
//   const api = createClient({ baseUrl: 'http://localhost:8080', token: ownerKey });
//   const { data, error } = await api.GET('/v1/orgs/{org}/members', { params: { path: { org: 'default' } } });
import createFetchClient, { type Client } from 'openapi-fetch';
import type { components, operations, paths } from './schema.d.ts';

export type { components, operations, paths };
export type GatehouseClient = Client<paths>;
/** The RFC 9457 body of every error on /v1: `errors` names each field at fault. */
export type Problem = components['responses']['Problem']['content']['application/problem+json'];

export interface ClientOptions {
  /** Where Gatehouse answers, without /v1: http://localhost:8080 */
  baseUrl: string;
  /** An API key or a session token, sent as `Authorization: Bearer …`. */
  token?: string;
  /** Another fetch (tests, or a browser's with credentials). */
  fetch?: typeof fetch;
}

export function createClient({ baseUrl, token, fetch }: ClientOptions): GatehouseClient {
  return createFetchClient<paths>({
    baseUrl: baseUrl.replace(/\/$/, ''),
    headers: token ? { Authorization: `Bearer ${token}` } : {},
    ...(fetch ? { fetch } : {}),
  });
}
