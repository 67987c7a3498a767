// GET /v1/orgs/{org}/audit-events: filters, a keyset cursor, and NDJSON export.
import { z } from 'zod';
import type { AppDeps } from '../app-deps.ts';
import { defineRoute } from '../http/route.ts';
import { requireOrgPermission } from '../orgs/guard.ts';
import { CSV_HEADER, csvLine, csvRow } from './csv.ts';
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
  order: z.enum(['asc', 'desc'], { error: 'must be asc or desc' }).default('asc').describe('desc: newest first (`after` then pages backwards)'),
  format: z.enum(['json', 'ndjson', 'csv'], { error: 'must be json, ndjson or csv' }).optional()
    .describe('ndjson or csv: every match, as a download (like Accept: application/x-ndjson or text/csv)'),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

const EXPORTS = { ndjson: 'application/x-ndjson', csv: 'text/csv' } as const;

export const auditRoutes = (deps: AppDeps) => [
  defineRoute({
    method: 'get',
    path: '/v1/orgs/{org}/audit-events',
    summary: 'List audit events (oldest first, or newest with order=desc; `after` cursor); NDJSON or CSV (Accept or format) exports every match',
    tag: 'audit',
    auth: 'credential',
    params: z.object({ org: z.string() }),
    query,
    response: z.object({ items: z.array(eventSchema), next: z.string().nullable() }),
    produces: ['application/x-ndjson', 'text/csv'],
    errors: [403, 404],
    async handle({ query: q, ctx, req, res }) {
      requireOrgPermission(ctx.actor, 'audit:read');
      const { limit, format, ...filter } = q;
      const accepted = req.accepts(['application/json', EXPORTS.ndjson, EXPORTS.csv]);
      const as = format ?? (accepted === EXPORTS.ndjson ? 'ndjson' : accepted === EXPORTS.csv ? 'csv' : 'json');
      if (as === 'json') return listAuditEvents(deps.db, ctx.actor.orgId, filter, limit);
      res.status(200).type(EXPORTS[as]);
      if (format) res.attachment(`audit-events-${ctx.actor.orgSlug}.${as}`); // a download link (the console's)
      const write = async (text: string) => {
        if (!res.write(text)) await new Promise((r) => res.once('drain', r));
      };
      if (as === 'csv') await write(csvLine(CSV_HEADER));
      for await (const event of exportAuditEvents(deps.db, ctx.actor.orgId, filter)) await write(as === 'csv' ? csvRow(event) : JSON.stringify(event) + '\n');
      res.end();
    },
  }),
];
