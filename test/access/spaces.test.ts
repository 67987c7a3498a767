// Domain §3 / seed 001: the space tree and who may change which part of it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addPerson, startTestServer, type TestServer } from '../helpers/server.ts';
import { orgWithPerson } from './helpers.ts';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

describe('as a Root Space Admin', () => {
  test('every organization starts with root; spaces are created, renamed and relabelled', async () => {
    const { api, org } = await orgWithPerson(server);
    const root = await api.owner.get(`${api.base}/spaces/root`);
    assert.equal(root.status, 200);
    assert.deepEqual([root.body.parentId, root.body.id], [null, 'root']);
    const made = await api.owner.post(`${api.base}/spaces`).send({ name: 'Production EU', labels: ['prod', 'eu'] });
    assert.equal(made.status, 201);
    assert.equal(made.body.id, 'production-eu');
    assert.equal(made.body.parentId, 'root');
    assert.equal(made.body.inheritEntities, true);
    const again = await api.owner.post(`${api.base}/spaces`).send({ name: 'Production EU' });
    assert.match(again.body.id, /^production-eu-[0-9a-f]{8}$/);
    const renamed = await api.owner.patch(`${api.base}/spaces/production-eu`).send({ name: 'Prod EU', labels: ['prod'] });
    assert.equal(renamed.status, 200);
    assert.deepEqual([renamed.body.name, renamed.body.labels], ['Prod EU', ['prod']]);
    const audit = await api.owner.get(`/v1/orgs/${org.slug}/audit-events?action=space.*`);
    assert.deepEqual(audit.body.items.map((e: { action: string }) => e.action), ['space.created', 'space.created', 'space.updated']);
    assert.deepEqual(audit.body.items[2].before, { name: 'Production EU', labels: ['prod', 'eu'] });
  });

  test('a move never makes a cycle, and the moved space keeps its bindings', async () => {
    const { api, person } = await orgWithPerson(server);
    await api.space('a', 'root', false);
    await api.space('b', 'a', false);
    await api.space('c', 'b', false);
    await api.space('x', 'root', false);
    const binding = await api.bind({ type: 'user', id: person.userId }, 'space-writer', 'b');
    for (const target of ['b', 'c']) {
      const res = await api.owner.patch(`${api.base}/spaces/b`).send({ parentId: target });
      assert.equal(res.status, 422, target);
      assert.equal(res.body.errors[0].field, 'parentId');
      assert.match(res.body.detail, /cycle/);
    }
    assert.equal((await api.owner.get(`${api.base}/spaces/b`)).body.parentId, 'a');
    const moved = await api.owner.patch(`${api.base}/spaces/b`).send({ parentId: 'x' });
    assert.equal(moved.status, 200);
    assert.equal(moved.body.parentId, 'x');
    const bindings = await api.owner.get(`${api.base}/role-bindings?spaceId=b`);
    assert.deepEqual(bindings.body.items.map((b: { id: string }) => b.id), [binding.id]);
    assert.equal(await api.can(person.key, 'run:trigger', 'c'), true); // c moved along, below b
    const root = await api.owner.patch(`${api.base}/spaces/root`).send({ parentId: 'x' });
    assert.equal(root.status, 422);
  });

  test('a space with children is deleted only with cascade, which takes the subtree and its bindings', async () => {
    const { api, person, org } = await orgWithPerson(server);
    await api.space('top', 'root', true);
    await api.space('mid', 'top', true);
    await api.space('leaf', 'mid', true);
    await api.bind({ type: 'user', id: person.userId }, 'space-admin', 'leaf');
    const refused = await api.owner.delete(`${api.base}/spaces/top`);
    assert.equal(refused.status, 409);
    assert.equal(refused.body.errors[0].field, 'cascade');
    assert.equal((await api.owner.get(`${api.base}/spaces/leaf`)).status, 200);
    const gone = await api.owner.delete(`${api.base}/spaces/top?cascade=true`);
    assert.equal(gone.status, 204);
    for (const id of ['top', 'mid', 'leaf']) assert.equal((await api.owner.get(`${api.base}/spaces/${id}`)).status, 404);
    assert.equal(await server.deps.db('role_bindings').where({ org_id: org.id }).count('* as c').first().then((r) => Number(r!.c)), 0);
    assert.deepEqual(await api.permissionsOf(person.key), {});
    const event = (await api.owner.get(`/v1/orgs/${org.slug}/audit-events?action=space.deleted`)).body.items[0];
    assert.deepEqual(event.details, { cascade: true, deletedSpaces: ['leaf', 'mid', 'top'], deletedBindings: 1 });
    assert.equal((await api.owner.delete(`${api.base}/spaces/root`)).status, 422);
  });
});

