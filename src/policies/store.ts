// SQL for login policies and their samples.
import type { Knex } from 'knex';

export interface PolicyRow {
  id: string;
  org_id: string;
  name: string;
  body: string;
  rego_version: 0 | 1;
  enabled: boolean;
  sample_all: boolean;
  /** Rego test module saved with the policy (null: none). */
  tests: string | null;
  version: number;
  updated_by: string | null;
  created_at: Date;
  updated_at: Date;
}

export type PolicyFields = Pick<PolicyRow, 'name' | 'body' | 'rego_version' | 'enabled' | 'sample_all' | 'tests'>;

export async function insertPolicy(tx: Knex.Transaction, orgId: string, f: PolicyFields, by: string): Promise<PolicyRow | undefined> {
  const rows = await tx('login_policies').insert({ ...f, org_id: orgId, updated_by: by }).onConflict(['org_id', 'name']).ignore().returning('*');
  return rows[0] as PolicyRow | undefined;
}

export async function findPolicy(q: Knex | Knex.Transaction, orgId: string, id: string): Promise<PolicyRow | undefined> {
  return q<PolicyRow>('login_policies').where({ org_id: orgId, id }).first();
}

export async function lockPolicy(tx: Knex.Transaction, orgId: string, id: string): Promise<PolicyRow | undefined> {
  return tx<PolicyRow>('login_policies').where({ org_id: orgId, id }).forUpdate().first();
}

export async function listPolicies(q: Knex | Knex.Transaction, orgId: string, onlyEnabled = false): Promise<PolicyRow[]> {
  const query = q<PolicyRow>('login_policies').where({ org_id: orgId }).orderBy('name').limit(500);
  if (onlyEnabled) query.where({ enabled: true });
  return query;
}

export async function nameTaken(tx: Knex.Transaction, orgId: string, name: string, exceptId: string): Promise<boolean> {
  return Boolean(await tx('login_policies').where({ org_id: orgId, name }).whereNot({ id: exceptId }).first('id'));
}

export async function updatePolicy(tx: Knex.Transaction, orgId: string, id: string, f: PolicyFields, by: string): Promise<PolicyRow> {
  const [row] = await tx('login_policies')
    .where({ org_id: orgId, id })
    .update({ ...f, updated_by: by, version: tx.raw('version + 1'), updated_at: tx.fn.now() })
    .returning('*');
  return row as PolicyRow;
}

export async function deletePolicy(tx: Knex.Transaction, orgId: string, id: string): Promise<void> {
  await tx('login_policies').where({ org_id: orgId, id }).delete();
}

export interface SampleRow {
  id: number;
  policy_id: string;
  policy_version: number;
  at: Date;
  input: unknown;
  output: unknown;
  error: string | null;
  duration_us: number;
}

/** Keeps the newest `keep` samples of a policy from the last `days` days (Spacelift: 100, 7 days). */
export async function insertSamples(
  q: Knex | Knex.Transaction,
  orgId: string,
  samples: Omit<SampleRow, 'id' | 'at'>[],
  keep: number,
  days: number,
): Promise<void> {
  if (!samples.length) return;
  await q('login_policy_samples').insert(samples.map((s) => ({ ...s, org_id: orgId, input: JSON.stringify(s.input), output: s.output === undefined ? null : JSON.stringify(s.output) })));
  for (const policyId of new Set(samples.map((s) => s.policy_id))) {
    await q('login_policy_samples')
      .where({ org_id: orgId, policy_id: policyId })
      .where((w) =>
        w.where('at', '<', q.raw(`now() - make_interval(days => ?)`, [days])).orWhere(
          'id',
          '<=',
          q('login_policy_samples').select('id').where({ org_id: orgId, policy_id: policyId }).orderBy('id', 'desc').offset(keep).limit(1),
        ),
      )
      .delete();
  }
}

export async function listSamples(q: Knex, orgId: string, policyId: string, limit: number): Promise<SampleRow[]> {
  return q('login_policy_samples')
    .where({ org_id: orgId, policy_id: policyId })
    .select<SampleRow[]>('id', 'policy_id', 'policy_version', 'at', 'input', 'output', 'error', 'duration_us')
    .orderBy('id', 'desc')
    .limit(limit);
}
