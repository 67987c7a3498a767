// An events worker on its own (`npm run events-worker`): relays the outbox and delivers webhooks and
// audit batches, so delivery scales apart from the API (set EVENTS_WORKER=false on API instances).
// Stops cleanly on SIGTERM/SIGINT: the deliveries in flight finish first.
import { pino } from 'pino';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/knex.ts';
import { startEvents } from './runtime.ts';

const config = loadConfig();
const logger = pino({ level: config.logLevel });
const db = await openDatabase(config);
const events = startEvents({ ...config, eventsWorker: true }, db, logger);
logger.info({ concurrency: config.webhookConcurrency }, 'events worker started');
process.send?.('ready');

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    void events.close().then(() => db.destroy()).then(() => process.exit(0));
  });
}
