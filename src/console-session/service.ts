// Console sessions: an owner's or admin's API key exchanged for a short cookie session (first run,
// break-glass), or a person's SSO sign-in turned into one. The key itself is never kept by the
// browser; the cookie's secret is stored hashed; every request re-checks what the session rests on.
import type { Knex } from 'knex';
import type { AppDeps } from '../app-deps.ts';
import { findApiKeyActor, apiKeyActorById } from '../api-keys/service.ts';
import { recordEvent } from '../audit/service.ts';
import type { Actor, RequestContext } from '../http/actor.ts';
import { ApiError } from '../http/errors.ts';
import { hashSecret, newSecret } from '../lib/secrets.ts';
import type { OrgRole } from '../orgs/roles.ts';
import { endSessionsAs, liveSessionActor } from '../sessions/service.ts';
import * as store from './store.ts';

type Deps = Pick<AppDeps, 'db' | 'config'>;
export const CONSOLE_SECRET_PREFIX = 'ghc';

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

/** Who may use the admin screens: owners and admins. Everyone else who signs in sees "My account". */
export const hasConsoleRights = (role: OrgRole) => role === 'owner' || role === 'admin';

export interface OpenedConsoleSession {
  secret: string;
  row: store.ConsoleSessionRow;
  actor: Actor;
}

async function open(deps: Deps, actor: Actor, basis: { apiKeyId: string } | { sessionId: string; endsAt: Date }, meta: RequestMeta): Promise<OpenedConsoleSession> {
  const secret = newSecret(CONSOLE_SECRET_PREFIX);
  const lifetimeEnd = new Date(Date.now() + deps.config.consoleSessionLifetimeMinutes * 60_000);
  // A console session never outlives the sign-in session it rests on.
  const expires = 'endsAt' in basis && basis.endsAt < lifetimeEnd ? basis.endsAt : lifetimeEnd;
  const row = await deps.db.transaction(async (tx) => {
    const inserted = await store.insertConsoleSession(tx, {
      org_id: actor.orgId, api_key_id: 'apiKeyId' in basis ? basis.apiKeyId : null, session_id: 'sessionId' in basis ? basis.sessionId : null,
      expires_at: expires, secret_hash: hashSecret(secret), ip: meta.ip, user_agent: meta.userAgent?.slice(0, 512) ?? null,
    });
    await recordEvent(tx, actor.orgId, { actor, ip: meta.ip, requestId: meta.requestId }, {
      action: 'console_session.created', target: { type: 'console_session', id: inserted.id },
      details: { via: 'apiKeyId' in basis ? 'api_key' : 'sso', expiresAt: expires.toISOString(), userAgent: meta.userAgent?.slice(0, 200) ?? null },
    });
    return inserted;
  });
  return { secret, row, actor };
}

/** The break-glass exchange: only a live owner or admin key (service key, or a person's personal key). */
export async function signInWithApiKey(deps: Deps, apiKey: string, meta: RequestMeta): Promise<OpenedConsoleSession> {
  const actor = await findApiKeyActor(deps.db, apiKey);
  if (!actor || !actor.apiKeyId) {
    throw new ApiError(401, 'Unauthenticated', 'apiKey: is not a live API key (revoked, expired, mistyped, or a suspended person\'s)', [{ field: 'apiKey', reason: 'is not a live API key' }]);
  }
  if (!hasConsoleRights(actor.role)) {
    throw new ApiError(403, 'Forbidden', `apiKey: this key acts as ${actor.role}; only owner and admin keys open the console (others sign in with SSO to see their account)`,
      [{ field: 'apiKey', reason: `acts as ${actor.role}; only owner and admin keys open the console` }]);
  }
  return open(deps, actor, { apiKeyId: actor.apiKeyId }, meta);
}

/** After an SSO sign-in: a console session for the person, resting on their sign-in session. */
export async function signInWithSession(deps: Deps, orgId: string, sessionId: string, meta: RequestMeta): Promise<OpenedConsoleSession | null> {
  const live = await liveSessionActor(deps, orgId, sessionId);
  if (!live) return null;
  return open(deps, live.actor, { sessionId, endsAt: live.expiresAt }, meta);
}

export interface ResolvedConsoleSession {
  row: store.ConsoleSessionRow;
  actor: Actor;
  via: 'api_key' | 'sso';
}

/** The console session behind a cookie's secret, with the actor it acts as now; null when it is dead. */
export async function resolveConsoleSession(deps: Deps, secret: string): Promise<ResolvedConsoleSession | null> {
  if (!secret.startsWith(`${CONSOLE_SECRET_PREFIX}_`) || secret.length > 100) return null;
  const row = await store.findLiveConsoleSession(deps.db, hashSecret(secret), deps.config.consoleSessionIdleMinutes);
  if (!row) return null;
  let actor: Actor | null;
  if (row.api_key_id) {
    actor = await apiKeyActorById(deps.db, row.org_id, row.api_key_id);
    // A personal key's person may have been demoted since: the key no longer opens the console.
    if (actor && !hasConsoleRights(actor.role)) actor = null;
  } else {
    actor = (await liveSessionActor(deps, row.org_id, row.session_id!))?.actor ?? null;
  }
  if (!actor) return null;
  store.touchConsoleSession(deps.db, row.org_id, row.id).catch(() => {});
  if (Math.random() < 0.001) store.purgeConsoleSessions(deps.db).catch(() => {});
  return { row, actor, via: row.api_key_id ? 'api_key' : 'sso' };
}

/** Signs out: the console session ends, and so does the SSO sign-in session it rested on. */
export async function signOut(deps: Deps, session: ResolvedConsoleSession, meta: RequestMeta): Promise<void> {
  const ctx: RequestContext = { actor: session.actor, ip: meta.ip, requestId: meta.requestId };
  const ended = await deps.db.transaction(async (tx: Knex.Transaction) => {
    const done = await store.endConsoleSession(tx, session.row.org_id, session.row.id);
    if (done) await recordEvent(tx, session.row.org_id, ctx, { action: 'console_session.ended', target: { type: 'console_session', id: session.row.id }, details: { reason: 'signed_out' } });
    return done;
  });
  if (ended && session.row.session_id) await endSessionsAs(deps, ctx, 'me', { sessionId: session.row.session_id }).catch(() => {});
}

export const csrfRefused = (reason: string) =>
  new ApiError(403, 'Forbidden', `X-CSRF-Token: ${reason}`, [{ field: 'X-CSRF-Token', reason }]);
