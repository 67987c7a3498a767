// The OIDC security suite (OIDC Core §3.1.3.7, RFC 9207, RFC 9700; the cases follow the RP tests of
// the OpenID conformance suite): a hostile provider returns crafted ID tokens; each
// must be refused with a 4xx and a sign_in.refused record, and sign nobody in.
import assert from 'node:assert/strict';
import { createSecretKey } from 'node:crypto';
import { after, before, test } from 'node:test';
import { exportSPKI, generateKeyPair, exportJWK, SignJWT, type CryptoKey } from 'jose';
import { addPerson, createOrg, startTestServer, type TestServer } from '../helpers/server.ts';
import { RogueOp, type MintContext } from '../peers/rogue-op.ts';
import { auditOf, getJson, startLogin } from './sso-helpers.ts';

let server: TestServer;
let op: RogueOp;
let org: Awaited<ReturnType<typeof createOrg>>;
let connId: string;
const SECRET = 'rogue-client-secret-0123456789abcdefghij';

before(async () => {
  server = await startTestServer({ oidcAllowHttpIssuers: true, logLevel: process.env.TEST_LOG ?? 'silent' });
  op = await new RogueOp('gatehouse', SECRET).start();
  org = await createOrg(server);
  await addPerson(server, org, 'owner', 'eve@example.test');
  const res = await server.as(org.ownerKey).post(`/v1/orgs/${org.slug}/sso-connections`).send({
    name: 'Rogue', protocol: 'oidc', oidc: { issuer: op.issuer, clientId: 'gatehouse', clientSecret: SECRET, scopes: ['openid', 'email'] },
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  connId = res.body.id;
});
after(async () => {
  await op.close();
  await server.close();
});

async function signIn(mint: (ctx: MintContext) => Promise<string>) {
  op.mint = mint;
  const start = await startLogin(server, org.slug, { connection: connId });
  const idp = await fetch(start.location!, { redirect: 'manual' });
  return getJson(server, idp.headers.get('location')!);
}

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const payloadOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
const sessions = async () => Number((await server.deps.db('sessions').where({ org_id: org.id }).count<{ count: number }[]>('* as count'))[0]!.count);

test('the hostile-provider harness works: a correct token signs in', async () => {
  const res = await signIn((c) => c.good());
  assert.equal(res.status, 200, JSON.stringify(res.body));
});

const attacker = async () => (await generateKeyPair('RS256', { extractable: true })) as { privateKey: CryptoKey; publicKey: CryptoKey };

const CASES: [string, (c: MintContext) => Promise<string>][] = [
  ['alg none', async (c) => `${b64({ alg: 'none', typ: 'JWT' })}.${(await c.good()).split('.')[1]}.`],
  ['HS256 keyed with the client secret', async (c) => new SignJWT(payloadOf(await c.good())).setProtectedHeader({ alg: 'HS256', kid: c.kid }).sign(createSecretKey(Buffer.from(SECRET)))],
  ['HS256 keyed with the provider public key PEM', async (c) => {
    const pub = await exportSPKI((await generateKeyPair('RS256', { extractable: true })).publicKey);
    return new SignJWT(payloadOf(await c.good())).setProtectedHeader({ alg: 'HS256', kid: c.kid }).sign(createSecretKey(Buffer.from(pub)));
  }],
  ['signed by an attacker key under the real kid', async (c) => new SignJWT(payloadOf(await c.good())).setProtectedHeader({ alg: 'RS256', kid: c.kid }).sign((await attacker()).privateKey)],
  ['attacker key embedded as a jwk header (CVE-2018-0114 style)', async (c) => {
    const k = await attacker();
    return new SignJWT(payloadOf(await c.good())).setProtectedHeader({ alg: 'RS256', jwk: await exportJWK(k.publicKey) }).sign(k.privateKey);
  }],
  ['unknown kid', async (c) => new SignJWT(payloadOf(await c.good())).setProtectedHeader({ alg: 'RS256', kid: 'nope' }).sign((await attacker()).privateKey)],
  ['payload edited after signing', async (c) => {
    const [h, , s] = (await c.good()).split('.');
    return `${h}.${b64({ ...payloadOf(await c.good()), sub: 'someone-else' })}.${s}`;
  }],
  ['wrong issuer', (c) => c.good({ iss: 'https://other-issuer.example' })],
  ['wrong audience', (c) => c.good({ aud: 'another-client' })],
  ['audience list with a foreign azp', (c) => c.good({ aud: ['gatehouse', 'other'], azp: 'other' })],
  ['single audience with a foreign azp', (c) => c.good({ azp: 'other' })],
  ['expired an hour ago', (c) => c.good({ exp: Math.floor(Date.now() / 1000) - 3600, iat: Math.floor(Date.now() / 1000) - 7200 })],
  ['not valid before an hour from now', (c) => c.good({ nbf: Math.floor(Date.now() / 1000) + 3600 })],
  ['nonce of another sign-in', (c) => c.good({ nonce: 'not-the-nonce' })],
  ['no nonce', async (c) => {
    const p = payloadOf(await c.good());
    delete p.nonce;
    return new SignJWT(p).setProtectedHeader({ alg: 'RS256', kid: c.kid }).sign(c.key);
  }],
];

for (const [name, mint] of CASES) {
  test(`refused: ${name}`, async () => {
    const before = await sessions();
    const auditBefore = (await auditOf(server, org, 'sign_in.refused')).length;
    const res = await signIn(mint);
    assert.ok(res.status >= 400 && res.status < 500, `${res.status} ${JSON.stringify(res.body)}`);
    assert.equal(res.body.reason, 'token_rejected', res.body.detail);
    assert.equal(await sessions(), before, 'nobody signed in');
    assert.equal((await auditOf(server, org, 'sign_in.refused')).length, auditBefore + 1);
  });
}

test('refused: the authorization response of a sign-in that was never started (forged state)', async () => {
  const res = await getJson(server, `http://x/sso/${org.slug}/oidc/${connId}/callback?code=abc&state=forged`);
  assert.equal(res.status, 400);
  assert.equal(res.body.reason, 'state_unknown');
});

test('refused: an error answer from the provider', async () => {
  const start = await startLogin(server, org.slug, { connection: connId });
  const state = new URL(start.location!).searchParams.get('state')!;
  const res = await getJson(server, `http://x/sso/${org.slug}/oidc/${connId}/callback?error=access_denied&state=${state}`);
  assert.equal(res.status, 400);
  assert.equal(res.body.reason, 'idp_error');
});
