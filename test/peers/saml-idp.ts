// A SAML identity provider for tests: keys and a certificate made per run with openssl, responses
// built from a template and signed with xml-crypto (so every field can be set, and attacks built on
// top), and samlify (an independent IdP implementation) for interoperability.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignedXml } from 'xml-crypto';

export interface KeyPair {
  key: string;
  cert: string;
}

export function makeKeyPair(cn = 'test-idp'): KeyPair {
  const dir = mkdtempSync(join(tmpdir(), 'gh-idp-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-days', '2', '-subj', `/CN=${cn}`,
      '-keyout', join(dir, 'k.pem'), '-out', join(dir, 'c.pem')], { stdio: 'ignore' });
    return { key: readFileSync(join(dir, 'k.pem'), 'utf8'), cert: readFileSync(join(dir, 'c.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const certBody = (pem: string) => pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface ResponseSpec {
  issuer: string;
  audience: string;
  acsUrl: string;
  destination?: string | null;
  recipient?: string;
  inResponseTo?: string | null;
  nameId: string;
  attributes?: Record<string, string[]>;
  /** Seconds relative to now. */
  notBefore?: number;
  notOnOrAfter?: number;
  assertionId?: string;
  responseId?: string;
}

export function responseXml(s: ResponseSpec): string {
  const now = Date.now();
  const t = (sec: number) => new Date(now + sec * 1000).toISOString();
  const irt = s.inResponseTo ? ` InResponseTo="${esc(s.inResponseTo)}"` : '';
  const dest = s.destination === null ? '' : ` Destination="${esc(s.destination ?? s.acsUrl)}"`;
  const attrs = Object.entries(s.attributes ?? {}).map(([name, values]) =>
    `<saml:Attribute Name="${esc(name)}">${values.map((v) => `<saml:AttributeValue>${esc(v)}</saml:AttributeValue>`).join('')}</saml:Attribute>`).join('');
  const aid = s.assertionId ?? `_a${randomBytes(16).toString('hex')}`;
  return `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${s.responseId ?? `_r${randomBytes(16).toString('hex')}`}" Version="2.0" IssueInstant="${t(0)}"${dest}${irt}>`
    + `<saml:Issuer>${esc(s.issuer)}</saml:Issuer>`
    + `<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>`
    + `<saml:Assertion ID="${aid}" Version="2.0" IssueInstant="${t(0)}">`
    + `<saml:Issuer>${esc(s.issuer)}</saml:Issuer>`
    + `<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">${esc(s.nameId)}</saml:NameID>`
    + `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="${t(s.notOnOrAfter ?? 300)}" Recipient="${esc(s.recipient ?? s.acsUrl)}"${irt}/></saml:SubjectConfirmation></saml:Subject>`
    + `<saml:Conditions NotBefore="${t(s.notBefore ?? -30)}" NotOnOrAfter="${t(s.notOnOrAfter ?? 300)}"><saml:AudienceRestriction><saml:Audience>${esc(s.audience)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>`
    + `<saml:AuthnStatement AuthnInstant="${t(0)}" SessionIndex="${aid}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>`
    + (attrs ? `<saml:AttributeStatement>${attrs}</saml:AttributeStatement>` : '')
    + `</saml:Assertion></samlp:Response>`;
}

export interface SignOptions {
  key: string;
  cert?: string;
  /** Default rsa-sha256 / sha256. */
  sha1?: boolean;
  /** Put the certificate in KeyInfo (what a forger does). */
  keyInfo?: boolean;
}

function signElement(xml: string, local: 'Assertion' | 'Response', o: SignOptions): string {
  const sig = new SignedXml({
    privateKey: o.key,
    publicCert: o.keyInfo ? o.cert : undefined,
    signatureAlgorithm: o.sha1 ? 'http://www.w3.org/2000/09/xmldsig#rsa-sha1' : 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  });
  const xpath = local === 'Assertion' ? "/*[local-name(.)='Response']/*[local-name(.)='Assertion']" : "/*[local-name(.)='Response']";
  sig.addReference({
    xpath,
    digestAlgorithm: o.sha1 ? 'http://www.w3.org/2000/09/xmldsig#sha1' : 'http://www.w3.org/2001/04/xmlenc#sha256',
    transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'],
  });
  sig.computeSignature(xml, { prefix: 'ds', location: { reference: `${xpath}/*[local-name(.)='Issuer']`, action: 'after' } });
  return sig.getSignedXml();
}

export function sign(xml: string, what: { assertion?: boolean; response?: boolean }, o: SignOptions): string {
  let out = xml;
  if (what.assertion) out = signElement(out, 'Assertion', o);
  if (what.response) out = signElement(out, 'Response', o);
  return out;
}

export const b64 = (xml: string) => Buffer.from(xml, 'utf8').toString('base64');

export function idpMetadata(entityId: string, ssoUrl: string, certs: string[]): string {
  const kds = certs.map((c) => `<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${certBody(c)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>`).join('');
  return `<?xml version="1.0"?><md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${esc(entityId)}">`
    + `<md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">${kds}`
    + `<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${esc(ssoUrl)}"/>`
    + `</md:IDPSSODescriptor></md:EntityDescriptor>`;
}
