// Test databases on the machine's PostgreSQL: one migrated template, cloned per test file.
import { randomBytes } from 'node:crypto';
import knexFactory from 'knex';
import { migrateLatest } from '../../src/db/migrate.ts';

export const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEMPLATE = 'gatehouse_test_template';

const urlFor = (name: string) => {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
};

const admin = () => knexFactory({ client: 'pg', connection: ADMIN_URL, pool: { min: 0, max: 1 } });

export async function prepareTemplateDatabase(): Promise<void> {
  const db = admin();
  try {
    await db.raw(`drop database if exists ${TEMPLATE} with (force)`);
    await db.raw(`create database ${TEMPLATE}`);
  } finally {
    await db.destroy();
  }
  const tpl = knexFactory({ client: 'pg', connection: urlFor(TEMPLATE), pool: { min: 0, max: 1 } });
  try {
    await migrateLatest(tpl);
  } finally {
    await tpl.destroy();
  }
}

/** A fresh, migrated database for one test file; `drop()` removes it. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `gh_test_${randomBytes(6).toString('hex')}`;
  const db = admin();
  try {
    await db.raw(`create database ${name} template ${TEMPLATE}`);
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
