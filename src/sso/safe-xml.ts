// Parsing XML that came from outside (SAML responses, IdP metadata). A DTD is refused before any
// parser sees the document: it is the vehicle of XXE and entity expansion ("billion laughs"), and of
// entity-valued ID attributes (CVE-2025-23369 technique). No conformant IdP sends one: SAML messages
// are schema-validated documents without DTDs (SAML core §1.3, which types everything by XML Schema).
import { DOMParser } from '@xmldom/xmldom';

export const SAML_NS = 'urn:oasis:names:tc:SAML:2.0:assertion';
export const SAMLP_NS = 'urn:oasis:names:tc:SAML:2.0:protocol';
export const MD_NS = 'urn:oasis:names:tc:SAML:2.0:metadata';
export const DS_NS = 'http://www.w3.org/2000/09/xmldsig#';

export class UnsafeXml extends Error {}

/** Refuses DTDs, and comments or processing instructions anywhere but the XML declaration. */
export function refuseUnsafeXml(xml: string, opts: { allowComments?: boolean } = {}): void {
  if (/<!DOCTYPE/i.test(xml) || /<!ENTITY/i.test(xml)) throw new UnsafeXml('the document has a DTD (DOCTYPE/ENTITY), which is never accepted');
  const body = xml.replace(/^\uFEFF?\s*<\?xml[^?]*\?>/, '');
  if (/<\?/.test(body)) throw new UnsafeXml('the document contains a processing instruction');
  // Comments inside signed content are how NameID truncation works (CVE-2017-11427 family, VU#475445).
  if (!opts.allowComments && body.includes('<!--')) throw new UnsafeXml('the document contains an XML comment');
}

export function parseXml(xml: string): Document {
  const errors: string[] = [];
  const doc = new DOMParser({
    errorHandler: (level: string, msg: unknown) => {
      if (level !== 'warning') errors.push(String(msg));
    },
  }).parseFromString(xml, 'text/xml');
  if (errors.length || !doc.documentElement) throw new UnsafeXml(`not well-formed XML: ${errors[0] ?? 'no root element'}`);
  return doc;
}

export function children(el: Element, ns: string, local: string): Element[] {
  const out: Element[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1 && (n as Element).namespaceURI === ns && (n as Element).localName === local) out.push(n as Element);
  }
  return out;
}

export function child(el: Element, ns: string, local: string): Element | undefined {
  return children(el, ns, local)[0];
}

/** The text of an element that must hold only text (no child elements, comments or PIs). */
export function plainText(el: Element | undefined): string | null {
  if (!el) return null;
  let text = '';
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType !== 3 && n.nodeType !== 4) return null;
    text += n.nodeValue ?? '';
  }
  return text.trim();
}
