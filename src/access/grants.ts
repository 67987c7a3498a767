// What one principal may do: the sources of its roles (bindings, organization role, session) laid
// over the space tree with seed 001's propagation rules, answered per space as an action mask.
//
// Propagation (domain §3): a role bound in S applies in S and every descendant, whatever the
// inheritance flags; and if S inherits from its parent, the holder also gets Space Reader in the
// parent, and upward for as long as each space on the way inherits. Read granted upward does not
// flow down again into the parent's other children (seed 001: Read in `read access space` gives
// nothing in `legacy`).
import { ACCOUNT_MASK, bitOf, isAction } from './actions.ts';
import type { CompiledBinding, CompiledRole, OrgModel } from './model.ts';
import { READER_MASK } from './predefined-roles.ts';
import type { OrgRole } from '../orgs/roles.ts';

export interface Principal {
  readonly kind: 'user' | 'api_key' | 'idp_group';
  /** The user, API key or IdP group mapping id whose direct bindings count. */
  readonly id: string;
  /** Null for an IdP group, a suspended person or a revoked key: no baseline. */
  readonly orgRole: OrgRole | null;
  readonly teams: readonly string[];
  /** Roles a login policy froze into the session (role by id or slug); counted under login_policy only. */
  readonly sessionRoles?: readonly { spaceId: string; role: string }[];
}

export type Source =
  | { kind: 'binding'; binding: CompiledBinding; role: CompiledRole; spaceIdx: number; team?: string }
  | { kind: 'organization_role'; orgRole: OrgRole; role: CompiledRole; spaceIdx: number }
  | { kind: 'session'; role: CompiledRole; spaceIdx: number };

export type Propagation = 'bound_here' | 'inherited_down' | 'read_up';
export interface Reason { source: Source; propagation: Propagation }

export class Grants {
  /** Space index → OR of the space-scoped actions bound exactly there. */
  private readonly down = new Map<number, number>();
  /** Spaces reached by the upward Read of an inheriting space. */
  private readonly upRead = new Set<number>();
  private readonly account: number = 0;
  private readonly masks = new Map<number, number>();

  constructor(private readonly model: OrgModel, readonly sources: readonly Source[], private readonly strip: number) {
    let account = 0;
    for (const s of sources) {
      const spaceMask = s.role.mask & ~ACCOUNT_MASK;
      this.down.set(s.spaceIdx, (this.down.get(s.spaceIdx) ?? 0) | spaceMask);
      // Account actions only count where they are held in root (domain §4).
      if (s.spaceIdx === model.root) account |= s.role.mask & ACCOUNT_MASK;
      if (spaceMask === 0) continue;
      for (let cur = s.spaceIdx; model.inherits[cur] && model.parent[cur]! >= 0; ) {
        cur = model.parent[cur]!;
        this.upRead.add(cur);
      }
    }
    this.account = account;
  }

  /** The effective actions in a space, as a mask. */
  maskAt(spaceIdx: number): number {
    let m = this.masks.get(spaceIdx);
    if (m !== undefined) return m;
    m = 0;
    const { parent } = this.model;
    for (let a = spaceIdx; a >= 0; a = parent[a]!) m |= this.down.get(a) ?? 0;
    if (this.upRead.has(spaceIdx)) m |= READER_MASK;
    if (spaceIdx === this.model.root) m |= this.account;
    m &= ~this.strip;
    this.masks.set(spaceIdx, m);
    return m;
  }

  /** One check; an unknown space or action is simply not allowed. Account actions are checked in root. */
  can(spaceId: string, action: string): boolean {
    const bit = isAction(action) ? bitOf(action) : 0;
    const idx = bit & ACCOUNT_MASK ? this.model.root : this.model.index.get(spaceId);
    return idx !== undefined && idx >= 0 && (this.maskAt(idx) & bit) !== 0;
  }

  /** Every source that grants `action` in the space, and how it got there. */
  explain(spaceIdx: number, action: string): Reason[] {
    const bit = bitOf(action);
    if (bit & this.strip) return [];
    const { parent, inherits, root } = this.model;
    const out: Reason[] = [];
    for (const s of this.sources) {
      if (bit & ACCOUNT_MASK) {
        if (spaceIdx === root && s.spaceIdx === root && s.role.mask & bit) out.push({ source: s, propagation: 'bound_here' });
        continue;
      }
      const spaceMask = s.role.mask & ~ACCOUNT_MASK;
      if (spaceMask & bit) {
        let a = spaceIdx;
        while (a >= 0 && a !== s.spaceIdx) a = parent[a]!;
        if (a >= 0) {
          out.push({ source: s, propagation: a === spaceIdx ? 'bound_here' : 'inherited_down' });
          continue;
        }
      }
      if (READER_MASK & bit && spaceMask !== 0) {
        for (let cur = s.spaceIdx; inherits[cur] && parent[cur]! >= 0; ) {
          cur = parent[cur]!;
          if (cur === spaceIdx) {
            out.push({ source: s, propagation: 'read_up' });
            break;
          }
        }
      }
    }
    return out;
  }
}
