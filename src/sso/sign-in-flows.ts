// The protocol steps of sign-in as plain functions: start (SP-initiated, SAML or OIDC), the SAML ACS,
// and the OIDC callback. The express adapter (sso-router.ts) only moves requests and answers.
import { randomBytes } from 'node:crypto';
import type { AppDeps } from '../app-deps.ts';
import { isInvitationToken } from '../invitations/issue.ts';
import { secretBox } from '../sessions/secret-box.ts';
import type { SessionTokens } from '../sessions/service.ts';
import * as store from './connection-store.ts';
import { connectionUrls, openSecrets } from './connection-types.ts';
import { findOrg, findOrgAndConnection, type OrgForSignIn } from './directory-store.ts';
import type { ExternalIdentity } from './identity.ts';
import { authorizationUrl, cachedConfiguration, discover, exchangeCode, forgetConfiguration, newPkce, randomNonce, randomState, userInfo } from './oidc-client.ts';
import { refuse } from './refusal.ts';
import { checkReturnTo } from './return-to.ts';
import { consumeSamlResponse } from './saml-acs.ts';
import { authnRequestUrl, type SamlTarget } from './saml-client.ts';
import { completeSignIn, finishSignIn, prepareSignIn, type RequestMeta } from './sign-in.ts';
import { consumeLoginState, insertLoginState, purgeExpired } from './state-store.ts';

type Deps = Pick<AppDeps, 'db' | 'config'>;
const VERIFIER_PURPOSE = 'oidc-code-verifier';
const INVITATION_PURPOSE = 'sign-in-invitation';

export async function loadOrg(deps: Deps, ref: string): Promise<OrgForSignIn> {
  const org = await findOrg(deps.db, ref);
  if (!org) throw refuse('connection_not_found', 'no such organization', 404);
  return org;
}

/** A connection that may admit people right now: a disabled one admits nobody, on any path. */
export async function loadConnection(deps: Deps, org: OrgForSignIn, id: string, protocol?: 'saml' | 'oidc'): Promise<store.ConnectionRow> {
  const conn = /^[0-9a-f-]{36}$/i.test(id) ? await store.findConnection(deps.db, org.id, id) : undefined;
  return admitting(conn, protocol);
}

function admitting(conn: store.ConnectionRow | undefined, protocol?: 'saml' | 'oidc'): store.ConnectionRow {
  if (!conn || (protocol && conn.protocol !== protocol)) throw refuse('connection_not_found', 'no such SSO connection', 404);
  if (!conn.enabled) throw refuse('connection_disabled', 'this SSO connection is disabled', 403, { connectionId: conn.id });
  return conn;
}

/** Organization and connection of a protocol endpoint, in one round trip (the hot path of sign-in). */
async function loadEndpoint(deps: Deps, orgRef: string, id: string, protocol: 'saml' | 'oidc') {
  const found = /^[0-9a-f-]{36}$/i.test(id) ? await findOrgAndConnection(deps.db, orgRef, id) : undefined;
  return { org: found?.org as OrgForSignIn, conn: admitting(found?.connection, protocol) };
}

export function samlTarget(deps: Deps, org: OrgForSignIn, conn: store.ConnectionRow): SamlTarget {
  if (!('saml' in conn.settings)) throw refuse('connection_not_found', 'not a SAML connection', 404);
  return {
    id: conn.id, orgSlug: org.slug, version: conn.updated_at.getTime(), settings: conn.settings.saml, publicUrl: deps.config.publicUrl,
    decryptionKey: openSecrets(secretBox(deps.config.encryptionKey), conn.secrets_sealed).samlDecryptionKey,
  };
}

function oidcConfig(deps: Deps, conn: store.ConnectionRow) {
  if (!('oidc' in conn.settings)) throw refuse('connection_not_found', 'not an OIDC connection', 404);
  const settings = conn.settings.oidc;
  const secrets = openSecrets(secretBox(deps.config.encryptionKey), conn.secrets_sealed);
  return { settings, config: cachedConfiguration(conn.id, conn.updated_at.getTime(), () => discover(settings, secrets, deps.config.oidcAllowHttpIssuers)) };
}

