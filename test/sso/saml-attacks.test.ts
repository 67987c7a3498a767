// The SAML security suite (signature wrapping after Somorovsky et al., USENIX Security 2012; comment
// truncation, CERT VU#475445; replay, audience, recipient and algorithm downgrades): every case must be refused with a 4xx and an audit
// record, and must sign nobody in. The attacker holds a valid signed response for their own
// account (mallory, a member) and tries to become the owner, or replays, or forges.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import { addPerson } from '../helpers/server.ts';
import { b64, responseXml, sign } from '../peers/saml-idp.ts';
import { auditOf } from './sso-helpers.ts';
import { newRequestId, postAcs, postXml, samlEnv, sessionCount, signedResponse, spec, type SamlEnv } from './saml-support.ts';

const SAML = 'urn:oasis:names:tc:SAML:2.0:assertion';
const SAMLP = 'urn:oasis:names:tc:SAML:2.0:protocol';
const DS = 'http://www.w3.org/2000/09/xmldsig#';

let env: SamlEnv;
before(async () => {
  env = await samlEnv();
  await addPerson(env.server, env.org, 'member', 'mallory@example.test');
  await addPerson(env.server, env.org, 'owner', 'victim@example.test');
  await addPerson(env.server, env.org, 'member', 'alice@example.test.evil.com');
});
after(() => env.server.close());

const parse = (xml: string) => new DOMParser().parseFromString(xml, 'text/xml');
const serialize = (doc: Document | Node) => new XMLSerializer().serializeToString(doc as Node);
const first = (n: Document | Element, ns: string, local: string) => n.getElementsByTagNameNS(ns, local)[0]!;
const directChild = (el: Element, ns: string, local: string) => Array.from(el.childNodes).find((c) => (c as Element).namespaceURI === ns && (c as Element).localName === local) as Element;

/** An unsigned copy of the assertion that names the victim, with a fresh ID (or the same one). */
function evilAssertion(doc: Document, keepId = false): Element {
  const a = first(doc, SAML, 'Assertion').cloneNode(true) as Element;
  const sig = directChild(a, DS, 'Signature');
  if (sig) a.removeChild(sig);
  if (!keepId) a.setAttribute('ID', '_evil' + Math.random().toString(16).slice(2));
  first(a, SAML, 'NameID').textContent = 'victim@example.test';
  return a;
}

async function mallory(what = { assertion: true, response: true }): Promise<string> {
  const id = await newRequestId(env, env.conn.id);
  return signedResponse(env, spec(env, { nameId: 'mallory@example.test', inResponseTo: id }), what);
}

type Case = [name: string, build: () => Promise<string>, reasons: string[]];

