// SQL of webhook subscriptions. Every query is scoped by organization.
import type { Knex } from 'knex';

type Q = Knex | Knex.Transaction;

export interface SubscriptionRow {
  id: string;
  org_id: string;
  url: string;
  description: string;
  event_types: string[];
  enabled: boolean;
  disabled_reason: string | null;
  disabled_at: Date | null;
  secret_sealed: string;
  secret_hint: string;
  previous_secret_sealed: string | null;
  previous_secret_expires_at: Date | null;
  failing_since: Date | null;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

export type NewSubscription = Pick<SubscriptionRow, 'org_id' | 'url' | 'description' | 'event_types' | 'secret_sealed' | 'secret_hint' | 'created_by'>;

export async function insertSubscription(q: Q, s: NewSubscription): Promise<SubscriptionRow> {
  const [row] = await q<SubscriptionRow>('webhook_subscriptions').insert(s).returning('*');
  return row!;
}

export async function findSubscription(q: Q, orgId: string, id: string, lock = false): Promise<SubscriptionRow | undefined> {
  const query = q<SubscriptionRow>('webhook_subscriptions').where({ org_id: orgId, id }).first();
  return lock ? query.forUpdate() : query;
}

export async function listSubscriptions(q: Q, orgId: string, after: { createdAt: Date; id: string } | null, limit: number): Promise<SubscriptionRow[]> {
  const query = q<SubscriptionRow>('webhook_subscriptions').where('org_id', orgId).orderBy([{ column: 'created_at' }, { column: 'id' }]).limit(limit);
  if (after) query.whereRaw('(created_at, id) > (?, ?)', [after.createdAt, after.id]);
  return query;
}

export async function countSubscriptions(q: Q, orgId: string): Promise<number> {
  const [row] = await q('webhook_subscriptions').where('org_id', orgId).count<{ n: string }[]>('* as n');
  return Number(row?.n ?? 0);
}

export type SubscriptionPatch = Partial<Pick<SubscriptionRow, 'url' | 'description' | 'event_types' | 'enabled' | 'disabled_reason' | 'disabled_at' | 'failing_since'
  | 'secret_sealed' | 'secret_hint' | 'previous_secret_sealed' | 'previous_secret_expires_at'>>;

export async function updateSubscription(q: Q, orgId: string, id: string, patch: SubscriptionPatch): Promise<SubscriptionRow> {
  const [row] = await q<SubscriptionRow>('webhook_subscriptions').where({ org_id: orgId, id }).update({ ...patch, updated_at: q.fn.now() }).returning('*');
  return row!;
}

export async function deleteSubscription(q: Q, orgId: string, id: string): Promise<void> {
  await q('webhook_subscriptions').where({ org_id: orgId, id }).delete();
}

/** The signing material of subscriptions, for the worker (which serves every organization). */
export async function subscriptionsById(q: Q, ids: string[]): Promise<SubscriptionRow[]> {
  if (!ids.length) return [];
  return q<SubscriptionRow>('webhook_subscriptions').whereIn('id', ids);
}
