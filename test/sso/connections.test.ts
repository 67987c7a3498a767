// /v1/orgs/{org}/sso-connections: validation that names the field, secrets sealed and never shown,
// metadata import, certificate rollover, domains unique per organization, permissions, audit.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { addPerson, createOrg, startTestServer, type TestServer } from '../helpers/server.ts';
import { idpMetadata, makeKeyPair, type KeyPair } from '../peers/saml-idp.ts';
import { TestOp } from '../peers/oidc-op.ts';
import { auditOf } from './sso-helpers.ts';

let server: TestServer;
let op: TestOp;
let idp: KeyPair;
let next: KeyPair;
before(async () => {
  server = await startTestServer({ oidcAllowHttpIssuers: true });
  op = await new TestOp().start();
  idp = makeKeyPair('idp');
  next = makeKeyPair('idp-next');
});
after(async () => {
  await op.close();
  await server.close();
});

const path = (org: { slug: string }) => `/v1/orgs/${org.slug}/sso-connections`;

test('SAML from metadata: entity id, SSO URL and both rollover certificates are read; SP URLs are shown', async () => {
  const org = await createOrg(server);
  const res = await server.as(org.ownerKey).post(path(org)).send({
    name: 'Okta', protocol: 'saml', emailDomains: ['Example.COM'],
    saml: { metadataXml: idpMetadata('http://www.okta.com/exk1', 'https://acme.okta.com/app/sso/saml', [idp.cert, next.cert]), attributes: { groups: 'memberOf' } },
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  assert.equal(res.body.saml.idpEntityId, 'http://www.okta.com/exk1');
  assert.equal(res.body.saml.certificates.length, 2);
  assert.match(res.body.saml.certificates[0].sha256, /^[0-9A-F:]{95}$/);
  assert.deepEqual(res.body.emailDomains, ['example.com']);
  assert.equal(res.body.saml.attributes.groups, 'memberOf');
  assert.equal(res.body.saml.wantResponseSigned, true);
  assert.ok(res.body.saml.acsUrl.endsWith(`/saml/${res.body.id}/acs`));
  const events = await auditOf(server, org, 'sso_connection.created');
  assert.equal(events.length, 1);
});

test('bad input is a 400 naming the field, and nothing is written', async () => {
  const org = await createOrg(server);
  const cases: [Record<string, unknown>, string][] = [
    [{ name: 'x', protocol: 'saml' }, 'saml'],
    [{ name: 'x', protocol: 'saml', saml: { metadataXml: '<x/>' } }, 'saml.metadataXml'],
    [{ name: 'x', protocol: 'saml', saml: { metadataXml: '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>' } }, 'saml.metadataXml'],
    [{ name: 'x', protocol: 'saml', saml: { idpEntityId: 'urn:x', ssoUrl: 'https://idp/sso', certificates: ['not a cert'] } }, 'saml.certificates.0'],
    [{ name: 'x', protocol: 'saml', saml: { idpEntityId: 'urn:x', ssoUrl: 'https://idp/sso', certificates: [idp.cert, next.cert, idp.cert] } }, 'saml.certificates'],
    [{ name: 'x', protocol: 'saml', saml: { idpEntityId: 'urn:x', ssoUrl: 'ftp://idp/sso', certificates: [idp.cert] } }, 'saml.ssoUrl'],
    [{ name: 'x', protocol: 'oidc', oidc: { issuer: 'http://127.0.0.1:1', clientId: 'c', clientSecret: 's' } }, 'oidc.issuer'],
    [{ name: 'x', protocol: 'oidc', oidc: { issuer: op.issuer, clientId: 'c' } }, 'oidc.clientSecret'],
    [{ name: 'x', protocol: 'oidc', oidc: { issuer: op.issuer, clientId: 'c', clientSecret: 's', scopes: ['email'] } }, 'oidc.scopes'],
    [{ name: 'x', protocol: 'oidc', allowIdpInitiated: true, oidc: { issuer: op.issuer, clientId: 'c', clientSecret: 's' } }, 'allowIdpInitiated'],
    [{ name: 'x', protocol: 'saml', emailDomains: ['not a domain'], saml: {} }, 'emailDomains.0'],
    [{ name: 'x', protocol: 'kerberos' }, 'protocol'],
    [{ name: 'x', protocol: 'saml', surprise: 1 }, 'surprise'],
  ];
  for (const [body, field] of cases) {
    const res = await server.as(org.ownerKey).post(path(org)).send(body);
    assert.equal(res.status, 400, `${field}: ${res.status} ${JSON.stringify(res.body)}`);
    assert.ok(res.body.errors.some((e: { field: string }) => e.field === field), `${field} not named in ${JSON.stringify(res.body.errors)}`);
  }
  assert.equal((await server.as(org.ownerKey).get(path(org))).body.items.length, 0);
});

test('OIDC secrets are sealed at rest and never returned; private_key_jwt shows the public key to register', async () => {
  const org = await createOrg(server);
  const secret = 'super-secret-client-secret-value-123456';
  const res = await server.as(org.ownerKey).post(path(org)).send({ name: 'OP', protocol: 'oidc', oidc: { issuer: op.issuer, clientId: 'gatehouse', clientSecret: secret } });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  assert.equal(res.body.oidc.hasClientSecret, true);
  assert.ok(!JSON.stringify(res.body).includes(secret));
  const row = await server.deps.db('sso_connections').where({ id: res.body.id }).first();
  assert.ok(!JSON.stringify(row).includes(secret), 'not stored in clear');
  assert.ok(!JSON.stringify(await auditOf(server, org, 'sso_connection.created')).includes(secret), 'not in the audit trail');

  const pkj = await server.as(org.ownerKey).patch(`${path(org)}/${res.body.id}`).send({ oidc: { clientAuth: 'private_key_jwt' } });
  assert.equal(pkj.status, 200, JSON.stringify(pkj.body));
  assert.equal(pkj.body.oidc.clientPublicJwk.kty, 'EC');
  assert.equal(pkj.body.oidc.clientPublicJwk.d, undefined);
  assert.equal(pkj.body.oidc.hasClientSecret, false);
});

test('an email domain belongs to one connection per organization', async () => {
  const org = await createOrg(server);
  const body = (domains: string[]) => ({ name: 'S', protocol: 'saml', emailDomains: domains, saml: { idpEntityId: 'urn:x', ssoUrl: 'https://idp/sso', certificates: [idp.cert] } });
  assert.equal((await server.as(org.ownerKey).post(path(org)).send(body(['a.example']))).status, 201);
  const dup = await server.as(org.ownerKey).post(path(org)).send(body(['b.example', 'A.example']));
  assert.equal(dup.status, 409);
  assert.equal(dup.body.errors[0].field, 'emailDomains');
  const other = await createOrg(server);
  assert.equal((await server.as(other.ownerKey).post(path(other)).send(body(['a.example']))).status, 201, 'another organization may claim it');
});

test('certificate rollover by PATCH, disable/enable, delete; each audited; only owners and admins', async () => {
  const org = await createOrg(server);
  const viewer = await addPerson(server, org, 'viewer');
  const created = await server.as(org.ownerKey).post(path(org)).send({ name: 'S', protocol: 'saml', saml: { idpEntityId: 'urn:x', ssoUrl: 'https://idp/sso', certificates: [idp.cert] } });
  const id = created.body.id;
  assert.equal((await server.as(viewer.key).get(path(org))).status, 403);
  assert.equal((await server.as(viewer.key).patch(`${path(org)}/${id}`).send({ enabled: false })).status, 403);
  const rolled = await server.as(org.ownerKey).patch(`${path(org)}/${id}`).send({ saml: { certificates: [idp.cert, next.cert] } });
  assert.equal(rolled.body.saml.certificates.length, 2);
  assert.equal(rolled.body.saml.idpEntityId, 'urn:x', 'unchanged fields are kept');
  assert.equal((await server.as(org.ownerKey).patch(`${path(org)}/${id}`).send({ enabled: false })).body.enabled, false);
  assert.equal((await server.as(org.ownerKey).delete(`${path(org)}/${id}`)).status, 204);
  assert.equal((await server.as(org.ownerKey).get(`${path(org)}/${id}`)).status, 404);
  assert.equal((await auditOf(server, org, 'sso_connection.updated')).length, 2);
  assert.equal((await auditOf(server, org, 'sso_connection.deleted')).length, 1);
});

test('SAML metadata can be fetched from a URL once, when saved; a failing URL is a 400 naming it', async () => {
  const { createServer } = await import('node:http');
  const xml = idpMetadata('urn:from:url', 'https://idp.example/sso', [idp.cert]);
  const md = createServer((req, res) => (req.url === '/md' ? res.writeHead(200, { 'content-type': 'application/xml' }).end(xml) : res.writeHead(404).end()));
  await new Promise<void>((r) => md.listen(0, '127.0.0.1', () => r()));
  const base = `http://127.0.0.1:${(md.address() as { port: number }).port}`;
  try {
    const org = await createOrg(server);
    const ok = await server.as(org.ownerKey).post(path(org)).send({ name: 'U', protocol: 'saml', saml: { metadataUrl: `${base}/md` } });
    assert.equal(ok.status, 201, JSON.stringify(ok.body));
    assert.equal(ok.body.saml.idpEntityId, 'urn:from:url');
    const bad = await server.as(org.ownerKey).post(path(org)).send({ name: 'U', protocol: 'saml', saml: { metadataUrl: `${base}/missing` } });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.errors[0].field, 'saml.metadataUrl');
  } finally {
    md.close();
  }
});
