// Reads an IdP's SAML metadata (SAML metadata §2.4.3 IDPSSODescriptor) into connection fields.
import { child, children, DS_NS, MD_NS, parseXml, plainText, refuseUnsafeXml, UnsafeXml } from './safe-xml.ts';

const REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';
const POST = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';

export interface IdpMetadata {
  entityId: string;
  ssoUrl: string;
  certificates: string[];
}

export class MetadataError extends Error {}

export function parseIdpMetadata(xml: string): IdpMetadata {
  try {
    refuseUnsafeXml(xml, { allowComments: true }); // metadata is not signed content we authenticate with
  } catch (e) {
    throw new MetadataError((e as Error).message);
  }
  let root;
  try {
    root = parseXml(xml).documentElement!;
  } catch (e) {
    throw new MetadataError((e as UnsafeXml).message);
  }
  if (root.namespaceURI === MD_NS && root.localName === 'EntitiesDescriptor') {
    const entities = children(root, MD_NS, 'EntityDescriptor').filter((e) => child(e, MD_NS, 'IDPSSODescriptor'));
    if (entities.length !== 1) throw new MetadataError(`expected one IdP EntityDescriptor, found ${entities.length}`);
    root = entities[0]!;
  }
  if (root.namespaceURI !== MD_NS || root.localName !== 'EntityDescriptor') throw new MetadataError('the root element is not a SAML 2.0 md:EntityDescriptor');
  const entityId = root.getAttribute('entityID');
  if (!entityId) throw new MetadataError('EntityDescriptor has no entityID');
  const idp = child(root, MD_NS, 'IDPSSODescriptor');
  if (!idp) throw new MetadataError('no IDPSSODescriptor: this is not an identity provider\'s metadata');
  const services = children(idp, MD_NS, 'SingleSignOnService');
  const sso = services.find((s) => s.getAttribute('Binding') === REDIRECT) ?? services.find((s) => s.getAttribute('Binding') === POST);
  const ssoUrl = sso?.getAttribute('Location');
  if (!ssoUrl) throw new MetadataError('no SingleSignOnService with the HTTP-Redirect or HTTP-POST binding');
  const certificates: string[] = [];
  for (const kd of children(idp, MD_NS, 'KeyDescriptor')) {
    const use = kd.getAttribute('use');
    if (use && use !== 'signing') continue;
    const keyInfo = child(kd, DS_NS, 'KeyInfo');
    for (const data of keyInfo ? children(keyInfo, DS_NS, 'X509Data') : []) {
      for (const c of children(data, DS_NS, 'X509Certificate')) {
        const text = plainText(c)?.replace(/\s+/g, '');
        if (text && !certificates.includes(text)) certificates.push(text);
      }
    }
  }
  if (!certificates.length) throw new MetadataError('no signing certificate (KeyDescriptor use="signing" with an X509Certificate)');
  return { entityId, ssoUrl, certificates: certificates.map(toPem) };
}

export function toPem(base64OrPem: string): string {
  const trimmed = base64OrPem.trim();
  if (trimmed.startsWith('-----BEGIN')) return trimmed;
  const body = trimmed.replace(/\s+/g, '').match(/.{1,64}/g)?.join('\n') ?? '';
  return `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----`;
}
