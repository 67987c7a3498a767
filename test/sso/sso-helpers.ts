// Drives sign-ins against a running Gatehouse the way a browser would, answering with JSON.
import supertest from 'supertest';
import type { TestServer } from '../helpers/server.ts';

export async function startLogin(server: TestServer, orgSlug: string, query: Record<string, string>): Promise<{ status: number; location: string | undefined; body: any }> {
  const res = await supertest(server.url).get(`/sso/${orgSlug}/login`).query(query).set('Accept', 'application/json').redirects(0);
  return { status: res.status, location: res.headers.location, body: res.body };
}

/** GETs a callback URL on our server (path + query) asking for JSON. */
export async function getJson(server: TestServer, url: string) {
  const u = new URL(url);
  return supertest(server.url).get(u.pathname + u.search).set('Accept', 'application/json').redirects(0);
}

export async function auditOf(server: TestServer, org: { slug: string; ownerKey: string }, action: string) {
  const res = await server.as(org.ownerKey).get(`/v1/orgs/${org.slug}/audit-events?action=${action}&limit=1000`);
  return res.body.items as { action: string; actor: any; details: any; target: any; after: any }[];
}
