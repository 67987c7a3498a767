// SQL for SCIM tokens. Secrets are looked up by their hash, through a unique index.
import type { Knex } from 'knex';

export interface ScimTokenRow {
  id: string;
  org_id: string;
  name: string;
  secret_hint: string;
  created_by: string | null;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
  minted_role: 'owner' | 'admin' | null;
}

const COLUMNS = ['id', 'org_id', 'name', 'secret_hint', 'created_by', 'created_at', 'last_used_at', 'revoked_at', 'minted_role'];

export async function insertScimToken(
  tx: Knex.Transaction,
  token: Pick<ScimTokenRow, 'org_id' | 'name' | 'secret_hint' | 'created_by'> & { secret_hash: Buffer } & TokenMinter,
): Promise<ScimTokenRow> {
  const [row] = await tx('scim_tokens').insert(token).returning(COLUMNS);
  return row as ScimTokenRow;
}

export async function findScimToken(q: Knex | Knex.Transaction, orgId: string, id: string): Promise<ScimTokenRow | undefined> {
  return q<ScimTokenRow>('scim_tokens').where({ org_id: orgId, id }).first(COLUMNS) as Promise<ScimTokenRow | undefined>;
}

export async function listScimTokens(q: Knex, orgId: string, includeRevoked: boolean): Promise<ScimTokenRow[]> {
  const query = q<ScimTokenRow>('scim_tokens').select<ScimTokenRow[]>(COLUMNS).where({ org_id: orgId }).orderBy('created_at', 'desc').limit(1000);
  if (!includeRevoked) query.whereNull('revoked_at');
  return query;
}

export async function revokeScimToken(tx: Knex.Transaction, orgId: string, id: string): Promise<ScimTokenRow | undefined> {
  const rows = await tx('scim_tokens').where({ org_id: orgId, id }).whereNull('revoked_at').update({ revoked_at: tx.fn.now() }).returning(COLUMNS);
  return rows[0] as ScimTokenRow | undefined;
}

/** Who minted a token: a person (session or personal key), else a service key; and their role then. */
export interface TokenMinter {
  minted_role: 'owner' | 'admin';
  minted_by_user_id: string | null;
  minted_by_key_id: string | null;
}

export interface LiveScimToken {
  id: string;
  name: string;
  org_id: string;
  org_slug: string;
  last_used_at: Date | null;
  /** Minted by an owner who still is one: an active owner person, or a live owner service key. */
  owner_scope: boolean;
}

/**
 * The live token with this secret hash, with its organization and whether its minter still holds
 * owner powers (issue 13.1). Not scoped by organization: the token is what decides the organization.
 */
export async function findLiveScimToken(q: Knex, secretHash: Buffer): Promise<LiveScimToken | undefined> {
  // Scalar subqueries on primary keys, not joins: this runs before every SCIM request, and a join
  // of four never-analyzed tables costs more to plan than to run.
  const { rows } = await q.raw(
    `select t.id, t.name, t.org_id, t.last_used_at,
            (select o.slug from organizations o where o.id = t.org_id) as org_slug,
            coalesce(t.minted_role = 'owner' and case
              when t.minted_by_user_id is not null then
                (select u.role = 'owner' and u.active from users u where u.id = t.minted_by_user_id and u.org_id = t.org_id)
              when t.minted_by_key_id is not null then
                (select k.kind = 'service' and k.role = 'owner' and k.revoked_at is null and (k.expires_at is null or k.expires_at > now())
                   from api_keys k where k.id = t.minted_by_key_id and k.org_id = t.org_id)
              end, false) as owner_scope
       from scim_tokens t
      where t.secret_hash = ? and t.revoked_at is null`,
    [secretHash],
  );
  return rows[0] as LiveScimToken | undefined;
}

/** Records use at most once a minute per token, so a busy IdP does not write on every request. */
export async function touchScimToken(q: Knex, id: string): Promise<void> {
  await q('scim_tokens')
    .where({ id })
    .where((w) => w.whereNull('last_used_at').orWhere('last_used_at', '<', q.raw("now() - interval '1 minute'")))
    .update({ last_used_at: q.fn.now() });
}
