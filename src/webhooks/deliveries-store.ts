// SQL of webhook deliveries: the queue in PostgreSQL. A delivery is `queued` behind the earlier
// deliveries with the same (subscription, order key), `pending` when it is the head of its key,
// `delivering` under a worker's lease, then `delivered` or `failed`. A unique index allows one head
// per key, which is what keeps events about one subject in order. The worker's queries serve every
// organization; the ones behind the API are scoped by organization.
import type { Knex } from 'knex';

type Q = Knex | Knex.Transaction;

export interface OrderKey {
  subscriptionId: string;
  orderKey: string;
}

/**
 * One delivery per (event, enabled subscription whose types match), for the given sequence ranges:
 * due at once (`pending`) when it is the first of its key and nothing of that key is unfinished,
 * otherwise `queued` behind the earlier ones. Returns the keys that got queued rows (to promote
 * after commit). Should another transaction make a head for a key meanwhile, the unique head index
 * refuses this batch and the relay retries it, then seeing that head.
 */
export async function fanOut(tx: Knex.Transaction, ranges: { orgId: string; from: number; to: number }[]): Promise<OrderKey[]> {
  if (!ranges.length) return [];
  const { rows } = await tx.raw(
    `insert into webhook_deliveries (org_id, subscription_id, event_seq, order_key, status)
     select c.org_id, c.subscription_id, c.seq, c.order_key,
            case when c.nth = 1 and not exists (select 1 from webhook_deliveries h where h.order_key = c.order_key and h.subscription_id = c.subscription_id
                                                   and h.status in ('queued', 'pending', 'delivering')) then 'pending' else 'queued' end
       from (select e.org_id, s.id as subscription_id, e.seq, e.order_key, row_number() over (partition by s.id, e.order_key order by e.seq) as nth
               from unnest(?::uuid[], ?::bigint[], ?::bigint[]) r(org_id, lo, hi)
               join webhook_subscriptions s on s.org_id = r.org_id and s.enabled
               join events e on e.org_id = r.org_id and e.seq between r.lo and r.hi
              where e.type = any(s.event_types) or '*' = any(s.event_types) or split_part(e.type, '.', 1) || '.*' = any(s.event_types)) c
      order by c.org_id, c.seq
     returning subscription_id, order_key, status`,
    [ranges.map((r) => r.orgId), ranges.map((r) => r.from), ranges.map((r) => r.to)],
  );
  return (rows as { subscription_id: string; order_key: string; status: string }[])
    .filter((r) => r.status === 'queued')
    .map((r) => ({ subscriptionId: r.subscription_id, orderKey: r.order_key }));
}

const PROMOTE = `
  update webhook_deliveries d set status = 'pending', next_attempt_at = greatest(d.next_attempt_at, now())
    from (select distinct on (q.subscription_id, q.order_key) q.id
            from webhook_deliveries q
            join webhook_subscriptions s on s.id = q.subscription_id and s.enabled
           where q.status = 'queued' and %KEYS%
             and not exists (select 1 from webhook_deliveries h
                              where h.subscription_id = q.subscription_id and h.order_key = q.order_key and h.status in ('pending', 'delivering'))
           order by q.subscription_id, q.order_key, q.event_seq) head
   where d.id = head.id and d.status = 'queued'`;

async function promote(q: Q, keysSql: string, bindings: Knex.RawBinding[]): Promise<number> {
  try {
    const res = await q.raw(PROMOTE.replace('%KEYS%', keysSql), bindings);
    return res.rowCount ?? 0;
  } catch (err) {
    // Two promoters raced for one key: the unique head index kept one; the other has nothing to do.
    if ((err as { code?: string }).code === '23505') return 0;
    throw err;
  }
}

/**
 * Makes the oldest queued delivery of each key its head, where the key has none. Run after the
 * transaction that queued or finished deliveries has committed, by both the relay and the worker:
 * whichever of two concurrent ones commits last sees the other's rows, so no key is left headless.
 */
export function promoteHeads(q: Q, keys: OrderKey[]): Promise<number> {
  if (!keys.length) return Promise.resolve(0);
  return promote(q, '(q.subscription_id, q.order_key) in (select * from unnest(?::uuid[], ?::text[]))', [keys.map((k) => k.subscriptionId), keys.map((k) => k.orderKey)]);
}

