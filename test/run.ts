// `npm test`: prepares a migrated template database on the machine's PostgreSQL, builds the console when stale, then runs every
// test/**/*.test.ts with node's test runner. Each test file clones the template (fast) into a
// database of its own, so files run in parallel without seeing each other's rows.
// `npm test -- FILE…` runs only those files.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildConsole, isStale } from '../console/build.ts';
import { prepareTemplateDatabase } from './helpers/database.ts';

function findTests(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return findTests(path);
    return name.endsWith('.test.ts') ? [path] : [];
  });
}

const only = process.argv.slice(2);
const files = only.length ? only : findTests('test').sort();

await prepareTemplateDatabase();
// The browser tests drive the built console (console/dist): rebuild it when its sources changed.
if (isStale()) await buildConsole();

const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', `--test-concurrency=${process.env.TEST_CONCURRENCY ?? 2}`, ...files],
  { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' } },
);
process.exit(result.status ?? 1);
