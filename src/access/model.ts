// One organization's access data in memory: the space tree as parent/inherit arrays over integer
// indexes, roles as action masks, bindings grouped by subject, and team names → IdP group mappings.
// Built from one consistent snapshot of the database (see resolver.ts) and never mutated: a change
// makes a new model. Per-actor grants are computed on first use and memoized in the model.
import type { OrgRole } from '../orgs/roles.ts';
import { isAction, maskOf, SECRET_READ } from './actions.ts';
import { Grants, type Principal, type Source } from './grants.ts';
import { PREDEFINED_BY_SLUG } from './predefined-roles.ts';

export interface SpaceRow { id: string; parent_id: string | null; inherit_entities: boolean }
export interface RoleRow { id: string; slug: string; predefined: boolean; actions: string[] }
export interface MappingRow { id: string; name: string; external_id: string | null; idp_name: string | null }
export interface BindingRow {
  id: string;
  subject_type: 'user' | 'api_key' | 'idp_group';
  user_id: string | null;
  api_key_id: string | null;
  idp_group_id: string | null;
  role_id: string;
  space_id: string;
}
export interface ModelRows {
  version: number;
  strategy: 'user_management' | 'login_policy';
  spaces: SpaceRow[];
  roles: RoleRow[];
  mappings: MappingRow[];
  bindings: BindingRow[];
}

export interface CompiledRole { id: string; slug: string; mask: number }
export interface CompiledBinding {
  id: string;
  subject: { type: BindingRow['subject_type']; id: string };
  role: CompiledRole;
  spaceIdx: number;
}

/** Organization role → its baseline role in root (domain §2); member has none. */
const BASELINE: Record<OrgRole, string | null> = {
  owner: 'space-admin',
  admin: 'space-admin',
  contributor: 'space-writer',
  viewer: 'space-reader',
  viewer_no_secrets: 'space-reader',
  member: null,
};

const MEMO_LIMIT = 100_000;

export class OrgModel {
  readonly spaceIds: string[];
  readonly index = new Map<string, number>();
  readonly parent: Int32Array;
  readonly inherits: Uint8Array;
  readonly root: number;
  readonly roles = new Map<string, CompiledRole>();
  readonly rolesBySlug = new Map<string, CompiledRole>();
  readonly mappings = new Map<string, MappingRow>();
  // Rows grouped by subject; compiled on a subject's first use, so a rebuild after a change costs
  // one pass over the rows and only the actors who come back pay for their own bindings.
  private readonly byUser = new Map<string, BindingRow[]>();
  private readonly byApiKey = new Map<string, BindingRow[]>();
  private readonly byMapping = new Map<string, BindingRow[]>();
  private readonly compiled = new WeakMap<BindingRow[], CompiledBinding[]>();
  private readonly teamMappings = new Map<string, string[]>();
  private readonly memo = new Map<string, Grants>();

  constructor(readonly version: number, readonly strategy: ModelRows['strategy'], rows: Omit<ModelRows, 'version' | 'strategy'>) {
    this.spaceIds = rows.spaces.map((s) => s.id);
    rows.spaces.forEach((s, i) => this.index.set(s.id, i));
    this.parent = new Int32Array(rows.spaces.length);
    this.inherits = new Uint8Array(rows.spaces.length);
    rows.spaces.forEach((s, i) => {
      this.parent[i] = s.parent_id === null ? -1 : this.index.get(s.parent_id)!;
      this.inherits[i] = s.inherit_entities ? 1 : 0;
    });
    this.root = this.index.get('root') ?? -1;
    for (const r of rows.roles) {
      // Predefined roles take their actions from the code, never from their rows.
      // An action dropped from the catalogue grants nothing.
      const mask = r.predefined && PREDEFINED_BY_SLUG.has(r.slug) ? maskOf(PREDEFINED_BY_SLUG.get(r.slug)!.actions) : maskOf(r.actions.filter(isAction));
      const role = { id: r.id, slug: r.slug, mask };
      this.roles.set(r.id, role);
      this.rolesBySlug.set(r.slug, role);
    }
    for (const m of rows.mappings) {
      this.mappings.set(m.id, m);
      // Tied to a stable IdP id, a mapping matches that group's current name (and the raw id, as an
      // Azure AD groups claim sends it); untied, it matches its own name. Names are exact (domain §1).
      const names = m.external_id === null ? [m.name] : [m.external_id, ...(m.idp_name !== null ? [m.idp_name] : [])];
      for (const n of names) push(this.teamMappings, n, m.id);
    }
    for (const b of rows.bindings) {
      push(b.subject_type === 'user' ? this.byUser : b.subject_type === 'api_key' ? this.byApiKey : this.byMapping, (b.user_id ?? b.api_key_id ?? b.idp_group_id)!, b);
    }
  }

