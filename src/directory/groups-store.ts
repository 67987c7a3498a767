// SQL for groups (IdP groups: their displayName is a team name). Every query is scoped by org_id.
import type { Knex } from 'knex';
import type { GroupFields, GroupRow, ListQuery } from './types.ts';
import { listOrder } from './list-order.ts';

type Q = Knex | Knex.Transaction;

const COLUMNS = 'id, org_id, display_name, external_id, attributes, version, created_at, updated_at';

/** Inserts a group, or returns undefined when the displayName is taken in the organization. */
export async function insertGroup(q: Q, orgId: string, f: GroupFields): Promise<GroupRow | undefined> {
  const { rows } = await q.raw(
    `insert into groups (org_id, display_name, external_id, attributes) values (?, ?, ?, ?::jsonb)
     on conflict (org_id, display_name) do nothing returning ${COLUMNS}`,
    [orgId, f.display_name, f.external_id, JSON.stringify(f.attributes)],
  );
  return rows[0] as GroupRow | undefined;
}

// A change locks `for no key update`: it conflicts with other changes of the group but not with
// the key-share locks that inserting a membership or nesting row takes on the groups it names, so
// a transaction nesting group A into B never waits for one changing A (issue 13.10). Deletion
// takes the full lock.
const LOCKS = { change: ' for no key update', delete: ' for update' } as const;

export async function findGroup(q: Q, orgId: string, id: string, lock?: keyof typeof LOCKS): Promise<GroupRow | undefined> {
  const { rows } = await q.raw(`select ${COLUMNS} from groups where org_id = ? and id = ?${lock ? LOCKS[lock] : ''}`, [orgId, id]);
  return rows[0] as GroupRow | undefined;
}

export async function displayNameTaken(q: Q, orgId: string, displayName: string, exceptId: string): Promise<boolean> {
  const { rows } = await q.raw('select 1 from groups where org_id = ? and display_name = ? and id <> ?', [orgId, displayName, exceptId]);
  return rows.length > 0;
}

export async function updateGroup(q: Q, orgId: string, id: string, f: GroupFields): Promise<GroupRow> {
  const { rows } = await q.raw(
    `update groups set display_name = ?, external_id = ?, attributes = ?::jsonb, version = version + 1, updated_at = now()
      where org_id = ? and id = ? returning ${COLUMNS}`,
    [f.display_name, f.external_id, JSON.stringify(f.attributes), orgId, id],
  );
  return rows[0] as GroupRow;
}

/** A membership change is a change of the group: new version (ETag) and lastModified, one row. */
export async function touchGroup(q: Q, orgId: string, id: string): Promise<GroupRow> {
  const { rows } = await q.raw(`update groups set version = version + 1, updated_at = now() where org_id = ? and id = ? returning ${COLUMNS}`, [orgId, id]);
  return rows[0] as GroupRow;
}

export async function deleteGroup(q: Q, orgId: string, id: string): Promise<boolean> {
  return (await q('groups').where({ org_id: orgId, id }).delete()) > 0;
}

export async function listGroups(q: Q, orgId: string, l: ListQuery): Promise<GroupRow[]> {
  const order = listOrder(l, 'g');
  const { rows } = await q.raw(
    `select ${COLUMNS.split(', ').map((c) => `g.${c}`).join(', ')}
       from (select g.id from groups g where g.org_id = ?${l.where ? ` and ${l.where.sql}` : ''} order by ${order} limit ? offset ?) page
       join groups g on g.id = page.id
      order by ${order}`,
    [orgId, ...(l.where?.bindings ?? []), l.limit, l.offset] as Knex.RawBinding[],
  );
  return rows as GroupRow[];
}

export async function countGroups(q: Q, orgId: string, where: ListQuery['where']): Promise<number> {
  const { rows } = await q.raw(`select count(*)::int as n from groups g where g.org_id = ?${where ? ` and ${where.sql}` : ''}`, [orgId, ...(where?.bindings ?? [])] as Knex.RawBinding[]);
  return (rows[0] as { n: number }).n;
}