/** GET /sso/{org}/login: picks the connection (by id, by email domain, or the only one) and redirects to the IdP. */
export async function startSignIn(deps: Deps, orgRef: string, q: { connection?: string; email?: string; return_to?: string; invitation?: string }): Promise<string> {
  const org = await loadOrg(deps, orgRef);
  const returnTo = checkReturnTo(q.return_to, deps.config.returnToOrigins);
  if (returnTo === null) throw refuse('invalid_return_to', 'return_to: must be a path on this site or a URL of an allowed origin', 400, { field: 'return_to' });
  if (q.invitation !== undefined && !isInvitationToken(q.invitation)) {
    throw refuse('invalid_invitation', 'invitation: not an invitation link\'s secret; open the link from the most recent invitation mail', 400, { field: 'invitation' });
  }
  // The link's secret waits, sealed, beside the protocol state until the IdP answers.
  const invitationSealed = q.invitation ? secretBox(deps.config.encryptionKey).seal(q.invitation, INVITATION_PURPOSE) : null;
  let conn: store.ConnectionRow | undefined;
  if (q.connection) conn = await loadConnection(deps, org, q.connection);
  else {
    // Home-realm discovery: the connection that owns the address's domain, else the only one there is.
    const domain = q.email ? q.email.slice(q.email.lastIndexOf('@') + 1).toLowerCase() : null;
    conn = domain ? await store.findEnabledByDomain(deps.db, org.id, domain) : undefined;
    if (!conn) {
      const enabled = (await store.listConnections(deps.db, org.id)).filter((c) => c.enabled);
      if (enabled.length !== 1) {
        throw refuse('connection_not_found', domain ? `no enabled SSO connection serves ${domain}` : `give connection or email: this organization has ${enabled.length ? 'several' : 'no'} enabled SSO connections`, enabled.length ? 400 : 404);
      }
      conn = enabled[0]!;
    }
  }
  if (Math.random() < 0.01) purgeExpired(deps.db).catch(() => {});
  if (conn.protocol === 'saml') {
    const requestId = `_${randomBytes(20).toString('hex')}`;
    await insertLoginState(deps.db, { id: requestId, org_id: org.id, connection_id: conn.id, nonce: null, code_verifier_sealed: null, return_to: returnTo, invitation_sealed: invitationSealed });
    return authnRequestUrl(samlTarget(deps, org, conn), requestId);
  }
  const { settings, config } = oidcConfig(deps, conn);
  const [state, nonce, pkce] = [randomState(), randomNonce(), await newPkce()];
  await insertLoginState(deps.db, {
    id: state, org_id: org.id, connection_id: conn.id, nonce, return_to: returnTo, invitation_sealed: invitationSealed,
    code_verifier_sealed: secretBox(deps.config.encryptionKey).seal(pkce.verifier, VERIFIER_PURPOSE),
  });
  const urls = connectionUrls(deps.config.publicUrl, org.slug, conn.id);
  return authorizationUrl(await config, { redirectUri: urls.redirectUri, scopes: settings.scopes, state, nonce, codeChallenge: pkce.challenge, loginHint: q.email }).href;
}

const openInvitation = (deps: Deps, sealed: string | null) => (sealed ? secretBox(deps.config.encryptionKey).open(sealed, INVITATION_PURPOSE) : null);

export type FlowResult =
  | { kind: 'signed_in'; org: OrgForSignIn; tokens: SessionTokens; returnTo: string }
  | { kind: 'redirect'; location: string };

export async function samlAcs(deps: Deps, orgRef: string, id: string, body: Record<string, unknown>, meta: RequestMeta): Promise<FlowResult> {
  const { org, conn } = await loadEndpoint(deps, orgRef, id, 'saml');
  const target = samlTarget(deps, org, conn);
  const outcome = await consumeSamlResponse({
    db: deps.db, orgId: org.id, connectionId: conn.id, allowIdpInitiated: conn.allow_idp_initiated, target,
    acsUrl: connectionUrls(deps.config.publicUrl, org.slug, conn.id).acsUrl, samlResponse: body.SAMLResponse, relayState: body.RelayState,
  }, (identity) => prepareSignIn(deps, org, conn, identity, meta));
  if (outcome.kind === 'idp_initiated_refused') {
    // Unsolicited responses cannot be bound to a browser that asked for them (login CSRF); start over
    // SP-initiated, which the IdP will answer for the same person without a prompt.
    const back = checkReturnTo(outcome.relayState, deps.config.returnToOrigins) ?? '/';
    throw refuse('idp_initiated_refused', 'IdP-initiated sign-in is not enabled for this connection; signing in again from here', 303, {
      location: `${connectionUrls(deps.config.publicUrl, org.slug, conn.id).loginUrl}&return_to=${encodeURIComponent(back)}`,
    });
  }
  const returnTo = checkReturnTo(outcome.returnTo, deps.config.returnToOrigins) ?? '/';
  const tokens = await finishSignIn(deps, outcome.ahead, openInvitation(deps, outcome.invitationSealed));
  return { kind: 'signed_in', org, tokens, returnTo };
}