  private bindingsOf(map: Map<string, BindingRow[]>, subjectId: string): CompiledBinding[] {
    const rows = map.get(subjectId);
    if (!rows) return [];
    let list = this.compiled.get(rows);
    if (!list) {
      list = [];
      for (const b of rows) {
        const role = this.roles.get(b.role_id);
        const spaceIdx = this.index.get(b.space_id);
        if (role && spaceIdx !== undefined) list.push({ id: b.id, subject: { type: b.subject_type, id: subjectId }, role, spaceIdx });
      }
      this.compiled.set(rows, list);
    }
    return list;
  }

  /**
   * This model with bindings added or removed, at a later version: what every other instance does
   * for a binding change instead of reloading the organization. Everything else is shared; only
   * the subject indexes are copied. Null when a change does not fit this model (reload instead).
   */
  withBindingChanges(version: number, changes: readonly { add: boolean; row: BindingRow }[]): OrgModel | null {
    const next = Object.create(OrgModel.prototype) as OrgModel;
    Object.assign(next, this, { version, memo: new Map(), byUser: new Map(this.byUser), byApiKey: new Map(this.byApiKey), byMapping: new Map(this.byMapping) });
    for (const { add, row } of changes) {
      const map = row.subject_type === 'user' ? next.byUser : row.subject_type === 'api_key' ? next.byApiKey : next.byMapping;
      const subjectId = (row.user_id ?? row.api_key_id ?? row.idp_group_id)!;
      const list = map.get(subjectId) ?? [];
      if (add) {
        if (!this.roles.has(row.role_id) || !this.index.has(row.space_id) || list.some((b) => b.id === row.id)) return null;
        if (row.subject_type === 'idp_group' && !this.mappings.has(subjectId)) return null;
        map.set(subjectId, [...list, row]);
      } else {
        if (!list.some((b) => b.id === row.id)) return null;
        const rest = list.filter((b) => b.id !== row.id);
        if (rest.length) map.set(subjectId, rest);
        else map.delete(subjectId);
      }
    }
    return next;
  }

  roleByRef(ref: string): CompiledRole | undefined {
    return this.roles.get(ref) ?? this.rolesBySlug.get(ref);
  }

  /** The grants of a principal, memoized for the life of this model (i.e. until the next change). */
  grantsFor(p: Principal): Grants {
    const key = principalKey(p);
    let g = this.memo.get(key);
    if (!g) {
      if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
      g = new Grants(this, this.sourcesOf(p), p.orgRole === 'viewer_no_secrets' ? SECRET_READ : 0);
      this.memo.set(key, g);
    }
    return g;
  }

  private sourcesOf(p: Principal): Source[] {
    const out: Source[] = [];
    const direct = p.kind === 'user' ? this.byUser : p.kind === 'api_key' ? this.byApiKey : this.byMapping;
    for (const b of this.bindingsOf(direct, p.id)) out.push({ kind: 'binding', binding: b, role: b.role, spaceIdx: b.spaceIdx });
    const seen = new Set<string>();
    for (const team of p.teams) {
      for (const mappingId of this.teamMappings.get(team) ?? []) {
        if (seen.has(mappingId)) continue;
        seen.add(mappingId);
        for (const b of this.bindingsOf(this.byMapping, mappingId)) out.push({ kind: 'binding', binding: b, role: b.role, spaceIdx: b.spaceIdx, team });
      }
    }
    const baseline = p.orgRole ? BASELINE[p.orgRole] : null;
    const baseRole = baseline ? this.rolesBySlug.get(baseline) : undefined;
    if (baseRole && this.root >= 0) out.push({ kind: 'organization_role', orgRole: p.orgRole!, role: baseRole, spaceIdx: this.root });
    // Roles a login policy froze into the session count only under login_policy (domain §5).
    if (this.strategy === 'login_policy') {
      for (const s of p.sessionRoles ?? []) {
        const role = this.roleByRef(s.role);
        const spaceIdx = this.index.get(s.spaceId);
        if (role && spaceIdx !== undefined) out.push({ kind: 'session', role, spaceIdx });
      }
    }
    return out;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function principalKey(p: Principal): string {
  const session = p.sessionRoles?.length ? p.sessionRoles.map((s) => `${s.spaceId}\u0002${s.role}`).join('\u0001') : '';
  return `${p.kind}:${p.id}:${p.orgRole ?? ''}:${p.teams.join('\u0001')}:${session}`;
}
