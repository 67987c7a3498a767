// The permission resolver of one running instance: per organization, the model of the last
// version it saw. Every request reads the organization's version (one primary-key lookup) and
// rebuilds the model when it moved, so a change committed by any instance is seen by the very
// next check everywhere (domain §5: "takes effect on the very next authorization check").
import type { Knex } from 'knex';
import { loadModelRows } from './model-store.ts';
import { OrgModel } from './model.ts';
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
    return this.load(orgId, version);
  }

  /** The cached model without a version check: for benchmarks and code that has just checked. */
  cached(orgId: string): OrgModel | undefined {
    return this.models.get(orgId);
  }

  private async load(orgId: string, atLeast: number): Promise<OrgModel> {
    // One load per organization at a time; a load that started before this version was committed
    // is not good enough (versions only grow).
    const pending = this.loading.get(orgId);
    if (pending) {
      const m = await pending;
      if (m.version >= atLeast) return m;
    }
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

const resolvers = new WeakMap<Knex, AccessResolver>();

/** The resolver of an instance, keyed by its database handle (two instances in one process stay apart). */
export function accessResolver(db: Knex): AccessResolver {
  let r = resolvers.get(db);
  if (!r) resolvers.set(db, (r = new AccessResolver(db)));
  return r;
}
