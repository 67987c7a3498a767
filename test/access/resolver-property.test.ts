// The resolver against a plain reference implementation of domain §2–§5, over random trees,
// inheritance flags, roles, bindings, teams, IdP group mappings and session roles (fast-check).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { ACTIONS } from '../../src/access/actions.ts';
import { OrgModel, type BindingRow, type MappingRow, type RoleRow, type SpaceRow } from '../../src/access/model.ts';
import { PREDEFINED_ROLES } from '../../src/access/predefined-roles.ts';
import { ORG_ROLES, type OrgRole } from '../../src/orgs/roles.ts';

const ACCOUNT = new Set(ACTIONS.filter((a) => a.scope === 'account').map((a) => a.name));
const READER = PREDEFINED_ROLES[0]!.actions;
const ME = '00000000-0000-4000-8000-000000000001';
const TEAMS = ['Frontend', 'frontend', 'DevOps', 'Ops-renamed', 'ext-42'];

interface World {
  spaces: SpaceRow[];
  roles: RoleRow[];
  mappings: MappingRow[];
  bindings: BindingRow[];
  strategy: 'user_management' | 'login_policy';
  orgRole: OrgRole;
  teams: string[];
  session: { spaceId: string; role: string }[];
}

const world: fc.Arbitrary<World> = fc
  .record({
    n: fc.integer({ min: 1, max: 14 }),
    parents: fc.array(fc.nat(), { minLength: 14, maxLength: 14 }),
    inherits: fc.array(fc.boolean(), { minLength: 14, maxLength: 14 }),
    custom: fc.array(fc.subarray(ACTIONS.map((a) => a.name)), { maxLength: 3 }),
    bindings: fc.array(fc.record({ subject: fc.nat(5), role: fc.nat(5), space: fc.nat(13) }), { maxLength: 12 }),
    idpName: fc.option(fc.constantFrom('DevOps', 'Ops-renamed'), { nil: null }),
    strategy: fc.constantFrom('user_management' as const, 'login_policy' as const),
    orgRole: fc.constantFrom(...ORG_ROLES),
    teams: fc.subarray(TEAMS),
    session: fc.array(fc.record({ space: fc.nat(13), role: fc.nat(5), bySlug: fc.boolean() }), { maxLength: 3 }),
  })
  .map((r) => {
    const spaces: SpaceRow[] = Array.from({ length: r.n }, (_, i) => ({
      id: i === 0 ? 'root' : `s${i}`,
      parent_id: i === 0 ? null : i === 1 ? 'root' : r.parents[i]! % i === 0 ? 'root' : `s${r.parents[i]! % i}`,
      inherit_entities: i === 0 ? false : r.inherits[i]!,
    }));
    const roles: RoleRow[] = [
      ...PREDEFINED_ROLES.map((p, i) => ({ id: `role-${i}`, slug: p.slug, predefined: true, actions: [] })),
      ...r.custom.map((actions, i) => ({ id: `role-${3 + i}`, slug: `custom-${i}`, predefined: false, actions })),
    ];
    const mappings: MappingRow[] = [
      { id: 'm-frontend', name: 'Frontend', external_id: null, idp_name: null },
      // tied to a stable id: matches the group's current name (if SCIM knows it) and the raw id
      { id: 'm-devops', name: 'DevOps', external_id: 'ext-42', idp_name: r.idpName },
    ];
    const subjects: Array<[BindingRow['subject_type'], string]> = [
      ['user', ME], ['user', 'someone-else'], ['idp_group', 'm-frontend'], ['idp_group', 'm-devops'], ['api_key', 'key-1'], ['user', ME],
    ];
    const bindings: BindingRow[] = r.bindings.map((b, i) => {
      const [type, id] = subjects[b.subject]!;
      return {
        id: `b${i}`, subject_type: type, user_id: type === 'user' ? id : null, api_key_id: type === 'api_key' ? id : null,
        idp_group_id: type === 'idp_group' ? id : null, role_id: roles[b.role % roles.length]!.id, space_id: spaces[b.space % spaces.length]!.id,
      };
    });
    const session = r.session.map((s) => {
      const role = roles[s.role % roles.length]!;
      return { spaceId: spaces[s.space % spaces.length]!.id, role: s.bySlug ? role.slug : role.id };
    });
    return { spaces, roles, mappings, bindings, strategy: r.strategy, orgRole: r.orgRole, teams: r.teams, session };
  });

