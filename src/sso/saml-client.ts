// node-saml configured from a connection. InResponseTo, Destination, Recipient, assertion Issuer,
// replay and algorithms are checked by saml-acs.ts (node-saml 5.1 checks none of them).
import { SAML, ValidateInResponseTo } from '@node-saml/node-saml';
import type { SamlSettings } from './connection-types.ts';
import { connectionUrls } from './connection-types.ts';

export const CLOCK_SKEW_MS = 60_000;
const cache = new Map<string, { version: number; saml: SAML }>();

export interface SamlTarget {
  id: string;
  orgSlug: string;
  version: number;
  settings: SamlSettings;
  decryptionKey: string | undefined;
  publicUrl: string;
}

function build(t: SamlTarget, requestId?: string): SAML {
  const urls = connectionUrls(t.publicUrl, t.orgSlug, t.id);
  return new SAML({
    callbackUrl: urls.acsUrl,
    entryPoint: t.settings.ssoUrl,
    issuer: urls.spEntityId,
    audience: urls.spEntityId,
    idpCert: t.settings.certificates,
    wantAssertionsSigned: true, // always: the assertion is what we read identity from
    wantAuthnResponseSigned: t.settings.wantResponseSigned,
    acceptedClockSkewMs: CLOCK_SKEW_MS,
    validateInResponseTo: ValidateInResponseTo.never, // checked against PostgreSQL in saml-acs.ts
    signatureAlgorithm: 'sha256',
    digestAlgorithm: 'sha256',
    decryptionPvk: t.decryptionKey,
    identifierFormat: null,
    disableRequestedAuthnContext: true,
    ...(requestId ? { generateUniqueId: () => requestId } : {}),
  });
}

/** The validating instance of a connection version (cached: building one parses certificates). */
export function samlFor(t: SamlTarget): SAML {
  const hit = cache.get(t.id);
  if (hit && hit.version === t.version) return hit.saml;
  const saml = build(t);
  cache.set(t.id, { version: t.version, saml });
  return saml;
}

/** The IdP URL carrying a fresh AuthnRequest with our chosen id (HTTP-Redirect binding). */
export async function authnRequestUrl(t: SamlTarget, requestId: string): Promise<string> {
  return build(t, requestId).getAuthorizeUrlAsync('', undefined, {});
}

export function spMetadata(t: SamlTarget): string {
  return samlFor(t).generateServiceProviderMetadata(t.settings.encryptionCertificate, null);
}
