// A hostile (or broken) OpenID provider: real discovery, JWKS and token endpoints, but the ID token
// it returns is whatever the test mints. Used to prove the relying party refuses each forgery.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';

export interface MintContext {
  issuer: string;
  clientId: string;
  nonce: string;
  /** The provider's real signing key and its published kid. */
  key: CryptoKey;
  kid: string;
  /** A correctly signed token with these claims (defaults: the expected ones). */
  good(claims?: Record<string, unknown>): Promise<string>;
}

export class RogueOp {
  issuer = '';
  kid = 'rogue-1';
  mint: (ctx: MintContext) => Promise<string> = (ctx) => ctx.good();
  subject = 'eve';
  claims: Record<string, unknown> = {};
  private server: Server | null = null;
  private key!: CryptoKey;
  private publicJwk!: JWK;
  private nonces = new Map<string, string>();

  constructor(readonly clientId: string, readonly clientSecret: string) {}

  async start(): Promise<this> {
    const pair = await generateKeyPair('RS256', { extractable: true });
    this.key = pair.privateKey;
    this.publicJwk = { ...(await exportJWK(pair.publicKey)), kid: this.kid, alg: 'RS256', use: 'sig' };
    const server = createServer((req, res) => void this.handle(req.url ?? '/', req.method ?? 'GET', res));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    this.issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    this.server = server;
    return this;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  private json(res: import('node:http').ServerResponse, body: unknown) {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }

  private async handle(url: string, method: string, res: import('node:http').ServerResponse) {
    const u = new URL(url, this.issuer);
    if (u.pathname === '/.well-known/openid-configuration') {
      return this.json(res, {
        issuer: this.issuer, authorization_endpoint: `${this.issuer}/authorize`, token_endpoint: `${this.issuer}/token`, jwks_uri: `${this.issuer}/jwks`,
        response_types_supported: ['code'], subject_types_supported: ['public'], id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'], token_endpoint_auth_methods_supported: ['client_secret_basic'],
      });
    }
    if (u.pathname === '/jwks') return this.json(res, { keys: [this.publicJwk] });
    if (u.pathname === '/authorize') {
      const code = `code-${Math.random().toString(36).slice(2)}`;
      this.nonces.set(code, u.searchParams.get('nonce') ?? '');
      const back = new URL(u.searchParams.get('redirect_uri')!);
      back.searchParams.set('code', code);
      back.searchParams.set('state', u.searchParams.get('state') ?? '');
      res.writeHead(302, { location: back.href }).end();
      return;
    }
    if (u.pathname === '/token' && method === 'POST') {
      const nonce = [...this.nonces.values()].pop() ?? '';
      const ctx: MintContext = {
        issuer: this.issuer, clientId: this.clientId, nonce, key: this.key, kid: this.kid,
        good: (claims = {}) => {
          const now = Math.floor(Date.now() / 1000);
          // Overrides come last so a test can set any registered claim (iss, aud, exp…) to a wrong value.
          const payload = { iss: this.issuer, aud: this.clientId, sub: this.subject, iat: now, exp: now + 300, nonce, email: 'eve@example.test', email_verified: true, ...this.claims, ...claims };
          return new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: this.kid }).sign(this.key);
        },
      };
      return this.json(res, { access_token: 'at', token_type: 'Bearer', expires_in: 300, id_token: await this.mint(ctx) });
    }
    res.writeHead(404).end();
  }
}
