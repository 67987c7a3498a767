// Seed 001, "Permission comparison": every row for every role, checked through POST authorize.
// Root Space Admin is Space Admin bound in root; the others are bound in `team`, a child of root.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addPerson, startTestServer, type TestServer } from '../helpers/server.ts';
import { accessApi, orgWithPerson } from './helpers.ts';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

type Col = 'rootAdmin' | 'admin' | 'writer' | 'reader';
const Y = true, N = false;
// [row of the seed's table, the actions it means, Root Space Admin, Space Admin, Space Writer, Space Reader]
const TABLE: Array<[string, string[], boolean, boolean, boolean, boolean]> = [
  ['Setup SSO', ['sso:manage'], Y, N, N, N],
  ['Setup VCS', ['vcs:manage'], Y, N, N, N],
  ['Manage Sessions', ['session:manage'], Y, N, N, N],
  ['Manage Login Policies', ['login_policy:manage'], Y, N, N, N],
  ['Manage Audit Trails', ['audit_trail:manage'], Y, N, N, N],
  ['Manage Spaces', ['space:manage'], Y, Y, N, N], // Space Admin: *only when assigned to the specific space
  ['Manage Stack Config Settings', ['stack:manage'], Y, Y, N, N],
  ['Manage Worker Pools, Contexts', ['worker_pool:manage', 'context:manage'], Y, Y, N, N],
  ['Manage Stack Env Vars', ['env_var:manage'], Y, Y, Y, N],
  ['Trigger runs', ['run:trigger'], Y, Y, Y, N],
  ['View Stacks', ['stack:read'], Y, Y, Y, Y],
  ['View Spaces', ['space:read'], Y, Y, Y, Y],
  ['View Worker Pools, Contexts', ['worker_pool:read', 'context:read'], Y, Y, Y, Y],
];
const COLS: Array<[Col, string, string]> = [
  ['rootAdmin', 'space-admin', 'root'],
  ['admin', 'space-admin', 'team'],
  ['writer', 'space-writer', 'team'],
  ['reader', 'space-reader', 'team'],
];

describe('the permission comparison table', () => {
  let keys: Record<Col, string>;
  let api: ReturnType<typeof accessApi>;
  before(async () => {
    const o = await orgWithPerson(server, 'member');
    api = o.api;
    await api.space('team', 'root', true);
    keys = {} as Record<Col, string>;
    for (const [col, role, space] of COLS) {
      const p = col === 'rootAdmin' ? o.person : await addPerson(server, o.org, 'member');
      await api.bind({ type: 'user', id: p.userId }, role, space);
      keys[col] = p.key;
    }
  });

  for (const [row, actions, ...expected] of TABLE) {
    for (const [i, [col, , space]] of COLS.entries()) {
      test(`${row}: ${col} ${expected[i] ? 'may' : 'may not'}`, async () => {
        const res = await server.as(keys[col]).post(`${api.base}/authorize`).send({ checks: actions.map((action) => ({ action, spaceId: space })) });
        assert.equal(res.status, 200, JSON.stringify(res.body));
        for (const r of res.body.results) assert.equal(r.allowed, expected[i], `${row} / ${col} / ${r.action} in ${space}`);
      });
    }
  }

  test('Manage Spaces*: a Space Admin manages spaces only where assigned, not above', async () => {
    assert.equal(await api.can(keys.admin, 'space:manage', 'root'), false);
    const below = await server.as(keys.admin).post(`${api.base}/spaces`).send({ id: 'team-child', name: 'child', parentId: 'team' });
    assert.equal(below.status, 201, JSON.stringify(below.body));
    const beside = await server.as(keys.admin).post(`${api.base}/spaces`).send({ id: 'sibling', name: 'sibling', parentId: 'root' });
    assert.equal(beside.status, 403);
    const byWriter = await server.as(keys.writer).post(`${api.base}/spaces`).send({ id: 'w-child', name: 'w', parentId: 'team' });
    assert.equal(byWriter.status, 403);
  });
});

describe('organization roles bring their baseline (domain §2)', () => {
  // [organization role, a space-reader action in a child space, run:trigger, stack:manage, sso:manage in root, secret:read]
  const BASELINE: Array<[string, boolean, boolean, boolean, boolean, boolean]> = [
    ['owner', Y, Y, Y, Y, Y],
    ['admin', Y, Y, Y, Y, Y],
    ['contributor', Y, Y, N, N, Y],
    ['viewer', Y, N, N, N, Y],
    ['viewer_no_secrets', Y, N, N, N, N],
    ['member', N, N, N, N, N],
  ];
  for (const [orgRole, read, trigger, manage, sso, secret] of BASELINE) {
    test(`${orgRole}: read ${read}, trigger ${trigger}, manage ${manage}, sso ${sso}, secrets ${secret}`, async () => {
      const { person, api } = await orgWithPerson(server, orgRole);
      await api.space('deep', 'root', false);
      assert.equal(await api.can(person.key, 'stack:read', 'deep'), read);
      assert.equal(await api.can(person.key, 'run:trigger', 'deep'), trigger);
      assert.equal(await api.can(person.key, 'stack:manage', 'deep'), manage);
      assert.equal(await api.can(person.key, 'sso:manage', 'root'), sso);
      assert.equal(await api.can(person.key, 'secret:read', 'deep'), secret);
    });
  }

  test('viewer_no_secrets never gets secret:read, not even from a binding that grants it', async () => {
    const { person, api } = await orgWithPerson(server, 'viewer_no_secrets');
    await api.space('prod', 'root', true);
    await api.bind({ type: 'user', id: person.userId }, 'space-admin', 'prod');
    assert.equal(await api.can(person.key, 'stack:manage', 'prod'), true);
    assert.equal(await api.can(person.key, 'secret:read', 'prod'), false);
    assert.equal(await api.can(person.key, 'secret:read', 'root'), false);
  });

  test('an owner keeps Root Space Admin whatever the bindings say (break-glass, seed 000)', async () => {
    const { person, api } = await orgWithPerson(server, 'owner');
    await api.bind({ type: 'user', id: person.userId }, 'space-reader', 'root');
    assert.equal(await api.can(person.key, 'login_policy:manage', 'root'), true);
    assert.equal(await api.can(person.key, 'space:manage', 'root'), true);
  });
});
