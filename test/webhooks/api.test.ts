// The webhooks API: subscriptions (secret shown once, sealed at rest), who may manage them, bad input,
// secret rotation with an overlap (both signatures verify, by both keys, with the standardwebhooks
// package), the delivery log and manual redelivery, and a subscription disabled after failing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createOrg, type TestServer } from '../helpers/server.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../peers/webhook-receiver.ts';
import { eventsBed, eventually, startEventsServer, subscribe } from '../events/helpers.ts';

const makeKey = (server: TestServer, org: { slug: string; ownerKey: string }, name: string) =>
  server.as(org.ownerKey).post(`/v1/orgs/${org.slug}/api-keys`).send({ name, kind: 'service', role: 'viewer' });

describe('webhook subscriptions', () => {
  const bed = eventsBed();

  it('shows the secret once, seals it at rest, and lets only owners and admins manage subscriptions', async () => {
    const org = await createOrg(bed.server);
    const as = bed.server.as(org.ownerKey);
    const created = await as.post(`/v1/orgs/${org.slug}/webhooks`).send({ url: bed.receiver.url, events: ['user.*', 'session.ended'], description: 'product' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.match(created.body.secret, /^whsec_/);
    assert.deepEqual(created.body.events, ['user.*', 'session.ended']);
    const read = await as.get(`/v1/orgs/${org.slug}/webhooks/${created.body.id}`);
    assert.equal(read.status, 200);
    assert.equal(read.body.secret, undefined);
    assert.equal(read.body.secretHint, `…${created.body.secret.slice(-4)}`);
    const row = await bed.server.deps.db('webhook_subscriptions').where('id', created.body.id).first();
    assert.ok(!JSON.stringify(row).includes(created.body.secret.slice(6)), 'the secret is not stored readable');
    assert.equal((await as.get(`/v1/orgs/${org.slug}/webhooks`)).body.items.length, 1);
    const audit = await as.get(`/v1/orgs/${org.slug}/audit-events?action=webhook.created`);
    assert.equal(audit.body.items.length, 1);
    assert.ok(!JSON.stringify(audit.body).includes(created.body.secret), 'the audit trail never holds the secret');

    for (const role of ['contributor', 'viewer']) {
      const key = await as.post(`/v1/orgs/${org.slug}/api-keys`).send({ name: role, kind: 'service', role });
      const denied = await bed.server.as(key.body.secret).post(`/v1/orgs/${org.slug}/webhooks`).send({ url: bed.receiver.url, events: ['*'] });
      assert.equal(denied.status, 403, role);
      assert.equal((await bed.server.as(key.body.secret).get(`/v1/orgs/${org.slug}/webhooks`)).status, 403);
    }
    const admin = await as.post(`/v1/orgs/${org.slug}/api-keys`).send({ name: 'admin', kind: 'service', role: 'admin' });
    assert.equal((await bed.server.as(admin.body.secret).patch(`/v1/orgs/${org.slug}/webhooks/${created.body.id}`).send({ description: 'changed' })).status, 200);

    const other = await createOrg(bed.server);
    assert.equal((await bed.server.as(other.ownerKey).get(`/v1/orgs/${other.slug}/webhooks/${created.body.id}`)).status, 404, 'another organization sees nothing');
    assert.equal((await bed.server.as(other.ownerKey).get(`/v1/orgs/${org.slug}/webhooks`)).status, 404);
    assert.equal((await as.delete(`/v1/orgs/${org.slug}/webhooks/${created.body.id}`)).status, 204);
    assert.equal((await as.get(`/v1/orgs/${org.slug}/webhooks/${created.body.id}`)).status, 404);
  });

  it('refuses bad input with the field and the reason, and writes nothing', async () => {
    const org = await createOrg(bed.server);
    const as = bed.server.as(org.ownerKey);
    const cases: [unknown, string][] = [
      [{ events: ['*'] }, 'url'],
      [{ url: bed.receiver.url, events: [] }, 'events'],
      [{ url: bed.receiver.url, events: ['user.create'] }, 'events.0'],
      [{ url: bed.receiver.url, events: ['*'], secret: 'whsec_mine' }, 'secret'],
      [{ url: 'not a url', events: ['*'] }, 'url'],
      [{ url: 'https://user:pw@hooks.example.com/x', events: ['*'] }, 'url'],
      [{ url: bed.receiver.url, events: ['*'], description: 'x'.repeat(501) }, 'description'],
    ];
    for (const [body, field] of cases) {
      const res = await as.post(`/v1/orgs/${org.slug}/webhooks`).send(body as object);
      assert.equal(res.status, 400, JSON.stringify(res.body));
      assert.ok(res.body.errors.some((e: { field: string }) => e.field === field), `${field}: ${JSON.stringify(res.body.errors)}`);
    }
    assert.equal((await as.post(`/v1/orgs/${org.slug}/webhooks/${'0'.repeat(8)}-0000-0000-0000-000000000000/rotate-secret`).send({ overlapSeconds: 999_999 })).status, 400);
    assert.equal((await as.get(`/v1/orgs/${org.slug}/webhooks`)).body.items.length, 0);
  });

  it('signs with both secrets during a rotation overlap, and with the new one only after it', async () => {
    const org = await createOrg(bed.server);
    const hook = await subscribe(bed.server, org, bed.receiver, ['api_key.*']);
    const first = hook.secret;
    const rotated = await bed.server.as(org.ownerKey).post(`/v1/orgs/${org.slug}/webhooks/${hook.id}/rotate-secret`).send({ overlapSeconds: 3600 });
    assert.equal(rotated.status, 200, JSON.stringify(rotated.body));
    const second = rotated.body.secret as string;
    assert.notEqual(second, first);
    assert.ok(rotated.body.previousSecretExpiresAt);
    bed.receiver.secrets = [first, second];
    const key = await makeKey(bed.server, org, 'during overlap');
    await bed.receiver.waitFor((r) => r.some((x) => (x.event.data.object as { id: string }).id === key.body.id));
    const during = bed.receiver.received.find((x) => (x.event.data.object as { id: string }).id === key.body.id)!;
    assert.deepEqual(during.verifiedBy, [0, 1], 'a receiver holding either secret verifies it');
    assert.equal(during.signature.split(' ').length, 2);

    const third = (await bed.server.as(org.ownerKey).post(`/v1/orgs/${org.slug}/webhooks/${hook.id}/rotate-secret`).send({ overlapSeconds: 0 })).body.secret as string;
    bed.receiver.secrets = [first, second, third];
    const later = await makeKey(bed.server, org, 'after overlap');
    await bed.receiver.waitFor((r) => r.some((x) => (x.event.data.object as { id: string }).id === later.body.id));
    const afterwards = bed.receiver.received.find((x) => (x.event.data.object as { id: string }).id === later.body.id)!;
    assert.deepEqual(afterwards.verifiedBy, [2], 'without an overlap only the new secret signs');
    const audit = await bed.server.as(org.ownerKey).get(`/v1/orgs/${org.slug}/audit-events?action=webhook.secret_rotated`);
    assert.equal(audit.body.items.length, 2);
  });

  it('keeps a delivery log and redelivers on request with the same webhook-id', async () => {
    const org = await createOrg(bed.server);
    const hook = await subscribe(bed.server, org, bed.receiver, ['api_key.created']);
    const key = await makeKey(bed.server, org, 'logged');
    await bed.receiver.waitFor((r) => r.some((x) => (x.event.data.object as { id: string }).id === key.body.id));
    const as = bed.server.as(org.ownerKey);
    const list = await eventually(async () => (await as.get(`/v1/orgs/${org.slug}/webhooks/${hook.id}/deliveries`)).body, (b) => b.items?.[0]?.status === 'delivered');
    const d = list.items[0];
    assert.equal(d.eventType, 'api_key.created');
    assert.equal(d.attempts, 1);
    const one = await as.get(`/v1/orgs/${org.slug}/webhooks/${hook.id}/deliveries/${d.id}`);
    assert.equal(one.body.log.length, 1);
    assert.equal(one.body.log[0].status, 204);
    assert.equal(typeof one.body.log[0].latencyMs, 'number');
    const before = bed.receiver.received.filter((x) => x.id === d.eventId).length;
    const again = await as.post(`/v1/orgs/${org.slug}/webhooks/${hook.id}/deliveries/${d.id}/redeliver`);
    assert.equal(again.status, 202, JSON.stringify(again.body));
    await bed.receiver.waitFor((r) => r.filter((x) => x.id === d.eventId).length === before + 1);
    const log = await eventually(async () => (await as.get(`/v1/orgs/${org.slug}/webhooks/${hook.id}/deliveries/${d.id}`)).body, (b) => b.log?.length === 2);
    assert.equal(log.redeliveries, 1);
    assert.equal((await as.get(`/v1/orgs/${org.slug}/audit-events?action=webhook.redelivered`)).body.items.length, 1);
    assert.equal((await as.get(`/v1/orgs/${org.slug}/webhooks/${hook.id}/deliveries/999999999`)).status, 404);
  });
});

describe('a subscription that keeps failing', () => {
  let server: TestServer;
  let failing: WebhookReceiver;
  let healthy: WebhookReceiver;
  before(async () => {
    server = await startEventsServer({ webhookRetryWindowMs: 600 });
    failing = await startWebhookReceiver();
    healthy = await startWebhookReceiver();
    failing.mode = 'fail';
  });
  after(async () => {
    await failing.close();
    await healthy.close();
    await server.close();
  });

  it('is disabled after its retry window, with an audit record and a webhook.disabled event', async () => {
    const org = await createOrg(server);
    const bad = await subscribe(server, org, failing, ['api_key.*']);
    await subscribe(server, org, healthy, ['webhook.disabled']);
    await makeKey(server, org, 'never delivered');
    const as = server.as(org.ownerKey);
    const disabled = await eventually(async () => (await as.get(`/v1/orgs/${org.slug}/webhooks/${bad.id}`)).body, (b) => b.enabled === false);
    assert.match(disabled.disabledReason, /failed/);
    const deliveries = (await as.get(`/v1/orgs/${org.slug}/webhooks/${bad.id}/deliveries`)).body.items as { status: string; attempts: number; lastError: string }[];
    const given = deliveries.find((d) => d.status === 'failed')!;
    assert.ok(given, JSON.stringify(deliveries));
    assert.ok(given.attempts >= 2, 'it was retried before giving up');
    assert.match(given.lastError, /503/);
    assert.ok(deliveries.every((d) => d.status === 'failed' || d.status === 'queued'), 'what was still due waits in line, not attempted');
    const audit = await as.get(`/v1/orgs/${org.slug}/audit-events?action=webhook.disabled`);
    assert.equal(audit.body.items.length, 1);
    assert.equal(audit.body.items[0].actor.type, 'system');
    await healthy.waitFor((r) => r.some((x) => x.event.type === 'webhook.disabled'));
    const event = healthy.received.find((x) => x.event.type === 'webhook.disabled')!.event;
    assert.equal(event.subject.id, bad.id);
    assert.equal((event.data.object as { enabled: boolean }).enabled, false);

    // Enabled again: it is delivered what happens next.
    failing.mode = 'accept';
    assert.equal((await as.patch(`/v1/orgs/${org.slug}/webhooks/${bad.id}`).send({ enabled: true })).status, 200);
    const key = await makeKey(server, org, 'after re-enabling');
    await failing.waitFor((r) => r.some((x) => (x.event.data.object as { id: string }).id === key.body.id));
  });
});
