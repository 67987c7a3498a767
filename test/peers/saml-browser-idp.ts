// A SAML identity provider a real browser signs in at: it answers the HTTP-Redirect AuthnRequest
// with a small sign-in form (any address: it is a test IdP), then posts a Response signed with
// xml-crypto (Response and assertion) to the SP's ACS through an auto-submitting form, as IdPs do.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inflateRawSync } from 'node:zlib';
import { b64, idpMetadata, makeKeyPair, responseXml, sign, type KeyPair } from './saml-idp.ts';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const attr = (xml: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(xml)?.[1] ?? '';

export interface BrowserIdp {
  url: string;
  entityId: string;
  metadataXml: string;
  keys: KeyPair;
  close(): Promise<void>;
}

function formPage(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title></head><body><main><h1>${esc(title)}</h1>${body}</main></body></html>`;
}

export async function startBrowserIdp(entityId = 'urn:test:browser-idp'): Promise<BrowserIdp> {
  const keys = makeKeyPair('browser-idp');
  let url = '';
  const server: Server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', url);
    if (req.method === 'GET' && u.pathname === '/sso') {
      const request = inflateRawSync(Buffer.from(u.searchParams.get('SAMLRequest') ?? '', 'base64')).toString();
      const fields = { id: attr(request, 'ID'), acs: attr(request, 'AssertionConsumerServiceURL'), audience: /<(?:saml:)?Issuer[^>]*>([^<]+)</.exec(request)?.[1] ?? '', relayState: u.searchParams.get('RelayState') ?? '' };
      const hidden = Object.entries(fields).map(([k, v]) => `<input type="hidden" name="${k}" value="${esc(v)}">`).join('');
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(formPage('Test IdP: sign in', `<form method="post" action="/login">${hidden}
<label for="email">Email</label> <input id="email" name="email" type="email" required>
<label for="name">Name</label> <input id="name" name="name">
<label for="groups">Groups (comma-separated)</label> <input id="groups" name="groups">
<button type="submit">Sign in</button></form>`));
      return;
    }
    if (req.method === 'POST' && u.pathname === '/login') {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const f = new URLSearchParams(Buffer.concat(chunks).toString());
        const email = f.get('email') ?? '';
        const xml = sign(responseXml({
          issuer: entityId, audience: f.get('audience') ?? '', acsUrl: f.get('acs') ?? '', inResponseTo: f.get('id') || null, nameId: email,
          attributes: { email: [email], ...(f.get('name') ? { name: [f.get('name')!] } : {}), groups: (f.get('groups') ?? '').split(',').map((g) => g.trim()).filter(Boolean) },
        }), { assertion: true, response: true }, { key: keys.key });
        const relay = f.get('relayState') ? `<input type="hidden" name="RelayState" value="${esc(f.get('relayState')!)}">` : '';
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(formPage('Signing you in…', `<form method="post" action="${esc(f.get('acs') ?? '')}">
<input type="hidden" name="SAMLResponse" value="${b64(xml)}">${relay}<noscript><button type="submit">Continue</button></noscript></form>
<script>document.forms[0].submit()</script>`));
      });
      return;
    }
    res.writeHead(404).end();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url, entityId, keys,
    metadataXml: idpMetadata(entityId, `${url}/sso`, [keys.cert]),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
