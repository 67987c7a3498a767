// `npm run client:generate`: starts a real instance (embedded database in a temporary folder, nothing
// else needed), reads its /v1/openapi.json, writes client/schema.d.ts.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.ts';
import { startServer } from '../src/server.ts';
import { renderSchema, SCHEMA_FILE } from './render.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'gatehouse-client-'));
try {
  // An empty environment: whatever DATABASE_URL the shell has, the document comes from the code alone.
  const config = loadConfig({}, { port: 0, logLevel: 'silent', embeddedDataDir: join(dataDir, 'pg'), mailDir: join(dataDir, 'mail'), mailWorker: false });
  const server = await startServer(config);
  try {
    const document = (await (await fetch(`${server.url}/v1/openapi.json`)).json()) as object;
    writeFileSync(SCHEMA_FILE, await renderSchema(document));
    console.log(`wrote ${SCHEMA_FILE.pathname}`);
  } finally {
    await server.close();
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
