// SQL for users as the directory sees them. Every query is scoped by org_id.
import type { Knex } from 'knex';
import type { InlineAuditRow } from '../audit/store.ts';
import { listOrder } from './list-order.ts';
import { userGroupsSql } from './teams-sql.ts';
import type { GroupRef, ListQuery, UserFields, UserRow } from './types.ts';

type Q = Knex | Knex.Transaction;

/** Names a raw statement for `pg` (prepared once per connection); the embedded PGlite takes it unnamed. */
const named = (raw: Knex.Raw, name: string): Knex.Raw => ((raw as unknown as { client: { config: { client?: unknown } } }).client.config.client === 'pg' ? raw.options({ name }) : raw);

const COLUMNS = 'id, org_id, user_name, external_id, email, display_name, given_name, family_name, role, active, source, attributes, version, created_at, updated_at';

/** Inserts a user, or returns undefined when the userName is taken in the organization. */
export async function insertUser(q: Q, orgId: string, f: UserFields, source: string): Promise<UserRow | undefined> {
  const { rows } = await q.raw(
    `insert into users (org_id, user_name, external_id, email, display_name, given_name, family_name, active, source, attributes)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
     on conflict (org_id, user_name) do nothing
     returning ${COLUMNS}`,
    [orgId, f.user_name, f.external_id, f.email, f.display_name, f.given_name, f.family_name, f.active, source, JSON.stringify(f.attributes)],
  );
  return rows[0] as UserRow | undefined;
}

/**
 * Inserts a user and its audit record in one statement (a CTE is atomic like a transaction): the
 * IdP's bulk provisioning path pays one round trip and one commit per user instead of four
 * statements (BEGIN, INSERT, INSERT, COMMIT) — benchmark (a) of issue 3. Undefined when the
 * userName is taken; then no audit record is written either.
 */
export async function insertUserAudited(q: Q, orgId: string, f: UserFields, source: string, audit: InlineAuditRow): Promise<UserRow | undefined> {
  // A named statement: PostgreSQL parses and plans it once per connection, not on every create
  // (issue 15.7: planning this CTE cost as much as running it).
  const { rows } = await named(q.raw(
    `with u as (
       insert into users (org_id, user_name, external_id, email, display_name, given_name, family_name, active, source, attributes)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
       on conflict (org_id, user_name) do nothing
       returning ${COLUMNS}
     ), a as (
       insert into audit_events (org_id, action, actor_type, actor_id, actor_label, target_type, target_id, after, ip, request_id)
       select u.org_id, ?, ?, ?, ?, 'user', u.id::text, ?::jsonb, ?, ? from u
     )
     select * from u`,
    [orgId, f.user_name, f.external_id, f.email, f.display_name, f.given_name, f.family_name, f.active, source, JSON.stringify(f.attributes),
      audit.action, audit.actor_type, audit.actor_id, audit.actor_label, JSON.stringify(audit.after), audit.ip, audit.request_id],
  ), 'gatehouse_insert_user_audited');
  return rows[0] as UserRow | undefined;
}

export async function findUser(q: Q, orgId: string, id: string, lock = false): Promise<UserRow | undefined> {
  const { rows } = await q.raw(`select ${COLUMNS} from users where org_id = ? and id = ?${lock ? ' for update' : ''}`, [orgId, id]);
  return rows[0] as UserRow | undefined;
}

export async function findUserWithGroups(q: Q, orgId: string, id: string): Promise<(UserRow & { groups: GroupRef[] }) | undefined> {
  const { rows } = await q.raw(`select u.*, ${GROUPS} from users u where u.org_id = ? and u.id = ?`, [orgId, id]);
  return rows[0] as (UserRow & { groups: GroupRef[] }) | undefined;
}

export async function findUserByUserName(q: Q, orgId: string, userName: string): Promise<UserRow | undefined> {
  const { rows } = await q.raw(`select ${COLUMNS} from users where org_id = ? and user_name = ?`, [orgId, userName]);
  return rows[0] as UserRow | undefined;
}

