// GET /v1/orgs/{org}/audit-events: filters, a keyset cursor, and NDJSON export.
import { z } from 'zod';
import type { AppDeps } from '../app-deps.ts';
import { defineRoute } from '../http/route.ts';
import { requireOrgPermission } from '../orgs/guard.ts';
import { AUDIT_EVENTS } from './events.ts';
import { exportAuditEvents, listAuditEvents } from './service.ts';

const eventSchema = z.object({
  id: z.string(),
  at: z.string(),
  action: z.string(),
  actor: z.object({ type: z.string(), id: z.string().nullable(), label: z.string().nullable() }),
  target: z.object({ type: z.string(), id: z.string().nullable() }).nullable(),
  before: z.unknown(),
  after: z.unknown(),
  details: z.unknown(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
});

const query = z.strictObject({
  after: z.string().regex(/^\d{1,18}$/, 'must be a cursor returned as `next`').transform(Number).optional(),
  actor: z.string().max(200).optional(),
  action: z
    .string()
    .refine((a) => Object.hasOwn(AUDIT_EVENTS, a) || /^[a-z_]+\.\*$/.test(a), 'must be an event name (see the audit events table) or entity.*')
    .optional(),
  target: z.string().max(200).optional(),
  since: z.iso.datetime({ offset: true }).transform((s) => new Date(s)).optional(),
  until: z.iso.datetime({ offset: true }).transform((s) => new Date(s)).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export const auditRoutes = (deps: AppDeps) => [
  defineRoute({
    method: 'get',
    path: '/v1/orgs/{org}/audit-events',
    summary: 'List audit events (oldest first, `after` cursor); `Accept: application/x-ndjson` exports every match',
    tag: 'audit',
    auth: 'credential',
    params: z.object({ org: z.string() }),
    query,
    response: z.object({ items: z.array(eventSchema), next: z.string().nullable() }),
    produces: ['application/x-ndjson'],
    errors: [403, 404],
    async handle({ query: q, ctx, req, res }) {
      requireOrgPermission(ctx.actor, 'audit:read');
      const { limit, ...filter } = q;
      if (req.accepts(['application/json', 'application/x-ndjson']) !== 'application/x-ndjson') {
        return listAuditEvents(deps.db, ctx.actor.orgId, filter, limit);
      }
      res.status(200).type('application/x-ndjson');
      for await (const event of exportAuditEvents(deps.db, ctx.actor.orgId, filter)) {
        if (!res.write(JSON.stringify(event) + '\n')) await new Promise((r) => res.once('drain', r));
      }
      res.end();
    },
  }),
];
