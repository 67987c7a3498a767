// Sessions (domain §7): a revocable server-side record plus a short-lived signed token, and a refresh
// token that is rotated on every use (reuse of a spent one ends the session: RFC 9700 §4.14.2).
import type { JWTPayload } from 'jose';
import type { Knex } from 'knex';
import type { AppDeps } from '../app-deps.ts';
import type { AuditAction } from '../audit/events.ts';
import { auditContextColumns, recordEvent } from '../audit/service.ts';
import type { Actor, CredentialResolver, RequestContext } from '../http/actor.ts';
import { ApiError, notFound } from '../http/errors.ts';
import { hashSecret, newSecret } from '../lib/secrets.ts';
import { requireSessionManager } from './guard.ts';
import { secretBox } from './secret-box.ts';
import { SigningKeys } from './signing-keys.ts';
import * as store from './store.ts';

export const REFRESH_TOKEN_PREFIX = 'ghr';
type Deps = Pick<AppDeps, 'db' | 'config'>;

const keysByDb = new WeakMap<Knex, SigningKeys>();

/** The signing keys of this instance (one per database handle). */
export function sessionKeys(deps: Deps): SigningKeys {
  let keys = keysByDb.get(deps.db);
  if (!keys) {
    keys = new SigningKeys(deps.db, {
      issuer: deps.config.publicUrl,
      tokenTtlSeconds: deps.config.sessionTokenTtlSeconds,
      rotationDays: deps.config.sessionKeyRotationDays,
      box: secretBox(deps.config.encryptionKey),
    });
    keysByDb.set(deps.db, keys);
  }
  return keys;
}

/**
 * The session's teams. Under login_policy they were frozen at sign-in (policy_teams). Otherwise the
 * assertion's teams plus the person's SCIM teams as they are now, so a membership change shows on
 * the next request and in the next refreshed token (domain §5).
 */
export function effectiveTeams(s: store.LiveSessionRow): string[] {
  if (s.policy_teams) return [...s.policy_teams];
  return [...new Set([...s.idp_teams, ...s.scim_teams])].sort();
}

export function presentSession(s: store.LiveSessionRow, currentSessionId: string | null = null) {
  return {
    id: s.id,
    userId: s.user_id,
    login: s.user_name,
    connectionId: s.connection_id,
    teams: effectiveTeams(s),
    teamsSource: s.teams_source,
    admin: sessionAdmin(s),
    roles: s.policy_roles,
    ip: s.ip,
    userAgent: s.user_agent,
    createdAt: s.created_at.toISOString(),
    refreshedAt: s.refreshed_at.toISOString(),
    expiresAt: s.expires_at.toISOString(),
    current: s.id === currentSessionId,
  };
}

/**
 * Under user_management the admin flag follows the organization role as it is now (a downgraded
 * owner loses it on the next request); under login_policy it is what the policy froze at sign-in.
 */
export function sessionAdmin(s: store.LiveSessionRow): boolean {
  return s.strategy === 'login_policy' ? s.admin : s.role === 'owner' || s.role === 'admin';
}

function claimsOf(s: store.LiveSessionRow): JWTPayload {
  return {
    sid: s.id,
    org: s.org_id,
    org_slug: s.org_slug,
    login: s.user_name,
    name: s.display_name,
    email: s.email,
    role: s.role,
    teams: effectiveTeams(s),
    admin: sessionAdmin(s),
    ...(s.policy_roles ? { roles: s.policy_roles } : {}),
  };
}

export interface NewSessionInput {
  orgId: string;
  userId: string;
  connectionId: string | null;
  idpTeams: string[];
  policyTeams: string[] | null;
  policyRoles: Record<string, string[]> | null;
  admin: boolean;
  teamsSource: string;
  ip: string | null;
  userAgent: string | null;
}

/** What the `session.created` record says besides its target (the new session). */
export interface SessionCreatedAudit {
  /** the person signing in (the record's actor is their new session) */
  ctx: RequestContext;
  after: Record<string, unknown>;
  details: Record<string, unknown>;
}

/**
 * Creates the server-side record and its `session.created` audit record in one statement, in the
 * caller's transaction if it has one; the token is signed after commit.
 */
