// Sign-in cost, end to end, beside the bare cost of verifying the same messages, in the same run:
//   SAML: POST to the ACS (all our checks, replay cache, login decision, session, token) vs
//         xml-crypto verifying the same response's two signatures, and vs node-saml's own validation;
//   OIDC: the callback (state, code exchange with a real oidc-provider on loopback, ID-token checks,
//         session, token).
// Usage: node --import tsx bench/sso/run.ts [samlResponses] [clients] [oidcCallbacks]
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { inflateRawSync } from 'node:zlib';
import { SAML, ValidateInResponseTo } from '@node-saml/node-saml';
import { DOMParser } from '@xmldom/xmldom';
import supertest from 'supertest';
import { SignedXml } from 'xml-crypto';
import { addPerson, createOrg, startTestServer } from '../../test/helpers/server.ts';
import { followToCallback, TestOp } from '../../test/peers/oidc-op.ts';
import { b64, idpMetadata, makeKeyPair, responseXml, sign } from '../../test/peers/saml-idp.ts';
import { closeHttpClient, httpCall } from '../lib/http.ts';
import { fmt, percentile, runConcurrent } from '../lib/measure.ts';

const samlTotal = Number(process.argv[2] ?? 2000);
const clients = Number(process.argv[3] ?? 4);
const oidcTotal = Number(process.argv[4] ?? 500);

// Figures are only comparable on a quiet machine: the load is printed beside them.
const load = () => `load ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} CPUs`;
console.log(`start: ${load()}`);
// The outbox relay polls as a deployment's does (config/default.json), not every 50 ms as in tests.
const { mailRelayIntervalMs } = JSON.parse(readFileSync(new URL('../../config/default.json', import.meta.url), 'utf8')) as { mailRelayIntervalMs: number };
const server = await startTestServer({ oidcAllowHttpIssuers: true, databasePoolMax: 10, mailRelayIntervalMs });
const org = await createOrg(server);
const idp = makeKeyPair('bench-idp');
const people = 50;
for (let i = 0; i < people; i++) await addPerson(server, org, 'member', `p${i}@example.test`);

// ---- SAML ------------------------------------------------------------------------------------------
const conn = (await server.as(org.ownerKey).post(`/v1/orgs/${org.slug}/sso-connections`).send({
  name: 'bench', protocol: 'saml', saml: { metadataXml: idpMetadata('urn:bench:idp', 'https://idp.example/sso', [idp.cert]), wantResponseSigned: true },
})).body as { id: string; saml: { acsUrl: string; spEntityId: string } };
const acsPath = new URL(conn.saml.acsUrl).pathname;
const agent = supertest(server.url);

async function requestId(): Promise<string> {
  const res = await agent.get(`/sso/${org.slug}/login`).query({ connection: conn.id }).redirects(0);
  const req = inflateRawSync(Buffer.from(new URL(res.headers.location!).searchParams.get('SAMLRequest')!, 'base64')).toString();
  return /ID="([^"]+)"/.exec(req)![1]!;
}

async function prepare(n: number, person = (i: number) => `p${i % people}@example.test`): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const xml = responseXml({ issuer: 'urn:bench:idp', audience: conn.saml.spEntityId, acsUrl: conn.saml.acsUrl, inResponseTo: await requestId(), nameId: person(i), attributes: { groups: ['eng', 'ops', 'bench'] }, notOnOrAfter: 900 });
    out.push(b64(sign(xml, { assertion: true, response: true }, { key: idp.key })));
  }
  return out;
}
process.stdout.write(`preparing ${samlTotal} signed SAML responses (+ warm-up)… `);
const warm = await prepare(100);
const serial = await prepare(Math.min(500, samlTotal));
const measured = await prepare(samlTotal);
// First sign-ins of provisioned people (the identity is linked in a transaction), beside the usual
// sign-ins above of people who signed in before (one statement writes the session).
const firstTimers = 100;
for (let i = 0; i < firstTimers; i++) await addPerson(server, org, 'member', `f${i}@example.test`);
const firsts = await prepare(firstTimers, (i) => `f${i}@example.test`);
console.log('done');

