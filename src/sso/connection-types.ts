// What a connection holds: protocol settings (plain jsonb) and secrets (sealed), and the URLs of our side.
import type { JWK } from 'jose';
import type { SecretBox } from '../sessions/secret-box.ts';

export interface AttributeMapping {
  email: string;
  name: string;
  groups: string;
}

export type GroupsOverage = 'scim_teams' | 'refuse';

export interface SamlSettings {
  idpEntityId: string;
  ssoUrl: string;
  certificates: string[];
  wantResponseSigned: boolean;
  encryptionCertificate: string | null;
  attributes: AttributeMapping;
  groupsOverage: GroupsOverage;
}

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientAuth: 'client_secret_basic' | 'client_secret_post' | 'private_key_jwt';
  scopes: string[];
  claims: AttributeMapping;
  clientPublicJwk: JWK | null;
  groupsOverage: GroupsOverage;
}

export type ConnectionSettings = { saml: SamlSettings } | { oidc: OidcSettings };

export interface ConnectionSecrets {
  clientSecret?: string;
  clientPrivateJwk?: JWK;
  samlDecryptionKey?: string;
}

const PURPOSE = 'sso-connection-secrets';

export const sealSecrets = (box: SecretBox, s: ConnectionSecrets): string | null => (Object.keys(s).length ? box.seal(JSON.stringify(s), PURPOSE) : null);
export const openSecrets = (box: SecretBox, sealed: string | null): ConnectionSecrets => (sealed ? (JSON.parse(box.open(sealed, PURPOSE)) as ConnectionSecrets) : {});

/** Defaults: the names most IdPs send (Okta, Entra's schema URIs are configured per connection). */
export const SAML_DEFAULT_ATTRIBUTES: AttributeMapping = { email: 'email', name: 'name', groups: 'groups' };
export const OIDC_DEFAULT_CLAIMS: AttributeMapping = { email: 'email', name: 'name', groups: 'groups' };
export const OIDC_DEFAULT_SCOPES = ['openid', 'email', 'profile', 'groups'];

export function connectionUrls(publicUrl: string, orgSlug: string, id: string) {
  const base = `${publicUrl}/sso/${encodeURIComponent(orgSlug)}`;
  return {
    spEntityId: `${base}/saml/${id}`,
    acsUrl: `${base}/saml/${id}/acs`,
    metadataUrl: `${base}/saml/${id}/metadata`,
    redirectUri: `${base}/oidc/${id}/callback`,
    loginUrl: `${base}/login?connection=${id}`,
  };
}
