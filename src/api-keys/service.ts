// API keys: service keys (their own organization role and teams) and personal keys (act as their person).
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { recordEvent } from '../audit/service.ts';
import type { Actor, CredentialResolver, RequestContext } from '../http/actor.ts';
import { forbidden, invalidField, notFound } from '../http/errors.ts';
import { newSecret, hashSecret, secretHint, secretsEqual } from '../lib/secrets.ts';
import { lockActorRole, requireOrgPermission } from '../orgs/guard.ts';
import { can, mayGrant, type OrgRole } from '../orgs/roles.ts';
import * as store from './store.ts';

export const API_KEY_PREFIX = 'ghk';

export function presentApiKey(k: store.ApiKeyRow) {
  return {
    id: k.id,
    name: k.name,
    kind: k.kind,
    role: k.role,
    userId: k.user_id,
    teams: k.teams,
    secretHint: k.secret_hint,
    createdBy: k.created_by,
    createdAt: k.created_at.toISOString(),
    lastUsedAt: k.last_used_at?.toISOString() ?? null,
    expiresAt: k.expires_at?.toISOString() ?? null,
    revokedAt: k.revoked_at?.toISOString() ?? null,
  };
}

export interface NewApiKey {
  name: string;
  kind: 'service' | 'personal';
  role?: OrgRole;
  teams?: string[];
  expiresAt?: Date;
}

/** Inserts a key inside the caller's transaction and audits it; `secret` lets bootstrap choose it. */
export async function insertKeyAudited(tx: Knex.Transaction, orgId: string, ctx: RequestContext | null, key: NewApiKey & { userId?: string }, secret = newSecret(API_KEY_PREFIX)) {
  const row = await store.insertApiKey(tx, {
    org_id: orgId,
    name: key.name,
    kind: key.kind,
    user_id: key.kind === 'personal' ? key.userId! : null,
    role: key.kind === 'service' ? key.role! : null,
    teams: key.teams ?? [],
    secret_hint: secretHint(secret),
    created_by: ctx?.actor.label ?? 'gatehouse',
    expires_at: key.expiresAt ?? null,
    secret_hash: hashSecret(secret),
  });
  if (!row) return undefined; // the same secret already exists (bootstrap restarts)
  const shown = presentApiKey(row);
  await recordEvent(tx, orgId, ctx, { action: 'api_key.created', target: { type: 'api_key', id: row.id }, after: shown });
  return { ...shown, secret };
}

export async function createApiKey(db: Knex, ctx: RequestContext, input: NewApiKey) {
  const { actor } = ctx;
  if (input.kind === 'personal') {
    if (actor.type !== 'user' || !actor.userId) throw invalidField('kind', 'a personal key belongs to a person; this credential is a service key');
    requireOrgPermission(actor, 'api_keys:create_personal');
    if (input.role !== undefined) throw invalidField('role', 'a personal key acts with its person\'s role; omit role');
    if (input.teams?.length) throw invalidField('teams', "a personal key carries its person's teams; omit teams");
  } else {
    requireOrgPermission(actor, 'integrations:manage');
    if (!input.role) throw invalidField('role', 'is required for a service key');
    if (!mayGrant(actor.role, input.role)) throw forbidden('only an owner may create a key with the owner role');
  }
  if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) throw invalidField('expiresAt', 'must be in the future');
  return db.transaction(async (tx) => {
    // The checks above again, with the role as it stands now (src/orgs/guard.ts).
    const role = await lockActorRole(tx, actor);
    requireOrgPermission({ ...actor, role }, input.kind === 'personal' ? 'api_keys:create_personal' : 'integrations:manage');
    if (input.role && !mayGrant(role, input.role)) throw forbidden('only an owner may create a key with the owner role');
    return (await insertKeyAudited(tx, actor.orgId, ctx, { ...input, userId: actor.userId ?? undefined }))!;
  });
}

export async function listApiKeys(db: Knex, ctx: RequestContext, includeRevoked: boolean) {
  const { actor } = ctx;
  // Owners and admins see every key; others see their own personal keys.
  const all = can(actor.role, 'integrations:manage');
  if (!all && !actor.userId) return { items: [] };
  const rows = await store.listApiKeys(db, actor.orgId, { userId: all ? undefined : actor.userId!, includeRevoked });
  return { items: rows.map(presentApiKey) };
}

export async function revokeApiKey(db: Knex, ctx: RequestContext, id: string): Promise<void> {
  const { actor } = ctx;
  await db.transaction(async (tx) => {
    const role = await lockActorRole(tx, actor);
    const key = await store.findApiKey(tx, actor.orgId, id);
    const own = key?.kind === 'personal' && key.user_id === actor.userId;
    // Keys you may not manage are reported as absent, like other organizations' keys.
    if (!key || (!own && !can(role, 'integrations:manage'))) throw notFound('API key');
    if (key.role === 'owner' && !can(role, 'owners:manage')) throw forbidden('only an owner may revoke a key with the owner role');
    const revoked = await store.revokeApiKey(tx, actor.orgId, id);
    if (!revoked) return; // already revoked: nothing changes, nothing to record
    await recordEvent(tx, actor.orgId, ctx, { action: 'api_key.revoked', target: { type: 'api_key', id }, before: presentApiKey(key), after: { revokedAt: revoked.revoked_at?.toISOString() } });
  });
}

/** The actor a live key acts as; null for a suspended person's personal key (domain §9). */
export function credentialActor(row: store.CredentialRow, bootstrap = false): Actor | null {
  if (row.kind === 'personal' && !row.user_active) return null; // suspended people's keys stop at once
  const person = row.kind === 'personal';
  return {
    type: person ? 'user' : 'api_key',
    orgId: row.org_id,
    orgSlug: row.org_slug,
    role: (person ? row.user_role : row.key_role)!,
    userId: row.user_id,
    apiKeyId: row.key_id,
    sessionId: null,
    teams: person ? row.user_teams : row.teams,
    label: person ? `${row.user_name} (key ${row.key_name})` : `api key ${row.key_name}`,
    bootstrap,
  };
}

/** A live key by its secret (the console's key exchange), without the bootstrap privilege. */
export async function findApiKeyActor(db: Knex, secret: string): Promise<Actor | null> {
  const row = await store.findLiveCredential(db, hashSecret(secret));
  const actor = row ? credentialActor(row) : null;
  if (actor) await store.touchApiKey(db, row!.key_id);
  return actor;
}

/** A live key by id (a console session resting on it). */
export async function apiKeyActorById(db: Knex, orgId: string, keyId: string): Promise<Actor | null> {
  const row = await store.findLiveCredentialById(db, orgId, keyId);
  return row ? credentialActor(row) : null;
}

/** Turns a bearer secret into an actor, or null when it is not a live API key. */
export function apiKeyResolver(db: Knex, logger: Logger, bootstrapToken: string | null): CredentialResolver {
  return async (token: string): Promise<Actor | null> => {
    if (!token.startsWith(`${API_KEY_PREFIX}_`) && !(bootstrapToken && token === bootstrapToken)) return null;
    const row = await store.findLiveCredential(db, hashSecret(token));
    const actor = row ? credentialActor(row, bootstrapToken !== null && secretsEqual(token, bootstrapToken)) : null;
    if (!actor) return null;
    store.touchApiKey(db, row!.key_id).catch((err: unknown) => logger.warn({ err }, 'could not record API key use'));
    return actor;
  };
}
