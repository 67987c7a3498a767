// The OpenID Connect relying party: discovery (cached per connection version), the authorization
// request (code + PKCE S256, state, nonce), and the token exchange with ID-token validation.
import { importJWK, type CryptoKey, type JWK } from 'jose';
import * as client from 'openid-client';
import type { ConnectionSecrets, OidcSettings } from './connection-types.ts';

interface Cached {
  version: number;
  config: Promise<client.Configuration>;
}
const cache = new Map<string, Cached>();

function clientAuth(settings: OidcSettings, secrets: ConnectionSecrets, key: CryptoKey | null): client.ClientAuth {
  switch (settings.clientAuth) {
    case 'client_secret_basic':
      return client.ClientSecretBasic(secrets.clientSecret);
    case 'client_secret_post':
      return client.ClientSecretPost(secrets.clientSecret);
    case 'private_key_jwt':
      return client.PrivateKeyJwt(key!, { kid: secrets.clientPrivateJwk?.kid } as never);
  }
}

/** Discovers the issuer and builds the client; `allowHttp` exists for loopback test peers only. */
export async function discover(settings: OidcSettings, secrets: ConnectionSecrets, allowHttp: boolean): Promise<client.Configuration> {
  const key = settings.clientAuth === 'private_key_jwt' ? ((await importJWK(secrets.clientPrivateJwk as JWK, 'ES256')) as CryptoKey) : null;
  const config = await client.discovery(
    new URL(settings.issuer),
    settings.clientId,
    {},
    clientAuth(settings, secrets, key),
    { execute: allowHttp ? [client.allowInsecureRequests] : [], timeout: 10 },
  );
  // openid-client only checks an ID token's signature when asked (without it, a token signed
  // with an attacker's key under the real kid is accepted, since the token came over TLS; tried in
  // test/sso/oidc-attacks.test.ts).
  client.enableNonRepudiationChecks(config);
  return config;
}

export function cachedConfiguration(id: string, version: number, load: () => Promise<client.Configuration>): Promise<client.Configuration> {
  const hit = cache.get(id);
  if (hit && hit.version === version) return hit.config;
  const config = load();
  cache.set(id, { version, config });
  config.catch(() => {
    if (cache.get(id)?.config === config) cache.delete(id);
  });
  return config;
}

/**
 * Forgets a connection's discovered configuration (and with it openid-client's JWKS cache, which
 * refetches for an unknown kid only once a minute): the next sign-in discovers afresh.
 */
export function forgetConfiguration(id: string): void {
  cache.delete(id);
}

export function authorizationUrl(config: client.Configuration, p: { redirectUri: string; scopes: string[]; state: string; nonce: string; codeChallenge: string; loginHint?: string }): URL {
  return client.buildAuthorizationUrl(config, {
    redirect_uri: p.redirectUri,
    response_type: 'code',
    scope: p.scopes.join(' '),
    state: p.state,
    nonce: p.nonce,
    code_challenge: p.codeChallenge,
    code_challenge_method: 'S256',
    ...(p.loginHint ? { login_hint: p.loginHint } : {}),
  });
}

export const newPkce = async () => {
  const verifier = client.randomPKCECodeVerifier();
  return { verifier, challenge: await client.calculatePKCECodeChallenge(verifier) };
};
export const randomState = () => client.randomState();
export const randomNonce = () => client.randomNonce();

/** Exchanges the code; validates state, nonce, iss (RFC 9207), aud, exp and the signature. */
export async function exchangeCode(config: client.Configuration, callbackUrl: URL, checks: { state: string; nonce: string; verifier: string }) {
  const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
    expectedState: checks.state,
    expectedNonce: checks.nonce,
    pkceCodeVerifier: checks.verifier,
    idTokenExpected: true,
  });
  const claims = tokens.claims();
  if (!claims) throw new Error('the token response has no ID token');
  return { claims: claims as client.IDToken & Record<string, unknown>, accessToken: tokens.access_token };
}

/**
 * UserInfo (OIDC Core §5.3) for claims an OP returns there only (a conforming OP puts scope-requested
 * claims such as `groups` in UserInfo when an access token is issued). Its `sub` must be the ID token's
 * (§5.3.2), which fetchUserInfo checks.
 */
export async function userInfo(config: client.Configuration, accessToken: string, sub: string): Promise<Record<string, unknown> | null> {
  if (!config.serverMetadata().userinfo_endpoint) return null;
  return (await client.fetchUserInfo(config, accessToken, sub)) as Record<string, unknown>;
}
