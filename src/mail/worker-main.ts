// A mail worker on its own (`node --import tsx src/mail/worker-main.ts`): delivers what the
// instances relay, so sending can scale apart from the API. Stops cleanly on SIGTERM/SIGINT.
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/knex.ts';
import { createLogger } from '../lib/logger.ts';
import { invitationMailKind } from '../invitations/mail.ts';
import { startMailWorker } from './worker.ts';

const config = loadConfig();
const logger = createLogger(config);
const db = await openDatabase(config);
const worker = startMailWorker(config, db, logger, { invitation: invitationMailKind(config) });
logger.info({ prefix: config.mailQueuePrefix, concurrency: config.mailConcurrency }, 'mail worker started');
process.send?.('ready');

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    void worker.close().then(() => db.destroy()).then(() => process.exit(0));
  });
}
