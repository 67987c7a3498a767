// The SAML assertion consumer: node-saml verifies signatures, time and audience; this adds every check
// node-saml 5.1.0 leaves to us: DTD/comment/PI refusal, an algorithm allowlist (no SHA-1),
// Destination, Recipient, assertion Issuer, InResponseTo against PostgreSQL, and the assertion-id
// replay cache. Identity and groups are read only from the signed assertion node-saml returns.
import type { Knex } from 'knex';
import type { SamlSettings } from './connection-types.ts';
import type { ExternalIdentity } from './identity.ts';
import { refuse } from './refusal.ts';
import { CLOCK_SKEW_MS, samlFor, type SamlTarget } from './saml-client.ts';
import { child, children, parseXml, plainText, refuseUnsafeXml, SAML_NS, SAMLP_NS } from './safe-xml.ts';
import { claimSamlResponse } from './state-store.ts';

const BEARER = 'urn:oasis:names:tc:SAML:2.0:cm:bearer';
const EMAIL_FORMAT = 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress';
const AZURE_GROUPS_LINK = 'http://schemas.microsoft.com/claims/groups.link';

// Only these may appear in Algorithm attributes: exclusive c14n without comments, SHA-2 digests and
// RSA/ECDSA-SHA-2 signatures, RSA-OAEP key transport, AES content encryption. SHA-1, HMAC (GHSA-c27r-
// x354-4m68), XSLT/XPath transforms, c14n WithComments and RSA-1_5 (Bleichenbacher) are all refused.
const ALLOWED_ALGORITHMS = new Set([
  'http://www.w3.org/2001/10/xml-exc-c14n#',
  'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
  'http://www.w3.org/2001/04/xmlenc#sha256', 'http://www.w3.org/2001/04/xmldsig-more#sha384', 'http://www.w3.org/2001/04/xmlenc#sha512',
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256', 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha384', 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512',
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256', 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384', 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512',
  'http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p', 'http://www.w3.org/2009/xmlenc11#rsa-oaep',
  'http://www.w3.org/2001/04/xmlenc#aes128-cbc', 'http://www.w3.org/2001/04/xmlenc#aes256-cbc',
  'http://www.w3.org/2009/xmlenc11#aes128-gcm', 'http://www.w3.org/2009/xmlenc11#aes256-gcm',
]);

export type SamlOutcome<T> =
  | { kind: 'identity'; identity: ExternalIdentity; ahead: T; returnTo: string | null; idpInitiated: boolean; invitationSealed: string | null }
  | { kind: 'idp_initiated_refused'; relayState: string | null };

export interface AcsInput {
  db: Knex;
  orgId: string;
  connectionId: string;
  allowIdpInitiated: boolean;
  target: SamlTarget;
  acsUrl: string;
  samlResponse: unknown;
  relayState: unknown;
}

function decode(samlResponse: unknown): string {
  if (typeof samlResponse !== 'string' || !samlResponse) throw refuse('missing_response', 'the form has no SAMLResponse', 400);
  const compact = samlResponse.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) throw refuse('invalid_response', 'SAMLResponse is not base64', 400);
  return Buffer.from(compact, 'base64').toString('utf8');
}

