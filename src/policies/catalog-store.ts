// The spaces and roles a policy may name, read for input.spaces / input.roles and to check the
// `roles` output. Read-only, scoped by organization.
import type { Knex } from 'knex';
import type { CatalogEntry } from './input.ts';

export async function loadCatalog(q: Knex | Knex.Transaction, orgId: string): Promise<CatalogEntry> {
  const [spaces, roles] = await Promise.all([
    q('spaces').select('id', 'name', 'labels').where({ org_id: orgId }).orderBy('id'),
    q('roles').select('id', 'name', 'slug').where({ org_id: orgId }).orderBy('slug'),
  ]);
  return { spaces, roles };
}
