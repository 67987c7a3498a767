// SQL for the per-organization access version (see migrations/0003_access.ts for who bumps it).
import type { Knex } from 'knex';

export async function readVersion(q: Knex | Knex.Transaction, orgId: string): Promise<number> {
  const row = await q('access_versions').where({ org_id: orgId }).first('version');
  return Number(row?.version ?? 0);
}

/**
 * Serializes the access changes of one organization: every mutation in src/access takes this row
 * lock first, so two concurrent moves cannot build a cycle between them, and the commit-time
 * version bump never waits on a lock taken in the other order. Returns the committed version: while
 * the lock is held nobody else can bump it, so this transaction's commit makes it exactly one more.
 */
export async function lockAccess(tx: Knex.Transaction, orgId: string): Promise<number> {
  const { rows } = await tx.raw('select version from access_versions where org_id = ? for update', [orgId]);
  return Number(rows[0]?.version ?? 0);
}

/** Bumps the version now. The triggers already do this at commit; kept for code that wants it explicit. */
export async function bumpVersion(tx: Knex.Transaction, orgId: string): Promise<void> {
  await tx.raw(
    `insert into access_versions (org_id, version) values (?, 1)
     on conflict (org_id) do update set version = access_versions.version + 1`,
    [orgId],
  );
}