// The measured requests go through a lean keep-alive client (bench/lib/http.ts), as a browser posts the form.
const acsUrl = new URL(acsPath, server.url).href;
const post = async (r: string) => {
  const res = await httpCall(acsUrl, 'POST', { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' }, new URLSearchParams({ SAMLResponse: r }).toString());
  if (res.status !== 200) throw new Error(`ACS answered ${res.status}: ${res.body}`);
};
for (const r of warm) await post(r); // warm-up (JIT, pools, caches)

// Bare verification: the two signatures of each response with xml-crypto, nothing else.
function verifyBare(r: string): void {
  const xml = Buffer.from(r, 'base64').toString('utf8');
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const sigs = doc.getElementsByTagNameNS('http://www.w3.org/2000/09/xmldsig#', 'Signature');
  for (let i = 0; i < sigs.length; i++) {
    const v = new SignedXml({ publicCert: idp.cert });
    v.loadSignature(sigs[i]!);
    if (!v.checkSignature(xml)) throw new Error('bad signature');
  }
}
const nodeSaml = new SAML({
  callbackUrl: conn.saml.acsUrl, issuer: conn.saml.spEntityId, audience: conn.saml.spEntityId, idpCert: idp.cert,
  wantAssertionsSigned: true, wantAuthnResponseSigned: true, acceptedClockSkewMs: 60_000, validateInResponseTo: ValidateInResponseTo.never,
});

// Interleaved, one response at a time: each response is verified bare, validated by node-saml, then
// posted to the ACS, so the three figures share the machine's conditions (it may be busy).
const timed: Record<'bare' | 'lib' | 'e2e', number[]> = { bare: [], lib: [], e2e: [] };
const serialStarted = performance.now();
for (const r of serial) {
  let t = performance.now();
  verifyBare(r);
  timed.bare.push(performance.now() - t);
  t = performance.now();
  await nodeSaml.validatePostResponseAsync({ SAMLResponse: r });
  timed.lib.push(performance.now() - t);
  t = performance.now();
  await post(r);
  timed.e2e.push(performance.now() - t);
}
const serialSeconds = (performance.now() - serialStarted) / 1000;
const figures = (ms: number[]) => {
  const sorted = [...ms].sort((a, b) => a - b);
  const total = ms.reduce((a, b) => a + b, 0) / 1000;
  return { count: ms.length, seconds: total, perSecond: ms.length / total, p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99) };
};
const bare = figures(timed.bare);
const lib = figures(timed.lib);
const e2eSerial = figures(timed.e2e);
void serialSeconds;
const firstTimes: number[] = [];
for (const r of firsts) {
  const t = performance.now();
  await post(r);
  firstTimes.push(performance.now() - t);
}
const first = figures(firstTimes);
const e2e = await runConcurrent(measured.length, clients, (i) => post(measured[i]!));

console.log(`\nSAML (${serial.length} responses serially, ${measured.length} concurrently; both Response and Assertion signed, RSA-SHA256)`);
console.log(`  bare xml-crypto signature checks, 1 client      ${fmt(bare)}`);
console.log(`  node-saml validatePostResponse, 1 client        ${fmt(lib)}`);
console.log(`  ACS end to end → session token, 1 client        ${fmt(e2eSerial)}`);
console.log(`  ACS first sign-in (identity linked), 1 client   ${fmt(first)}`);
console.log(`  ACS end to end → session token, ${clients} clients       ${fmt(e2e)}`);
console.log(`  ratio end-to-end / bare verification: p50 ${(e2eSerial.p50Ms / bare.p50Ms).toFixed(2)}×, p99 ${(e2eSerial.p99Ms / bare.p99Ms).toFixed(2)}×   (target ≤ 3×, p99 ≤ 30 ms)`);

// ---- OIDC ------------------------------------------------------------------------------------------
const op = await new TestOp().start();
const oconn = (await server.as(org.ownerKey).post(`/v1/orgs/${org.slug}/sso-connections`).send({
  name: 'bench-op', protocol: 'oidc', oidc: { issuer: op.issuer, clientId: op.clients[0]!.client_id, clientSecret: op.clients[0]!.client_secret },
})).body as { id: string; oidc: { redirectUri: string } };
op.clients[0]!.redirect_uris = [oconn.oidc.redirectUri];
await op.restart();
for (let i = 0; i < people; i++) op.users.set(`p${i}@example.test`, { email: `p${i}@example.test`, email_verified: true, groups: ['eng'] });

async function callbackUrl(i: number): Promise<string> {
  const res = await agent.get(`/sso/${org.slug}/login`).query({ connection: oconn.id, email: `p${i % people}@example.test` }).redirects(0);
  return followToCallback(res.headers.location!, op.issuer);
}
const callback = async (u: string) => {
  const res = await httpCall(new URL(new URL(u).pathname + new URL(u).search, server.url).href, 'GET', { Accept: 'application/json' });
  if (res.status !== 200) throw new Error(`callback answered ${res.status}: ${res.body}`);
};
for (let i = 0; i < 30; i++) await callback(await callbackUrl(i)); // warm-up
// Callback URLs are prepared in small batches (distinct people per batch), then spent one at a time.
const times: number[] = [];
const oidcStarted = performance.now();
let spent = 0;
for (let done = 0; done < oidcTotal; done += 40) {
  const urls: string[] = [];
  for (let i = 0; i < Math.min(40, oidcTotal - done); i++) urls.push(await callbackUrl(done + i));
  const t0 = performance.now();
  for (const u of urls) {
    const t = performance.now();
    await callback(u);
    times.push(performance.now() - t);
  }
  spent += performance.now() - t0;
}
void oidcStarted;
times.sort((a, b) => a - b);
console.log(`\nOIDC callback (${times.length} callbacks; code exchange with oidc-provider on loopback, ID token RS256), 1 client`);
console.log(`  callback end to end → session token         ${(times.length / (spent / 1000)).toFixed(0).padStart(7)} req/s   p50 ${percentile(times, 50).toFixed(2)} ms   p99 ${percentile(times, 99).toFixed(2)} ms   (target p99 ≤ 30 ms)`);

console.log(`\nend: ${load()}`);
await op.close();
await server.close();
closeHttpClient();
