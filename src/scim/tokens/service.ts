// SCIM tokens: an organization's bearer credentials for its IdP. Several may be live at once, so an
// IdP can be moved to a new token before the old one is revoked (domain §9).
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { recordEvent } from '../../audit/service.ts';
import type { Actor, RequestContext } from '../../http/actor.ts';
import { notFound } from '../../http/errors.ts';
import { hashSecret, newSecret, secretHint } from '../../lib/secrets.ts';
import { requireOrgPermission } from '../../orgs/guard.ts';
import { forgetToken, tokenCache } from './cache.ts';
import * as store from './store.ts';

export const SCIM_TOKEN_PREFIX = 'ghs';

export function presentScimToken(t: store.ScimTokenRow) {
  return {
    id: t.id,
    name: t.name,
    secretHint: t.secret_hint,
    createdBy: t.created_by,
    createdAt: t.created_at.toISOString(),
    lastUsedAt: t.last_used_at?.toISOString() ?? null,
    revokedAt: t.revoked_at?.toISOString() ?? null,
    scope: t.minted_role ?? 'admin',
  };
}

/**
 * The rule of issue 13.1: a SCIM token acts for the identity provider, but never with more than its
 * minter could do over /v1. A token minted by an owner has owner scope (it may suspend, change and
 * delete owners, and delete users) for as long as that person is an active owner, or that service
 * key a live owner key; any other token has admin scope. The directory service enforces what each
 * scope may do (src/directory/users-service.ts), for SCIM and any other writer alike.
 */
function minter(actor: Actor): store.TokenMinter {
  return {
    minted_role: actor.role === 'owner' ? 'owner' : 'admin',
    minted_by_user_id: actor.type === 'user' ? actor.userId : null,
    minted_by_key_id: actor.type === 'user' ? null : actor.apiKeyId,
  };
}

export async function createScimToken(db: Knex, ctx: RequestContext, input: { name: string }) {
  const { actor } = ctx;
  requireOrgPermission(actor, 'integrations:manage');
  const secret = newSecret(SCIM_TOKEN_PREFIX);
  return db.transaction(async (tx) => {
    const row = await store.insertScimToken(tx, {
      org_id: actor.orgId,
      name: input.name,
      secret_hint: secretHint(secret),
      created_by: actor.label,
      secret_hash: hashSecret(secret),
      ...minter(actor),
    });
    const shown = presentScimToken(row);
    await recordEvent(tx, actor.orgId, ctx, { action: 'scim_token.created', target: { type: 'scim_token', id: row.id }, after: shown });
    return { ...shown, secret };
  });
}

export async function listScimTokens(db: Knex, ctx: RequestContext, includeRevoked: boolean) {
  requireOrgPermission(ctx.actor, 'integrations:manage');
  const rows = await store.listScimTokens(db, ctx.actor.orgId, includeRevoked);
  return { items: rows.map(presentScimToken) };
}

export async function revokeScimToken(db: Knex, ctx: RequestContext, id: string): Promise<void> {
  const { actor } = ctx;
  requireOrgPermission(actor, 'integrations:manage');
  await db.transaction(async (tx) => {
    const token = await store.findScimToken(tx, actor.orgId, id);
    if (!token) throw notFound('SCIM token');
    const revoked = await store.revokeScimToken(tx, actor.orgId, id);
    if (!revoked) return; // already revoked: nothing changes, nothing to record
    await recordEvent(tx, actor.orgId, ctx, { action: 'scim_token.revoked', target: { type: 'scim_token', id }, before: presentScimToken(token), after: { revokedAt: revoked.revoked_at?.toISOString() } });
  });
  forgetToken(db, id);
}

/**
 * Turns a SCIM bearer secret into the actor that SCIM changes are audited under, or null.
 * `mayRemember`: the request is one any live token may make (cache.ts), so a remembered token will do. Its
 * role is its scope (owner or admin, see minter()), which the directory's rules read; it is not an
 * organization member and is accepted only on /scim/v2 (it is not among the /v1 credential resolvers).
 */
export async function resolveScimToken(db: Knex, logger: Logger, secret: string, opts: { mayRemember: boolean }): Promise<Actor | null> {
  if (!secret.startsWith(`${SCIM_TOKEN_PREFIX}_`)) return null;
  const hash = hashSecret(secret);
  const cache = opts.mayRemember ? tokenCache(db, logger) : null;
  const key = hash.toString('hex');
  let row = cache?.get(key);
  if (!row) {
    const generation = cache?.mark() ?? 0;
    row = await store.findLiveScimToken(db, hash);
    if (!row) return null;
    cache?.remember(key, row, generation);
  }
  if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > 60_000) {
    row.last_used_at = new Date(); // the remembered row too, or every request after a minute would touch it again
    store.touchScimToken(db, row.id).catch((err: unknown) => logger.warn({ err }, 'could not record SCIM token use'));
  }
  return {
    type: 'scim_token',
    orgId: row.org_id,
    orgSlug: row.org_slug,
    role: row.owner_scope ? 'owner' : 'admin',
    userId: null,
    apiKeyId: row.id,
    sessionId: null,
    teams: [],
    label: `scim token ${row.name}`,
    bootstrap: false,
  };
}
