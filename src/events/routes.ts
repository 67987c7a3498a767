// /v1/event-types (the catalogue) and /v1/orgs/{org}/events (the feed).
import { z } from 'zod';
import type { AppDeps } from '../app-deps.ts';
import { defineRoute } from '../http/route.ts';
import { orgParam } from '../orgs/schemas.ts';
import { EVENT_TYPES, typePatternError } from './catalogue.ts';
import { readFeed } from './feed.ts';

/** A comma-separated list of event types, `entity.*` or `*`, each checked against the catalogue. */
export const typeList = z.string().max(4000).transform((v, ctx) => {
  const items = v.split(',').map((s) => s.trim()).filter(Boolean);
  if (!items.length) ctx.addIssue({ code: 'custom', message: 'must name at least one event type' });
  for (const t of items) {
    const why = typePatternError(t);
    if (why) ctx.addIssue({ code: 'custom', message: `"${t.slice(0, 100)}" ${why}` });
  }
  return items;
});

export const eventSchema = z.object({
  id: z.string(),
  type: z.string(),
  timestamp: z.string(),
  organization: z.object({ id: z.string(), slug: z.string() }),
  sequence: z.number(),
  actor: z.object({ type: z.string(), id: z.string().nullable(), label: z.string().nullable() }),
  requestId: z.string().nullable(),
  subject: z.object({ type: z.string(), id: z.string() }),
  data: z.record(z.string(), z.unknown()).describe('`object`: the resource after the change; `changed`: the fields the change set; `previous`: their values before'),
});

export const eventRoutes = (deps: AppDeps) => [
  defineRoute({
    method: 'get',
    path: '/v1/event-types',
    summary: 'The event catalogue: every event type webhooks and the feed carry',
    tag: 'events',
    auth: 'credential',
    response: z.object({ items: z.array(z.object({ type: z.string(), description: z.string() })) }),
    handle: async () => ({ items: Object.entries(EVENT_TYPES).map(([type, description]) => ({ type, description })) }),
  }),
  defineRoute({
    method: 'get',
    path: '/v1/orgs/{org}/events',
    summary: 'The events feed, oldest first: pass `next` back as `after` to continue (410 when the cursor is older than the retention)',
    tag: 'events',
    auth: 'credential',
    params: orgParam,
    query: z.strictObject({
      after: z.string().regex(/^\d{1,18}$/, 'must be a cursor returned as `next`').transform(Number).optional(),
      types: typeList.optional(),
      limit: z.coerce.number().int().min(1).max(1000).default(100),
    }),
    response: z.object({ items: z.array(eventSchema), next: z.string(), hasMore: z.boolean() }),
    errors: [403, 404, 410],
    handle: ({ ctx, query }) => readFeed(deps.db, ctx, query, deps.config.eventsRetentionDays),
  }),
];
