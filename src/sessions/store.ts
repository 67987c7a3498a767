// SQL for sessions. Every query is scoped by organization except the two lookups by a credential
// (refresh-token hash, session id from a verified token), where the credential decides the organization.
import type { Knex } from 'knex';
import type { InlineAuditRow } from '../audit/store.ts';
import type { OrgRole } from '../orgs/roles.ts';
import { teamsArraySql } from '../directory/teams-sql.ts';

export interface SessionRow {
  id: string;
  org_id: string;
  user_id: string;
  connection_id: string | null;
  idp_teams: string[];
  policy_teams: string[] | null;
  policy_roles: Record<string, string[]> | null;
  admin: boolean;
  teams_source: string;
  generation: number;
  ip: string | null;
  user_agent: string | null;
  created_at: Date;
  refreshed_at: Date;
  expires_at: Date;
  ended_at: Date | null;
  end_reason: string | null;
}

const COLUMNS = ['id', 'org_id', 'user_id', 'connection_id', 'idp_teams', 'policy_teams', 'policy_roles', 'admin', 'teams_source', 'generation',
  'ip', 'user_agent', 'created_at', 'refreshed_at', 'expires_at', 'ended_at', 'end_reason'].map((c) => `s.${c}`);

/** A live session with what a token and an actor need: its person, organization and current SCIM teams. */
export interface LiveSessionRow extends SessionRow {
  org_slug: string;
  strategy: 'user_management' | 'login_policy';
  user_name: string;
  email: string | null;
  display_name: string | null;
  role: OrgRole;
  scim_teams: string[];
}

export type NewSession = Pick<SessionRow, 'org_id' | 'user_id' | 'connection_id' | 'idp_teams' | 'policy_teams' | 'policy_roles' | 'admin' | 'teams_source' | 'ip' | 'user_agent' | 'expires_at'> & { refresh_hash: Buffer };

/**
 * Inserts a session and its audit record in one statement (a CTE is atomic like a transaction): a
 * returning person's sign-in needs no transaction of its own, so it pays one round trip here instead
 * of four (BEGIN, INSERT, INSERT, COMMIT) — benchmark bench/sso.
 */
export async function insertSessionAudited(q: Knex | Knex.Transaction, s: NewSession, audit: InlineAuditRow): Promise<SessionRow> {
  const { rows } = await q.raw(
    `with s as (
       insert into sessions as s (org_id, user_id, connection_id, idp_teams, policy_teams, policy_roles, admin, teams_source, ip, user_agent, expires_at, refresh_hash)
       values (?, ?, ?, ?::text[], ?::text[], ?::jsonb, ?, ?, ?, ?, ?, ?)
       returning ${COLUMNS.join(', ')}
     ), a as (
       insert into audit_events (org_id, action, actor_type, actor_id, actor_label, target_type, target_id, after, details, ip, request_id)
       select s.org_id, ?, ?, ?, ?, 'session', s.id::text, ?::jsonb, ?::jsonb, ?, ? from s
     )
     select * from s`,
    [s.org_id, s.user_id, s.connection_id, s.idp_teams, s.policy_teams, s.policy_roles === null ? null : JSON.stringify(s.policy_roles), s.admin,
      s.teams_source, s.ip, s.user_agent, s.expires_at, s.refresh_hash,
      audit.action, audit.actor_type, audit.actor_id, audit.actor_label, JSON.stringify(audit.after ?? null), JSON.stringify(audit.details ?? null), audit.ip, audit.request_id],
  );
  return rows[0] as SessionRow;
}

function live(q: Knex | Knex.Transaction) {
  return q('sessions as s')
    .join('users as u', function () {
      this.on('u.id', 's.user_id').andOn('u.org_id', 's.org_id');
    })
    .join('organizations as o', 'o.id', 's.org_id')
    .select(
      ...COLUMNS, 'o.slug as org_slug', 'o.management_strategy as strategy', 'u.user_name', 'u.email', 'u.display_name', 'u.role',
      q.raw(`${teamsArraySql('s.org_id', 's.user_id')} as scim_teams`),
    )
    .whereNull('s.ended_at')
    .where('s.expires_at', '>', q.fn.now())
    .where('u.active', true);
}

