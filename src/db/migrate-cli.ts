// `npm run migrate`: apply pending migrations to the configured database and exit.
import { loadConfig } from '../config.ts';
import { openDatabase } from './knex.ts';
import { migrateLatest } from './migrate.ts';

const db = await openDatabase(loadConfig());
try {
  const applied = await migrateLatest(db);
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
} finally {
  await db.destroy();
}