export async function openSession(q: Knex | Knex.Transaction, deps: Deps, input: NewSessionInput, audit: SessionCreatedAudit) {
  const refreshToken = newSecret(REFRESH_TOKEN_PREFIX);
  const row = await store.insertSessionAudited(q, {
    org_id: input.orgId,
    user_id: input.userId,
    connection_id: input.connectionId,
    idp_teams: input.idpTeams,
    policy_teams: input.policyTeams,
    policy_roles: input.policyRoles,
    admin: input.admin,
    teams_source: input.teamsSource,
    ip: input.ip,
    user_agent: input.userAgent?.slice(0, 512) ?? null,
    expires_at: new Date(Date.now() + deps.config.sessionLifetimeSeconds * 1000),
    refresh_hash: hashSecret(refreshToken),
  }, { action: 'session.created' satisfies AuditAction, ...auditContextColumns(audit.ctx), actor_type: 'session', after: audit.after, details: audit.details });
  return { session: row, refreshToken };
}

export interface SessionTokens {
  sessionId: string;
  token: string;
  tokenType: 'Bearer';
  expiresAt: string;
  refreshToken: string;
  sessionExpiresAt: string;
}

/** Signs a token for a live session; its expiry never passes the session's own. */
export async function signSessionToken(deps: Deps, sessionId: string, refreshToken: string): Promise<SessionTokens> {
  const s = await store.findLiveSession(deps.db, sessionId);
  if (!s) throw invalidToken('the session has ended');
  return signLoadedSession(deps, s, refreshToken);
}

/** Signs a token for a session whose record the caller has just written (a sign-in: no re-read). */
export async function signLoadedSession(deps: Deps, s: store.LiveSessionRow, refreshToken: string): Promise<SessionTokens> {
  const sessionId = s.id;
  const expiresAt = new Date(Math.min(Date.now() + deps.config.sessionTokenTtlSeconds * 1000, s.expires_at.getTime()));
  const token = await sessionKeys(deps).sign(claimsOf(s), s.user_id, expiresAt);
  return { sessionId, token, tokenType: 'Bearer', expiresAt: expiresAt.toISOString(), refreshToken, sessionExpiresAt: s.expires_at.toISOString() };
}

const invalidToken = (why: string) => new ApiError(401, 'invalid_token', why);

export async function refreshSession(deps: Deps, refreshToken: string, meta: { ip: string | null; requestId: string | null }): Promise<SessionTokens> {
  const next = newSecret(REFRESH_TOKEN_PREFIX);
  const outcome = await deps.db.transaction(async (tx) => {
    const found = await store.lockByRefreshHash(tx, hashSecret(refreshToken));
    if (!found || found.row.ended_at || found.row.expires_at.getTime() <= Date.now()) return 'dead' as const;
    if (!found.current) {
      // A spent refresh token came back: one of the two holders is not the person (RFC 9700 §4.14.2).
      const ended = await store.endSessions(tx, found.row.org_id, { sessionId: found.row.id }, 'refresh_token_reused');
      await recordEvent(tx, found.row.org_id, null, {
        action: 'session.ended', target: { type: 'session', id: found.row.id },
        details: { reason: 'refresh_token_reused', sessions: ended, userId: found.row.user_id, ip: meta.ip, requestId: meta.requestId },
      });
      return 'reused' as const;
    }
    await store.rotateRefresh(tx, found.row.org_id, found.row.id, hashSecret(next));
    return found.row.id;
  });
  if (outcome === 'dead') throw invalidToken('the refresh token is not valid or its session has ended');
  if (outcome === 'reused') throw invalidToken('this refresh token was already used; the session has been ended');
  return signSessionToken(deps, outcome, next);
}

/** Verifies a session token and loads its live record; null when it is not a live session token. */
export async function verifySessionToken(deps: Deps, token: string): Promise<store.LiveSessionRow | null> {
  let payload: JWTPayload;
  try {
    payload = await sessionKeys(deps).verify(token);
  } catch {
    return null;
  }
  const sid = payload.sid;
  if (typeof sid !== 'string' || !/^[0-9a-f-]{36}$/.test(sid)) return null;
  const s = await store.findLiveSession(deps.db, sid);
  if (!s || s.org_id !== payload.org || s.user_id !== payload.sub) return null;
  return s;
}

function actorOf(s: store.LiveSessionRow): Actor {
  return {
    type: 'user',
    orgId: s.org_id,
    orgSlug: s.org_slug,
    // A login policy's `admin` raises a lower organization role to admin for this session only.
    role: sessionAdmin(s) && s.role !== 'owner' ? 'admin' : s.role,
    userId: s.user_id,
    apiKeyId: null,
    sessionId: s.id,
    teams: effectiveTeams(s),
    label: s.user_name,
    bootstrap: false,
    ...(s.strategy === 'login_policy' && s.policy_roles
      ? { sessionRoles: Object.entries(s.policy_roles).flatMap(([spaceId, roles]) => roles.map((role) => ({ spaceId, role }))) }
      : {}),
  };
}

