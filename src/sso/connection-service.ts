// SSO connections: create, read, update (enable/disable), delete. Secrets are sealed; nothing secret
// is ever returned. An OIDC issuer must answer discovery before it is saved.
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { exportJWK, generateKeyPair } from 'jose';
import type { Knex } from 'knex';
import type { AppDeps } from '../app-deps.ts';
import { recordEvent } from '../audit/service.ts';
import type { RequestContext } from '../http/actor.ts';
import { conflict, invalidField, notFound } from '../http/errors.ts';
import { requireOrgPermission } from '../orgs/guard.ts';
import { secretBox } from '../sessions/secret-box.ts';
import type { CreateConnection, UpdateConnection } from './connection-schemas.ts';
import * as store from './connection-store.ts';
import {
  connectionUrls, OIDC_DEFAULT_CLAIMS, OIDC_DEFAULT_SCOPES, openSecrets, SAML_DEFAULT_ATTRIBUTES, sealSecrets,
  type ConnectionSecrets, type ConnectionSettings, type OidcSettings, type SamlSettings,
} from './connection-types.ts';
import { discover } from './oidc-client.ts';
import { MetadataError, parseIdpMetadata, toPem } from './saml-metadata.ts';

type Deps = Pick<AppDeps, 'db' | 'config'>;

function describeCert(pem: string) {
  const c = new X509Certificate(pem);
  return { pem, sha256: c.fingerprint256, notAfter: new Date(c.validTo).toISOString() };
}

export function presentConnection(deps: Deps, orgSlug: string, c: store.ConnectionRow) {
  const urls = connectionUrls(deps.config.publicUrl, orgSlug, c.id);
  const s = c.settings;
  return {
    id: c.id,
    name: c.name,
    protocol: c.protocol,
    enabled: c.enabled,
    allowIdpInitiated: c.allow_idp_initiated,
    emailDomains: c.email_domains,
    saml: 'saml' in s ? {
      idpEntityId: s.saml.idpEntityId, ssoUrl: s.saml.ssoUrl, certificates: s.saml.certificates.map(describeCert),
      wantResponseSigned: s.saml.wantResponseSigned, encryption: s.saml.encryptionCertificate ? { certificate: s.saml.encryptionCertificate } : null,
      attributes: s.saml.attributes, groupsOverage: s.saml.groupsOverage, spEntityId: urls.spEntityId, acsUrl: urls.acsUrl, metadataUrl: urls.metadataUrl,
    } : null,
    oidc: 'oidc' in s ? {
      issuer: s.oidc.issuer, clientId: s.oidc.clientId, clientAuth: s.oidc.clientAuth, hasClientSecret: Boolean(c.secrets_sealed) && s.oidc.clientAuth !== 'private_key_jwt',
      clientPublicJwk: s.oidc.clientPublicJwk as Record<string, unknown> | null, scopes: s.oidc.scopes, claims: s.oidc.claims,
      groupsOverage: s.oidc.groupsOverage, redirectUri: urls.redirectUri,
    } : null,
    loginUrl: urls.loginUrl,
    ownerApproved: c.owner_approved,
    createdAt: c.created_at.toISOString(),
    updatedAt: c.updated_at.toISOString(),
  };
}

function checkCertificate(pem: string, field: string): string {
  const normalized = toPem(pem);
  try {
    new X509Certificate(normalized);
  } catch {
    throw invalidField(field, 'is not a PEM or base64 X.509 certificate');
  }
  return normalized;
}

const METADATA_LIMIT = 1_000_000;

