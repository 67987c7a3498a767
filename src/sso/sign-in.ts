// The end of every sign-in, whatever the protocol: teams, the login decision, just-in-time user
// (create or link by verified email, never a duplicate), the session, and their audit records.
import type { Knex } from 'knex';
import type { AppDeps } from '../app-deps.ts';
import { recordEvent } from '../audit/service.ts';
import type { RequestContext } from '../http/actor.ts';
import { openSession, signLoadedSession, type SessionTokens } from '../sessions/service.ts';
import type { ConnectionRow } from './connection-store.ts';
import * as dir from './directory-store.ts';
import type { ExternalIdentity } from './identity.ts';
import { decideLogin, notAdmitted, type LoginDecision } from './login-decision.ts';
import { loginHooks } from './login-hooks.ts';
import { refuse } from './refusal.ts';

type Deps = Pick<AppDeps, 'db' | 'config'>;

export interface OrgRef {
  id: string;
  slug: string;
  strategy: 'user_management' | 'login_policy';
}

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1).toLowerCase();

/** An address may stand for an existing user only if verified and in the connection's domains. */
function mayLinkByEmail(conn: ConnectionRow, identity: ExternalIdentity): boolean {
  if (!identity.email || !identity.emailVerified) return false;
  return conn.email_domains.length === 0 || conn.email_domains.some((d) => d.toLowerCase() === domainOf(identity.email!));
}

/** Claimed groups shown by name: an id that is a SCIM group's externalId becomes that group's name. */
async function claimedTeams(db: Knex, orgId: string, groups: string[]): Promise<string[]> {
  const names = await dir.groupNamesByExternalId(db, orgId, groups);
  return [...new Set(groups.map((g) => names.get(g) ?? g))];
}

async function findExisting(q: Knex | Knex.Transaction, org: OrgRef, conn: ConnectionRow, identity: ExternalIdentity) {
  const linked = await dir.findByIdentity(q, org.id, conn.id, identity.subject);
  if (linked) return { user: linked, link: false };
  if (!mayLinkByEmail(conn, identity)) return { user: undefined, link: false };
  const byAddress = await dir.findByAddress(q, org.id, identity.email!);
  if (byAddress.length > 1) throw refuse('identity_conflict', `more than one user matches ${identity.email}; ask an administrator to resolve it`, 409);
  return { user: byAddress[0], link: byAddress.length === 1 };
}

type AcceptOpts = Omit<Parameters<typeof loginHooks.acceptInvitation>[3], 'token'>;

/**
 * The invitation a sign-in accepts: the link's, when the person came through one; failing that (say
 * the link was for another address) the live invitation to the address they signed in with. When
 * neither is accepted, the link's refusal is the one that explains.
 */
async function acceptFor(tx: Knex.Transaction, orgId: string, email: string, token: string | null, opts: AcceptOpts) {
  const viaLink = token ? await loginHooks.acceptInvitation(tx, orgId, email, { ...opts, token }) : null;
  if (viaLink?.accepted) return viaLink;
  const byAddress = await loginHooks.acceptInvitation(tx, orgId, email, { ...opts, token: null });
  return byAddress.accepted || !viaLink ? byAddress : viaLink;
}

/** The profile fields this sign-in updates: the name, and a verified address in the connection's domains. */
function profileChanges(conn: ConnectionRow, identity: ExternalIdentity, user: dir.SignInUser): { email?: string; display_name?: string } {
  const patch: { email?: string; display_name?: string } = {};
  if (identity.name && identity.name !== user.display_name) patch.display_name = identity.name;
  if (identity.email && identity.emailVerified && mayLinkByEmail(conn, identity) && identity.email.toLowerCase() !== user.email?.toLowerCase()) patch.email = identity.email;
  return patch;
}

/** What a sign-in found before writing anything: read-only, so it may run beside the protocol's claims. */
export interface PreparedSignIn {
  org: OrgRef;
  conn: ConnectionRow;
  identity: ExternalIdentity;
  meta: RequestMeta;
  teamsFromIdp: string[];
  existing: Awaited<ReturnType<typeof findExisting>>;
  /** the address has a live invitation (looked at without a lock) */
  invitationWaiting: boolean;
  decision: LoginDecision;
}

