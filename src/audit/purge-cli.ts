// `npm run audit:purge -- --older-than-days 400 --reason "retention: 400 days" [--org <id>]`
// (or `--before 2025-01-01T00:00:00Z`): the operator's retention, applied as the schema owner
// (DATABASE_OWNER_URL; the service's own role may not delete audit events). Each purge is recorded
// in audit_purges, and in the organization's own trail while it exists (README, "Audit retention").
// With the embedded database, stop the service first: it is one process's files.
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/knex.ts';
import { ownerDatabase } from '../db/runtime-role.ts';
import { purgeEvents } from './store.ts';

const { values } = parseArgs({ options: { 'older-than-days': { type: 'string' }, before: { type: 'string' }, org: { type: 'string' }, reason: { type: 'string' } } });
const fail = (message: string): never => {
  console.error(`audit:purge: ${message}`);
  process.exit(64); // EX_USAGE
};
const days = values['older-than-days'] === undefined ? undefined : Number(values['older-than-days']);
if (days !== undefined && !(Number.isFinite(days) && days >= 0)) fail('--older-than-days must be a number of days');
const before = days !== undefined ? new Date(Date.now() - days * 86_400_000) : values.before ? new Date(values.before) : fail('give --older-than-days N or --before <ISO date>');
if (Number.isNaN(before.getTime())) fail('--before must be an ISO date');
if (!values.reason?.trim()) fail('give --reason "…" (it is recorded with the purge)');
if (values.org !== undefined && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(values.org)) fail('--org must be an organization id (a UUID)');

const config = loadConfig();
const db = await openDatabase(ownerDatabase(config));
try {
  const purged = await purgeEvents(db, values.org ?? null, before, values.reason!);
  console.log(`purged ${purged} audit events older than ${before.toISOString()}${values.org ? ` of organization ${values.org}` : ''}`);
} catch (err) {
  console.error(`audit:purge: ${(err as Error).message} (run it as the schema owner: DATABASE_OWNER_URL)`);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
