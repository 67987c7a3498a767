// SQL that reads one organization's whole access model, from one snapshot.
import type { Knex } from 'knex';
import type { BindingRow, ModelRows } from './model.ts';

const lines = (res: { rows: { t: string | null }[] }) => (res.rows[0]?.t ? res.rows[0].t.split('\n').map((l) => l.split('\t')) : []);

/** id, subject_type, subject id, role id, space id per line. */
function bindingRows(text: string | null): BindingRow[] {
  const out: BindingRow[] = [];
  if (!text) return out;
  for (let at = 0; at < text.length; ) {
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    const t1 = text.indexOf('\t', at), t2 = text.indexOf('\t', t1 + 1), t3 = text.indexOf('\t', t2 + 1), t4 = text.indexOf('\t', t3 + 1);
    const type = text.slice(t1 + 1, t2) as BindingRow['subject_type'], subject = text.slice(t2 + 1, t3);
    out.push({
      id: text.slice(at, t1), subject_type: type, role_id: text.slice(t3 + 1, t4), space_id: text.slice(t4 + 1, end),
      user_id: type === 'user' ? subject : null, api_key_id: type === 'api_key' ? subject : null, idp_group_id: type === 'idp_group' ? subject : null,
    });
    at = end + 1;
  }
  return out;
}

/** Reads in one REPEATABLE READ transaction, so the version matches the rows read with it. */
export async function loadModelRows(db: Knex, orgId: string): Promise<ModelRows> {
  return db.transaction(
    async (tx) => {
      const version = await tx('access_versions').where({ org_id: orgId }).first('version');
      const org = await tx('organizations').where({ id: orgId }).first('management_strategy');
      // The two big tables come back as one text each: parsing 50,000 rows into objects costs
      // several times more than splitting lines. Their fields are slugs, UUIDs and enums: no tabs.
      const spaceText = await tx.raw(
        `select string_agg(concat_ws(E'\\t', id, coalesce(parent_id, ''), inherit_entities::int), E'\\n') as t from spaces where org_id = ?`,
        [orgId],
      );
      const roles = await tx('roles').where({ org_id: orgId }).select('id', 'slug', 'predefined', 'actions');
      const mappings = await tx('idp_group_mappings as m')
        .leftJoin('groups as g', (j) => j.on('g.org_id', 'm.org_id').andOn('g.external_id', 'm.external_id'))
        .where('m.org_id', orgId)
        .select('m.id', 'm.name', 'm.external_id', tx.raw('g.display_name::text as idp_name'));
      const bindingText = await tx.raw(
        `select string_agg(concat_ws(E'\\t', id, subject_type, coalesce(user_id, api_key_id, idp_group_id), role_id, space_id), E'\\n') as t
         from role_bindings where org_id = ?`,
        [orgId],
      );
      return {
        version: Number(version?.version ?? 0),
        strategy: org?.management_strategy ?? 'user_management',
        spaces: lines(spaceText).map(([id, parent, inherit]) => ({ id: id!, parent_id: parent || null, inherit_entities: inherit === '1' })),
        roles,
        mappings,
        bindings: bindingRows(bindingText.rows[0]?.t ?? null),
      };
    },
    { isolationLevel: 'repeatable read', readOnly: true },
  );
}
