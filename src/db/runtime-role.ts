// Readies the database for the service: migrations run as the role that owns the schema, and the
// service's own statements run as a member of `gatehouse_runtime` (migrations/0020), which may
// read and write its tables but only read and append to the audit trail (README, "Database roles").
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { openDatabase, type Db } from './knex.ts';
import { migrateLatest } from './migrate.ts';

export const RUNTIME_ROLE = 'gatehouse_runtime';

type DatabaseConfig = Pick<Config, 'databaseUrl' | 'databaseOwnerUrl' | 'embeddedDataDir' | 'databasePoolMax'>;

/** Where the schema owner connects: DATABASE_OWNER_URL, or DATABASE_URL when one role does everything. */
export function ownerDatabase<C extends DatabaseConfig>(config: C): C {
  return { ...config, databaseUrl: config.databaseUrl && (config.databaseOwnerUrl ?? config.databaseUrl), databasePoolMax: 1 };
}

/** Applies pending migrations through DATABASE_OWNER_URL when it is set, else through `db` itself. */
export async function migrateAsOwner(config: DatabaseConfig, db: Db): Promise<string[]> {
  if (!config.databaseOwnerUrl || !config.databaseUrl) return migrateLatest(db);
  const owner = await openDatabase(ownerDatabase(config));
  try {
    return await migrateLatest(owner);
  } finally {
    await owner.destroy();
  }
}

/**
 * Migrates, then makes sure the service runs without the owner's rights. The embedded database has
 * one session, opened as its superuser: it switches that session to the runtime role, so the
 * service's statements meet the same refusals as in production (a guard against our own bugs; the
 * files under the data directory are the process's to change, so nothing stronger is possible
 * there). On PostgreSQL the login role of DATABASE_URL decides; a warning says when it is too strong.
 */
export async function prepareDatabase(config: DatabaseConfig, db: Db, logger: Logger): Promise<void> {
  await migrateAsOwner(config, db);
  if (!config.databaseUrl) await db.raw(`set role ${RUNTIME_ROLE}`);
  const { rows } = (await db.raw(`select has_table_privilege('audit_events', 'DELETE') as can_delete`)) as { rows: { can_delete: boolean }[] };
  if (rows[0]?.can_delete) {
    logger.warn(
      'the database role of DATABASE_URL may delete audit events: serve through a login role that is a member of gatehouse_runtime and migrate through DATABASE_OWNER_URL (README, "Database roles")',
    );
  }
}
