// SQL for session signing keys. The one table not scoped by organization: the service has one JWKS.
import type { JWK } from 'jose';
import type { Knex } from 'knex';

export interface KeyRow {
  kid: string;
  alg: string;
  public_jwk: JWK;
  private_jwk_sealed: string;
  created_at: Date;
}

export async function insertKey(q: Knex | Knex.Transaction, row: KeyRow): Promise<void> {
  await q('session_signing_keys').insert({ ...row, public_jwk: JSON.stringify(row.public_jwk) });
}

/** Keys not withdrawn, newest first; old keys beyond the few that can still matter are never read. */
export async function liveKeys(q: Knex): Promise<KeyRow[]> {
  return q<KeyRow>('session_signing_keys').whereNull('retired_at').orderBy('created_at', 'desc').limit(10);
}

export async function newestKeyCreatedAt(q: Knex | Knex.Transaction): Promise<Date | null> {
  const row = await q('session_signing_keys').whereNull('retired_at').max<{ max: Date | null }[]>('created_at as max').first();
  return row?.max ?? null;
}

export async function retireKey(q: Knex, kid: string): Promise<void> {
  await q('session_signing_keys').where({ kid }).update({ retired_at: q.fn.now() });
}

/** Serialises key creation across instances (transaction-scoped advisory lock). */
export async function withKeyLock(db: Knex, fn: (tx: Knex.Transaction) => Promise<void>): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.raw("select pg_advisory_xact_lock(hashtext('gatehouse.session_signing_keys'))");
    await fn(tx);
  });
}