const CASES: Case[] = [
  ['unsigned response and assertion', async () => responseXml(spec(env, { nameId: 'victim@example.test', inResponseTo: await newRequestId(env, env.conn.id) })), ['invalid_signature']],
  ['assertion signature stripped (response still signed)', async () => {
    const doc = parse(await mallory());
    const a = first(doc, SAML, 'Assertion');
    a.removeChild(directChild(a, DS, 'Signature'));
    return serialize(doc);
  }, ['invalid_signature']],
  ['response signature stripped where a signed Response is required', async () => {
    const doc = parse(await mallory());
    doc.documentElement!.removeChild(directChild(doc.documentElement!, DS, 'Signature'));
    return serialize(doc);
  }, ['invalid_signature']],
  ['re-signed by an attacker key with its certificate in KeyInfo', async () => {
    const id = await newRequestId(env, env.conn.id);
    return sign(responseXml(spec(env, { nameId: 'victim@example.test', inResponseTo: id })), { assertion: true, response: true }, { key: env.attacker.key, cert: env.attacker.cert, keyInfo: true });
  }, ['invalid_signature']],
  ['NameID changed after signing', async () => (await mallory()).replace('mallory@example.test', 'victim@example.test'), ['invalid_signature']],
  ['a group added after signing', async () => {
    const id = await newRequestId(env, env.conn.id);
    const xml = signedResponse(env, spec(env, { nameId: 'mallory@example.test', inResponseTo: id, attributes: { groups: ['eng'] } }));
    return xml.replace('<saml:AttributeValue>eng</saml:AttributeValue>', '<saml:AttributeValue>eng</saml:AttributeValue><saml:AttributeValue>admins</saml:AttributeValue>');
  }, ['invalid_signature']],
  ['XSW1: evil Response root, signed original inside its Signature', async () => {
    const doc = parse(await mallory());
    const original = doc.documentElement!.cloneNode(true) as Element;
    const root = doc.documentElement!;
    root.setAttribute('ID', '_evilresp');
    root.replaceChild(evilAssertion(doc), first(doc, SAML, 'Assertion'));
    directChild(root, DS, 'Signature').appendChild(original);
    return serialize(doc);
  }, ['invalid_signature', 'invalid_response']],
  ['XSW2: signed original Response as a sibling before the Signature', async () => {
    const doc = parse(await mallory());
    const original = doc.documentElement!.cloneNode(true) as Element;
    const root = doc.documentElement!;
    root.setAttribute('ID', '_evilresp');
    root.replaceChild(evilAssertion(doc), first(doc, SAML, 'Assertion'));
    root.insertBefore(original, directChild(root, DS, 'Signature'));
    return serialize(doc);
  }, ['invalid_signature', 'invalid_response']],
  ['XSW3: unsigned evil assertion before the signed one', async () => {
    const doc = parse(await mallory());
    const signed = first(doc, SAML, 'Assertion');
    doc.documentElement!.insertBefore(evilAssertion(doc), signed);
    return serialize(doc);
  }, ['invalid_signature', 'invalid_response']],
  ['XSW4: evil assertion wrapping the signed one', async () => {
    const doc = parse(await mallory());
    const signed = first(doc, SAML, 'Assertion');
    const evil = evilAssertion(doc);
    doc.documentElement!.replaceChild(evil, signed);
    evil.appendChild(signed);
    return serialize(doc);
  }, ['invalid_signature', 'invalid_response']],
  ['XSW5: signed assertion edited in place, original copy appended', async () => {
    const doc = parse(await mallory({ assertion: true, response: false }));
    const signed = first(doc, SAML, 'Assertion');
    const copy = signed.cloneNode(true) as Element;
    signed.setAttribute('ID', '_evil5');
    first(signed, SAML, 'NameID').textContent = 'victim@example.test';
    doc.documentElement!.appendChild(copy);
    return serialize(doc);
  }, ['invalid_signature', 'invalid_response']],
  ['XSW6: edited in place, original inside the assertion Signature', async () => {
    const doc = parse(await mallory({ assertion: true, response: false }));
    const signed = first(doc, SAML, 'Assertion');
    const copy = signed.cloneNode(true) as Element;
    signed.setAttribute('ID', '_evil6');
    first(signed, SAML, 'NameID').textContent = 'victim@example.test';
    directChild(signed, DS, 'Signature').appendChild(copy);
    return serialize(doc);
  }, ['invalid_signature', 'invalid_response']],
  ['XSW7: evil assertion inside samlp:Extensions', async () => {
    const doc = parse(await mallory());
    const ext = doc.createElementNS(SAMLP, 'samlp:Extensions');
    ext.appendChild(evilAssertion(doc));
    doc.documentElement!.insertBefore(ext, first(doc, SAML, 'Assertion'));
    return serialize(doc);
  }, ['invalid_signature', 'invalid_response']],
  ['XSW8: edited in place, original in a ds:Object in the Signature', async () => {
    const doc = parse(await mallory({ assertion: true, response: false }));
    const signed = first(doc, SAML, 'Assertion');
    const copy = signed.cloneNode(true) as Element;
    const sig = directChild(copy, DS, 'Signature');
    copy.removeChild(sig);
    first(signed, SAML, 'NameID').textContent = 'victim@example.test';
    const obj = doc.createElementNS(DS, 'ds:Object');
    obj.appendChild(copy);
    directChild(signed, DS, 'Signature').appendChild(obj);
    return serialize(doc);
  }, ['invalid_signature', 'invalid_response']],
  ['a second assertion with the same ID', async () => {
    const doc = parse(await mallory());
    doc.documentElement!.appendChild(evilAssertion(doc, true));
    return serialize(doc);
  }, ['invalid_signature', 'invalid_response']],
  ['comment injection in NameID (CVE-2017-11427 family)', async () => {
    const id = await newRequestId(env, env.conn.id);
    const xml = signedResponse(env, spec(env, { nameId: 'alice@example.test.evil.com', inResponseTo: id }));
    return xml.replace('alice@example.test.evil.com', 'victim@example.test<!---->.evil.com');
  }, ['unsafe_xml']],
  ['processing instruction in NameID', async () => {
    const id = await newRequestId(env, env.conn.id);
    const xml = signedResponse(env, spec(env, { nameId: 'alice@example.test.evil.com', inResponseTo: id }));
    return xml.replace('alice@example.test.evil.com', 'victim@example.test<?p not-an-?>.evil.com');
  }, ['unsafe_xml']],
  ['expired an hour ago', async () => signedResponse(env, spec(env, { nameId: 'mallory@example.test', inResponseTo: await newRequestId(env, env.conn.id), notBefore: -7200, notOnOrAfter: -3600 })), ['assertion_expired']],
  ['not valid for another hour', async () => signedResponse(env, spec(env, { nameId: 'mallory@example.test', inResponseTo: await newRequestId(env, env.conn.id), notBefore: 3600, notOnOrAfter: 7200 })), ['assertion_expired']],
  ['wrong Audience', async () => signedResponse(env, spec(env, { nameId: 'mallory@example.test', inResponseTo: await newRequestId(env, env.conn.id), audience: 'https://other-sp.example/' })), ['wrong_audience']],
  ['wrong Recipient', async () => signedResponse(env, spec(env, { nameId: 'mallory@example.test', inResponseTo: await newRequestId(env, env.conn.id), recipient: 'https://other-sp.example/acs' })), ['wrong_recipient']],
  ['wrong Destination', async () => signedResponse(env, spec(env, { nameId: 'mallory@example.test', inResponseTo: await newRequestId(env, env.conn.id), destination: 'https://other-sp.example/acs' })), ['wrong_destination']],
  ['no Destination on a signed Response', async () => signedResponse(env, spec(env, { nameId: 'mallory@example.test', inResponseTo: await newRequestId(env, env.conn.id), destination: null })), ['wrong_destination']],
  ['wrong Issuer (right key)', async () => signedResponse(env, spec(env, { nameId: 'mallory@example.test', inResponseTo: await newRequestId(env, env.conn.id), issuer: 'urn:other:idp' })), ['wrong_issuer']],
  ['answers a request never made here', async () => signedResponse(env, spec(env, { nameId: 'mallory@example.test', inResponseTo: '_never-issued' })), ['unknown_request']],
  ['SHA-1 signature and digest', async () => sign(responseXml(spec(env, { nameId: 'mallory@example.test', inResponseTo: await newRequestId(env, env.conn.id) })), { assertion: true, response: true }, { key: env.idp.key, sha1: true }), ['weak_algorithm']],
  ['HMAC-SHA1 keyed with the IdP certificate (GHSA-c27r-x354-4m68 class)', async () => (await mallory()).replace(/http:\/\/www\.w3\.org\/2001\/04\/xmldsig-more#rsa-sha256/g, 'http://www.w3.org/2000/09/xmldsig#hmac-sha1'), ['weak_algorithm']],
  ['an XSLT transform in a signature reference', async () => (await mallory()).replace('<ds:Transforms>', '<ds:Transforms><ds:Transform Algorithm="http://www.w3.org/TR/1999/REC-xslt-19991116"/>'), ['weak_algorithm']],
  ['c14n WithComments (keeps injected comments in the digest)', async () => (await mallory()).replace(/<ds:CanonicalizationMethod Algorithm="http:\/\/www\.w3\.org\/2001\/10\/xml-exc-c14n#"\/>/, '<ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#WithComments"/>'), ['weak_algorithm']],
  ['a Reference with an empty URI (the whole document)', async () => (await mallory()).replace(/<ds:Reference URI="#[^"]+">/, '<ds:Reference URI="">'), ['invalid_signature', 'invalid_response']],
  ['XXE: external entity in NameID', async () => {
    const xml = await mallory();
    return `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>` + xml.replace('mallory@example.test', '&xxe;');
  }, ['unsafe_xml']],
  ['entity expansion (billion laughs)', async () => {
    const ents = ['<!ENTITY l0 "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`)].join('');
    return `<!DOCTYPE r [${ents}]>` + (await mallory()).replace('mallory@example.test', '&l9;');
  }, ['unsafe_xml']],
];

for (const [name, build, reasons] of CASES) {
  test(`refused: ${name}`, async () => {
    const before = await sessionCount(env);
    const auditBefore = (await auditOf(env.server, env.org, 'sign_in.refused')).length;
    const res = await postXml(env, await build());
    assert.ok(res.status >= 400 && res.status < 500, `${res.status} ${JSON.stringify(res.body)}`);
    assert.ok(reasons.includes(res.body.reason), `reason ${res.body.reason}: ${res.body.detail}`);
    assert.equal(res.body.token, undefined);
    assert.equal(await sessionCount(env), before, 'nobody signed in');
    const refused = await auditOf(env.server, env.org, 'sign_in.refused');
    assert.equal(refused.length, auditBefore + 1);
    assert.equal(refused[refused.length - 1]!.details.reason, res.body.reason);
  });
}

test('refused: the same response posted twice (replay)', async () => {
  const xml = await mallory();
  assert.equal((await postXml(env, xml)).status, 200);
  const before = await sessionCount(env);
  const again = await postXml(env, xml);
  assert.equal(again.status, 400);
  assert.equal(again.body.reason, 'assertion_replayed');
  assert.equal(await sessionCount(env), before);
});

test('refused: a response larger than the ACS body limit, and a form without SAMLResponse', async () => {
  const big = await postAcs(env, env.conn.saml.acsUrl, { SAMLResponse: b64('<x>' + 'A'.repeat(400_000) + '</x>') });
  assert.equal(big.status, 413);
  const none = await postAcs(env, env.conn.saml.acsUrl, { RelayState: '/x' });
  assert.equal(none.status, 400);
  assert.equal(none.body.reason, 'missing_response');
});

test('refused: a valid response to a disabled connection', async () => {
  const xml = await mallory();
  await env.server.as(env.org.ownerKey).patch(`/v1/orgs/${env.org.slug}/sso-connections/${env.conn.id}`).send({ enabled: false });
  try {
    const res = await postXml(env, xml);
    assert.equal(res.status, 403);
    assert.equal(res.body.reason, 'connection_disabled');
  } finally {
    await env.server.as(env.org.ownerKey).patch(`/v1/orgs/${env.org.slug}/sso-connections/${env.conn.id}`).send({ enabled: true });
  }
});