// Inside an RSA-OAEP EncryptionMethod, DigestMethod names OAEP's hash, where SHA-1 is still sound
// (OAEP needs no collision resistance; it is xml-encryption's and most IdPs' default).
const OAEP_DIGESTS = new Set(['http://www.w3.org/2000/09/xmldsig#sha1', 'http://www.w3.org/2001/04/xmlenc#sha256', 'http://www.w3.org/2001/04/xmlenc#sha512']);
const ALGORITHM = /Algorithm\s*=\s*(["'])(.*?)\1/g;

function checkAlgorithms(xml: string): void {
  const outside = xml.replace(/<(\w+:)?EncryptionMethod\b[^>]*?(\/>|>[\s\S]*?<\/(\w+:)?EncryptionMethod>)/g, (block) => {
    const [head, ...inner] = [...block.matchAll(ALGORITHM)].map((m) => m[2]!);
    if (!ALLOWED_ALGORITHMS.has(head!) || inner.some((a) => !OAEP_DIGESTS.has(a))) {
      throw refuse('weak_algorithm', `encryption algorithm not accepted: ${[head, ...inner].join(', ')} (RSA-OAEP and AES are required)`, 400);
    }
    return '';
  });
  for (const m of outside.matchAll(ALGORITHM)) {
    if (!ALLOWED_ALGORITHMS.has(m[2]!)) throw refuse('weak_algorithm', `algorithm not accepted: ${m[2]} (SHA-256 or stronger is required)`, 400);
  }
}

function classify(message: string) {
  if (/expired|NotOnOrAfter|not yet valid|NotBefore/i.test(message)) return refuse('assertion_expired', `the assertion is not valid now: ${message}`, 400);
  if (/audience/i.test(message)) return refuse('wrong_audience', `the assertion is for another service provider: ${message}`, 400);
  if (/signature|signed|cert/i.test(message)) return refuse('invalid_signature', `the response is not signed by the configured IdP: ${message}`, 400);
  if (/SAML provider returned/i.test(message)) return refuse('idp_error', message, 400);
  return refuse('invalid_response', `the SAML response was rejected: ${message}`, 400);
}

const strings = (v: unknown): string[] | null => {
  const list = ([] as unknown[]).concat(v ?? []);
  return list.every((x) => typeof x === 'string') ? (list as string[]).map((s) => s.trim()).filter(Boolean) : null;
};

function readAttributes(settings: SamlSettings, attributes: Record<string, unknown>, nameId: string, nameIdFormat: string | null) {
  const pick = (name: string, field: string) => {
    const v = strings(attributes[name]);
    if (v === null) throw refuse('invalid_attributes', `attribute ${name} (${field}) must hold text values`, 400);
    return v;
  };
  const email = pick(settings.attributes.email, 'email')[0] ?? (nameIdFormat === EMAIL_FORMAT || /^[^@\s]+@[^@\s]+$/.test(nameId) ? nameId : null);
  const name = pick(settings.attributes.name, 'name')[0] ?? null;
  // Entra sends a Graph link instead of the groups when a person has more than 150 (Microsoft
  // Learn, "Configure group claims for applications": the groups.link attribute).
  const overage = Object.hasOwn(attributes, AZURE_GROUPS_LINK) && !Object.hasOwn(attributes, settings.attributes.groups);
  return { email, name, groups: pick(settings.attributes.groups, 'groups'), overage };
}

/**
 * Validates a SAML response and makes its single-use claims. `alongside` is the caller's read-only
 * work on the validated identity, run while the claims are made; its result is returned as `ahead`.
 */
export async function consumeSamlResponse<T>(input: AcsInput, alongside: (identity: ExternalIdentity) => Promise<T>): Promise<SamlOutcome<T>> {
  const xml = decode(input.samlResponse);
  try {
    refuseUnsafeXml(xml);
  } catch (e) {
    throw refuse('unsafe_xml', (e as Error).message, 400);
  }
  checkAlgorithms(xml);
  const settings = input.target.settings;

  let result;
  try {
    result = await samlFor(input.target).validatePostResponseAsync({ SAMLResponse: input.samlResponse as string });
  } catch (e) {
    throw classify((e as Error).message);
  }
  const profile = result.profile;
  if (!profile) throw refuse('invalid_response', 'the response carries no assertion', 400);

  // From here on, only the signed assertion (and, when the Response is signed, its root attributes).
  const assertion = parseXml(profile.getAssertionXml!()).documentElement!;
  const response = parseXml(xml).documentElement!;
  if (response.namespaceURI !== SAMLP_NS || response.localName !== 'Response') throw refuse('invalid_response', 'the document is not a samlp:Response', 400);

  const issuer = plainText(child(assertion, SAML_NS, 'Issuer'));
  if (issuer !== settings.idpEntityId) throw refuse('wrong_issuer', `the assertion was issued by ${JSON.stringify(issuer)}, not ${settings.idpEntityId}`, 400);
  const responseIssuer = child(response, SAML_NS, 'Issuer');
  if (responseIssuer && plainText(responseIssuer) !== settings.idpEntityId) throw refuse('wrong_issuer', 'the Response Issuer is not the configured IdP', 400);

  // SAML bindings §3.5.5.2: a signed POST response must carry Destination, equal to where it arrived.
  const destination = response.getAttribute('Destination');
  if (destination ? destination !== input.acsUrl : settings.wantResponseSigned) {
    throw refuse('wrong_destination', `the response is addressed to ${JSON.stringify(destination)}, not ${input.acsUrl}`, 400);
  }

  // SAML profiles §4.1.4.3: a bearer SubjectConfirmation whose Recipient is our ACS and still valid.
  const subject = child(assertion, SAML_NS, 'Subject');
  const now = Date.now();
  const confirmations = (subject ? children(subject, SAML_NS, 'SubjectConfirmation') : [])
    .filter((c) => c.getAttribute('Method') === BEARER)
    .map((c) => child(c, SAML_NS, 'SubjectConfirmationData'))
    .filter((d): d is Element => Boolean(d));
  const confirmation = confirmations.find((d) => d.getAttribute('Recipient') === input.acsUrl);
  if (!confirmation) throw refuse('wrong_recipient', `no bearer SubjectConfirmation has Recipient ${input.acsUrl}`, 400);
  const scNotOnOrAfter = Date.parse(confirmation.getAttribute('NotOnOrAfter') ?? '');
  if (!(scNotOnOrAfter + CLOCK_SKEW_MS > now)) throw refuse('assertion_expired', 'the SubjectConfirmation has expired (or has no NotOnOrAfter)', 400);

  const nameIdEl = subject ? child(subject, SAML_NS, 'NameID') : undefined;
  const nameId = plainText(nameIdEl);
  if (!nameId) throw refuse('missing_subject', 'the assertion has no NameID', 400);

  const assertionId = assertion.getAttribute('ID');
  if (!assertionId) throw refuse('invalid_response', 'the assertion has no ID', 400);
  const conditions = child(assertion, SAML_NS, 'Conditions');
  const until = Math.max(scNotOnOrAfter, Date.parse(conditions?.getAttribute('NotOnOrAfter') ?? '') || 0) + CLOCK_SKEW_MS;
  const inResponseTo = confirmation.getAttribute('InResponseTo') || null;
  const rootInResponseTo = response.getAttribute('InResponseTo') || null;
  if (rootInResponseTo && inResponseTo && rootInResponseTo !== inResponseTo) throw refuse('unknown_request', 'InResponseTo differs between Response and SubjectConfirmation', 400);
  const requestId = inResponseTo ?? rootInResponseTo;
  const idpInitiatedRefused = !requestId && !input.allowIdpInitiated;
  const identity = idpInitiatedRefused ? null : identityOf(settings, (profile.attributes ?? {}) as Record<string, unknown>, nameId, nameIdEl?.getAttribute('Format') ?? null);
  // Both claims are single use in PostgreSQL, so every instance sees them. The caller's read-only
  // work (`alongside`) runs meanwhile; its result counts only once the claims hold.
  const [claim, ahead] = await Promise.allSettled([
    claimSamlResponse(input.db, input.orgId, input.connectionId, { id: assertionId, until: new Date(until) }, requestId),
    identity ? alongside(identity) : undefined,
  ]);
  if (claim.status === 'rejected') throw claim.reason;
  const { fresh, state } = claim.value;
  if (!fresh) throw refuse('assertion_replayed', 'this assertion was already used to sign in', 400);
  if (requestId && !state) throw refuse('unknown_request', 'this response answers no sign-in started here (unknown, expired or already used)', 400);
  if (!identity) return { kind: 'idp_initiated_refused', relayState: typeof input.relayState === 'string' ? input.relayState : null };
  if (ahead.status === 'rejected') throw ahead.reason;
  return {
    kind: 'identity',
    identity,
    ahead: ahead.value as T,
    idpInitiated: !requestId,
    returnTo: state ? state.return_to : typeof input.relayState === 'string' ? input.relayState : null,
    invitationSealed: state?.invitation_sealed ?? null,
  };
}

function identityOf(settings: SamlSettings, attributes: Record<string, unknown>, nameId: string, nameIdFormat: string | null): ExternalIdentity {
  const attrs = readAttributes(settings, attributes, nameId, nameIdFormat);
  return {
    subject: nameId,
    email: attrs.email,
    // The IdP vouches for the addresses it asserts; linking is still limited to the connection's domains.
    emailVerified: attrs.email !== null,
    name: attrs.name,
    groups: attrs.groups,
    groupsOverage: attrs.overage,
  };
}
