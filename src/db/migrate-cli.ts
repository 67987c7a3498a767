// `npm run migrate`: apply pending migrations to the configured database (as the schema owner of
// DATABASE_OWNER_URL when it is set) and exit.
import { loadConfig } from '../config.ts';
import { openDatabase } from './knex.ts';
import { migrateLatest } from './migrate.ts';
import { ownerDatabase } from './runtime-role.ts';

const config = loadConfig();
const db = await openDatabase(ownerDatabase(config));
try {
  const applied = await migrateLatest(db);
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
} finally {
  await db.destroy();
}
