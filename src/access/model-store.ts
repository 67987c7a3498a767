// SQL that reads one organization's whole access model, from one snapshot.
import type { Knex } from 'knex';
import type { ModelRows } from './model.ts';

/** Reads in one REPEATABLE READ transaction, so the version matches the rows read with it. */
export async function loadModelRows(db: Knex, orgId: string): Promise<ModelRows> {
  return db.transaction(
    async (tx) => {
      const version = await tx('access_versions').where({ org_id: orgId }).first('version');
      const org = await tx('organizations').where({ id: orgId }).first('management_strategy');
      const spaces = await tx('spaces').where({ org_id: orgId }).select('id', 'parent_id', 'inherit_entities');
      const roles = await tx('roles').where({ org_id: orgId }).select('id', 'slug', 'predefined', 'actions');
      const mappings = await tx('idp_group_mappings as m')
        .leftJoin('groups as g', (j) => j.on('g.org_id', 'm.org_id').andOn('g.external_id', 'm.external_id'))
        .where('m.org_id', orgId)
        .select('m.id', 'm.name', 'm.external_id', tx.raw('g.display_name::text as idp_name'));
      const bindings = await tx('role_bindings')
        .where({ org_id: orgId })
        .select('id', 'subject_type', 'user_id', 'api_key_id', 'idp_group_id', 'role_id', 'space_id');
      return {
        version: Number(version?.version ?? 0),
        strategy: org?.management_strategy ?? 'user_management',
        spaces,
        roles,
        mappings,
        bindings,
      };
    },
    { isolationLevel: 'repeatable read', readOnly: true },
  );
}
