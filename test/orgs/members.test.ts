// Domain §2: organization roles and who may change whom, one rule per test.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addPerson, createOrg, startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

async function freshOrg() {
  const org = await createOrg(server);
  const owner = await addPerson(server, org, 'owner');
  return { org, owner };
}

const members = (org: { slug: string }) => `/v1/orgs/${org.slug}/members`;

describe('roles on members', () => {
  test('an admin may set roles up to admin but never make an owner', async () => {
    const { org } = await freshOrg();
    const admin = await addPerson(server, org, 'admin');
    const viewer = await addPerson(server, org, 'viewer');
    const asAdmin = server.as(admin.key);
    const up = await asAdmin.patch(`${members(org)}/${viewer.userId}`).send({ role: 'admin' });
    assert.equal(up.status, 200);
    assert.equal(up.body.role, 'admin');
    const owner = await asAdmin.patch(`${members(org)}/${viewer.userId}`).send({ role: 'owner' });
    assert.equal(owner.status, 403);
    assert.match(owner.body.detail, /only an owner/);
    const still = await server.as(org.ownerKey).get(`${members(org)}/${viewer.userId}`);
    assert.equal(still.body.role, 'admin');
  });

  test('an admin may not change an owner', async () => {
    const { org, owner } = await freshOrg();
    const admin = await addPerson(server, org, 'admin');
    const res = await server.as(admin.key).patch(`${members(org)}/${owner.userId}`).send({ role: 'viewer' });
    assert.equal(res.status, 403);
    const suspend = await server.as(admin.key).patch(`${members(org)}/${owner.userId}`).send({ active: false });
    assert.equal(suspend.status, 403);
  });

  test('an owner may make another owner, and only owners may add owners', async () => {
    const { org, owner } = await freshOrg();
    const admin = await addPerson(server, org, 'admin');
    const byAdmin = await server.as(admin.key).post(members(org)).send({ email: 'x@example.com', role: 'owner' });
    assert.equal(byAdmin.status, 403);
    const byOwner = await server.as(owner.key).post(members(org)).send({ email: 'x@example.com', role: 'owner' });
    assert.equal(byOwner.status, 201);
    assert.equal(byOwner.body.role, 'owner');
  });

  test('contributors, viewers and members may list users but not change them', async () => {
    const { org, owner } = await freshOrg();
    for (const role of ['contributor', 'viewer', 'viewer_no_secrets', 'member']) {
      const p = await addPerson(server, org, role);
      const list = await server.as(p.key).get(members(org));
      assert.equal(list.status, 200, role);
      assert.ok(list.body.items.some((m: { id: string }) => m.id === owner.userId), role);
      const change = await server.as(p.key).patch(`${members(org)}/${owner.userId}`).send({ role: 'viewer' });
      assert.equal(change.status, 403, role);
      const add = await server.as(p.key).post(members(org)).send({ email: `${role}-new@example.com` });
      assert.equal(add.status, 403, role);
    }
  });
});

