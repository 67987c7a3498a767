// A real OpenID provider (panva/oidc-provider) on loopback for tests: authorization code + PKCE
// (required), users chosen with login_hint and logged in without a form, `groups` in the ID token,
// keys generated per run and rotatable by restart (same port, new keys).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import Provider from 'oidc-provider';

export interface OpUser {
  email?: string;
  email_verified?: boolean;
  name?: string;
  groups?: unknown;
  [claim: string]: unknown;
}

export interface OpClient {
  client_id: string;
  client_secret?: string;
  redirect_uris: string[];
  token_endpoint_auth_method?: string;
  jwks?: { keys: object[] };
}

async function newKeys(): Promise<JWK[]> {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  return [{ ...(await exportJWK(privateKey)), kid: `op-${Math.random().toString(36).slice(2, 10)}`, alg: 'RS256', use: 'sig' }];
}

export class TestOp {
  issuer = '';
  keys: JWK[] = [];
  private server: Server | null = null;
  private port = 0;
  readonly users = new Map<string, OpUser>();
  /** false: a conforming OP (groups only in UserInfo, as oidc-provider does by default). */
  groupsInIdToken = true;
  clients: OpClient[] = [{ client_id: 'gatehouse', client_secret: 'gatehouse-test-secret-0123456789abcdef', redirect_uris: ['http://127.0.0.1/placeholder'] }];

  async start(): Promise<this> {
    this.keys = await newKeys();
    await this.listen();
    return this;
  }

  /** Restarts on the same port with the current clients (and, when asked, new signing keys). */
  async restart(opts: { rotateKeys?: boolean } = {}): Promise<void> {
    if (opts.rotateKeys) this.keys = await newKeys();
    await this.close();
    await this.listen();
  }

  async close(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (s) {
      s.closeAllConnections();
      await new Promise<void>((r) => s.close(() => r()));
    }
  }

  private async listen(): Promise<void> {
    const server = createServer();
    await new Promise<void>((r) => server.listen(this.port, '127.0.0.1', () => r()));
    this.port = (server.address() as AddressInfo).port;
    this.issuer = `http://127.0.0.1:${this.port}`;
    const users = this.users;
    const provider = new Provider(this.issuer, {
      clients: this.clients.map((c) => ({ grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'client_secret_basic', ...c })),
      jwks: { keys: this.keys as never },
      pkce: { required: () => true },
      conformIdTokenClaims: !this.groupsInIdToken, // false: scope-requested claims (groups) in the ID token, as Okta does
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'] },
      features: { devInteractions: { enabled: false } },
      interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
      cookies: { keys: ['test-cookie-key-0123456789'] },
      ttl: { AuthorizationCode: 600, IdToken: 3600, AccessToken: 3600, Grant: 3600, Session: 3600, Interaction: 600 },
      async findAccount(_ctx: unknown, sub: string) {
        const u = users.get(sub);
        return u ? { accountId: sub, claims: async () => ({ sub, ...u }) } : undefined;
      },
      // Consent is implied in tests: grant whatever the client asked for.
      async loadExistingGrant(ctx: any) {
        const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
        grant.addOIDCScope(ctx.oidc.params.scope);
        await grant.save();
        return grant;
      },
    } as never);
    // The "login page": logs in whoever login_hint names, without a form.
    provider.use(async (ctx, next) => {
      const m = /^\/interaction\/([^/]+)$/.exec(ctx.path);
      if (!m) return next();
      const details = await provider.interactionDetails(ctx.req, ctx.res);
      const hint = String((details.params as Record<string, unknown>).login_hint ?? '');
      const result = users.has(hint) ? { login: { accountId: hint } } : { error: 'access_denied', error_description: 'unknown user' };
      await provider.interactionFinished(ctx.req, ctx.res, result, { mergeWithLastSubmission: false });
    });
    server.on('request', provider.callback());
    this.server = server;
  }
}

/** A cookie-keeping walk through redirects until one leaves the OP (to our callback). */
export async function followToCallback(startUrl: string, opOrigin: string, maxSteps = 10): Promise<string> {
  const jar = new Map<string, string>();
  let url = startUrl;
  for (let i = 0; i < maxSteps; i++) {
    if (!url.startsWith(opOrigin)) return url;
    const res = await fetch(url, { redirect: 'manual', headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
    const location = res.headers.get('location');
    if (!location) throw new Error(`OP answered ${res.status} without a redirect at ${url}: ${(await res.text()).slice(0, 300)}`);
    url = new URL(location, url).href;
  }
  throw new Error('too many redirects at the OP');
}
