// Issue 15.5: nested groups. Members of type Group; cycles refused with a clear 400; a person's
// teams are every group containing them directly or through nesting, in the session and in the
// permission resolver (a binding to an outer group reaches the inner members); and a property test
// of both against a plain reference over random nestings, including attempts to make cycles.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { userTeams } from '../../src/directory/service.ts';
import { accessApi } from '../access/helpers.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { openTestSession } from '../sessions/open-session.ts';
import { createGroup, createUser, patchOp, scimOrg } from './helpers.ts';

let server: TestServer;
before(async () => { server = await startTestServer({ databasePoolMax: 8 }); });
after(async () => { await server?.close(); });

const addGroup = (value: string) => patchOp({ op: 'add', path: 'members', value: [{ value, type: 'Group' }] });

test('groups contain groups; teams, User.groups, sessions and bindings follow the nesting; cycles are a clear 400', async () => {
  const org = await scimOrg(server);
  const { scim } = org;
  const ada = await createUser(scim, 'ada@example.com');
  const bob = await createUser(scim, 'bob@example.com');
  const inner = await createGroup(scim, 'Inner', [ada]);
  const middle = await createGroup(scim, 'Middle');
  const outer = await createGroup(scim, 'Outer', [bob]);
  assert.equal((await scim.patch(`/Groups/${middle}`, addGroup(inner))).status, 204);
  // A member without a type is found as what it is (Okta and Entra send no type).
  assert.equal((await scim.patch(`/Groups/${outer}`, patchOp({ op: 'add', path: 'members', value: [{ value: middle }] }))).status, 204);

  const members = (await scim.get(`/Groups/${outer}`)).body.members;
  assert.deepEqual(members.map((m: { value: string; type: string; display: string; $ref: string }) => [m.type, m.display, m.$ref.endsWith(`/Groups/${middle}`) || m.$ref.endsWith(`/Users/${bob}`)]).sort(),
    [['Group', 'Middle', true], ['User', 'Display bob@example.com', true]]);
  const groups = (await scim.get(`/Users/${ada}`)).body.groups;
  assert.deepEqual(groups.map((g: { display: string; type: string }) => `${g.display}:${g.type}`).sort(), ['Inner:direct', 'Middle:indirect', 'Outer:indirect']);
  assert.deepEqual(await userTeams(server.deps.db, org.id, ada), ['Inner', 'Middle', 'Outer']);
  const filtered = await scim.get(`/Groups?filter=${encodeURIComponent(`members[value eq "${inner}"]`)}&excludedAttributes=members`);
  assert.deepEqual(filtered.body.Resources.map((g: { displayName: string }) => g.displayName), ['Middle']);
  const indirect = await scim.get(`/Users?filter=${encodeURIComponent(`groups[value eq "${outer}" and type eq "indirect"]`)}`);
  assert.deepEqual(indirect.body.Resources.map((u: { userName: string }) => u.userName), ['ada@example.com']);

  // The session carries the teams through nesting, and a binding to the outer group reaches Ada.
  const api = accessApi(server, org);
  await api.space('prod', 'root', false);
  const mapping = await api.mapping('Outer');
  await api.bind({ type: 'idp_group', id: mapping.id }, 'space-writer', 'prod');
  const session = await openTestSession(server, org.id, ada);
  assert.deepEqual((await server.as(session.token).get('/v1/me')).body.teams, ['Inner', 'Middle', 'Outer']);
  assert.equal(await api.can(session.token, 'run:trigger', 'prod'), true);

  // Cycles, self-membership and wrong types are refused, naming the groups, and change nothing.
  const cycle = await scim.patch(`/Groups/${inner}`, addGroup(outer));
  assert.equal(cycle.status, 400);
  assert.equal(cycle.body.scimType, 'invalidValue');
  assert.match(cycle.body.detail, /"Outer" cannot be a member of "Inner".*cycle/);
  const self = await scim.patch(`/Groups/${inner}`, addGroup(inner));
  assert.equal(self.status, 400);
  assert.match(self.body.detail, /"Inner" cannot be a member of itself/);
  const viaPut = await scim.put(`/Groups/${middle}`, { displayName: 'Middle', members: [{ value: inner }, { value: outer }] });
  assert.equal(viaPut.status, 400);
  const wrongType = await scim.patch(`/Groups/${inner}`, patchOp({ op: 'add', path: 'members', value: [{ value: bob, type: 'Group' }] }));
  assert.equal(wrongType.status, 400);
  assert.match(wrongType.body.detail, /is a user, not a group/);
  assert.deepEqual((await scim.get(`/Groups/${middle}`)).body.members.map((m: { value: string }) => m.value), [inner]);

  // Taking the nesting apart: the teams follow at once, in the session too.
  assert.equal((await scim.patch(`/Groups/${outer}`, patchOp({ op: 'remove', path: `members[value eq "${middle}"]` }))).status, 204);
  assert.deepEqual((await server.as(session.token).get('/v1/me')).body.teams, ['Inner', 'Middle']);
  assert.equal(await api.can(session.token, 'run:trigger', 'prod'), false);
  assert.equal((await scim.delete(`/Groups/${middle}`)).status, 204);
  assert.deepEqual(await userTeams(server.deps.db, org.id, ada), ['Inner']);
  assert.equal(Number((await server.deps.db('group_nestings').where({ org_id: org.id }).count('* as n'))[0]!.n), 0, 'deleting a group removes its nestings');
});

