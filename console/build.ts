// Builds the console into console/dist when its sources changed since the last build (a hash of
// every input is kept in dist/.build-hash). Run by `npm install` (prepare), `npm start` (prestart)
// and `npm test`, so a fresh clone serves the console with no extra command.
//   node --import tsx console/build.ts           build if stale
//   node --import tsx console/build.ts --force   build anyway
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..');
export const DIST = join(here, 'dist');
const STAMP = join(DIST, '.build-hash');
const INPUTS = ['console/src', 'console/index.html', 'console/vite.config.ts', 'client/index.ts', 'client/schema.d.ts', 'package-lock.json'];

function files(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).sort().flatMap((name) => files(join(path, name)));
}

export function sourceHash(): string {
  const hash = createHash('sha256');
  for (const input of INPUTS) for (const f of files(join(root, input))) hash.update(f.slice(root.length)).update(readFileSync(f));
  return hash.digest('hex');
}

export const isStale = () => !existsSync(STAMP) || readFileSync(STAMP, 'utf8').trim() !== sourceHash();

export async function buildConsole(): Promise<void> {
  const { build } = await import('vite'); // a devDependency: absent in an --omit=dev install
  await build({ configFile: join(here, 'vite.config.ts') });
  writeFileSync(STAMP, sourceHash());
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const force = process.argv.includes('--force');
  if (!force && !isStale()) {
    console.log('console: up to date (console/dist)');
  } else {
    try {
      await import('vite');
    } catch {
      // Production images build the console in their build stage and copy dist/ (see Dockerfile).
      console.warn('console: vite is not installed (an --omit=dev install?); not building the console');
      process.exit(0);
    }
    const started = Date.now();
    await buildConsole();
    console.log(`console: built into console/dist in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}
