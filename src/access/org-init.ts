// What every organization has from its first moment: the `root` space (domain §1), the three
// predefined roles as rows that bindings can point at, and its access version row.
import type { Knex } from 'knex';
import { PREDEFINED_ROLES } from './predefined-roles.ts';

export const ROOT_SPACE = 'root';

/** Idempotent; runs in the caller's transaction (organization creation, or the 0003 migration). */
export async function initOrgAccess(q: Knex | Knex.Transaction, orgId: string): Promise<void> {
  await q('access_versions').insert({ org_id: orgId, version: 1 }).onConflict('org_id').ignore();
  await q('spaces')
    .insert({ org_id: orgId, id: ROOT_SPACE, name: 'root', parent_id: null, inherit_entities: false, labels: [] })
    .onConflict(['org_id', 'id'])
    .ignore();
  await q('roles')
    .insert(PREDEFINED_ROLES.map((r) => ({ org_id: orgId, slug: r.slug, name: r.name, description: r.description, actions: [...r.actions], predefined: true })))
    .onConflict(['org_id', 'slug'])
    .ignore();
}
