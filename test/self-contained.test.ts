// A clone of the repository stands on its own: nothing the product, its tests, benchmarks, CI or
// documentation use may point at the team's reference shelf beside the checkout (migrations/ is left
// out: a landed migration is never edited, not even its comments). Material a test
// needs is vendored under test/fixtures/ with its source and licence (test/fixtures/README.md).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const ROOTS = ['src', 'test', 'bench', '.ci', 'bin', 'config', 'client', 'docs', 'README.md', 'package.json', 'Dockerfile', 'docker-compose.yml'];
// A path to the shelf, or a citation of one of its documents. Spelled in pieces so that this file
// does not match itself.
const SHELF = new RegExp([
  ['\\.\\.', 'shared\\b'].join('/'),
  ['/work', 'shared\\b'].join('/'),
  ['\\bshared', '(scim|sso|rego|seeds|peers|hooks)/'].join('/'),
  ['\\bshared', '(domain|api|architecture|style)\\.md'].join('/'),
  ['\\bNOTES', '(\\.md\\b| ?§)'].join(''), // the shelf's research notes: cite the page or RFC they came from
].join('|'));

function files(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).flatMap((name) => (name === 'node_modules' ? [] : files(join(path, name))));
}

test('nothing in the repository reads or cites the reference shelf outside it', () => {
  const scanned = ROOTS.flatMap(files);
  assert.ok(scanned.length > 300, `found the repository's files (${scanned.length})`);
  const offenders = scanned.flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, i) => (SHELF.test(line) ? [`${file}:${i + 1}: ${line.trim().slice(0, 160)}`] : [])),
  );
  assert.deepEqual(offenders, [], 'vendor the material under test/fixtures/ (with its source and licence) instead');
});
