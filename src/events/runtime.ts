// The event machinery of one instance: the relay (always; one at a time per database does the work)
// and, unless eventsWorker is false, the webhook and audit-streaming workers. With a readiness check
// and an orderly stop.
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { ReadinessCheck } from '../app-deps.ts';
import type { Config } from '../config.ts';
import { auditStreaming } from '../audit-streaming/worker.ts';
import { certificateWatch } from '../sso/certificate-watch.ts';
import { WebhookDispatcher } from '../webhooks/dispatcher.ts';
import { webhookFanOut } from '../webhooks/fanout.ts';
import { countOutbox } from './outbox-store.ts';
import { EventsRelay, type RelaySubscriber } from './relay.ts';

export interface EventsRuntime {
  readonly relay: EventsRelay;
  readonly readiness: ReadinessCheck;
  close(): Promise<void>;
}

/** Workers other modules run beside the relay (audit streaming, the certificate watch): started and stopped with it. */
export interface EventsWorker {
  readonly subscriber?: RelaySubscriber;
  start(): void;
  stop(): Promise<void>;
}

export function startEvents(config: Config, db: Knex, logger: Logger): EventsRuntime {
  const extra: EventsWorker[] = [auditStreaming(db, config, logger), certificateWatch(db, config, logger)];
  const dispatcher = config.eventsWorker ? new WebhookDispatcher(db, config, logger) : null;
  const workers = config.eventsWorker ? extra : [];
  const subscribers = [webhookFanOut(db, () => dispatcher?.loop.wakeUp()), ...extra.flatMap((w) => (w.subscriber ? [w.subscriber] : []))];
  const relay = new EventsRelay(db, subscribers, { intervalMs: config.eventsRelayIntervalMs, batch: config.eventsRelayBatch, retentionDays: config.eventsRetentionDays }, logger);
  relay.loop.start();
  dispatcher?.loop.start();
  for (const w of workers) w.start();
  return {
    relay,
    readiness: {
      name: 'events',
      critical: false,
      async check() {
        if (relay.loop.lastError) throw new Error(`relay failing (${relay.loop.lastError}); ${await countOutbox(db)} changes wait in the outbox`);
      },
    },
    async close() {
      await relay.loop.stop();
      await dispatcher?.stop();
      for (const w of workers) await w.stop();
    },
  };
}
