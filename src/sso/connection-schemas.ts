// Request and response shapes of /v1/orgs/{org}/sso-connections.
import { z } from 'zod';
import { name } from '../orgs/schemas.ts';

const pem = (what: string) => z.string().trim().min(1, 'must not be empty').max(20_000, `must be a PEM ${what}`);
const attributeName = z.string().trim().min(1, 'must not be empty').max(512);
const domain = z.string().trim().toLowerCase().regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'must be a domain name like example.com');
const overage = z.enum(['scim_teams', 'refuse'], { error: 'must be scim_teams or refuse' })
  .describe('when the IdP sends a group overage (Azure AD) instead of groups: use the SCIM teams and say so, or refuse the sign-in');
const httpsUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2000);

export const samlInput = z.strictObject({
  metadataXml: z.string().max(500_000, 'must be at most 500 kB').optional().describe("the IdP's SAML metadata; fills idpEntityId, ssoUrl and certificates"),
  metadataUrl: z.url({ protocol: /^https?$/, error: 'must be an https URL' }).max(2000).optional().describe("where to fetch the IdP's metadata (https), once, when saved"),
  idpEntityId: z.string().trim().min(1).max(1024).optional(),
  ssoUrl: httpsUrl.optional(),
  certificates: z.array(pem('certificate')).min(1, 'give at least one certificate').max(2, 'at most two certificates (current and next, for rollover)').optional(),
  wantResponseSigned: z.boolean({ error: 'must be true or false' }).optional().describe('require the whole Response to be signed; the assertion signature is always required'),
  encryption: z.strictObject({ privateKey: pem('private key'), certificate: pem('certificate') }).nullable().optional()
    .describe('our SP key pair for encrypted assertions; the certificate is published in our SP metadata'),
  attributes: z.strictObject({ email: attributeName.optional(), name: attributeName.optional(), groups: attributeName.optional() }).optional(),
  groupsOverage: overage.optional(),
});

export const oidcInput = z.strictObject({
  issuer: httpsUrl.optional(),
  clientId: z.string().trim().min(1).max(512).optional(),
  clientSecret: z.string().min(1).max(4096).optional(),
  clientAuth: z.enum(['client_secret_basic', 'client_secret_post', 'private_key_jwt'], { error: 'must be client_secret_basic, client_secret_post or private_key_jwt' }).optional(),
  scopes: z.array(z.string().regex(/^[\x21\x23-\x5b\x5d-\x7e]+$/, 'must be a scope token')).max(50).optional(),
  claims: z.strictObject({ email: attributeName.optional(), name: attributeName.optional(), groups: attributeName.optional() }).optional(),
  groupsOverage: overage.optional(),
});

const common = {
  name,
  enabled: z.boolean({ error: 'must be true or false' }).optional(),
  allowIdpInitiated: z.boolean({ error: 'must be true or false' }).optional().describe('SAML only; refused by default (answered with a redirect into SP-initiated sign-in)'),
  emailDomains: z.array(domain).max(100).optional().describe('home-realm discovery; also the only domains whose addresses may link to existing users'),
};

export const createConnection = z.strictObject({
  ...common,
  protocol: z.enum(['saml', 'oidc'], { error: 'must be saml or oidc' }),
  saml: samlInput.optional(),
  oidc: oidcInput.optional(),
});

export const updateConnection = z.strictObject({
  name: common.name.optional(),
  enabled: common.enabled,
  allowIdpInitiated: common.allowIdpInitiated,
  emailDomains: common.emailDomains,
  saml: samlInput.optional(),
  oidc: oidcInput.optional(),
});

export type CreateConnection = z.output<typeof createConnection>;
export type UpdateConnection = z.output<typeof updateConnection>;

const mapping = z.object({ email: z.string(), name: z.string(), groups: z.string() });

export const connection = z.object({
  id: z.string(),
  name: z.string(),
  protocol: z.enum(['saml', 'oidc']),
  enabled: z.boolean(),
  allowIdpInitiated: z.boolean(),
  emailDomains: z.array(z.string()),
  saml: z.object({
    idpEntityId: z.string(),
    ssoUrl: z.string(),
    certificates: z.array(z.object({ pem: z.string(), sha256: z.string(), notAfter: z.string() })),
    wantResponseSigned: z.boolean(),
    encryption: z.object({ certificate: z.string() }).nullable(),
    attributes: mapping,
    groupsOverage: z.string(),
    spEntityId: z.string(),
    acsUrl: z.string(),
    metadataUrl: z.string(),
  }).nullable(),
  oidc: z.object({
    issuer: z.string(),
    clientId: z.string(),
    clientAuth: z.string(),
    hasClientSecret: z.boolean(),
    clientPublicJwk: z.record(z.string(), z.unknown()).nullable().describe('register this key at the IdP for private_key_jwt'),
    scopes: z.array(z.string()),
    claims: mapping,
    groupsOverage: z.string(),
    redirectUri: z.string(),
  }).nullable(),
  loginUrl: z.string(),
  ownerApproved: z.boolean().describe('an owner saved its identity settings; only then may owners sign in through it (any owner save approves; an admin changing IdP, certificates, client, claims or domains withdraws it)'),
  createdAt: z.string(),
  updatedAt: z.string(),
});