/** Fetches IdP metadata once, when the connection is saved: https only, no redirects, 10 s, 1 MB. */
async function fetchMetadata(url: string, allowHttp: boolean): Promise<string> {
  if (!url.startsWith('https:') && !allowHttp) throw invalidField('saml.metadataUrl', 'must be an https URL');
  let res: Response;
  try {
    res = await fetch(url, { redirect: 'error', signal: AbortSignal.timeout(10_000), headers: { accept: 'application/samlmetadata+xml, application/xml, text/xml' } });
  } catch (e) {
    throw invalidField('saml.metadataUrl', `could not be fetched: ${(e as Error).message}`);
  }
  if (!res.ok) throw invalidField('saml.metadataUrl', `answered HTTP ${res.status}`);
  if (Number(res.headers.get('content-length') ?? 0) > METADATA_LIMIT) throw invalidField('saml.metadataUrl', 'is larger than 1 MB');
  const text = await res.text();
  if (text.length > METADATA_LIMIT) throw invalidField('saml.metadataUrl', 'is larger than 1 MB');
  return text;
}

async function buildSaml(deps: Deps, input: NonNullable<CreateConnection['saml']>, prev: SamlSettings | null, secrets: ConnectionSecrets): Promise<SamlSettings> {
  let fromMetadata: Partial<SamlSettings> = {};
  if (input.metadataXml !== undefined && input.metadataUrl !== undefined) throw invalidField('saml.metadataUrl', 'give metadataXml or metadataUrl, not both');
  const metadataXml = input.metadataUrl !== undefined ? await fetchMetadata(input.metadataUrl, deps.config.oidcAllowHttpIssuers) : input.metadataXml;
  if (metadataXml !== undefined) {
    const field = input.metadataUrl !== undefined ? 'saml.metadataUrl' : 'saml.metadataXml';
    try {
      const m = parseIdpMetadata(metadataXml);
      fromMetadata = { idpEntityId: m.entityId, ssoUrl: m.ssoUrl, certificates: m.certificates.slice(0, 2) };
    } catch (e) {
      if (e instanceof MetadataError) throw invalidField(field, e.message);
      throw e;
    }
  }
  const idpEntityId = input.idpEntityId ?? fromMetadata.idpEntityId ?? prev?.idpEntityId;
  const ssoUrl = input.ssoUrl ?? fromMetadata.ssoUrl ?? prev?.ssoUrl;
  const certificates = (input.certificates ?? fromMetadata.certificates ?? prev?.certificates)?.map((c, i) => checkCertificate(c, `saml.certificates.${i}`));
  if (!idpEntityId) throw invalidField('saml.idpEntityId', 'is required (or give saml.metadataXml)');
  if (!ssoUrl) throw invalidField('saml.ssoUrl', 'is required (or give saml.metadataXml)');
  if (!certificates?.length) throw invalidField('saml.certificates', 'at least one IdP signing certificate is required (or give saml.metadataXml)');
  let encryptionCertificate = prev?.encryptionCertificate ?? null;
  if (input.encryption === null) {
    encryptionCertificate = null;
    delete secrets.samlDecryptionKey;
  } else if (input.encryption) {
    encryptionCertificate = checkCertificate(input.encryption.certificate, 'saml.encryption.certificate');
    try {
      const key = createPrivateKey(input.encryption.privateKey);
      if (key.asymmetricKeyType !== 'rsa') throw new Error();
      secrets.samlDecryptionKey = key.export({ type: 'pkcs8', format: 'pem' }).toString();
    } catch {
      throw invalidField('saml.encryption.privateKey', 'must be an RSA private key in PEM');
    }
  }
  return {
    idpEntityId, ssoUrl, certificates, encryptionCertificate,
    wantResponseSigned: input.wantResponseSigned ?? prev?.wantResponseSigned ?? true,
    attributes: { ...SAML_DEFAULT_ATTRIBUTES, ...prev?.attributes, ...input.attributes },
    groupsOverage: input.groupsOverage ?? prev?.groupsOverage ?? 'scim_teams',
  };
}