/** The /v1 credential resolver for session tokens (JWTs); the record is checked on every request. */
export function sessionTokenResolver(deps: Deps): CredentialResolver {
  return async (token) => {
    if (!token.startsWith('eyJ')) return null;
    const s = await verifySessionToken(deps, token);
    return s ? actorOf(s) : null;
  };
}

/** The actor of a live session by id, with its end (the console's cookie session rests on it). */
export async function liveSessionActor(deps: Deps, orgId: string, sessionId: string): Promise<{ actor: Actor; expiresAt: Date } | null> {
  const s = await store.findLiveSessionInOrg(deps.db, orgId, sessionId);
  return s ? { actor: actorOf(s), expiresAt: s.expires_at } : null;
}

/** When a person last signed in, with the teams their identity provider sent then. */
export async function lastSignIn(db: Knex, orgId: string, userId: string): Promise<{ at: string; teams: string[] } | null> {
  const row = await store.lastSignIn(db, orgId, userId);
  return row ? { at: row.created_at.toISOString(), teams: row.idp_teams } : null;
}

/** Live sessions a strategy or policy change would end: all but the author's (domain §6). */
export const countSessionsToEnd = (db: Knex, orgId: string, exceptSessionId: string | null) => store.countLiveSessions(db, orgId, exceptSessionId);

/** RFC 7662-shaped answer; tokens of other organizations are reported inactive. */
export async function introspect(deps: Deps, ctx: RequestContext, token: string) {
  const s = token.startsWith('eyJ') ? await verifySessionToken(deps, token) : null;
  if (!s || s.org_id !== ctx.actor.orgId) return { active: false };
  return { active: true, sub: s.user_id, exp: Math.floor(s.expires_at.getTime() / 1000), ...claimsOf(s) };
}

/** Ends a person's sessions inside the caller's transaction (suspension, role loss). */
export async function endUserSessions(tx: Knex.Transaction, orgId: string, userId: string, reason: string): Promise<string[]> {
  return store.endSessions(tx, orgId, { userId }, reason);
}

/** Ends every session of an organization but the one making the change (strategy or policy change). */
export async function endOrgSessions(tx: Knex.Transaction, orgId: string, exceptSessionId: string | null, reason: string): Promise<string[]> {
  return store.endSessions(tx, orgId, { exceptSessionId }, reason);
}

export async function listSessions(deps: Deps, ctx: RequestContext, scope: 'me' | 'org', f: { userId?: string; after?: string }, limit: number) {
  const { actor } = ctx;
  if (scope === 'org') await requireSessionManager(deps.db, ctx);
  else if (!actor.userId) return { items: [], next: null };
  const userId = scope === 'me' ? actor.userId! : f.userId;
  const rows = await store.listLiveSessions(deps.db, actor.orgId, { userId, after: f.after }, limit + 1);
  const page = rows.slice(0, limit);
  return { items: page.map((r) => presentSession(r, actor.sessionId)), next: rows.length > limit ? page[page.length - 1]!.id : null };
}

/** Ends sessions: one of one's own, all one's own, or (session managers) anyone's. */
export async function endSessionsAs(deps: Deps, ctx: RequestContext, scope: 'me' | 'org', f: { sessionId?: string; userId?: string }) {
  const { actor } = ctx;
  if (scope === 'org') await requireSessionManager(deps.db, ctx);
  else if (!actor.userId) throw notFound('session');
  const userId = scope === 'me' ? actor.userId! : f.userId;
  return deps.db.transaction(async (tx) => {
    if (f.sessionId && !(await store.findLiveSessionInOrg(tx, actor.orgId, f.sessionId).then((s) => s && (!userId || s.user_id === userId)))) {
      throw notFound('session');
    }
    const reason = scope === 'me' ? 'signed_out' : 'ended_by_administrator';
    const ended = await store.endSessions(tx, actor.orgId, { sessionId: f.sessionId, userId }, reason);
    if (ended.length) {
      await recordEvent(tx, actor.orgId, ctx, {
        action: 'session.ended',
        target: f.sessionId ? { type: 'session', id: f.sessionId } : { type: 'user', id: userId! },
        details: { reason, sessions: ended },
      });
    }
    return { ended: ended.length };
  });
}
