// The database handle: PostgreSQL through `pg` when DATABASE_URL is set, otherwise an embedded
// PGlite (one connection in one process — for `npm start` on a laptop, never for production).
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import knexFactory, { type Knex } from 'knex';
import pg from 'pg';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';

// bigint ids (audit cursors) and counts arrive as strings by default; they fit in a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export type Db = Knex;
export type Tx = Knex.Transaction;

export async function openDatabase(config: Pick<Config, 'databaseUrl' | 'embeddedDataDir' | 'databasePoolMax'>, logger?: Logger): Promise<Db> {
  if (config.databaseUrl) {
    return knexFactory({
      client: 'pg',
      connection: config.databaseUrl,
      pool: { min: 0, max: config.databasePoolMax },
      acquireConnectionTimeout: 10_000,
      // knex writes to the console by default; route it into the JSON log instead.
      ...(logger ? { log: { warn: (m: unknown) => logger.warn({ knex: m }), error: (m: unknown) => logger.error({ knex: m }), deprecate: (m: unknown) => logger.warn({ knex: m }), debug: () => {} } } : {}),
    });
  }
  return openEmbedded(resolve(config.embeddedDataDir));
}

async function openEmbedded(dataDir: string): Promise<Db> {
  mkdirSync(dataDir, { recursive: true }); // PGlite does not create the parent of its data directory
  const [{ PGlite }, { citext }, { pg_trgm }, { default: ClientPgLite }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite/contrib/citext'),
    import('@electric-sql/pglite/contrib/pg_trgm'),
    import('knex-pglite'),
  ]);
  const pglite = await PGlite.create(dataDir, { extensions: { citext, pg_trgm } });
  return knexFactory({
    client: ClientPgLite as unknown as typeof knexFactory.Client,
    dialect: 'postgres',
    connection: () => ({ pglite }) as object,
  } as Knex.Config);
}
