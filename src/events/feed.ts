// The events feed (GET /v1/orgs/{org}/events): for consumers that pull. The cursor is the
// organization's sequence number, so a reader that keeps `next` sees every event once, in order.
import type { Knex } from 'knex';
import type { RequestContext } from '../http/actor.ts';
import { ApiError } from '../http/errors.ts';
import { requireOrgPermission } from '../orgs/guard.ts';
import { expandTypes } from './catalogue.ts';
import { feedBounds, readEvents } from './feed-store.ts';
import type { EventDocument } from './relay.ts';

export interface FeedQuery {
  after?: number;
  types?: string[];
  limit: number;
}

export async function readFeed(db: Knex, ctx: RequestContext, q: FeedQuery, retentionDays: number) {
  requireOrgPermission(ctx.actor, 'audit:read');
  const orgId = ctx.actor.orgId;
  const bounds = await feedBounds(db, orgId);
  if (q.after !== undefined && q.after < bounds.prunedThrough) {
    throw new ApiError(410, 'Gone', `events after ${q.after} were dropped by retention (events are kept ${retentionDays} days); start again without a cursor, from ${bounds.prunedThrough}`, [{ field: 'after', reason: `is older than the retention of ${retentionDays} days` }]);
  }
  const after = q.after ?? 0;
  const rows = await readEvents(db, orgId, after, q.types ? expandTypes(q.types) : null, q.limit + 1);
  const page = rows.slice(0, q.limit);
  return {
    items: page.map((r) => JSON.parse(r.body) as EventDocument),
    // Never null: the cursor to poll with next time, also when nothing new has happened.
    next: page.length ? page[page.length - 1]!.cursor : String(after),
    hasMore: rows.length > q.limit,
  };
}
