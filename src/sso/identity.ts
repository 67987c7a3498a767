// What a validated SAML assertion or ID token says about a person, protocol-neutral.
export interface ExternalIdentity {
  /** NameID or `sub`: stable per IdP, the key of the sso_identities link. */
  subject: string;
  email: string | null;
  /** Only a verified address may link an existing user (OIDC `email_verified`; SAML: asserted by the IdP). */
  emailVerified: boolean;
  name: string | null;
  /** Group names or ids as the IdP sent them (Azure AD: object ids). */
  groups: string[];
  /** The IdP said "too many groups to send" (Azure AD overage) instead of sending them. */
  groupsOverage: boolean;
}
