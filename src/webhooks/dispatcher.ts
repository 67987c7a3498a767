// The webhook worker: takes due deliveries under a lease, signs and sends them, records what the
// receiver said, and decides the next attempt. Runs in every instance whose eventsWorker is on;
// instances share the work through SKIP LOCKED, and a delivery whose worker dies goes again when its
// lease runs out, with the same webhook-id (Standard Webhooks: receivers deduplicate on it).
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { Batcher } from '../mail/batcher.ts'; // a generic helper that happens to live with mail
import { PollLoop } from '../lib/poll-loop.ts';
import { OutboundError, sendOutbound } from '../lib/safe-http.ts';
import { secretBox } from '../sessions/secret-box.ts';
import * as deliveries from './deliveries-store.ts';
import { disableFailingSubscription, liveSecrets } from './service.ts';
import { signedHeaders } from './signing.ts';
import { subscriptionsById, type SubscriptionRow } from './store.ts';

type DispatchConfig = Pick<Config, 'encryptionKey' | 'webhookConcurrency' | 'webhookPollIntervalMs' | 'webhookTimeoutMs' | 'webhookRetryBaseMs'
  | 'webhookRetryMaxDelayMs' | 'webhookRetryWindowMs' | 'webhookAllowPrivateAddresses' | 'webhookAllowHttp'>;

/** Exponential backoff with ±20% jitter, capped; attempts go on until the retry window (≥ a day) is spent. */
export function nextAttemptDelay(config: Pick<Config, 'webhookRetryBaseMs' | 'webhookRetryMaxDelayMs'>, attempts: number): number {
  const exp = Math.min(config.webhookRetryBaseMs * 2 ** Math.min(attempts - 1, 40), config.webhookRetryMaxDelayMs);
  return Math.round(exp * (0.8 + Math.random() * 0.4));
}

export class WebhookDispatcher {
  readonly loop: PollLoop;
  private inFlight = 0;
  private lastSweep = 0;
  private readonly sending = new Set<Promise<void>>();
  private readonly box;
  /** Outcomes of concurrent deliveries, recorded a batch per statement (a commit is what a delivery waits for longest). */
  private readonly recorder: Batcher<{ outcome: deliveries.Outcome; claim: deliveries.ClaimedDelivery }, undefined>;

  constructor(private readonly db: Knex, private readonly config: DispatchConfig, private readonly logger: Logger) {
    this.box = secretBox(config.encryptionKey);
    this.loop = new PollLoop('webhook worker', () => this.step(), config.webhookPollIntervalMs, logger);
    this.recorder = new Batcher(async (items) => {
      await this.record(items.map((i) => i.claim), items.map((i) => i.outcome));
      return items.map(() => undefined);
    });
  }

  /** Finishes the deliveries in flight (bounded by the send timeout), then stops. */
  async stop(): Promise<void> {
    await this.loop.stop();
    await Promise.allSettled([...this.sending]);
  }

  private leaseMs() {
    return this.config.webhookTimeoutMs * 2 + 5000;
  }

  private async step(): Promise<boolean> {
    if (Date.now() - this.lastSweep > 5000) {
      this.lastSweep = Date.now();
      await deliveries.reclaimExpiredLeases(this.db);
      await deliveries.promoteAll(this.db); // keys a crash left without a head
    }
    const room = this.config.webhookConcurrency - this.inFlight;
    if (room <= 0) return false;
    const claimed = await deliveries.claimDue(this.db, room, this.leaseMs());
    if (!claimed.length) return false;
    const [bodies, subs] = await Promise.all([
      deliveries.eventBodies(this.db, claimed.map((c) => ({ orgId: c.org_id, seq: c.event_seq }))),
      subscriptionsById(this.db, [...new Set(claimed.map((c) => c.subscription_id))]),
    ]);
    const byId = new Map(subs.map((s) => [s.id, s]));
    this.inFlight += claimed.length;
    for (const c of claimed) {
      // Each delivery frees its slot as soon as its outcome is recorded: the loop claims more while others are in flight.
      const one = this.attempt(c, byId.get(c.subscription_id), bodies.get(`${c.org_id}:${c.event_seq}`))
        .then((outcome) => this.recorder.submit({ outcome, claim: c }))
        .catch((err: unknown) => this.logger.warn({ err: (err as Error).message, deliveryId: c.id }, 'webhook outcome not recorded; the delivery goes again when its lease runs out'))
        .finally(() => {
          this.inFlight--;
          this.sending.delete(one);
          if (this.inFlight <= this.config.webhookConcurrency / 2) this.loop.wakeUp();
        });
      this.sending.add(one);
    }
    return claimed.length === room;
  }

  private async attempt(c: deliveries.ClaimedDelivery, sub: SubscriptionRow | undefined, event: { id: string; body: string } | undefined): Promise<deliveries.Outcome> {
    const base = { id: c.id, orgId: c.org_id, subscriptionId: c.subscription_id, attempts: c.attempts, attemptedAt: c.last_attempt_at };
    if (!sub || !event) return { ...base, status: 'failed', nextAttemptAt: null, statusCode: null, error: 'the subscription or its event no longer exists', latencyMs: 0, snippet: null };
    let statusCode: number | null = null;
    let error: string | null = null;
    let latencyMs = 0;
    let snippet: string | null = null;
    try {
      const answer = await sendOutbound({
        url: sub.url,
        method: 'POST',
        headers: signedHeaders(liveSecrets(this.box, sub), event.id, event.body),
        body: event.body,
        timeoutMs: this.config.webhookTimeoutMs,
      }, { allowHttp: this.config.webhookAllowHttp, allowPrivateAddresses: this.config.webhookAllowPrivateAddresses });
      ({ latencyMs, snippet } = answer);
      statusCode = answer.status;
      if (statusCode >= 200 && statusCode < 300) return { ...base, status: 'delivered', nextAttemptAt: null, statusCode, error: null, latencyMs, snippet };
      error = statusCode >= 300 && statusCode < 400 ? `answered ${statusCode}: redirects are not followed` : `answered ${statusCode}`;
    } catch (err) {
      error = (err as Error).message.slice(0, 500);
      latencyMs = err instanceof OutboundError ? err.latencyMs : 0;
    }
    const spent = Date.now() - c.first_attempt_at.getTime() >= this.config.webhookRetryWindowMs;
    return {
      ...base,
      status: spent ? 'failed' : 'pending',
      nextAttemptAt: spent ? null : new Date(Date.now() + nextAttemptDelay(this.config, c.attempts)),
      statusCode, error, latencyMs, snippet,
    };
  }

  private async record(claimed: deliveries.ClaimedDelivery[], outcomes: deliveries.Outcome[]): Promise<void> {
    await deliveries.recordOutcomes(this.db, outcomes);
    const finished = outcomes.filter((o) => o.status !== 'pending');
    const byId = new Map(claimed.map((c) => [c.id, c]));
    await deliveries.promoteHeads(this.db, finished.map((o) => ({ subscriptionId: o.subscriptionId, orderKey: byId.get(o.id)!.order_key })));
    // A delivery given up after the whole retry window, with no success in between: the receiver is gone.
    for (const o of outcomes.filter((x) => x.status === 'failed')) {
      await disableFailingSubscription(this.db, o.orgId, o.subscriptionId, byId.get(o.id)!.first_attempt_at, `deliveries failed for ${Math.round(this.config.webhookRetryWindowMs / 3_600_000 * 10) / 10} hours (last: ${o.error})`);
    }
  }
}