/** Domain §2–§5 written the plain way: sets of action names, the tree walked from the top. */
function reference(w: World): Map<string, Set<string>> {
  const roleActions = (ref: string) => {
    const role = w.roles.find((r) => r.id === ref || r.slug === ref)!;
    return role.predefined ? PREDEFINED_ROLES.find((p) => p.slug === role.slug)!.actions : role.actions;
  };
  const teamMatches = (m: MappingRow) => (m.external_id === null ? [m.name] : [m.external_id, ...(m.idp_name ? [m.idp_name] : [])]).some((n) => w.teams.includes(n));
  const grants: Array<{ space: string; actions: readonly string[] }> = [];
  for (const b of w.bindings) {
    const mine = b.user_id === ME || (b.idp_group_id !== null && teamMatches(w.mappings.find((m) => m.id === b.idp_group_id)!));
    if (mine) grants.push({ space: b.space_id, actions: roleActions(b.role_id) });
  }
  const baseline = { owner: 'space-admin', admin: 'space-admin', contributor: 'space-writer', viewer: 'space-reader', viewer_no_secrets: 'space-reader', member: null }[w.orgRole];
  if (baseline) grants.push({ space: 'root', actions: roleActions(baseline) });
  if (w.strategy === 'login_policy') for (const s of w.session) grants.push({ space: s.spaceId, actions: roleActions(s.role) });

  const children = (id: string) => w.spaces.filter((s) => s.parent_id === id);
  const boundHere = (id: string) => grants.filter((g) => g.space === id && g.actions.some((a) => !ACCOUNT.has(a)));
  // A space "reaches up" when something is bound in it, or in an inheriting child that reaches up.
  const reachesUp = (id: string): boolean => boundHere(id).length > 0 || children(id).some((c) => c.inherit_entities && reachesUp(c.id));
  const out = new Map<string, Set<string>>();
  const visit = (id: string, fromAbove: Set<string>) => {
    const here = new Set(fromAbove);
    for (const g of grants) if (g.space === id) for (const a of g.actions) if (!ACCOUNT.has(a)) here.add(a);
    const result = new Set(here);
    if (children(id).some((c) => c.inherit_entities && reachesUp(c.id))) for (const a of READER) result.add(a);
    if (id === 'root') for (const g of grants) if (g.space === 'root') for (const a of g.actions) if (ACCOUNT.has(a)) result.add(a);
    if (w.orgRole === 'viewer_no_secrets') result.delete('secret:read');
    out.set(id, result);
    for (const c of children(id)) visit(c.id, here);
  };
  visit('root', new Set());
  return out;
}

test('the resolver agrees with the reference in every space, and explains exactly what it allows', () => {
  fc.assert(
    fc.property(world, (w) => {
      const model = new OrgModel(1, w.strategy, w);
      const grants = model.grantsFor({ kind: 'user', id: ME, orgRole: w.orgRole, teams: w.teams, sessionRoles: w.session });
      const expected = reference(w);
      for (const s of w.spaces) {
        const idx = model.index.get(s.id)!;
        const got = ACTIONS.filter((_, i) => grants.maskAt(idx) & (1 << i)).map((a) => a.name);
        assert.deepEqual(new Set(got), expected.get(s.id), `space ${s.id}`);
        for (const a of ACTIONS) {
          const checkedIn = a.scope === 'account' ? 'root' : s.id;
          const allowed = grants.can(s.id, a.name);
          assert.equal(allowed, expected.get(checkedIn)!.has(a.name), `can ${a.name} in ${s.id}`);
          if (a.scope === 'space') assert.equal(grants.explain(idx, a.name).length > 0, allowed, `explain ${a.name} in ${s.id}`);
        }
      }
    }),
    { numRuns: 1500 },
  );
});

test('grants are memoized per principal and differ when teams differ', () => {
  const w: World = fc.sample(world, { numRuns: 1, seed: 7 })[0]!;
  const model = new OrgModel(1, w.strategy, w);
  const p = { kind: 'user' as const, id: ME, orgRole: 'member' as const, teams: ['Frontend'] };
  assert.equal(model.grantsFor(p), model.grantsFor({ ...p, teams: ['Frontend'] }));
  assert.notEqual(model.grantsFor(p), model.grantsFor({ ...p, teams: ['DevOps'] }));
});

test('a model with binding changes applied equals a model built from the resulting bindings', () => {
  fc.assert(
    fc.property(world, world, fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }), (w, other, keep) => {
      const base = new OrgModel(1, w.strategy, w);
      const removed = w.bindings.filter((_, i) => !keep[i]);
      // bindings of the other world that fit this one (its spaces and roles), with fresh ids
      const added = other.bindings
        .filter((b) => w.spaces.some((s) => s.id === b.space_id) && w.roles.some((r) => r.id === b.role_id))
        .map((b, i) => ({ ...b, id: `new-${i}` }));
      const derived = base.withBindingChanges(2, [...removed.map((row) => ({ add: false, row })), ...added.map((row) => ({ add: true, row }))]);
      assert.ok(derived);
      const rebuilt = new OrgModel(2, w.strategy, { ...w, bindings: [...w.bindings.filter((_, i) => keep[i]), ...added] });
      const p = { kind: 'user' as const, id: ME, orgRole: w.orgRole, teams: w.teams, sessionRoles: w.session };
      const [d, r] = [derived.grantsFor(p), rebuilt.grantsFor(p)];
      for (let i = 0; i < w.spaces.length; i++) assert.equal(d.maskAt(i), r.maskAt(i), w.spaces[i]!.id);
      // the base model is untouched
      const again = new OrgModel(1, w.strategy, w).grantsFor(p);
      for (let i = 0; i < w.spaces.length; i++) assert.equal(base.grantsFor(p).maskAt(i), again.maskAt(i));
    }),
    { numRuns: 500 },
  );
});