/** The live session behind a verified token (the token's signature already named the session). */
export async function findLiveSession(q: Knex | Knex.Transaction, sessionId: string): Promise<LiveSessionRow | undefined> {
  return live(q).where('s.id', sessionId).first();
}

export async function findLiveSessionInOrg(q: Knex | Knex.Transaction, orgId: string, sessionId: string): Promise<LiveSessionRow | undefined> {
  return live(q).where({ 's.org_id': orgId, 's.id': sessionId }).first();
}

/** Locks the session a refresh token belongs to, live or not, matching the current or previous token. */
export async function lockByRefreshHash(tx: Knex.Transaction, hash: Buffer): Promise<{ row: SessionRow; current: boolean } | undefined> {
  const row = (await tx('sessions as s')
    .select([...COLUMNS, 's.refresh_hash'])
    .where((w) => w.where('s.refresh_hash', hash).orWhere('s.previous_refresh_hash', hash))
    .forUpdate()
    .first()) as (SessionRow & { refresh_hash: Buffer }) | undefined;
  if (!row) return undefined;
  const { refresh_hash, ...rest } = row;
  return { row: rest, current: Buffer.compare(refresh_hash, hash) === 0 };
}

export async function rotateRefresh(tx: Knex.Transaction, orgId: string, id: string, hash: Buffer): Promise<void> {
  await tx('sessions')
    .where({ org_id: orgId, id })
    .update({ previous_refresh_hash: tx.ref('refresh_hash'), refresh_hash: hash, generation: tx.raw('generation + 1'), refreshed_at: tx.fn.now() });
}

export interface SessionFilter {
  userId?: string;
  sessionId?: string;
  /** Spared when ending many: the session making the change (domain §6). */
  exceptSessionId?: string | null;
}

/** Ends the matching live sessions; returns their ids. */
export async function endSessions(q: Knex | Knex.Transaction, orgId: string, f: SessionFilter, reason: string): Promise<string[]> {
  const query = q('sessions').where('org_id', orgId).whereNull('ended_at');
  if (f.userId) query.where('user_id', f.userId);
  if (f.sessionId) query.where('id', f.sessionId);
  if (f.exceptSessionId) query.whereNot('id', f.exceptSessionId);
  const rows = await query.update({ ended_at: q.fn.now(), end_reason: reason }).returning('id');
  return rows.map((r: { id: string }) => r.id);
}

export async function listLiveSessions(q: Knex, orgId: string, f: { userId?: string; after?: string }, limit: number): Promise<LiveSessionRow[]> {
  const query = live(q).where('s.org_id', orgId).orderBy('s.id').limit(limit);
  if (f.userId) query.where('s.user_id', f.userId);
  if (f.after) query.where('s.id', '>', f.after);
  return query;
}

/** A person's most recent sign-in: when, and the teams the IdP sent (the console's person page). */
export async function lastSignIn(q: Knex, orgId: string, userId: string): Promise<{ created_at: Date; idp_teams: string[] } | undefined> {
  return q('sessions').where({ org_id: orgId, user_id: userId }).orderBy('created_at', 'desc').first('created_at', 'idp_teams');
}

export async function countLiveSessions(q: Knex, orgId: string, exceptSessionId: string | null): Promise<number> {
  const query = q('sessions').where('org_id', orgId).whereNull('ended_at').where('expires_at', '>', q.fn.now());
  if (exceptSessionId) query.whereNot('id', exceptSessionId);
  const [row] = await query.count<{ count: number }[]>('* as count');
  return Number(row?.count ?? 0);
}
