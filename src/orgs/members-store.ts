// SQL for members: the organization-role view of the users table.
import type { Knex } from 'knex';
import type { OrgRole } from './roles.ts';

export interface MemberRow {
  id: string;
  org_id: string;
  user_name: string;
  email: string | null;
  display_name: string | null;
  role: OrgRole;
  active: boolean;
  source: string;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = ['id', 'org_id', 'user_name', 'email', 'display_name', 'role', 'active', 'source', 'created_at', 'updated_at'];

export async function findMember(q: Knex | Knex.Transaction, orgId: string, userId: string): Promise<MemberRow | undefined> {
  return q<MemberRow>('users').where({ org_id: orgId, id: userId }).first(COLUMNS) as Promise<MemberRow | undefined>;
}

/**
 * Locks these members and, with `activeOwners`, every active owner, in one statement and in id
 * order: the one lock order of member changes, so concurrent changes queue instead of deadlocking.
 */
export async function lockMembersInOrder(tx: Knex.Transaction, orgId: string, ids: string[], activeOwners: boolean): Promise<MemberRow[]> {
  return tx<MemberRow>('users')
    .select<MemberRow[]>(COLUMNS)
    .where('org_id', orgId)
    .where((w) => {
      w.whereIn('id', ids);
      if (activeOwners) w.orWhere((o) => o.where({ role: 'owner', active: true }));
    })
    .orderBy('id')
    .forUpdate();
}

/** A person's role and state as committed now, held (FOR SHARE) until the caller's transaction ends. */
export async function shareLockMemberRole(tx: Knex.Transaction, orgId: string, userId: string): Promise<Pick<MemberRow, 'role' | 'active'> | undefined> {
  return tx<MemberRow>('users').where({ org_id: orgId, id: userId }).forShare().first('role', 'active') as Promise<Pick<MemberRow, 'role' | 'active'> | undefined>;
}

/** Locks every active owner row, so two owners demoting each other cannot both succeed. */
export async function lockActiveOwners(tx: Knex.Transaction, orgId: string): Promise<string[]> {
  const rows = await tx('users').select('id').where({ org_id: orgId, role: 'owner', active: true }).orderBy('id').forUpdate();
  return rows.map((r: { id: string }) => r.id);
}

export async function countActiveOwners(q: Knex | Knex.Transaction, orgId: string): Promise<number> {
  const [row] = await q('users').count<{ count: number }[]>('* as count').where({ org_id: orgId, role: 'owner', active: true });
  return Number(row?.count ?? 0);
}

export const MEMBER_SORTS = ['userName', 'name', 'createdAt', '-createdAt'] as const;
export type MemberSort = (typeof MEMBER_SORTS)[number];
export const MEMBER_SOURCES = ['scim', 'sso', 'invitation', 'api'] as const;

export interface MemberListFilter {
  role?: OrgRole;
  active?: boolean;
  source?: (typeof MEMBER_SOURCES)[number];
  /** Part of the userName, email or name (case-insensitive); one or two characters match the start of the userName. */
  search?: string;
  sort: MemberSort;
  /** Keyset cursor: the last row's sort value and id on the previous page. */
  after?: { value: string; id: string };
}

/**
 * Each sort key with the expression its index serves (users_org_user_name unique, users_org_sort_name
 * of 0043, users_org_created_id of 0002), so the first page reads ~limit index entries at any size.
 */
const SORT_SQL: Record<MemberSort, { key: string; cast: string; desc: boolean }> = {
  userName: { key: 'user_name', cast: 'citext', desc: false },
  name: { key: 'coalesce(display_name, user_name::text)', cast: 'text', desc: false },
  createdAt: { key: 'created_at', cast: 'timestamptz', desc: false },
  '-createdAt': { key: 'created_at', cast: 'timestamptz', desc: true },
};

export const sortValueOf = (m: MemberRow, sort: MemberSort): string =>
  sort === 'userName' ? m.user_name : sort === 'name' ? (m.display_name ?? m.user_name) : m.created_at.toISOString();

/** The text a three-character search looks in: exactly the expression of users_search_trgm (0043). */
const SEARCH_TEXT = "lower(user_name::text || ' ' || coalesce(email::text, '') || ' ' || coalesce(display_name, ''))";
const escapeLike = (s: string) => s.toLowerCase().replace(/[%_\\]/g, '\\$&');

/**
 * The role, status and source conditions. `indexed: false` writes them so no index can take them
 * (`(…) is true`): beside a search, a never-ANALYZEd planner would otherwise drive the query from the
 * (org_id, source) index, guessing two rows where there are 60,000 (bench/console).
 */
function filters(f: MemberListFilter, indexed: boolean) {
  const where = (query: Knex.QueryBuilder, column: string, value: string | boolean) =>
    (indexed ? query.where(column, value) : query.whereRaw(`(${column} = ?) is true`, [value] as Knex.RawBinding[]));
  return (query: Knex.QueryBuilder) => {
    if (f.role) where(query, 'role', f.role);
    if (f.active !== undefined) where(query, 'active', f.active);
    if (f.source) where(query, 'source', f.source);
  };
}

/** The search condition, served by users_search_trgm (three characters and more) or users_user_name_prefix. */
function searching(search: string) {
  return (query: Knex.QueryBuilder) => {
    const term = escapeLike(search);
    if (search.length >= 3) query.whereRaw(`${SEARCH_TEXT} like ?`, [`%${term}%`]);
    // Fewer characters than a trigram: the start of the userName.
    else query.whereRaw('lower(user_name::text) like ?', [`${term}%`]);
  };
}

/** The rows a filtered page is drawn from: a search through its own index, else the filters through theirs. */
const candidates = (q: Knex | Knex.Transaction, orgId: string, f: MemberListFilter) =>
  q('users').where('org_id', orgId).modify(filters(f, !f.search)).modify((query) => (f.search ? query.modify(searching(f.search)) : query));

/**
 * A page in the chosen order. Unfiltered, the sort index is walked and stops after `limit` rows. A
 * filter or search first counts its matches, up to PROBE, through its own index: few matches are
 * gathered first and sorted (cheap however rare they are); many are found by walking the sort index,
 * which meets `limit` of them soon because they are common. The planner cannot be trusted to choose
 * on tables never ANALYZEd (it takes an organization for 0.5% of the table), so both paths are
 * spelled out: a materialized set of candidates, or a walk with the other plans switched off.
 */
const PROBE = 5000;

export async function listMembers(q: Knex, orgId: string, f: MemberListFilter, limit: number): Promise<MemberRow[]> {
  const sort = SORT_SQL[f.sort];
  const dir = sort.desc ? 'desc' : 'asc';
  const page = (query: Knex.QueryBuilder) => {
    query.orderByRaw(`${sort.key} ${dir}, id ${dir}`).limit(limit);
    if (f.after) query.whereRaw(`(${sort.key}, id) ${sort.desc ? '<' : '>'} (?::${sort.cast}, ?::uuid)`, [f.after.value, f.after.id]);
    return query;
  };
  const filtered = f.role !== undefined || f.active !== undefined || f.source !== undefined || f.search !== undefined;
  if (!filtered) return page(q('users').select(COLUMNS).where('org_id', orgId));

  const [probe] = await q.from(candidates(q, orgId, f).select(q.raw('1')).limit(PROBE).as('m')).count<{ count: number }[]>('* as count');
  if (Number(probe?.count ?? 0) < PROBE) {
    // The matches with every column the page shows, materialized, then sorted: no join back to users
    // that a planner could turn into a loop over the whole organization.
    return page(q.withMaterialized('m', candidates(q, orgId, f).select(COLUMNS)).select('*').from('m'));
  }
  return q.transaction(async (tx) => {
    await tx.raw('set local enable_sort = off');
    await tx.raw('set local enable_bitmapscan = off');
    await tx.raw('set local enable_seqscan = off');
    const walk = candidates(tx, orgId, f).select(COLUMNS);
    // A userName prefix clusters its matches in userName order: start the walk where they begin.
    if (f.search && f.search.length < 3 && f.sort === 'userName' && !f.after) walk.where('user_name', '>=', f.search);
    return page(walk);
  });
}

export async function insertMember(
  tx: Knex.Transaction,
  m: Pick<MemberRow, 'org_id' | 'user_name' | 'email' | 'display_name' | 'role' | 'source'>,
): Promise<MemberRow | undefined> {
  const rows = await tx('users').insert(m).onConflict(['org_id', 'user_name']).ignore().returning(COLUMNS);
  return rows[0] as MemberRow | undefined;
}

export async function updateMember(tx: Knex.Transaction, orgId: string, userId: string, patch: Partial<Pick<MemberRow, 'role' | 'active'>>): Promise<MemberRow> {
  const [row] = await tx('users')
    .where({ org_id: orgId, id: userId })
    .update({ ...patch, version: tx.raw('version + 1'), updated_at: tx.fn.now() })
    .returning(COLUMNS);
  return row as MemberRow;
}

export async function deleteMember(tx: Knex.Transaction, orgId: string, userId: string): Promise<void> {
  await tx('users').where({ org_id: orgId, id: userId }).delete();
}
