// Migrations live in migrations/ as TypeScript modules exporting up/down; files are applied in
// name order and never edited after landing.
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Knex } from 'knex';
import type { Db } from './knex.ts';

const dir = fileURLToPath(new URL('../../migrations/', import.meta.url));

const source: Knex.MigrationSource<string> = {
  async getMigrations() {
    return readdirSync(dir).filter((f) => /^\d+_.+\.ts$/.test(f)).sort();
  },
  getMigrationName: (name) => name,
  async getMigration(name) {
    return (await import(pathToFileURL(dir + name).href)) as Knex.Migration;
  },
};

export async function migrateLatest(db: Db): Promise<string[]> {
  const [, applied] = (await db.migrate.latest({ migrationSource: source })) as [number, string[]];
  return applied;
}