async function buildOidc(deps: Deps, input: NonNullable<CreateConnection['oidc']>, prev: OidcSettings | null, secrets: ConnectionSecrets): Promise<OidcSettings> {
  const issuer = input.issuer ?? prev?.issuer;
  const clientId = input.clientId ?? prev?.clientId;
  if (!issuer) throw invalidField('oidc.issuer', 'is required');
  if (!clientId) throw invalidField('oidc.clientId', 'is required');
  const clientAuth = input.clientAuth ?? prev?.clientAuth ?? 'client_secret_basic';
  let clientPublicJwk = prev?.clientPublicJwk ?? null;
  if (input.clientSecret !== undefined) secrets.clientSecret = input.clientSecret;
  if (clientAuth === 'private_key_jwt') {
    delete secrets.clientSecret;
    if (!secrets.clientPrivateJwk) {
      // Our key for private_key_jwt (RFC 7523 §2.2): the public half is shown for registration at the IdP.
      const pair = await generateKeyPair('ES256', { extractable: true });
      const kid = `gh-${Date.now().toString(36)}`;
      secrets.clientPrivateJwk = { ...(await exportJWK(pair.privateKey)), kid, alg: 'ES256' };
      clientPublicJwk = { ...(await exportJWK(pair.publicKey)), kid, alg: 'ES256', use: 'sig' };
    }
  } else {
    delete secrets.clientPrivateJwk;
    clientPublicJwk = null;
    if (!secrets.clientSecret) throw invalidField('oidc.clientSecret', `is required with ${clientAuth}`);
  }
  const scopes = input.scopes ?? prev?.scopes ?? OIDC_DEFAULT_SCOPES;
  if (!scopes.includes('openid')) throw invalidField('oidc.scopes', 'must include openid');
  const settings: OidcSettings = {
    issuer, clientId, clientAuth, scopes, clientPublicJwk,
    claims: { ...OIDC_DEFAULT_CLAIMS, ...prev?.claims, ...input.claims },
    groupsOverage: input.groupsOverage ?? prev?.groupsOverage ?? 'scim_teams',
  };
  try {
    await discover(settings, secrets, deps.config.oidcAllowHttpIssuers);
  } catch (e) {
    throw invalidField('oidc.issuer', `OpenID discovery failed: ${(e as Error).message}`);
  }
  return settings;
}

async function requireFreeDomains(q: Knex, orgId: string, domains: string[], exceptId: string | null) {
  const taken = await store.domainsTaken(q, orgId, domains, exceptId);
  if (taken.length) throw conflict(`already used by another connection: ${taken.join(', ')}`, 'emailDomains');
}

export async function createConnection(deps: Deps, ctx: RequestContext, input: CreateConnection) {
  requireOrgPermission(ctx.actor, 'integrations:manage');
  const { orgId, orgSlug } = ctx.actor;
  const secrets: ConnectionSecrets = {};
  let settings: ConnectionSettings;
  if (input.protocol === 'saml') {
    if (!input.saml) throw invalidField('saml', 'is required for a SAML connection');
    if (input.oidc) throw invalidField('oidc', 'is not allowed on a SAML connection');
    settings = { saml: await buildSaml(deps, input.saml, null, secrets) };
  } else {
    if (!input.oidc) throw invalidField('oidc', 'is required for an OIDC connection');
    if (input.saml) throw invalidField('saml', 'is not allowed on an OIDC connection');
    if (input.allowIdpInitiated) throw invalidField('allowIdpInitiated', 'only SAML has IdP-initiated sign-in');
    settings = { oidc: await buildOidc(deps, input.oidc, null, secrets) };
  }
  const domains = [...new Set(input.emailDomains ?? [])];
  await requireFreeDomains(deps.db, orgId, domains, null);
  return deps.db.transaction(async (tx) => {
    const row = await store.insertConnection(tx, {
      org_id: orgId, name: input.name, protocol: input.protocol, enabled: input.enabled ?? true, allow_idp_initiated: input.allowIdpInitiated ?? false,
      email_domains: domains, settings, secrets_sealed: sealSecrets(secretBox(deps.config.encryptionKey), secrets), created_by: ctx.actor.label,
      owner_approved: ctx.actor.role === 'owner',
    });
    const shown = presentConnection(deps, orgSlug, row);
    await recordEvent(tx, orgId, ctx, { action: 'sso_connection.created', target: { type: 'sso_connection', id: row.id }, after: shown });
    return shown;
  });
}