/** Every key of a subscription (re-enabled) or, without one, of all subscriptions (the periodic sweep after crashes). */
export function promoteAll(q: Q, subscriptionId?: string): Promise<number> {
  return subscriptionId ? promote(q, 'q.subscription_id = ?', [subscriptionId]) : promote(q, 'true', []);
}

/** A disabled subscription's heads go back in line: nothing of it is attempted until it is enabled again. */
export async function parkPending(q: Q, orgId: string, subscriptionId: string): Promise<void> {
  await q('webhook_deliveries').where({ org_id: orgId, subscription_id: subscriptionId, status: 'pending' }).update({ status: 'queued' });
}

export interface ClaimedDelivery {
  id: string;
  org_id: string;
  subscription_id: string;
  event_seq: string;
  order_key: string;
  attempts: number;
  first_attempt_at: Date;
  last_attempt_at: Date;
}

/**
 * Takes due heads under a lease; `attempts` (counted here) fences a worker whose lease ran out.
 * The earliest heads are read in index order and only then filtered on being due: a range condition
 * on next_attempt_at would let the planner (on a table never analyzed) sort every due row first.
 * Heads of a disabled subscription are never pending (they are parked back in line).
 */
export async function claimDue(q: Knex, limit: number, leaseMs: number): Promise<ClaimedDelivery[]> {
  const { rows } = await q.raw(
    `with earliest as (
       select d.id, d.next_attempt_at from webhook_deliveries d
        where d.status = 'pending' order by d.next_attempt_at limit ? for update skip locked)
     update webhook_deliveries d
        set status = 'delivering', attempts = d.attempts + 1, first_attempt_at = coalesce(d.first_attempt_at, now()),
            last_attempt_at = now(), lease_until = now() + make_interval(secs => ?)
       from earliest e where d.id = e.id and e.next_attempt_at <= now()
     returning d.id::text, d.org_id, d.subscription_id, d.event_seq::text, d.order_key, d.attempts, d.first_attempt_at, d.last_attempt_at`,
    [limit, leaseMs / 1000],
  );
  return rows as ClaimedDelivery[];
}

/** Deliveries whose worker died mid-send go back to pending (same event, same webhook-id), logged as such. */
export async function reclaimExpiredLeases(q: Knex): Promise<number> {
  const { rows } = await q.raw(
    `with back as (
       update webhook_deliveries set status = 'pending', lease_until = null, last_error = 'the worker stopped during the attempt'
        where status = 'delivering' and lease_until < now()
       returning id, org_id, last_attempt_at)
     insert into webhook_attempts (org_id, delivery_id, at, error, latency_ms)
     select org_id, id, coalesce(last_attempt_at, now()), 'the worker stopped during the attempt (its lease ran out)', 0 from back
     returning delivery_id`,
  );
  return rows.length;
}

export async function eventBodies(q: Knex, keys: { orgId: string; seq: string }[]): Promise<Map<string, { id: string; body: string }>> {
  const { rows } = await q.raw(
    `select e.org_id, e.seq::text, e.id, e.body from events e join unnest(?::uuid[], ?::bigint[]) k(org_id, seq) on e.org_id = k.org_id and e.seq = k.seq`,
    [keys.map((k) => k.orgId), keys.map((k) => k.seq)],
  );
  return new Map((rows as { org_id: string; seq: string; id: string; body: string }[]).map((r) => [`${r.org_id}:${r.seq}`, { id: r.id, body: r.body }]));
}

export interface Outcome {
  id: string;
  orgId: string;
  subscriptionId: string;
  attempts: number;
  /** When this attempt began (the claim): a failing subscription is failing since its first failed attempt began. */
  attemptedAt: Date;
  status: 'delivered' | 'pending' | 'failed';
  nextAttemptAt: Date | null;
  statusCode: number | null;
  error: string | null;
  latencyMs: number;
  snippet: string | null;
}

