// Event test helpers: an instance tuned for quick relays and retries, delivering to loopback
// receivers (the SSRF guard is off here, on in the SSRF tests), and subscriptions for receivers.
import { after, before } from 'node:test';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../peers/webhook-receiver.ts';

export const FAST = {
  eventsRelayIntervalMs: 20,
  webhookPollIntervalMs: 20,
  webhookRetryBaseMs: 50,
  webhookRetryMaxDelayMs: 400,
  webhookTimeoutMs: 10_000, // a loaded machine answers slowly: a timeout would be a (legitimate) duplicate
  auditSinkFlushMs: 50,
  webhookAllowPrivateAddresses: true,
  webhookAllowHttp: true,
};

export function startEventsServer(overrides: Record<string, unknown> = {}): Promise<TestServer> {
  return startTestServer({ ...FAST, ...overrides });
}

/**
 * An instance and a receiver for the enclosing describe block (started before its tests, closed
 * after them). Read `bed.server` and `bed.receiver` inside the tests.
 */
export function eventsBed(overrides: Record<string, unknown> = {}) {
  const bed = {} as { server: TestServer; receiver: WebhookReceiver };
  before(async () => {
    bed.server = await startEventsServer(overrides);
    bed.receiver = await startWebhookReceiver();
  });
  after(async () => {
    await bed.receiver.close();
    await bed.server.close();
  });
  return bed;
}

export async function subscribe(server: TestServer, org: { slug: string; ownerKey: string }, receiver: WebhookReceiver, events: string[] = ['*']) {
  const res = await server.as(org.ownerKey).post(`/v1/orgs/${org.slug}/webhooks`).send({ url: receiver.url, events, description: 'test receiver' });
  if (res.status !== 201) throw new Error(`subscribe: ${res.status} ${JSON.stringify(res.body)}`);
  receiver.secrets.push(res.body.secret as string);
  return res.body as { id: string; secret: string; url: string };
}

export async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`condition not met within ${timeoutMs} ms: ${JSON.stringify(v).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 30));
  }
}

/** Every event of the feed (all pages). */
export async function readFeed(server: TestServer, org: { slug: string; ownerKey: string }, query = '') {
  const items: { id: string; type: string; sequence: number; subject: { id: string }; data: Record<string, unknown> }[] = [];
  let after = '';
  for (;;) {
    const res = await server.as(org.ownerKey).get(`/v1/orgs/${org.slug}/events?limit=1000${after ? `&after=${after}` : ''}${query}`);
    if (res.status !== 200) throw new Error(`feed: ${res.status} ${JSON.stringify(res.body)}`);
    items.push(...res.body.items);
    after = res.body.next;
    if (!res.body.hasMore) return items;
  }
}