export async function listConnectionsFor(deps: Deps, ctx: RequestContext) {
  requireOrgPermission(ctx.actor, 'integrations:manage');
  const rows = await store.listConnections(deps.db, ctx.actor.orgId);
  return { items: rows.map((r) => presentConnection(deps, ctx.actor.orgSlug, r)) };
}

export async function getConnection(deps: Deps, ctx: RequestContext, id: string) {
  requireOrgPermission(ctx.actor, 'integrations:manage');
  const row = await store.findConnection(deps.db, ctx.actor.orgId, id);
  if (!row) throw notFound('SSO connection');
  return presentConnection(deps, ctx.actor.orgSlug, row);
}

/**
 * An owner's save approves the connection for owners' sign-ins; anyone else's change to what decides
 * a person's identity (IdP, certificates, client, claims, domains, IdP-initiated) withdraws that.
 */
function ownerApproval(ctx: RequestContext, patch: UpdateConnection): { owner_approved?: boolean } {
  if (ctx.actor.role === 'owner') return { owner_approved: true };
  const identityChanged = patch.saml !== undefined || patch.oidc !== undefined || patch.emailDomains !== undefined || patch.allowIdpInitiated !== undefined;
  return identityChanged ? { owner_approved: false } : {};
}

export async function updateConnectionFor(deps: Deps, ctx: RequestContext, id: string, patch: UpdateConnection) {
  requireOrgPermission(ctx.actor, 'integrations:manage');
  const { orgId, orgSlug } = ctx.actor;
  const box = secretBox(deps.config.encryptionKey);
  const current = await store.findConnection(deps.db, orgId, id);
  if (!current) throw notFound('SSO connection');
  const secrets = openSecrets(box, current.secrets_sealed);
  let settings = current.settings;
  if ('saml' in settings) {
    if (patch.oidc) throw invalidField('oidc', 'is not allowed on a SAML connection');
    if (patch.saml) settings = { saml: await buildSaml(deps, patch.saml, settings.saml, secrets) };
  } else {
    if (patch.saml) throw invalidField('saml', 'is not allowed on an OIDC connection');
    if (patch.allowIdpInitiated) throw invalidField('allowIdpInitiated', 'only SAML has IdP-initiated sign-in');
    if (patch.oidc) settings = { oidc: await buildOidc(deps, patch.oidc, settings.oidc, secrets) };
  }
  const domains = patch.emailDomains ? [...new Set(patch.emailDomains)] : undefined;
  if (domains) await requireFreeDomains(deps.db, orgId, domains, id);
  return deps.db.transaction(async (tx) => {
    const before = await store.findConnection(tx, orgId, id, true);
    if (!before) throw notFound('SSO connection');
    const row = await store.updateConnection(tx, orgId, id, {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
      ...(patch.allowIdpInitiated !== undefined ? { allow_idp_initiated: patch.allowIdpInitiated } : {}),
      ...(domains ? { email_domains: domains } : {}),
      settings,
      secrets_sealed: sealSecrets(box, secrets),
      ...ownerApproval(ctx, patch),
    });
    const shown = presentConnection(deps, orgSlug, row);
    await recordEvent(tx, orgId, ctx, {
      action: 'sso_connection.updated', target: { type: 'sso_connection', id },
      before: presentConnection(deps, orgSlug, before), after: shown,
      details: { secretsChanged: patch.oidc?.clientSecret !== undefined || patch.saml?.encryption !== undefined },
    });
    return shown;
  });
}

export async function deleteConnectionFor(deps: Deps, ctx: RequestContext, id: string): Promise<void> {
  requireOrgPermission(ctx.actor, 'integrations:manage');
  const { orgId, orgSlug } = ctx.actor;
  await deps.db.transaction(async (tx) => {
    const row = await store.findConnection(tx, orgId, id, true);
    if (!row) throw notFound('SSO connection');
    await store.deleteConnection(tx, orgId, id);
    await recordEvent(tx, orgId, ctx, { action: 'sso_connection.deleted', target: { type: 'sso_connection', id }, before: presentConnection(deps, orgSlug, row) });
  });
}