const strings = (v: unknown): string[] | null => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : null);

export async function oidcCallback(deps: Deps, orgRef: string, id: string, search: string, meta: RequestMeta): Promise<FlowResult> {
  const { org, conn } = await loadEndpoint(deps, orgRef, id, 'oidc');
  const params = new URLSearchParams(search);
  const stateParam = params.get('state');
  // State is single use and bound to this connection: a replayed callback stops here, before the
  // token endpoint is called (RFC 9700 §4.7: state binds the callback to the one sign-in).
  const state = stateParam ? await consumeLoginState(deps.db, org.id, conn.id, stateParam) : undefined;
  if (!state) throw refuse('state_unknown', 'this sign-in was not started here, has expired, or was already completed', 400);
  if (params.get('error')) throw refuse('idp_error', `the identity provider answered ${params.get('error')}: ${params.get('error_description') ?? ''}`.trim(), 400);
  const { settings, config } = oidcConfig(deps, conn);
  const callbackUrl = new URL(connectionUrls(deps.config.publicUrl, org.slug, conn.id).redirectUri);
  callbackUrl.search = search;
  let claims: Record<string, unknown> & { sub: string };
  try {
    const exchanged = await exchangeCode(await config, callbackUrl, {
      state: state.id, nonce: state.nonce!, verifier: secretBox(deps.config.encryptionKey).open(state.code_verifier_sealed!, VERIFIER_PURPOSE),
    });
    claims = exchanged.claims;
    const wanted = [settings.claims.groups, settings.claims.email, settings.claims.name];
    const overage = claims.hasgroups === true || (claims._claim_names as Record<string, unknown> | undefined)?.[settings.claims.groups] !== undefined;
    if (!overage && exchanged.accessToken && wanted.some((c) => claims[c] === undefined)) {
      // Only the claims the ID token lacks are taken from UserInfo; the ID token wins where both have one.
      const info = await userInfo(await config, exchanged.accessToken, claims.sub);
      if (info) claims = { ...Object.fromEntries(wanted.filter((c) => info[c] !== undefined).map((c) => [c, info[c]])), ...claims, ...(info.email_verified !== undefined && claims.email_verified === undefined ? { email_verified: info.email_verified } : {}) };
    }
  } catch (e) {
    // An unknown signing key usually means the IdP rotated its keys: rediscover for the next attempt.
    if ((e as { code?: string }).code === 'OAUTH_KEY_SELECTION_FAILED') forgetConfiguration(conn.id);
    const oauth = e as { error?: string; error_description?: string };
    throw refuse('token_rejected', `the identity provider's answer was rejected: ${(e as Error).message}${oauth.error ? ` (${oauth.error}: ${oauth.error_description ?? ''})` : ''}`, 400);
  }
  // OIDC Core §3.1.3.7 (6): when azp is present it must be us (openid-client only checks it for multi-aud).
  if (claims.azp !== undefined && claims.azp !== settings.clientId) throw refuse('token_rejected', 'the ID token was issued to another client (azp)', 400);
  const groupsClaim = claims[settings.claims.groups];
  const groups = groupsClaim === undefined ? [] : strings(groupsClaim);
  if (groups === null) throw refuse('invalid_attributes', `claim ${settings.claims.groups} must be an array of strings`, 400);
  const claimNames = claims._claim_names as Record<string, unknown> | undefined;
  const email = typeof claims[settings.claims.email] === 'string' ? (claims[settings.claims.email] as string) : null;
  const name = typeof claims[settings.claims.name] === 'string' ? (claims[settings.claims.name] as string) : null;
  const identity: ExternalIdentity = {
    subject: claims.sub,
    email,
    emailVerified: email !== null && claims.email_verified === true,
    name,
    groups,
    // Entra ID: `_claim_names.groups` (or implicit-flow `hasgroups`) instead of the groups past 200
    // groups (Microsoft Learn, "Configure group claims for applications").
    groupsOverage: groupsClaim === undefined && (claims.hasgroups === true || (typeof claimNames === 'object' && claimNames !== null && settings.claims.groups in claimNames)),
  };
  const returnTo = checkReturnTo(state.return_to, deps.config.returnToOrigins) ?? '/';
  const tokens = await completeSignIn(deps, org, conn, identity, meta, openInvitation(deps, state.invitation_sealed));
  return { kind: 'signed_in', org, tokens, returnTo };
}
