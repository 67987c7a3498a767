// /v1/orgs/{org}/webhooks: subscriptions, secret rotation, the delivery log, redelivery.
import { z } from 'zod';
import type { AppDeps } from '../app-deps.ts';
import { defineRoute } from '../http/route.ts';
import { orgParam, uuid } from '../orgs/schemas.ts';
import { getWebhookDelivery, listWebhookDeliveries, redeliver } from './deliveries-service.ts';
import { delivery, deliveryStatus, deliveryWithLog, description, eventTypes, webhook, webhookUrl, withSecret } from './schemas.ts';
import { createWebhook, deleteWebhook, getWebhook, listWebhooks, presentSubscription, rotateWebhookSecret, updateWebhook } from './service.ts';

const one = orgParam.extend({ id: uuid('webhook') });
const deliveryParams = one.extend({ deliveryId: z.string().regex(/^\d{1,18}$/, 'must be a delivery id') });

export const webhookRoutes = (deps: AppDeps) => [
  defineRoute({
    method: 'post', path: '/v1/orgs/{org}/webhooks', tag: 'webhooks', auth: 'credential', status: 201,
    summary: 'Subscribe a URL to events; the signing secret (whsec_…) is in this response only',
    params: orgParam,
    body: z.strictObject({ url: webhookUrl, events: eventTypes, description: description.optional() }),
    response: withSecret, errors: [400, 403, 404, 422],
    handle: ({ ctx, body }) => createWebhook(deps, ctx, body),
  }),
  defineRoute({
    method: 'get', path: '/v1/orgs/{org}/webhooks', tag: 'webhooks', auth: 'credential',
    summary: 'List webhook subscriptions',
    params: orgParam,
    query: z.strictObject({ after: uuid('webhook').optional(), limit: z.coerce.number().int().min(1).max(100).default(50) }),
    response: z.object({ items: z.array(webhook), next: z.string().nullable() }), errors: [403, 404],
    handle: ({ ctx, query }) => listWebhooks(deps, ctx, query.after, query.limit),
  }),
  defineRoute({
    method: 'get', path: '/v1/orgs/{org}/webhooks/{id}', tag: 'webhooks', auth: 'credential',
    summary: 'Read a webhook subscription (never its secret)',
    params: one, response: webhook, errors: [403, 404],
    handle: async ({ ctx, params }) => presentSubscription(await getWebhook(deps, ctx, params.id)),
  }),
  defineRoute({
    method: 'patch', path: '/v1/orgs/{org}/webhooks/{id}', tag: 'webhooks', auth: 'credential',
    summary: 'Change a subscription; `enabled: true` re-enables a disabled one (what waited is delivered, in order)',
    params: one,
    body: z.strictObject({ url: webhookUrl.optional(), events: eventTypes.optional(), description: description.optional(), enabled: z.boolean().optional() }),
    response: webhook, errors: [400, 403, 404],
    handle: ({ ctx, params, body }) => updateWebhook(deps, ctx, params.id, body),
  }),
  defineRoute({
    method: 'delete', path: '/v1/orgs/{org}/webhooks/{id}', tag: 'webhooks', auth: 'credential', status: 204,
    summary: 'Delete a subscription and its delivery log',
    params: one, errors: [403, 404],
    handle: ({ ctx, params }) => deleteWebhook(deps, ctx, params.id),
  }),
  defineRoute({
    method: 'post', path: '/v1/orgs/{org}/webhooks/{id}/rotate-secret', tag: 'webhooks', auth: 'credential', operationId: 'rotateWebhookSecret',
    summary: 'Rotate the signing secret; during the overlap every delivery carries both signatures',
    params: one,
    body: z.strictObject({ overlapSeconds: z.number().int().min(0).max(7 * 86_400, 'must be at most 7 days (604800)').default(86_400) }),
    response: withSecret, errors: [400, 403, 404],
    handle: ({ ctx, params, body }) => rotateWebhookSecret(deps, ctx, params.id, body.overlapSeconds),
  }),
  defineRoute({
    method: 'get', path: '/v1/orgs/{org}/webhooks/{id}/deliveries', tag: 'webhooks', auth: 'credential',
    summary: 'The delivery log, newest first',
    params: one,
    query: z.strictObject({ status: deliveryStatus.optional(), before: z.string().regex(/^\d{1,18}$/, 'must be a cursor returned as `next`').optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }),
    response: z.object({ items: z.array(delivery), next: z.string().nullable() }), errors: [403, 404],
    handle: ({ ctx, params, query }) => listWebhookDeliveries(deps.db, ctx, params.id, { before: query.before, status: query.status }, query.limit),
  }),
  defineRoute({
    method: 'get', path: '/v1/orgs/{org}/webhooks/{id}/deliveries/{deliveryId}', tag: 'webhooks', auth: 'credential',
    summary: 'One delivery with every attempt (status, latency, response snippet)',
    params: deliveryParams, response: deliveryWithLog, errors: [403, 404],
    handle: ({ ctx, params }) => getWebhookDelivery(deps.db, ctx, params.id, params.deliveryId),
  }),
  defineRoute({
    method: 'post', path: '/v1/orgs/{org}/webhooks/{id}/deliveries/{deliveryId}/redeliver', tag: 'webhooks', auth: 'credential', status: 202,
    summary: 'Send a delivered or failed delivery again (same webhook-id)',
    params: deliveryParams, response: delivery, errors: [403, 404, 409],
    handle: ({ ctx, params }) => redeliver(deps.db, ctx, params.id, params.deliveryId),
  }),
];
