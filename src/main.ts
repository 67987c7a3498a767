// `npm start`: configuration → database (migrate, bootstrap) → HTTP server; graceful stop on SIGTERM/SIGINT.
import { ConfigError, loadConfig } from './config.ts';
import { createLogger } from './lib/logger.ts';
import { startServer, type RunningServer } from './server.ts';

let config;
try {
  config = loadConfig();
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(err.message);
  process.exit(78); // EX_CONFIG
}

const logger = createLogger(config);
if (!config.databaseUrl) logger.warn({ dataDir: config.embeddedDataDir }, 'DATABASE_URL is not set: using the embedded PGlite database (one process, for trying Gatehouse out; not for production)');
if (!config.bootstrapToken) logger.info('BOOTSTRAP_TOKEN is not set: the first start prints a random owner key');

const server = await startServer(config, logger);
logger.info({ url: server.url, publicUrl: config.publicUrl }, 'gatehouse is listening');
process.stdout.write(banner(server, config.bootstrapToken !== null));

/** What a person starting Gatehouse needs next: where it is, the owner key (first start only), a command to paste. */
function banner({ url, bootstrap: boot }: RunningServer, keyFromEnv: boolean): string {
  // The random key is printed on the first start only: it is stored as a hash. BOOTSTRAP_TOKEN's
  // value is never echoed (it came from the operator's environment); the command names the variable.
  const key = keyFromEnv ? '$BOOTSTRAP_TOKEN' : boot.created ? boot.ownerKey : '<the owner key printed on the first start>';
  return [
    '',
    `Gatehouse is listening on ${url}${boot.created ? '' : ` (organization "${boot.orgSlug}" already set up)`}`,
    `  API reference  ${url}/docs`,
    `  OpenAPI        ${url}/v1/openapi.json`,
    ...(boot.created ? ['', `Organization "${boot.orgSlug}" created. Owner API key: ${keyFromEnv ? '(the value of BOOTSTRAP_TOKEN)' : `${boot.ownerKey} (shown once)`}`] : []),
    '',
    'Try:',
    `  curl -H "Authorization: Bearer ${key}" ${url}/v1/me`,
    '',
    '',
  ].join('\n');
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
