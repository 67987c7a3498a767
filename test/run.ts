// `npm test`: runs the shared Rego conformance cases through our engine (both rates must reach 95%),
// prepares a migrated template database on the machine's PostgreSQL, builds the console when stale, then runs every
// test/**/*.test.ts with node's test runner. Each test file clones the template (fast) into a
// database of its own, so files run in parallel without seeing each other's rows.
// `npm test -- FILE…` runs only those files (and skips the conformance run).
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

let conformanceFailed = false;
if (!only.length) {
  const shared = '../shared/rego';
  const conformance = spawnSync(
    process.execPath,
    ['--import', 'tsx', `${shared}/run-conformance.mjs`, '--adapter', 'test/rego/conformance-adapter.ts', '--min-pass-rate', '0.95', `${shared}/cases`, `${shared}/opa`],
    { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' },
  );
  // Per-file lines are long; the summary (rates per kind, then "N passed, M failed") is what matters here.
  const lines = conformance.stdout.trimEnd().split('\n');
  const incomplete = lines.filter((l) => {
    const m = /: (\d+)\/(\d+)$/.exec(l);
    return m && m[1] !== m[2];
  });
  console.log(['Rego conformance (../shared/rego), files with failures:', ...incomplete, ...lines.filter((l) => / cases: /.test(l)), lines.at(-1)].join('\n  '));
  conformanceFailed = conformance.status !== 0;
}

await prepareTemplateDatabase();
// The browser tests drive the built console (console/dist): rebuild it when its sources changed.
if (isStale()) await buildConsole();

const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', `--test-concurrency=${process.env.TEST_CONCURRENCY ?? 2}`, ...files],
  { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' } },
);
if (conformanceFailed) console.error('Rego conformance is below the 95% floor (see above)');
process.exit(conformanceFailed ? 1 : (result.status ?? 1));
