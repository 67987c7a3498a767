// SQL of the events feed: keyset pages by sequence number, one index range per selected type.
import type { Knex } from 'knex';

export interface FeedRow {
  cursor: string;
  body: string;
}

export async function readEvents(q: Knex, orgId: string, after: number, types: string[] | null, limit: number): Promise<FeedRow[]> {
  if (!types) {
    const { rows } = await q.raw('select seq::text as cursor, body from events where org_id = ? and seq > ? order by seq limit ?', [orgId, after, limit]);
    return rows as FeedRow[];
  }
  if (!types.length) return [];
  // One (org_id, type, seq) range per type, merged: a rare type is found without walking the others.
  const parts = types.map(() => '(select seq, body from events where org_id = ? and type = ? and seq > ? order by seq limit ?)').join(' union all ');
  const { rows } = await q.raw(`select seq::text as cursor, body from (${parts}) e order by e.seq limit ?`, [...types.flatMap((t) => [orgId, t, after, limit]), limit]);
  return rows as FeedRow[];
}

/** The highest number dropped by retention (a cursor before it has missed events), and the last handed out. */
export async function feedBounds(q: Knex, orgId: string): Promise<{ prunedThrough: number; last: number }> {
  const { rows } = await q.raw('select pruned_through, last_event_seq from event_counters where org_id = ?', [orgId]);
  return { prunedThrough: Number(rows[0]?.pruned_through ?? 0), last: Number(rows[0]?.last_event_seq ?? 0) };
}