/** Records attempts (one statement each for many): the delivery's state, its log row, its subscription's health. */
export async function recordOutcomes(q: Knex, outcomes: Outcome[]): Promise<void> {
  const json = JSON.stringify(outcomes.map((o) => ({ ...o, nextAttemptAt: o.nextAttemptAt?.toISOString() ?? null, attemptedAt: o.attemptedAt.toISOString() })));
  await q.raw(
    `with o as (
       select * from jsonb_to_recordset(?::jsonb) as o(id bigint, "orgId" uuid, "subscriptionId" uuid, attempts int, "attemptedAt" timestamptz, status text,
         "nextAttemptAt" timestamptz, "statusCode" int, error text, "latencyMs" int, snippet text)
     ), done as (
       update webhook_deliveries d
          set status = o.status, next_attempt_at = coalesce(o."nextAttemptAt", d.next_attempt_at), lease_until = null,
              last_status = o."statusCode", last_error = o.error, delivered_at = case when o.status = 'delivered' then now() end
         from o where d.id = o.id and d.org_id = o."orgId" and d.status = 'delivering' and d.attempts = o.attempts
       returning d.id
     ), logged as (
       insert into webhook_attempts (org_id, delivery_id, status_code, error, latency_ms, response_snippet)
       select o."orgId", o.id, o."statusCode", o.error, o."latencyMs", o.snippet from o where o.id in (select id from done)
     ), healthy as (
       update webhook_subscriptions s set failing_since = null
        where s.id in (select "subscriptionId" from o where status = 'delivered') and s.failing_since is not null
     )
     update webhook_subscriptions s set failing_since = f.since
       from (select "subscriptionId" as id, min("attemptedAt") as since from o where status <> 'delivered' group by 1) f
      where s.id = f.id and s.failing_since is null
        and s.id not in (select "subscriptionId" from o where status = 'delivered')`,
    [json],
  );
}

// ── the delivery log (API: scoped by organization) ─────────────────────────────────────────────

export interface DeliveryRow {
  id: string;
  subscription_id: string;
  event_seq: string;
  event_id: string;
  event_type: string;
  status: string;
  attempts: number;
  redeliveries: number;
  next_attempt_at: Date;
  first_attempt_at: Date | null;
  last_attempt_at: Date | null;
  last_status: number | null;
  last_error: string | null;
  delivered_at: Date | null;
  created_at: Date;
}

const DELIVERY = `select d.id::text, d.subscription_id, d.event_seq::text, e.id as event_id, e.type as event_type, d.status, d.attempts, d.redeliveries,
    d.next_attempt_at, d.first_attempt_at, d.last_attempt_at, d.last_status, d.last_error, d.delivered_at, d.created_at
  from webhook_deliveries d join events e on e.org_id = d.org_id and e.seq = d.event_seq`;

export async function listDeliveries(q: Q, orgId: string, subscriptionId: string, f: { before?: string; status?: string }, limit: number): Promise<DeliveryRow[]> {
  const { rows } = await q.raw(
    `${DELIVERY} where d.org_id = ? and d.subscription_id = ?${f.before ? ' and d.id < ?' : ''}${f.status ? ' and d.status = ?' : ''} order by d.id desc limit ?`,
    [orgId, subscriptionId, ...(f.before ? [f.before] : []), ...(f.status ? [f.status] : []), limit],
  );
  return rows as DeliveryRow[];
}

export async function findDelivery(q: Q, orgId: string, subscriptionId: string, id: string): Promise<DeliveryRow | undefined> {
  const { rows } = await q.raw(`${DELIVERY} where d.org_id = ? and d.subscription_id = ? and d.id = ?`, [orgId, subscriptionId, id]);
  return rows[0] as DeliveryRow | undefined;
}

export interface AttemptRow {
  at: Date;
  status_code: number | null;
  error: string | null;
  latency_ms: number;
  response_snippet: string | null;
}

export async function listAttempts(q: Q, orgId: string, deliveryId: string): Promise<AttemptRow[]> {
  return q<AttemptRow>('webhook_attempts').where('org_id', orgId).andWhere('delivery_id', deliveryId).orderBy('id').limit(200)
    .select('at', 'status_code', 'error', 'latency_ms', 'response_snippet');
}

/** A finished delivery goes back in line for its key, with a fresh retry window. */
export async function requeue(q: Q, orgId: string, id: string): Promise<{ subscription_id: string; order_key: string } | undefined> {
  const [row] = await q('webhook_deliveries')
    .where({ org_id: orgId, id })
    .whereIn('status', ['delivered', 'failed'])
    .update({ status: 'queued', first_attempt_at: null, next_attempt_at: q.fn.now(), redeliveries: q.raw('redeliveries + 1') })
    .returning(['subscription_id', 'order_key']);
  return row as { subscription_id: string; order_key: string } | undefined;
}