/** Teams, the person as the directory knows them, and the login decision; nothing is written. */
export async function prepareSignIn(deps: Deps, org: OrgRef, conn: ConnectionRow, identity: ExternalIdentity, meta: RequestMeta): Promise<PreparedSignIn> {
  const overagePolicy = 'saml' in conn.settings ? conn.settings.saml.groupsOverage : conn.settings.oidc.groupsOverage;
  if (identity.groupsOverage && overagePolicy === 'refuse') {
    throw refuse('groups_overage', 'your identity provider sent a group overage instead of your groups; this connection is set to refuse such sign-ins', 403);
  }
  const verifiedEmail = identity.email && identity.emailVerified ? identity.email : null;
  const [teamsFromIdp, existing, invitationWaiting] = await Promise.all([
    identity.groupsOverage ? [] : claimedTeams(deps.db, org.id, identity.groups),
    findExisting(deps.db, org, conn, identity),
    verifiedEmail !== null && loginHooks.hasPendingInvitation(deps.db, org.id, verifiedEmail),
  ]);
  const prepared = { org, conn, identity, meta, teamsFromIdp, existing, invitationWaiting };
  return { ...prepared, decision: await decide(deps, prepared, existing.user) };
}

const teamsOf = (p: Pick<PreparedSignIn, 'teamsFromIdp' | 'existing'>) => [...new Set([...p.teamsFromIdp, ...(p.existing.user?.scim_teams ?? [])])].sort();

function decide(deps: Deps, p: Omit<PreparedSignIn, 'decision'>, user: dir.SignInUser | undefined) {
  return decideLogin(deps.db, { orgId: p.org.id, strategy: p.org.strategy, user, identity: p.identity, teams: teamsOf(p), ip: p.meta.ip, limits: deps.config });
}

/** A whole sign-in, once the protocol has produced a validated identity. */
export async function completeSignIn(deps: Deps, org: OrgRef, conn: ConnectionRow, identity: ExternalIdentity, meta: RequestMeta, invitationToken: string | null = null): Promise<SessionTokens> {
  return finishSignIn(deps, await prepareSignIn(deps, org, conn, identity, meta), invitationToken);
}

/**
 * The writes of a sign-in: the person (just-in-time, linked, invitation accepted, profile synced),
 * the session and their audit records. `invitationToken`: the secret of the invitation link the
 * sign-in started from, if any.
 */
