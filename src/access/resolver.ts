// The permission resolver of one running instance: per organization, the model of the last
// version it saw. Every request reads the organization's version (one primary-key lookup) and
// rebuilds the model when it moved, so a change committed by any instance is seen by the very
// next check everywhere (domain §5: "takes effect on the very next authorization check").
import type { Knex } from 'knex';
import { bindingEventsBetween } from './deltas-store.ts';
import { loadModelRows } from './model-store.ts';
import { OrgModel, type BindingRow } from './model.ts';
import { readVersion } from './versions-store.ts';

export class AccessResolver {
  private readonly models = new Map<string, OrgModel>();
  private readonly loading = new Map<string, Promise<OrgModel>>();

  constructor(private readonly db: Knex) {}

  /** The current model of an organization. */
  async model(orgId: string): Promise<OrgModel> {
    const version = await readVersion(this.db, orgId);
    const cached = this.models.get(orgId);
    if (cached && cached.version === version) return cached;
    if (cached && version > cached.version && version - cached.version <= MAX_DELTAS) {
      // The events are an optimization: any failure to use them is a full reload, never an error.
      const derived = await this.applyBindingEvents(orgId, cached, version).catch(() => null);
      if (derived) return derived;
    }
    return this.load(orgId, version);
  }

  /** Counts of how models were refreshed, for tests and benchmarks. */
  readonly stats = { loads: 0, deltas: 0 };

  /**
   * When every version since the cached one was a single binding created or deleted through the
   * API, apply those few events instead of reloading the organization (50,000 bindings take
   * ~100 ms to reload; an event takes a query and a copy of the subject index). Anything else —
   * a version with no such event, a change to the tree, roles, mappings or groups, SQL written
   * by hand — finds no event for its version and falls back to a full reload.
   */
  private async applyBindingEvents(orgId: string, base: OrgModel, version: number): Promise<OrgModel | null> {
    const events = await bindingEventsBetween(this.db, orgId, base.version, version);
    if (events.length !== version - base.version || events.some((e, i) => e.version !== base.version + i + 1)) return null;
    const derived = base.withBindingChanges(version, events.map((e) => ({ add: e.action === 'role_binding.created', row: toRow(e.binding) })));
    if (!derived) return null;
    this.stats.deltas++;
    const current = this.models.get(orgId);
    if (!current || current.version < version) this.models.set(orgId, derived);
    return derived;
  }

  private async load(orgId: string, atLeast: number): Promise<OrgModel> {
    // One load per organization at a time; a load that started before this version was committed
    // is not good enough (versions only grow).
    const pending = this.loading.get(orgId);
    if (pending) {
      const m = await pending;
      if (m.version >= atLeast) return m;
    }
    this.stats.loads++;
    const promise = loadModelRows(this.db, orgId).then((rows) => {
      const model = new OrgModel(rows.version, rows.strategy, rows);
      const current = this.models.get(orgId);
      if (!current || current.version <= model.version) this.models.set(orgId, model);
      return model;
    });
    this.loading.set(orgId, promise);
    try {
      return await promise;
    } finally {
      if (this.loading.get(orgId) === promise) this.loading.delete(orgId);
    }
  }
}

const MAX_DELTAS = 50;

function toRow(b: { id: string; subject: { type: BindingRow['subject_type']; id: string }; roleId: string; spaceId: string }): BindingRow {
  const t = b.subject.type;
  return {
    id: b.id, subject_type: t, role_id: b.roleId, space_id: b.spaceId,
    user_id: t === 'user' ? b.subject.id : null, api_key_id: t === 'api_key' ? b.subject.id : null, idp_group_id: t === 'idp_group' ? b.subject.id : null,
  };
}

const resolvers = new WeakMap<Knex, AccessResolver>();

/** The resolver of an instance, keyed by its database handle (two instances in one process stay apart). */
export function accessResolver(db: Knex): AccessResolver {
  let r = resolvers.get(db);
  if (!r) resolvers.set(db, (r = new AccessResolver(db)));
  return r;
}
