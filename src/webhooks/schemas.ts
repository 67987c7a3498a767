// Request and response shapes of /v1/orgs/{org}/webhooks.
import { z } from 'zod';
import { typePatternError } from '../events/catalogue.ts';

export const eventTypes = z
  .array(z.string().max(100).superRefine((t, ctx) => {
    const why = typePatternError(t);
    if (why) ctx.addIssue({ code: 'custom', message: why });
  }))
  .min(1, 'must name at least one event type (or "*")')
  .max(100, 'must name at most 100 event types');

export const webhookUrl = z.string().max(2000, 'must be at most 2000 characters');
export const description = z.string().max(500, 'must be at most 500 characters');

export const webhook = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string(),
  events: z.array(z.string()),
  enabled: z.boolean(),
  disabledReason: z.string().nullable(),
  disabledAt: z.string().nullable(),
  secretHint: z.string(),
  previousSecretExpiresAt: z.string().nullable().describe('after a rotation: until when deliveries also carry a signature by the previous secret'),
  failingSince: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const withSecret = webhook.extend({ secret: z.string().describe('whsec_…: shown in this response only') });

export const deliveryStatus = z.enum(['queued', 'pending', 'delivering', 'delivered', 'failed'], { error: 'must be queued, pending, delivering, delivered or failed' });

export const delivery = z.object({
  id: z.string(),
  eventId: z.string(),
  eventType: z.string(),
  sequence: z.number(),
  status: deliveryStatus,
  attempts: z.number(),
  redeliveries: z.number(),
  nextAttemptAt: z.string().nullable(),
  firstAttemptAt: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  lastStatus: z.number().nullable(),
  lastError: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  createdAt: z.string(),
});

export const deliveryWithLog = delivery.extend({
  log: z.array(z.object({ at: z.string(), status: z.number().nullable(), error: z.string().nullable(), latencyMs: z.number(), responseSnippet: z.string().nullable() })),
});