export async function findUsersByExternalId(q: Q, orgId: string, externalId: string): Promise<UserRow[]> {
  const { rows } = await q.raw(`select ${COLUMNS} from users where org_id = ? and external_id = ? order by created_at, id limit 100`, [orgId, externalId]);
  return rows as UserRow[];
}

/** Another user of the organization already holds this userName (case-insensitively). */
export async function userNameTaken(q: Q, orgId: string, userName: string, exceptId: string): Promise<boolean> {
  const { rows } = await q.raw('select 1 from users where org_id = ? and user_name = ? and id <> ?', [orgId, userName, exceptId]);
  return rows.length > 0;
}

export async function updateUser(q: Q, orgId: string, id: string, f: UserFields): Promise<UserRow> {
  const { rows } = await q.raw(
    `update users set user_name = ?, external_id = ?, email = ?, display_name = ?, given_name = ?, family_name = ?, active = ?,
            attributes = ?::jsonb, version = version + 1, updated_at = now()
      where org_id = ? and id = ? returning ${COLUMNS}`,
    [f.user_name, f.external_id, f.email, f.display_name, f.given_name, f.family_name, f.active, JSON.stringify(f.attributes), orgId, id],
  );
  return rows[0] as UserRow;
}

/**
 * Locks every active owner row of the organization, in id order, and returns their ids: the first
 * step of the organization's lock order (orgs/members-store.ts lockActiveOwners takes the same rows
 * the same way), so SCIM and /v1 changing owners at once queue instead of deadlocking.
 */
export async function lockActiveOwners(tx: Knex.Transaction, orgId: string): Promise<string[]> {
  const { rows } = await tx.raw(`select id from users where org_id = ? and role = 'owner' and active order by id for update`, [orgId]);
  return (rows as { id: string }[]).map((r) => r.id);
}

/** Deletes the user; its memberships and personal keys go with it (foreign keys cascade). */
export async function deleteUser(q: Q, orgId: string, id: string): Promise<boolean> {
  const n = await q('users').where({ org_id: orgId, id }).delete();
  return n > 0;
}

// A user's groups (direct and through nesting) in the same query as the user (one round trip for
// Okta's `userName eq` lookup).
const GROUPS = `coalesce((select json_agg(json_build_object('user_id', u.id, 'group_id', t.group_id, 'direct', t.direct, 'display_name', t.name) order by t.name)
  from (select ug.group_id, ug.direct, (select g.display_name::text from groups g where g.id = ug.group_id) as name
          from (${userGroupsSql('u.org_id', 'u.id')}) ug) t), '[]') as groups`;

export async function listUsers(q: Q, orgId: string, l: ListQuery, withGroups = false): Promise<(UserRow & { groups?: GroupRef[] })[]> {
  const order = listOrder(l, 'u');
  // The page is chosen on ids first (an index-only scan when unfiltered), so rows skipped by the
  // offset are never fetched whole nor have their groups read.
  const { rows } = await q.raw(
    `select ${COLUMNS.split(', ').map((c) => `u.${c}`).join(', ')}${withGroups ? `, ${GROUPS}` : ''}
       from (select u.id from users u where u.org_id = ?${l.where ? ` and ${l.where.sql}` : ''} order by ${order} limit ? offset ?) page
       join users u on u.id = page.id
      order by ${order}`,
    [orgId, ...(l.where?.bindings ?? []), l.limit, l.offset] as Knex.RawBinding[],
  );
  return rows as UserRow[];
}

export async function countUsers(q: Q, orgId: string, where: ListQuery['where']): Promise<number> {
  const { rows } = await q.raw(`select count(*)::int as n from users u where u.org_id = ?${where ? ` and ${where.sql}` : ''}`, [orgId, ...(where?.bindings ?? [])] as Knex.RawBinding[]);
  return (rows[0] as { n: number }).n;
}
