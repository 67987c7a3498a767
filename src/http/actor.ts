// Who is calling: the result of authentication, carried through services into the audit trail.
import type { OrgRole } from '../orgs/roles.ts';

export interface Actor {
  /** api_key: a service key acting on its own; user: a person (personal API key or session);
   *  scim_token: an IdP provisioning over /scim/v2 (its token id is in apiKeyId). */
  readonly type: 'api_key' | 'user' | 'scim_token';
  readonly orgId: string;
  readonly orgSlug: string;
  readonly role: OrgRole;
  readonly userId: string | null;
  readonly apiKeyId: string | null;
  readonly sessionId: string | null;
  /** Team names the actor counts as a member of (a service key's list; a person's IdP groups). */
  readonly teams: readonly string[];
  /** For people reading the audit trail: the key's name or the person's login. */
  readonly label: string;
  /** True when the credential is the configured BOOTSTRAP_TOKEN (may create organizations). */
  readonly bootstrap: boolean;
  /** Session roles a login policy froze at sign-in (space id, role id or slug); login_policy only. */
  readonly sessionRoles?: readonly { spaceId: string; role: string }[];
}

/** What a service needs to know about the request it serves: who, and where from (for the audit trail). */
export interface RequestContext {
  readonly actor: Actor;
  readonly ip: string | null;
  readonly requestId: string | null;
}

/** Something that can turn a bearer credential into an actor (API keys now, session tokens later). */
export type CredentialResolver = (token: string) => Promise<Actor | null>;
