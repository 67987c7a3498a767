// Test databases on the machine's PostgreSQL: one migrated template per version of migrations/,
// cloned per test file. The template's name carries a hash of the migrations, so concurrent test
// runs (and runs on different branches) never drop a template another run is cloning.
// As in production, two roles: the admin role owns the schema (migrations), and the servers connect
// as RUNTIME_LOGIN, a member of gatehouse_runtime (README, "Database roles").
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

/** The login role test servers serve through: a member of the runtime role, like a production DATABASE_URL. */
export const RUNTIME_LOGIN = 'gatehouse_test_runtime';

const urlFor = (name: string) => {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
};

/** The same database as `url`, reached as the schema owner (the admin role). */
export function ownerUrl(url: string): string {
  const u = new URL(url);
  const admin = new URL(ADMIN_URL);
  u.username = admin.username;
  u.password = admin.password;
  return u.toString();
}

/** The same database as `url`, reached as the runtime login role. */
export function runtimeUrl(url: string): string {
  const u = new URL(url);
  u.username = RUNTIME_LOGIN;
  u.password = '';
  return u.toString();
}

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
    // Roles belong to the cluster: made once, kept between runs (migrations/0020 made the group role).
    await db.raw(`do $$ begin
      if not exists (select from pg_roles where rolname = '${RUNTIME_LOGIN}') then create role ${RUNTIME_LOGIN} login; end if;
      grant gatehouse_runtime to ${RUNTIME_LOGIN};
    end $$`);
    await db.raw('select pg_advisory_unlock(727274)');
  } finally {
    await db.destroy();
  }
  return name;
}

/** A fresh, migrated database for one test file: `url` as the runtime login, `ownerUrl` as the schema owner; `drop()` removes it. */
export async function createTestDatabase(): Promise<{ url: string; ownerUrl: string; drop(): Promise<void> }> {
  const template = await prepareTemplateDatabase();
  const name = `gh_test_${randomBytes(6).toString('hex')}`;
  const db = admin();
  try {
    await db.raw(`create database ${name} template ${template}`);
  } finally {
    await db.destroy();
  }
  return {
    url: runtimeUrl(urlFor(name)),
    ownerUrl: urlFor(name),
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
