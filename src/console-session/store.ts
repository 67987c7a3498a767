// SQL for console sessions. Looked up by the hash of the cookie's secret (the one query not scoped by
// organization: the credential decides it); everything else is scoped.
import type { Knex } from 'knex';

export interface ConsoleSessionRow {
  id: string;
  org_id: string;
  api_key_id: string | null;
  session_id: string | null;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
}

const COLUMNS = ['id', 'org_id', 'api_key_id', 'session_id', 'created_at', 'last_seen_at', 'expires_at'];

export async function insertConsoleSession(
  tx: Knex.Transaction,
  row: Pick<ConsoleSessionRow, 'org_id' | 'api_key_id' | 'session_id' | 'expires_at'> & { secret_hash: Buffer; ip: string | null; user_agent: string | null },
): Promise<ConsoleSessionRow> {
  const [inserted] = await tx('console_sessions').insert(row).returning(COLUMNS);
  return inserted as ConsoleSessionRow;
}

/** A console session that has not ended, expired, or sat idle longer than `idleMinutes`. */
export async function findLiveConsoleSession(q: Knex, secretHash: Buffer, idleMinutes: number): Promise<ConsoleSessionRow | undefined> {
  return q<ConsoleSessionRow>('console_sessions')
    .where('secret_hash', secretHash)
    .whereNull('ended_at')
    .where('expires_at', '>', q.fn.now())
    .where('last_seen_at', '>', q.raw("now() - make_interval(mins => ?)", [idleMinutes]))
    .first(COLUMNS) as Promise<ConsoleSessionRow | undefined>;
}

/** Records activity at most once a minute, so a busy console does not write on every request. */
export async function touchConsoleSession(q: Knex, orgId: string, id: string): Promise<void> {
  await q('console_sessions').where({ org_id: orgId, id }).where('last_seen_at', '<', q.raw("now() - interval '1 minute'")).update({ last_seen_at: q.fn.now() });
}

export async function endConsoleSession(tx: Knex.Transaction, orgId: string, id: string): Promise<boolean> {
  const n = await tx('console_sessions').where({ org_id: orgId, id }).whereNull('ended_at').update({ ended_at: tx.fn.now() });
  return n > 0;
}

/** Ended and expired rows are only kept until the next purge; nothing refers to them. */
export async function purgeConsoleSessions(q: Knex): Promise<void> {
  await q('console_sessions').where('expires_at', '<', q.raw("now() - interval '1 day'")).delete();
}
