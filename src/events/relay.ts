// The events relay: one at a time per database (an advisory lock, whichever instance takes it), it
// claims committed transactions from the outbox, derives their catalogue events, numbers them per
// organization in the order it sees them commit, records them in the feed, hands them to the
// subscribers (webhook fan-out, audit streaming) in the same transaction, and deletes the outbox rows.
// Either all of that commits or none of it: a crash leaves the rows for the next relay.
//
// Why the relay numbers events and not the writers: a per-organization counter bumped by every change
// would make all writes of an organization wait for each other (a SCIM bulk load is many writers).
// Here writers only insert outbox rows; the relay, alone, numbers in commit order.
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { AuditRow } from '../audit/store.ts';
import { deriveEvents, type DerivedEvent } from './derive.ts';
import * as store from './outbox-store.ts';
import { presentGroupRow } from './present.ts';
import { PollLoop } from '../lib/poll-loop.ts';

export interface RecordedEvent extends DerivedEvent {
  id: string;
  seq: number;
}

export interface RelayBatch {
  /** Per organization, in sequence order. */
  events: RecordedEvent[];
  /** Audit records per organization, in commit order. */
  audit: Map<string, AuditRow[]>;
}

/** What other modules do with each batch: in the relay's transaction, and after it commits. */
export interface RelaySubscriber {
  inTransaction?(tx: Knex.Transaction, batch: RelayBatch): Promise<void>;
  afterCommit?(batch: RelayBatch): Promise<void>;
}

export interface RelayConfig {
  intervalMs: number;
  batch: number;
  retentionDays: number;
}

/** An event as webhooks deliver it and the feed lists it. */
export interface EventDocument {
  id: string;
  type: string;
  timestamp: string;
  organization: { id: string; slug: string };
  sequence: number;
  actor: DerivedEvent['actor'];
  requestId: string | null;
  subject: DerivedEvent['subject'];
  data: Record<string, unknown>;
}

export function eventBody(e: RecordedEvent, orgSlug: string): string {
  return JSON.stringify({
    id: e.id,
    type: e.type,
    timestamp: e.occurredAt.toISOString(),
    organization: { id: e.orgId, slug: orgSlug },
    sequence: e.seq,
    actor: e.actor,
    requestId: e.requestId,
    subject: e.subject,
    data: e.data,
  } satisfies EventDocument);
}

export class EventsRelay {
  readonly loop: PollLoop;
  private lastPrune = 0;

  constructor(
    private readonly db: Knex,
    private readonly subscribers: RelaySubscriber[],
    private readonly config: RelayConfig,
    logger: Logger,
  ) {
    this.loop = new PollLoop('events relay', async () => {
      const n = await this.relayOnce();
      await this.housekeeping();
      return n >= this.config.batch;
    }, config.intervalMs, logger);
  }

  /** Relays one batch of transactions; returns how many outbox rows it consumed (0 when another instance relays). */
  async relayOnce(): Promise<number> {
    let batch: RelayBatch | null = null;
    const consumed = await this.db.transaction(async (tx) => {
      if (!(await store.takeRelayLock(tx))) return 0;
      const { rows, actorAuditId } = await store.claimTransactions(tx, this.config.batch);
      if (!rows.length) return 0;
      const orgs = await store.organizationSlugs(tx, [...new Set(rows.map((r) => r.org_id))]);
      const live = rows.filter((r) => orgs.has(r.org_id));
      const audits = new Map((await store.loadAuditRows(tx, live.flatMap((r) => (r.audit_id ? [r.audit_id] : [])))).map((a) => [String(a.id), a]));
      const actor = actorAuditId ? (await store.loadAuditRows(tx, [actorAuditId]))[0] : undefined;
      const groupKeys = live.filter((r) => r.source.startsWith('members_')).map((r) => ({ orgId: r.org_id, groupId: (r.new as { groupId: string }).groupId }));
      const groups = new Map((await store.currentGroups(tx, groupKeys)).map((g) => [`${String(g.org_id)}:${String(g.id)}`, presentGroupRow(g) as Record<string, unknown>]));
      const derived = deriveEvents(live, audits, groups, actor);

      const recorded = await this.number(tx, derived.events);
      await store.insertEvents(tx, recorded.map((e) => ({
        org_id: e.orgId, seq: e.seq, id: e.id, type: e.type, order_key: e.orderKey, occurred_at: e.occurredAt, body: eventBody(e, orgs.get(e.orgId)!),
      })));
      batch = { events: recorded, audit: new Map([...derived.audit].map(([org, ids]) => [org, ids.map((id) => audits.get(id)!)])) };
      for (const s of this.subscribers) await s.inTransaction?.(tx, batch);
      await store.deleteOutboxRows(tx, rows.map((r) => r.id));
      return rows.length;
    });
    if (batch) for (const s of this.subscribers) await s.afterCommit?.(batch);
    return consumed;
  }

  private async number(tx: Knex.Transaction, events: DerivedEvent[]): Promise<RecordedEvent[]> {
    const counts = new Map<string, number>();
    for (const e of events) counts.set(e.orgId, (counts.get(e.orgId) ?? 0) + 1);
    const first = await store.takeNumbers(tx, 'last_event_seq', [...counts.keys()], [...counts.values()]);
    const next = new Map(first);
    return events.map((e) => {
      const seq = next.get(e.orgId)!;
      next.set(e.orgId, seq + 1);
      return { ...e, seq, id: `evt_${randomUUID().replaceAll('-', '')}` };
    });
  }

  private async housekeeping(): Promise<void> {
    if (Date.now() - this.lastPrune < 60_000) return;
    this.lastPrune = Date.now();
    while ((await store.pruneEvents(this.db, this.config.retentionDays, 5000)) === 5000) { /* next batch */ }
  }
}
