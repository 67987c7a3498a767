// The delivery log of a subscription (attempts, status, latency, response snippet) and manual redelivery.
import type { Knex } from 'knex';
import { recordEvent } from '../audit/service.ts';
import type { RequestContext } from '../http/actor.ts';
import { conflict, notFound } from '../http/errors.ts';
import { requireOrgPermission } from '../orgs/guard.ts';
import * as deliveries from './deliveries-store.ts';
import { findSubscription } from './store.ts';

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function presentDelivery(d: deliveries.DeliveryRow) {
  return {
    id: d.id,
    eventId: d.event_id,
    eventType: d.event_type,
    sequence: Number(d.event_seq),
    status: d.status as 'queued' | 'pending' | 'delivering' | 'delivered' | 'failed',
    attempts: d.attempts,
    redeliveries: d.redeliveries,
    nextAttemptAt: d.status === 'pending' ? d.next_attempt_at.toISOString() : null,
    firstAttemptAt: iso(d.first_attempt_at),
    lastAttemptAt: iso(d.last_attempt_at),
    lastStatus: d.last_status,
    lastError: d.last_error,
    deliveredAt: iso(d.delivered_at),
    createdAt: d.created_at.toISOString(),
  };
}

async function requireSubscription(db: Knex, ctx: RequestContext, id: string) {
  requireOrgPermission(ctx.actor, 'integrations:manage');
  if (!(await findSubscription(db, ctx.actor.orgId, id))) throw notFound('webhook');
}

export async function listWebhookDeliveries(db: Knex, ctx: RequestContext, subscriptionId: string, f: { before?: string; status?: string }, limit: number) {
  await requireSubscription(db, ctx, subscriptionId);
  const rows = await deliveries.listDeliveries(db, ctx.actor.orgId, subscriptionId, f, limit + 1);
  const page = rows.slice(0, limit);
  return { items: page.map(presentDelivery), next: rows.length > limit ? page[page.length - 1]!.id : null };
}

export async function getWebhookDelivery(db: Knex, ctx: RequestContext, subscriptionId: string, id: string) {
  await requireSubscription(db, ctx, subscriptionId);
  const d = await deliveries.findDelivery(db, ctx.actor.orgId, subscriptionId, id);
  if (!d) throw notFound('delivery');
  const attempts = await deliveries.listAttempts(db, ctx.actor.orgId, id);
  return {
    ...presentDelivery(d),
    log: attempts.map((a) => ({ at: a.at.toISOString(), status: a.status_code, error: a.error, latencyMs: a.latency_ms, responseSnippet: a.response_snippet })),
  };
}

/** Sends a finished delivery again (same event, same webhook-id), after any earlier one for its subject. */
export async function redeliver(db: Knex, ctx: RequestContext, subscriptionId: string, id: string) {
  await requireSubscription(db, ctx, subscriptionId);
  const key = await db.transaction(async (tx) => {
    const d = await deliveries.findDelivery(tx, ctx.actor.orgId, subscriptionId, id);
    if (!d) throw notFound('delivery');
    const requeued = await deliveries.requeue(tx, ctx.actor.orgId, id);
    if (!requeued) throw conflict(`the delivery is ${d.status}: it is on its way already`);
    await recordEvent(tx, ctx.actor.orgId, ctx, { action: 'webhook.redelivered', target: { type: 'webhook', id: subscriptionId }, details: { deliveryId: id, eventId: d.event_id, previousStatus: d.status } });
    return requeued;
  });
  await deliveries.promoteHeads(db, [{ subscriptionId: key.subscription_id, orderKey: key.order_key }]);
  return presentDelivery((await deliveries.findDelivery(db, ctx.actor.orgId, subscriptionId, id))!);
}
