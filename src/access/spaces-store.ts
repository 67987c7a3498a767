// SQL for spaces. Every query is scoped by org_id; the tree is walked with recursive CTEs on the
// (org_id, parent_id) index.
import type { Knex } from 'knex';

export interface SpaceRow {
  org_id: string;
  id: string;
  name: string;
  parent_id: string | null;
  inherit_entities: boolean;
  labels: string[];
  created_at: Date;
  updated_at: Date;
}

export interface SpaceListFilter {
  /** Only these ids (the caller's readable spaces); undefined = all. */
  ids?: string[];
  parentId?: string;
  label?: string;
  after?: string;
}

export async function listSpaces(q: Knex, orgId: string, f: SpaceListFilter, limit: number): Promise<SpaceRow[]> {
  const query = q<SpaceRow>('spaces').where({ org_id: orgId }).orderBy('id').limit(limit);
  if (f.ids) query.whereRaw('id = any(?)', [f.ids]);
  if (f.parentId) query.where('parent_id', f.parentId);
  if (f.label) query.whereRaw('labels @> array[?]::text[]', [f.label]);
  if (f.after) query.where('id', '>', f.after);
  return query;
}

export async function findSpace(q: Knex | Knex.Transaction, orgId: string, id: string): Promise<SpaceRow | undefined> {
  return q<SpaceRow>('spaces').where({ org_id: orgId, id }).first();
}

export async function insertSpace(tx: Knex.Transaction, s: Pick<SpaceRow, 'org_id' | 'id' | 'name' | 'parent_id' | 'inherit_entities' | 'labels'>): Promise<SpaceRow | undefined> {
  const rows = await tx('spaces').insert(s).onConflict(['org_id', 'id']).ignore().returning('*');
  return rows[0] as SpaceRow | undefined;
}

export async function updateSpace(
  tx: Knex.Transaction,
  orgId: string,
  id: string,
  patch: Partial<Pick<SpaceRow, 'name' | 'parent_id' | 'inherit_entities' | 'labels'>>,
): Promise<SpaceRow> {
  const [row] = await tx('spaces').where({ org_id: orgId, id }).update({ ...patch, updated_at: tx.fn.now() }).returning('*');
  return row as SpaceRow;
}

export async function countChildren(q: Knex | Knex.Transaction, orgId: string, id: string): Promise<number> {
  const [row] = await q('spaces').count<{ c: number }[]>('* as c').where({ org_id: orgId, parent_id: id });
  return Number(row?.c ?? 0);
}

/** True when `candidate` is `id` itself or lies below it: making it the parent would close a cycle. */
export async function isSelfOrDescendant(q: Knex | Knex.Transaction, orgId: string, id: string, candidate: string): Promise<boolean> {
  const { rows } = await q.raw(
    `with recursive up as (
       select id, parent_id from spaces where org_id = ? and id = ?
       union all
       select s.id, s.parent_id from spaces s join up on s.id = up.parent_id where s.org_id = ?
     ) select 1 from up where id = ? limit 1`,
    [orgId, candidate, orgId, id],
  );
  return rows.length > 0;
}

/** Deletes a space and everything below it in one statement; bindings go with their spaces. */
export async function deleteSubtree(tx: Knex.Transaction, orgId: string, id: string): Promise<{ spaces: string[]; bindings: number }> {
  const { rows } = await tx.raw(
    `with recursive sub as (
       select id from spaces where org_id = ? and id = ?
       union all
       select s.id from spaces s join sub on s.parent_id = sub.id where s.org_id = ?
     ), gone_bindings as (
       delete from role_bindings b using sub where b.org_id = ? and b.space_id = sub.id returning b.id
     ), gone as (
       delete from spaces s using sub where s.org_id = ? and s.id = sub.id returning s.id
     ) select (select array_agg(id order by id) from gone) as spaces, (select count(*) from gone_bindings) as bindings`,
    [orgId, id, orgId, orgId, orgId],
  );
  return { spaces: rows[0]?.spaces ?? [], bindings: Number(rows[0]?.bindings ?? 0) };
}