describe('the last owner', () => {
  test('cannot be downgraded, suspended, removed or leave; another owner must be named first', async () => {
    const org = await createOrg(server);
    const owner = await addPerson(server, org, 'owner');
    // The organization's owner *key* is not a person: the person is the only owner among members.
    const o = server.as(owner.key);
    assert.equal((await o.patch(`${members(org)}/${owner.userId}`).send({ role: 'admin' })).status, 422);
    assert.equal((await o.patch(`${members(org)}/${owner.userId}`).send({ active: false })).status, 422);
    assert.equal((await o.delete(`${members(org)}/${owner.userId}`)).status, 422);
    const leave = await o.post(`/v1/orgs/${org.slug}/leave`);
    assert.equal(leave.status, 422);
    assert.match(leave.body.detail, /last owner/);

    const second = await addPerson(server, org, 'owner');
    const down = await o.patch(`${members(org)}/${owner.userId}`).send({ role: 'admin' });
    assert.equal(down.status, 200);
    // Now `second` is the last owner.
    assert.equal((await server.as(second.key).post(`/v1/orgs/${org.slug}/leave`)).status, 422);
  });

  test('two owners demoting each other at once leave one owner, never a deadlock', async () => {
    for (let round = 0; round < 5; round++) {
      const org = await createOrg(server);
      const a = await addPerson(server, org, 'owner');
      const b = await addPerson(server, org, 'owner');
      const [ra, rb] = await Promise.all([
        server.as(a.key).patch(`${members(org)}/${b.userId}`).send({ role: 'admin' }),
        server.as(b.key).patch(`${members(org)}/${a.userId}`).send({ role: 'admin' }),
      ]);
      // One wins; the other is refused: its actor is no longer an owner (the role is read inside
      // the transaction), and its target would have been the last owner anyway.
      assert.deepEqual([ra.status, rb.status].sort(), [200, 403], `round ${round}: ${ra.status} ${rb.status}`);
      const owners = await server.as(org.ownerKey).get(`${members(org)}?role=owner`);
      assert.equal(owners.body.items.length, 1);
    }
  });

  // Issue 13 item 2: with a third owner, the last-owner rule no longer saves the day; only reading
  // the actor's role inside the transaction, under the same lock, makes the outcome a serial one.
  test('two of three owners demoting each other at once: exactly one wins, in every round', async () => {
    for (let round = 0; round < 10; round++) {
      const org = await createOrg(server);
      const a = await addPerson(server, org, 'owner');
      const b = await addPerson(server, org, 'owner');
      await addPerson(server, org, 'owner');
      const [ra, rb] = await Promise.all([
        server.as(a.key).patch(`${members(org)}/${b.userId}`).send({ role: 'admin' }),
        server.as(b.key).patch(`${members(org)}/${a.userId}`).send({ role: 'admin' }),
      ]);
      assert.deepEqual([ra.status, rb.status].sort(), [200, 403], `round ${round}: ${ra.status} ${rb.status}`);
      const loser = ra.status === 403 ? ra : rb;
      assert.match(loser.body.detail, /only an owner may change an owner/);
      const owners = await server.as(org.ownerKey).get(`${members(org)}?role=owner`);
      assert.equal(owners.body.items.length, 2, `round ${round}: the winner and the third owner remain`);
    }
  });

  test('an owner demoted a moment ago cannot remove a member, add an owner or rename the organization', async () => {
    for (let round = 0; round < 5; round++) {
      const org = await createOrg(server);
      const a = await addPerson(server, org, 'owner');
      const b = await addPerson(server, org, 'owner');
      const victim = await addPerson(server, org, 'viewer');
      const [demote, ...acts] = await Promise.all([
        server.as(a.key).patch(`${members(org)}/${b.userId}`).send({ role: 'viewer' }),
        server.as(b.key).delete(`${members(org)}/${victim.userId}`),
        server.as(b.key).post(members(org)).send({ email: `new-owner-${round}@example.com`, role: 'owner' }),
        server.as(b.key).patch(`/v1/orgs/${org.slug}`).send({ name: `renamed ${round}` }),
      ]);
      assert.equal(demote.status, 200);
      // Each of b's changes either committed before the demotion (a serial order) or is refused.
      const trail = (await server.as(org.ownerKey).get(`/v1/orgs/${org.slug}/audit-events?limit=1000`)).body.items as { id: string; action: string; actor: { id: string } }[];
      const demotedAt = trail.findIndex((e) => e.action === 'member.role_changed' && e.actor.id === a.userId);
      for (const act of acts) assert.ok([200, 201, 403].includes(act.status), `round ${round}: ${act.status} ${JSON.stringify(act.body)}`);
      const byB = trail.map((e, i) => ({ ...e, i })).filter((e) => e.actor.id === b.userId);
      for (const e of byB) assert.ok(e.i < demotedAt, `round ${round}: ${e.action} by the demoted owner was recorded after the demotion`);
    }
  });
});