export async function finishSignIn(deps: Deps, prepared: PreparedSignIn, invitationToken: string | null = null): Promise<SessionTokens> {
  const { org, conn, identity, meta, teamsFromIdp, existing } = prepared;
  let decision = prepared.decision;
  const verifiedEmail = identity.email && identity.emailVerified ? identity.email : null;
  const invitationWaiting = invitationToken !== null || prepared.invitationWaiting;
  const scim = existing.user?.scim_teams ?? [];
  const teams = teamsOf(prepared);

  const base = (u: dir.SignInUser): RequestContext => ({
    actor: { type: 'user', orgId: org.id, orgSlug: org.slug, role: u.role, userId: u.id, apiKeyId: null, sessionId: null, teams, label: u.user_name, bootstrap: false },
    ip: meta.ip, requestId: meta.requestId,
  });
  /** The session and its `session.created` record, in one statement; `patch` is what this sign-in changed. */
  const open = async (q: Knex | Knex.Transaction, user: dir.SignInUser, patch: ReturnType<typeof profileChanges>) => {
    // Whoever configured the connection decides who people are: an owner only trusts an owner's (see
    // migrations/0009). In the transaction, this also undoes a link or an accepted owner invitation.
    if (user.role === 'owner' && !conn.owner_approved) {
      throw refuse('owner_not_approved', 'owners sign in only through a connection whose identity settings an owner saved; this one was last changed by someone else: an owner must save it first');
    }
    const opened = await openSession(q, deps, {
      orgId: org.id, userId: user.id, connectionId: conn.id, idpTeams: teamsFromIdp, policyTeams: decision.policyTeams, policyRoles: decision.roles,
      admin: decision.admin, teamsSource: identity.groupsOverage ? 'scim_fallback_overage' : 'assertion', ip: meta.ip, userAgent: meta.userAgent,
    }, {
      ctx: base(user),
      after: { userId: user.id, teams: decision.policyTeams ?? teams, admin: decision.admin, roles: decision.roles },
      details: { connectionId: conn.id, protocol: conn.protocol, via: decision.via, groupsOverage: identity.groupsOverage || undefined },
    });
    const live = {
      ...opened.session, org_slug: org.slug, strategy: org.strategy, user_name: user.user_name, email: patch.email ?? user.email,
      display_name: patch.display_name ?? user.display_name, role: user.role, scim_teams: user.id === existing.user?.id ? scim : [],
    };
    return { live, refreshToken: opened.refreshToken };
  };

  // The usual Monday-morning sign-in: a person already linked to this IdP identity, nothing to accept
  // or update. One statement writes the session and its record; no transaction, no lock.
  if (existing.user && !existing.link && !invitationWaiting && !Object.keys(profileChanges(conn, identity, existing.user)).length) {
    const { live, refreshToken } = await open(deps.db, existing.user, {});
    return signLoadedSession(deps, live, refreshToken);
  }

  const { live, refreshToken } = await deps.db.transaction(async (tx) => {
    // A person already linked to this IdP identity needs no lock; anyone else is re-read under a
    // per-address lock, since a concurrent first sign-in may have created or linked them.
    let again = existing;
    if (!existing.user || existing.link) {
      await dir.lockAddress(tx, org.id, identity.email ?? identity.subject);
      again = await findExisting(tx, org, conn, identity);
      // Someone else's concurrent sign-in created or linked this person meanwhile: decide for them as they are.
      if (again.user && again.user.id !== existing.user?.id) decision = await decide(deps, prepared, again.user);
    }
    let user = again.user;
    let invitationSettled = false;
    if (!user && decision.via === 'invitation') {
      // Admitted only by a live invitation to this verified address; accepting it creates the member.
      const accepted = await acceptFor(tx, org.id, identity.email!, invitationToken, { userId: null, name: identity.name, ctx: null });
      if (!accepted.accepted) throw notAdmitted(teams, accepted.message);
      user = await dir.findByUserName(tx, org.id, identity.email!) ?? (await dir.findByAddress(tx, org.id, identity.email!))[0];
      invitationSettled = true;
    }
    if (!user) {
      const userName = verifiedEmail ?? identity.subject;
      user = await dir.insertUser(tx, org.id, { userName, email: verifiedEmail, name: identity.name });
      if (!user) throw refuse('identity_conflict', `a user named ${userName} already exists and this sign-in may not claim it (unverified address or a domain this connection does not own)`, 409);
      await recordEvent(tx, org.id, base(user), { action: 'member.added', target: { type: 'user', id: user.id }, after: { userName: user.user_name, email: user.email, name: user.display_name, role: user.role }, details: { source: 'sso', connectionId: conn.id, via: decision.via } });
    } else if (again.link) {
      await recordEvent(tx, org.id, base(user), { action: 'sso_identity.linked', target: { type: 'user', id: user.id }, details: { connectionId: conn.id, subject: identity.subject, email: identity.email } });
    }
    if (!invitationSettled && invitationWaiting && verifiedEmail) {
      // A person already in the directory (SCIM, an earlier sign-in) or admitted by a team's binding
      // may hold a pending invitation too: signing in with that verified address accepts it (its role
      // and bindings apply now).
      const accepted = await acceptFor(tx, org.id, verifiedEmail, invitationToken, { userId: user.id, name: identity.name, ctx: base(user) });
      if (accepted.accepted && accepted.role !== user.role) user = { ...user, role: accepted.role };
    }
    if (user.id !== existing.user?.id || existing.link) await dir.linkIdentity(tx, org.id, conn.id, identity.subject, user.id);
    const patch = profileChanges(conn, identity, user);
    if (Object.keys(patch).length) {
      await dir.updateProfile(tx, org.id, user.id, patch);
      await recordEvent(tx, org.id, base(user), { action: 'member.synced', target: { type: 'user', id: user.id }, before: { email: user.email, name: user.display_name }, after: { email: patch.email ?? user.email, name: patch.display_name ?? user.display_name } });
    }
    return open(tx, user, patch);
  });
  return signLoadedSession(deps, live, refreshToken);
}
