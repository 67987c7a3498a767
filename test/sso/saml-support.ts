// Shared setup for the SAML suites: a Gatehouse instance, an organization, an IdP key pair and an
// attacker's, a connection imported from IdP metadata, and helpers that start a sign-in and post
// a response to the ACS the way a browser's auto-submitted form does.
import assert from 'node:assert/strict';
import { inflateRawSync } from 'node:zlib';
import supertest from 'supertest';
import { createOrg, startTestServer, type TestServer } from '../helpers/server.ts';
import { b64, idpMetadata, makeKeyPair, responseXml, sign, type KeyPair, type ResponseSpec } from '../peers/saml-idp.ts';
import { startLogin } from './sso-helpers.ts';

export const IDP_ENTITY = 'urn:test:idp';

export interface SamlEnv {
  server: TestServer;
  org: Awaited<ReturnType<typeof createOrg>>;
  idp: KeyPair;
  attacker: KeyPair;
  conn: { id: string; saml: { acsUrl: string; spEntityId: string; metadataUrl: string } };
}

export async function samlEnv(connection: Record<string, unknown> = {}): Promise<SamlEnv> {
  const server = await startTestServer({ returnToOrigins: ['https://app.example.test'], oidcAllowHttpIssuers: true, logLevel: process.env.TEST_LOG ?? 'silent' });
  const org = await createOrg(server);
  const idp = makeKeyPair('idp');
  const attacker = makeKeyPair('idp');
  const conn = await createSamlConnection(server, org, idp, connection);
  return { server, org, idp, attacker, conn };
}

export async function createSamlConnection(server: TestServer, org: { slug: string; ownerKey: string }, idp: KeyPair, extra: Record<string, unknown> = {}) {
  const { saml, ...rest } = extra as { saml?: Record<string, unknown> };
  const res = await server.as(org.ownerKey).post(`/v1/orgs/${org.slug}/sso-connections`).send({
    name: `SAML ${Math.random().toString(36).slice(2, 6)}`, protocol: 'saml', ...rest,
    saml: { metadataXml: idpMetadata(IDP_ENTITY, 'https://idp.example.test/sso', [idp.cert]), ...saml },
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body;
}

/** Starts an SP-initiated sign-in and returns the AuthnRequest id the IdP must answer. */
export async function newRequestId(env: Pick<SamlEnv, 'server' | 'org'>, connId: string, returnTo?: string): Promise<string> {
  const start = await startLogin(env.server, env.org.slug, { connection: connId, ...(returnTo ? { return_to: returnTo } : {}) });
  assert.equal(start.status, 302, JSON.stringify(start.body));
  const request = inflateRawSync(Buffer.from(new URL(start.location!).searchParams.get('SAMLRequest')!, 'base64')).toString();
  return /ID="([^"]+)"/.exec(request)![1]!;
}

export function spec(env: SamlEnv, over: Partial<ResponseSpec> & { nameId: string }, conn = env.conn): ResponseSpec {
  return { issuer: IDP_ENTITY, audience: conn.saml.spEntityId, acsUrl: conn.saml.acsUrl, ...over };
}

/** A well-formed response signed twice (Response and Assertion) by the IdP. */
export function signedResponse(env: SamlEnv, s: ResponseSpec, what = { assertion: true, response: true }): string {
  return sign(responseXml(s), what, { key: env.idp.key });
}

export async function postAcs(env: Pick<SamlEnv, 'server'>, acsUrl: string, form: Record<string, string>) {
  const u = new URL(acsUrl);
  return supertest(env.server.url).post(u.pathname).type('form').set('Accept', 'application/json').send(form).redirects(0);
}

export const postXml = (env: SamlEnv, xml: string, conn = env.conn, relayState?: string) =>
  postAcs(env, conn.saml.acsUrl, { SAMLResponse: b64(xml), ...(relayState ? { RelayState: relayState } : {}) });

export async function sessionCount(env: SamlEnv): Promise<number> {
  const [row] = await env.server.deps.db('sessions').where({ org_id: env.org.id }).count<{ count: number }[]>('* as count');
  return Number(row!.count);
}
