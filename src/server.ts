// Builds one running instance: database (migrated), bootstrap, HTTP server; and its orderly stop.
// main.ts runs it for real; tests start as many as they need on loopback.
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { pino, type Logger } from 'pino';
import { apiKeyResolver } from './api-keys/service.ts';
import type { AppDeps } from './app-deps.ts';
import { createApp } from './app.ts';
import type { Config } from './config.ts';
import { openDatabase } from './db/knex.ts';
import { prepareDatabase } from './db/runtime-role.ts';
import { invitationMailKind } from './invitations/mail.ts';
import { startEvents } from './events/runtime.ts';
import { startMailer } from './mail/mailer.ts';
import { bootstrap, type BootstrapResult } from './orgs/bootstrap.ts';
import { closeTokenCache } from './scim/tokens/cache.ts';
import { sessionTokenResolver } from './sessions/service.ts';

export interface RunningServer {
  readonly url: string;
  readonly deps: AppDeps;
  readonly bootstrap: BootstrapResult;
  /** Stops accepting connections, lets in-flight requests finish (up to shutdownGraceMs), closes everything. */
  close(): Promise<void>;
}

/** Pings Redis; while the first connection is still being made, waits for it instead of failing. */
async function redisAnswers(redis: Redis): Promise<void> {
  if (redis.status === 'wait' || redis.status === 'connecting' || redis.status === 'connect') {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('redis: no connection within 1 s')), 1000);
      redis.once('ready', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
  if (redis.status !== 'ready') throw new Error(`redis connection is ${redis.status}`);
  await redis.ping();
}

export async function startServer(config: Config, logger: Logger = pino({ level: config.logLevel })): Promise<RunningServer> {
  const db = await openDatabase(config, logger);
  try {
    await prepareDatabase(config, db, logger);
    const boot = await bootstrap(db, config.bootstrapToken);
    if (!config.encryptionKey) logger.warn('ENCRYPTION_KEY is not set: session signing keys and IdP secrets are sealed with a built-in development key (never run production like this)');

    // Redis carries the mail queue; the service runs without it (mail waits in the outbox).
    const redis = new Redis(config.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false });
    redis.on('error', () => {}); // reported by /readyz, not as unhandled errors
    redis.connect().catch(() => {});
    // The outbox relay (and, unless mailWorker is false, a worker): mail survives Redis and SMTP outages.
    const mailer = startMailer(config, db, logger, { invitation: invitationMailKind(config) });
    // Events to the product: the outbox relay, webhook deliveries and audit streaming.
    const events = startEvents(config, db, logger);

    let shuttingDown = false;
    const deps: AppDeps = {
      config,
      db,
      logger,
      credentialResolvers: [apiKeyResolver(db, logger, config.bootstrapToken), sessionTokenResolver({ db, config })],
      readiness: [
        { name: 'database', critical: true, check: async () => void (await db.raw('select 1')) },
        { name: 'redis', critical: false, check: () => redisAnswers(redis) },
        mailer.readiness,
        events.readiness,
      ],
    };
    const app = createApp(deps, { isShuttingDown: () => shuttingDown });
    const server = app.listen(config.port, config.host);
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;

    return {
      url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
      deps,
      bootstrap: boot,
      async close() {
        if (shuttingDown) return;
        shuttingDown = true;
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        // Keep-alive sockets close as soon as their in-flight request is answered; after the grace
        // period, whatever is left is cut.
        const sweeper = setInterval(() => server.closeIdleConnections(), 50);
        const timer = setTimeout(() => server.closeAllConnections(), config.shutdownGraceMs);
        await closed;
        clearInterval(sweeper);
        clearTimeout(timer);
        await mailer.close(); // the relay finishes its batch, the worker its mails in flight
        await events.close();
        redis.disconnect();
        await closeTokenCache(db);
        await db.destroy();
      },
    };
  } catch (err) {
    await db.destroy();
    throw err;
  }
}
