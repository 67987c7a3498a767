// Seed 001, "Inheritance": the diagram of a user given Read in `read access space`, Write in
// `write access space` and Admin in `admin access space`, asserted space by space.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ADMIN_MASK, READER_MASK, WRITER_MASK } from '../../src/access/predefined-roles.ts';
import { namesOf } from '../../src/access/actions.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { orgWithPerson } from './helpers.ts';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

const READ = namesOf(READER_MASK);
const WRITE = namesOf(WRITER_MASK);
// Space Admin outside root: account actions do not count there (domain §4).
const ADMIN = namesOf(ADMIN_MASK).filter((a) => !/^(sso|vcs|session|login_policy|audit_trail):/.test(a));

test('the diagram: write propagates Read up through inheriting spaces, admin propagates down through a non-inheriting one, read stays put', async () => {
  const { org, person, api } = await orgWithPerson(server, 'member');
  // Solid lines inherit, dashed ones do not (seed 001).
  await api.space('access-propagates-up', 'root', true);
  await api.space('write-access-space', 'access-propagates-up', true);
  await api.space('legacy', 'root', false);
  await api.space('read-access-space', 'legacy', false);
  await api.space('admin-access-space', 'root', false);
  await api.space('access-propagates-down', 'admin-access-space', false);
  const me = { type: 'user', id: person.userId };
  await api.bind(me, 'space-reader', 'read-access-space');
  await api.bind(me, 'space-writer', 'write-access-space');
  await api.bind(me, 'space-admin', 'admin-access-space');

  const seen = await api.permissionsOf(person.key);
  assert.deepEqual(seen, {
    root: READ, // up from write access space, through access propagates up (both inherit)
    'access-propagates-up': READ,
    'write-access-space': WRITE,
    'read-access-space': READ,
    // legacy: nothing — read access space does not inherit from it
    'admin-access-space': ADMIN,
    'access-propagates-down': ADMIN, // down, although it does not inherit
  });
  assert.equal(org.slug.length > 0, true);
});

test('the diagram, explained: each allowed check names the binding and how it travelled', async () => {
  const { person, api } = await orgWithPerson(server, 'member');
  await api.space('access-propagates-up', 'root', true);
  await api.space('write-access-space', 'access-propagates-up', true);
  await api.space('admin-access-space', 'root', false);
  await api.space('access-propagates-down', 'admin-access-space', false);
  const w = await api.bind({ type: 'user', id: person.userId }, 'space-writer', 'write-access-space');
  const a = await api.bind({ type: 'user', id: person.userId }, 'space-admin', 'admin-access-space');
  const res = await server.as(person.key).post(`${api.base}/authorize`).send({
    checks: [
      { action: 'space:read', spaceId: 'root' },
      { action: 'run:trigger', spaceId: 'root' },
      { action: 'stack:manage', spaceId: 'access-propagates-down' },
      { action: 'run:trigger', spaceId: 'write-access-space' },
    ],
  });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  const [readRoot, triggerRoot, manageDown, triggerHere] = res.body.results;
  assert.equal(readRoot.allowed, true);
  assert.deepEqual(readRoot.reasons.map((r: { bindingId: string; propagation: string }) => [r.bindingId, r.propagation]), [[w.id, 'read_up']]);
  assert.equal(triggerRoot.allowed, false);
  assert.deepEqual(triggerRoot.reasons, []);
  assert.equal(manageDown.allowed, true);
  assert.deepEqual(manageDown.reasons.map((r: { bindingId: string; propagation: string; spaceId: string }) => [r.bindingId, r.propagation, r.spaceId]), [[a.id, 'inherited_down', 'admin-access-space']]);
  assert.equal(triggerHere.reasons[0].propagation, 'bound_here');
  assert.equal(triggerHere.reasons[0].role.slug, 'space-writer');
});
