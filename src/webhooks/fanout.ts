// What the events relay does for webhooks: in its transaction, one delivery per event and matching
// subscription; after commit, make due the heads of keys it queued behind others, and wake the worker.
import type { Knex } from 'knex';
import type { RelayBatch, RelaySubscriber } from '../events/relay.ts';
import { fanOut, promoteHeads, type OrderKey } from './deliveries-store.ts';

export function webhookFanOut(db: Knex, wake: () => void): RelaySubscriber {
  let touched: OrderKey[] = [];
  return {
    async inTransaction(tx: Knex.Transaction, batch: RelayBatch) {
      const ranges = new Map<string, { orgId: string; from: number; to: number }>();
      for (const e of batch.events) {
        const r = ranges.get(e.orgId);
        if (r) r.to = e.seq;
        else ranges.set(e.orgId, { orgId: e.orgId, from: e.seq, to: e.seq });
      }
      touched = await fanOut(tx, [...ranges.values()]);
    },
    async afterCommit(batch: RelayBatch) {
      const keys = [...new Map(touched.map((k) => [`${k.subscriptionId}\n${k.orderKey}`, k])).values()];
      touched = [];
      if (keys.length) await promoteHeads(db, keys);
      if (batch.events.length) wake();
    },
  };
}
