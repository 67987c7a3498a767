// Test databases on the machine's PostgreSQL: one migrated template per version of migrations/,
// cloned per test file. The template's name carries a hash of the migrations, so concurrent test
// runs (and runs on different branches) never drop a template another run is cloning.
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import knexFactory from 'knex';
import { migrateLatest } from '../../src/db/migrate.ts';

export const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const migrationsDir = fileURLToPath(new URL('../../migrations/', import.meta.url));

function templateName(): string {
  const hash = createHash('sha256');
  for (const f of readdirSync(migrationsDir).sort()) hash.update(f).update(readFileSync(migrationsDir + f));
  return `gh_tpl_${hash.digest('hex').slice(0, 12)}`;
}

const urlFor = (name: string) => {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
};

const admin = () => knexFactory({ client: 'pg', connection: ADMIN_URL, pool: { min: 1, max: 1 } });

/** Creates the template for the current migrations unless it exists. */
export async function prepareTemplateDatabase(): Promise<string> {
  const name = templateName();
  const db = admin();
  try {
    await db.raw('select pg_advisory_lock(727274)'); // one preparer at a time; held on this single connection
    const exists = await db('pg_database').where({ datname: name }).first();
    if (!exists) {
      const building = `${name}_building`;
      await db.raw(`drop database if exists ${building} with (force)`);
      await db.raw(`create database ${building}`);
      const tpl = knexFactory({ client: 'pg', connection: urlFor(building), pool: { min: 0, max: 1 } });
      try {
        await migrateLatest(tpl);
      } finally {
        await tpl.destroy();
      }
      await db.raw(`alter database ${building} rename to ${name}`);
    }
    await db.raw('select pg_advisory_unlock(727274)');
  } finally {
    await db.destroy();
  }
  return name;
}

/** A fresh, migrated database for one test file; `drop()` removes it. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const template = await prepareTemplateDatabase();
  const name = `gh_test_${randomBytes(6).toString('hex')}`;
  const db = admin();
  try {
    await db.raw(`create database ${name} template ${template}`);
  } finally {
    await db.destroy();
  }
  return {
    url: urlFor(name),
    async drop() {
      const d = admin();
      try {
        await d.raw(`drop database if exists ${name} with (force)`);
      } finally {
        await d.destroy();
      }
    },
  };
}