describe('removal and leaving', () => {
  test('only owners remove users', async () => {
    const { org, owner } = await freshOrg();
    const admin = await addPerson(server, org, 'admin');
    const viewer = await addPerson(server, org, 'viewer');
    assert.equal((await server.as(admin.key).delete(`${members(org)}/${viewer.userId}`)).status, 403);
    assert.equal((await server.as(owner.key).delete(`${members(org)}/${viewer.userId}`)).status, 200);
    assert.equal((await server.as(owner.key).get(`${members(org)}/${viewer.userId}`)).status, 404);
    // The removed person's personal key stopped working with them.
    assert.equal((await server.as(viewer.key).get('/v1/me')).status, 401);
  });

  test('only owners and admins can leave', async () => {
    const { org } = await freshOrg();
    const admin = await addPerson(server, org, 'admin');
    const contributor = await addPerson(server, org, 'contributor');
    const refused = await server.as(contributor.key).post(`/v1/orgs/${org.slug}/leave`);
    assert.equal(refused.status, 403);
    assert.equal((await server.as(admin.key).post(`/v1/orgs/${org.slug}/leave`)).status, 204);
    assert.equal((await server.as(org.ownerKey).get(`${members(org)}/${admin.userId}`)).status, 404);
  });

  test('a service key cannot leave', async () => {
    const org = await createOrg(server);
    const res = await server.as(org.ownerKey).post(`/v1/orgs/${org.slug}/leave`);
    assert.equal(res.status, 400);
    assert.equal(res.body.errors[0].field, 'credential');
  });
});

describe('suspension', () => {
  test("a suspended person's keys stop at once and work again on reactivation", async () => {
    const { org, owner } = await freshOrg();
    const viewer = await addPerson(server, org, 'viewer');
    assert.equal((await server.as(viewer.key).get('/v1/me')).status, 200);
    assert.equal((await server.as(owner.key).patch(`${members(org)}/${viewer.userId}`).send({ active: false })).status, 200);
    assert.equal((await server.as(viewer.key).get('/v1/me')).status, 401);
    assert.equal((await server.as(owner.key).patch(`${members(org)}/${viewer.userId}`).send({ active: true })).status, 200);
    assert.equal((await server.as(viewer.key).get('/v1/me')).status, 200);
  });
});

describe('the single-owner warning', () => {
  test('is given while one owner remains and goes away with two', async () => {
    const { org } = await freshOrg();
    const one = await server.as(org.ownerKey).get(members(org));
    assert.equal(one.body.warnings.length, 1);
    assert.match(one.body.warnings[0], /single owner/);
    const added = await server.as(org.ownerKey).post(members(org)).send({ email: 'second@example.com', role: 'owner' });
    assert.deepEqual(added.body.warnings, []);
    assert.deepEqual((await server.as(org.ownerKey).get(`/v1/orgs/${org.slug}`)).body.warnings, []);
  });
});

describe('listing', () => {
  test('pages by userName with a cursor and filters by role and search', async () => {
    const org = await createOrg(server);
    const o = server.as(org.ownerKey);
    for (let i = 0; i < 7; i++) await o.post(members(org)).send({ email: `p${i}@list.example`, role: i % 2 ? 'viewer' : 'member' });
    const seen: string[] = [];
    let next: string | null = null;
    do {
      const res = await o.get(`${members(org)}?limit=3${next ? `&after=${next}` : ''}`);
      assert.equal(res.status, 200);
      seen.push(...res.body.items.map((m: { userName: string }) => m.userName));
      next = res.body.next;
    } while (next);
    assert.deepEqual(seen, [...seen].sort());
    assert.equal(new Set(seen).size, 7);
    const viewers = await o.get(`${members(org)}?role=viewer`);
    assert.equal(viewers.body.items.length, 3);
    const search = await o.get(`${members(org)}?search=P3`);
    assert.deepEqual(search.body.items.map((m: { userName: string }) => m.userName), ['p3@list.example']);
  });

  test('a userName is unique without regard to case', async () => {
    const org = await createOrg(server);
    const o = server.as(org.ownerKey);
    assert.equal((await o.post(members(org)).send({ email: 'Ada@Example.com' })).status, 201);
    const dup = await o.post(members(org)).send({ email: 'ada@example.COM' });
    assert.equal(dup.status, 409);
    assert.equal(dup.body.errors[0].field, 'userName');
  });
});