describe('as a non-root Space Admin', () => {
  async function setup() {
    const o = await orgWithPerson(server);
    await o.api.space('team', 'root', true);
    await o.api.space('project', 'team', true);
    await o.api.space('other', 'root', true);
    await o.api.bind({ type: 'user', id: o.person.userId }, 'space-admin', 'team');
    return o;
  }

  test('manages the spaces below the one it administers, never that one or anything beside it', async () => {
    const { api, person } = await setup();
    const as = server.as(person.key);
    assert.equal((await as.post(`${api.base}/spaces`).send({ id: 'sub', name: 'sub', parentId: 'team' })).status, 201);
    assert.equal((await as.patch(`${api.base}/spaces/project`).send({ name: 'Project!' })).status, 200);
    assert.equal((await as.patch(`${api.base}/spaces/team`).send({ name: 'mine now' })).status, 403);
    assert.equal((await as.post(`${api.base}/spaces`).send({ id: 'side', name: 'side', parentId: 'root' })).status, 403);
    assert.equal((await as.patch(`${api.base}/spaces/sub`).send({ parentId: 'root' })).status, 403); // readable, not administered
    const hidden = await as.patch(`${api.base}/spaces/sub`).send({ parentId: 'other' }); // not even readable
    assert.deepEqual([hidden.status, hidden.body.errors[0].field], [400, 'parentId']);
    assert.equal((await as.delete(`${api.base}/spaces/team`)).status, 403);
    assert.equal((await as.delete(`${api.base}/spaces/sub`)).status, 204);
    assert.equal((await as.patch(`${api.base}/spaces/root`).send({ name: 'top' })).status, 403);
  });

  test('cannot switch inheritance off, nor create a space without it; a Root Space Admin can', async () => {
    const { api, person } = await setup();
    const as = server.as(person.key);
    const off = await as.patch(`${api.base}/spaces/project`).send({ inheritEntities: false });
    assert.equal(off.status, 403);
    assert.match(off.body.detail, /Root Space Admins/);
    assert.equal((await as.post(`${api.base}/spaces`).send({ id: 'detached', name: 'd', parentId: 'team', inheritEntities: false })).status, 403);
    assert.equal((await api.owner.patch(`${api.base}/spaces/project`).send({ inheritEntities: false })).status, 200);
    assert.equal((await as.patch(`${api.base}/spaces/project`).send({ inheritEntities: true })).status, 200);
  });

  test('is told no (403), not "not found", when changing the space it administers under an unreadable parent', async () => {
    const { api, org } = await setup();
    await api.space('solo', 'root', false);
    const admin = await addPerson(server, org, 'member');
    await api.bind({ type: 'user', id: admin.userId }, 'space-admin', 'solo');
    const res = await server.as(admin.key).patch(`${api.base}/spaces/solo`).send({ name: 'mine' });
    assert.equal(res.status, 403);
    assert.match(res.body.detail, /space:manage in space root/);
  });

  test("does not see spaces it cannot read: the list skips them and reading one is 404", async () => {
    const { api, person } = await setup();
    const list = await server.as(person.key).get(`${api.base}/spaces`);
    assert.deepEqual(list.body.items.map((s: { id: string }) => s.id), ['project', 'root', 'team']); // root: Read from team, which inherits
    assert.equal((await server.as(person.key).get(`${api.base}/spaces/other`)).status, 404);
  });
});

test('a member without bindings sees no space at all, and pages of the list follow the cursor', async () => {
  const { api, org } = await orgWithPerson(server);
  const member = await addPerson(server, org, 'member');
  assert.deepEqual((await server.as(member.key).get(`${api.base}/spaces`)).body.items, []);
  for (const id of ['p1', 'p2', 'p3']) await api.space(id, 'root', true);
  const first = await api.owner.get(`${api.base}/spaces?limit=2`);
  assert.deepEqual(first.body.items.map((s: { id: string }) => s.id), ['p1', 'p2']);
  const second = await api.owner.get(`${api.base}/spaces?limit=2&after=${first.body.next}`);
  assert.deepEqual(second.body.items.map((s: { id: string }) => s.id), ['p3', 'root']);
  assert.equal(second.body.next, null);
});