// ── property test ────────────────────────────────────────────────────────────────────────────
const G = 6; // groups g0…g5, each with a space s<i> where its mapping is bound
const U = 3; // people

/** The groups containing a group, itself included, in the reference graph (edges parent → child). */
function upward(edges: Set<string>, g: number): Set<number> {
  const seen = new Set([g]);
  for (let changed = true; changed;) {
    changed = false;
    for (const e of edges) {
      const [p, c] = e.split('>').map(Number) as [number, number];
      if (seen.has(c) && !seen.has(p)) { seen.add(p); changed = true; }
    }
  }
  return seen;
}

const steps = fc.array(fc.oneof(
  fc.record({ kind: fc.constant('nest' as const), parent: fc.nat(G - 1), child: fc.nat(G - 1) }),
  fc.record({ kind: fc.constant('unnest' as const), parent: fc.nat(G - 1), child: fc.nat(G - 1) }),
  fc.record({ kind: fc.constant('join' as const), group: fc.nat(G - 1), user: fc.nat(U - 1) }),
), { minLength: 4, maxLength: 16 });

test('property: session teams and the permission resolver equal a reference closure under random nesting', async () => {
  await fc.assert(fc.asyncProperty(steps, async (plan) => {
    const org = await scimOrg(server);
    const { scim } = org;
    const api = accessApi(server, org);
    const groups: string[] = [];
    for (let i = 0; i < G; i++) {
      groups.push(await createGroup(scim, `g${i}`));
      await api.space(`s${i}`, 'root', false);
      await api.bind({ type: 'idp_group', id: (await api.mapping(`g${i}`)).id }, 'space-reader', `s${i}`);
    }
    const users: string[] = [];
    for (let i = 0; i < U; i++) users.push(await createUser(scim));
    const edges = new Set<string>();
    const direct = new Map<number, Set<number>>(users.map((_, i) => [i, new Set()]));
    for (const s of plan) {
      if (s.kind === 'join') {
        assert.equal((await scim.patch(`/Groups/${groups[s.group]}`, patchOp({ op: 'add', path: 'members', value: [{ value: users[s.user] }] }))).status, 204);
        direct.get(s.user)!.add(s.group);
      } else if (s.kind === 'nest') {
        const cycle = upward(edges, s.parent).has(s.child);
        const res = await scim.patch(`/Groups/${groups[s.parent]}`, addGroup(groups[s.child]!));
        assert.equal(res.status, cycle ? 400 : 204, `nest g${s.child} in g${s.parent} with ${[...edges].join(' ')}: ${res.text}`);
        if (!cycle) edges.add(`${s.parent}>${s.child}`);
      } else {
        assert.equal((await scim.patch(`/Groups/${groups[s.parent]}`, patchOp({ op: 'remove', path: `members[value eq "${groups[s.child]}"]` }))).status, 204);
        edges.delete(`${s.parent}>${s.child}`);
      }
    }
    for (const [u, mine] of direct) {
      const closure = new Set([...mine].flatMap((g) => [...upward(edges, g)]));
      const expected = [...closure].map((g) => `g${g}`).sort();
      assert.deepEqual(await userTeams(server.deps.db, org.id, users[u]!), expected, 'directory teams');
      const session = await openTestSession(server, org.id, users[u]!);
      assert.deepEqual((await server.as(session.token).get('/v1/me')).body.teams, expected, 'session teams');
      const permissions = await api.permissionsOf(session.token);
      for (let g = 0; g < G; g++) assert.equal(Boolean(permissions[`s${g}`]?.includes('space:read')), closure.has(g), `space:read in s${g}`);
    }
  }), { numRuns: 12 });
});
