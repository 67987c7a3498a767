// SCIM test helpers: an organization with a SCIM token, a SCIM client, and the verbatim IdP bodies.
import { readFileSync } from 'node:fs';
import supertest from 'supertest';
import { createOrg, type TestServer } from '../helpers/server.ts';

export const SCIM_FIXTURES = new URL('../fixtures/scim/', import.meta.url);
export const EXAMPLES = new URL('examples/', SCIM_FIXTURES);

/** A verbatim request body from test/fixtures/scim/examples/ (sources in its README), with placeholders replaced. */
export function example(name: string, replace: Record<string, string> = {}): Record<string, unknown> {
  let text = readFileSync(new URL(name, EXAMPLES), 'utf8');
  for (const [from, to] of Object.entries(replace)) text = text.split(from).join(to);
  return JSON.parse(text) as Record<string, unknown>;
}

export type ScimClient = ReturnType<typeof scimClient>;

export function scimClient(server: TestServer, token: string) {
  const agent = supertest(`${server.url}/scim/v2`);
  const h = <T extends { set(k: string, v: string): T }>(r: T) => r.set('Authorization', `Bearer ${token}`).set('Content-Type', 'application/scim+json');
  return {
    token,
    get: (path: string) => h(agent.get(path)),
    post: (path: string, body: unknown) => h(agent.post(path)).send(JSON.stringify(body)),
    put: (path: string, body: unknown) => h(agent.put(path)).send(JSON.stringify(body)),
    patch: (path: string, body: unknown) => h(agent.patch(path)).send(JSON.stringify(body)),
    delete: (path: string) => h(agent.delete(path)),
    /** A request with the headers set and no body yet. */
    raw: (method: 'post' | 'put' | 'patch', path: string) => h(agent[method](path)),
  };
}

/** A new organization with a live SCIM token. */
export async function scimOrg(server: TestServer) {
  const org = await createOrg(server);
  const res = await server.as(org.ownerKey).post(`/v1/orgs/${org.slug}/scim-tokens`).send({ name: 'idp' });
  if (res.status !== 201) throw new Error(`scim token: ${res.status} ${JSON.stringify(res.body)}`);
  return { ...org, scimToken: res.body.secret as string, scim: scimClient(server, res.body.secret as string) };
}

export const patchOp = (...Operations: unknown[]) => ({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations });

let n = 0;
export function userBody(userName = `user${++n}-${Math.random().toString(36).slice(2, 8)}@example.com`, extra: Record<string, unknown> = {}) {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName,
    name: { givenName: 'Given', familyName: 'Family' },
    emails: [{ primary: true, value: userName, type: 'work' }],
    displayName: `Display ${userName}`,
    active: true,
    ...extra,
  };
}

export async function createUser(scim: ScimClient, userName?: string, extra?: Record<string, unknown>): Promise<string> {
  const res = await scim.post('/Users', userBody(userName, extra));
  if (res.status !== 201) throw new Error(`createUser: ${res.status} ${res.text}`);
  return res.body.id as string;
}

export async function createGroup(scim: ScimClient, displayName = `group-${Math.random().toString(36).slice(2, 8)}`, members: string[] = []): Promise<string> {
  const res = await scim.post('/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName, members: members.map((value) => ({ value })) });
  if (res.status !== 201) throw new Error(`createGroup: ${res.status} ${res.text}`);
  return res.body.id as string;
}
