// Encrypted assertions (SAML core §2.3.4) with our SP key: accepted when signed inside and encrypted
// with RSA-OAEP + AES; refused without a configured key, with RSA-1_5, or with an unsigned inner assertion.
import assert from 'node:assert/strict';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';
import xmlenc from 'xml-encryption';
import { addPerson } from '../helpers/server.ts';
import { makeKeyPair, responseXml, sign, type KeyPair } from '../peers/saml-idp.ts';
import { createSamlConnection, newRequestId, postXml, samlEnv, sessionCount, spec, type SamlEnv } from './saml-support.ts';

const encrypt = promisify(xmlenc.encrypt) as (content: string, options: object) => Promise<string>;

let env: SamlEnv;
let sp: KeyPair;
let encConn: Awaited<ReturnType<typeof createSamlConnection>>;
before(async () => {
  env = await samlEnv();
  sp = makeKeyPair('gatehouse-sp');
  encConn = await createSamlConnection(env.server, env.org, env.idp, { saml: { encryption: { privateKey: sp.key, certificate: sp.cert } } });
  await addPerson(env.server, env.org, 'member', 'enc@example.test');
});
after(() => env.server.close());

async function encryptedResponse(conn: typeof encConn, o: { keyAlg?: string; signInner?: boolean } = {}) {
  const id = await newRequestId(env, conn.id);
  const xml = responseXml(spec(env, { nameId: 'enc@example.test', inResponseTo: id, attributes: { groups: ['eng'] } }, conn));
  const inner = o.signInner === false ? xml : sign(xml, { assertion: true }, { key: env.idp.key });
  const assertion = /<saml:Assertion[\s\S]*<\/saml:Assertion>/.exec(inner)![0].replace('<saml:Assertion ', '<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ');
  const encrypted = await encrypt(assertion, {
    rsa_pub: sp.cert, pem: sp.cert,
    encryptionAlgorithm: 'http://www.w3.org/2009/xmlenc11#aes256-gcm',
    keyEncryptionAlgorithm: o.keyAlg ?? 'http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p',
    warnInsecureAlgorithm: false,
  });
  const wrapped = inner.replace(/<saml:Assertion[\s\S]*<\/saml:Assertion>/, `<saml:EncryptedAssertion>${encrypted}</saml:EncryptedAssertion>`);
  return sign(wrapped, { response: true }, { key: env.idp.key });
}

test('an encrypted, signed assertion signs in; SP metadata publishes the encryption certificate', async () => {
  const res = await postXml(env, await encryptedResponse(encConn), encConn);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.deepEqual((await env.server.as(res.body.token).get('/v1/me')).body.teams, ['eng']);
  const md = await fetch(encConn.saml.metadataUrl.replace(/^https?:\/\/[^/]+/, env.server.url)).then((r) => r.text());
  assert.match(md, /use="encryption"/);
});

test('refused: encrypted for a connection without our key, RSA-1_5 key transport, an unsigned inner assertion', async () => {
  const before = await sessionCount(env);
  const noKey = await postXml(env, await encryptedResponse(env.conn), env.conn);
  assert.equal(noKey.status, 400, JSON.stringify(noKey.body));
  const legacy = await postXml(env, await encryptedResponse(encConn, { keyAlg: 'http://www.w3.org/2001/04/xmlenc#rsa-1_5' }), encConn);
  assert.equal(legacy.status, 400);
  assert.equal(legacy.body.reason, 'weak_algorithm');
  const unsigned = await postXml(env, await encryptedResponse(encConn, { signInner: false }), encConn);
  assert.equal(unsigned.status, 400);
  assert.equal(unsigned.body.reason, 'invalid_signature');
  assert.equal(await sessionCount(env), before);
});
