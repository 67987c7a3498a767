// SQL for IdP group mappings. A tied mapping's current IdP name comes from the SCIM group with
// the same external id (groups is the directory's table; read here, never written).
import type { Knex } from 'knex';

export interface MappingRow {
  id: string;
  org_id: string;
  name: string;
  external_id: string | null;
  idp_group_name: string | null;
  description: string;
  created_at: Date;
  updated_at: Date;
}

function selectMappings(q: Knex | Knex.Transaction, orgId: string) {
  return q('idp_group_mappings as m')
    .leftJoin('groups as g', (j) => j.on('g.org_id', 'm.org_id').andOn('g.external_id', 'm.external_id'))
    .where('m.org_id', orgId)
    .select('m.*', q.raw('g.display_name::text as idp_group_name'));
}

export async function listMappings(q: Knex, orgId: string, f: { name?: string; after?: string }, limit: number): Promise<MappingRow[]> {
  const query = selectMappings(q, orgId).orderBy('m.name').limit(limit);
  if (f.name) query.where('m.name', f.name);
  if (f.after) query.where('m.name', '>', f.after);
  return query;
}

export async function findMapping(q: Knex | Knex.Transaction, orgId: string, id: string): Promise<MappingRow | undefined> {
  return selectMappings(q, orgId).where('m.id', id).first();
}

export async function findMappingByName(q: Knex | Knex.Transaction, orgId: string, name: string): Promise<MappingRow | undefined> {
  return selectMappings(q, orgId).where('m.name', name).first();
}

type Writable = Pick<MappingRow, 'name' | 'external_id' | 'description'>;

/** Inserts; returns which unique column was taken when it could not. */
export async function insertMapping(tx: Knex.Transaction, orgId: string, m: Writable): Promise<{ id: string } | { taken: 'name' | 'externalId' }> {
  const clash = await findClash(tx, orgId, m, null);
  if (clash) return { taken: clash };
  const [row] = await tx('idp_group_mappings').insert({ ...m, org_id: orgId }).returning('id');
  return { id: (row as { id: string }).id };
}

export async function updateMapping(tx: Knex.Transaction, orgId: string, id: string, patch: Partial<Writable>): Promise<{ taken: 'name' | 'externalId' } | null> {
  const clash = await findClash(tx, orgId, patch, id);
  if (clash) return { taken: clash };
  await tx('idp_group_mappings').where({ org_id: orgId, id }).update({ ...patch, updated_at: tx.fn.now() });
  return null;
}

// Callers hold the organization's access lock, so check-then-write cannot race another writer.
async function findClash(tx: Knex.Transaction, orgId: string, m: Partial<Writable>, self: string | null): Promise<'name' | 'externalId' | null> {
  const others = () => tx('idp_group_mappings').where({ org_id: orgId }).modify((w) => (self ? w.whereNot('id', self) : w));
  if (m.name !== undefined && (await others().where({ name: m.name }).first('id'))) return 'name';
  if (m.external_id && (await others().where({ external_id: m.external_id }).first('id'))) return 'externalId';
  return null;
}

export async function deleteMapping(tx: Knex.Transaction, orgId: string, id: string): Promise<number> {
  const [row] = await tx('role_bindings').count<{ c: number }[]>('* as c').where({ org_id: orgId, idp_group_id: id });
  await tx('idp_group_mappings').where({ org_id: orgId, id }).delete(); // its bindings cascade
  return Number(row?.c ?? 0);
}
