// `npm start`: configuration → database (migrate, bootstrap) → HTTP server; graceful stop on SIGTERM/SIGINT.
import { pino } from 'pino';
import { ConfigError, loadConfig } from './config.ts';
import { startServer } from './server.ts';

let config;
try {
  config = loadConfig();
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(err.message);
  process.exit(78); // EX_CONFIG
}

const logger = pino({ level: config.logLevel });
if (!config.databaseUrl) logger.warn({ dataDir: config.embeddedDataDir }, 'DATABASE_URL is not set: using the embedded PGlite database (one process, for trying Gatehouse out; not for production)');
if (!config.bootstrapToken) logger.info('BOOTSTRAP_TOKEN is not set: the first start prints a random owner key');

const server = await startServer(config, logger);
logger.info({ url: server.url, publicUrl: config.publicUrl }, 'gatehouse is listening');
if (server.bootstrap.created) {
  const key = server.bootstrap.keyFromEnv ? '(the value of BOOTSTRAP_TOKEN)' : server.bootstrap.ownerKey;
  // Printed once, on the first start only: the key is stored as a hash.
  process.stdout.write(
    `\nGatehouse is listening on ${server.url}\n` +
      `Organization "${server.bootstrap.orgSlug}" created. Owner API key: ${key}\n` +
      `Try: curl -H "Authorization: Bearer <key>" ${server.url}/v1/me\n\n`,
  );
} else {
  process.stdout.write(`\nGatehouse is listening on ${server.url} (organization "${server.bootstrap.orgSlug}" already set up)\n\n`);
}

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
