// Domain §5: under user_management a change is visible to the very next check, also on another
// instance sharing the database — whoever made the change (the API, SCIM, or plain SQL).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { addPerson, startTestServer, type TestServer } from '../helpers/server.ts';
import { AccessResolver, accessResolver } from '../../src/access/resolver.ts';
import { accessApi, joinGroup, type Org } from './helpers.ts';
import { createOrg } from '../helpers/server.ts';

let a: TestServer;
let b: TestServer;
before(async () => {
  a = await startTestServer();
  b = await startTestServer({ databaseUrl: a.databaseUrl, bootstrapToken: a.ownerKey });
});
after(async () => {
  await b.close();
  await a.close();
});

async function setup() {
  const org: Org = await createOrg(a);
  const person = await addPerson(a, org, 'member');
  const onA = accessApi(a, org), onB = accessApi(b, org);
  await onA.space('prod', 'root', true);
  return { org, person, onA, onB };
}

test('a binding made or removed on one instance decides the very next check on the other', async () => {
  const { person, onA, onB } = await setup();
  for (let round = 0; round < 5; round++) {
    assert.equal(await onB.can(person.key, 'run:trigger', 'prod'), false, `round ${round}: before`);
    const binding = await onA.bind({ type: 'user', id: person.userId }, 'space-writer', 'prod');
    assert.equal(await onB.can(person.key, 'run:trigger', 'prod'), true, `round ${round}: after binding`);
    assert.equal((await onA.owner.delete(`${onA.base}/role-bindings/${binding.id}`)).status, 204);
  }
  assert.equal(await onB.can(person.key, 'run:trigger', 'prod'), false);
});

test('tree changes and role changes on one instance are seen at once on the other', async () => {
  const { person, onA, onB } = await setup();
  await onA.space('eu', 'root', true);
  await onA.bind({ type: 'user', id: person.userId }, 'space-admin', 'eu');
  assert.equal(await onB.can(person.key, 'stack:manage', 'prod'), false);
  await onA.owner.patch(`${onA.base}/spaces/prod`).send({ parentId: 'eu' });
  assert.equal(await onB.can(person.key, 'stack:manage', 'prod'), true);
  const role = await onA.owner.post(`${onA.base}/roles`).send({ name: 'Runner', actions: ['run:trigger'] });
  await onA.bind({ type: 'user', id: person.userId }, 'runner', 'root');
  assert.equal(await onB.can(person.key, 'run:trigger', 'root'), true);
  await onA.owner.patch(`${onA.base}/roles/${role.body.id}`).send({ actions: ['run:read'] });
  assert.equal(await onB.can(person.key, 'run:trigger', 'root'), false);
});

test('changes made without the access module (SCIM memberships, renames, plain SQL) are seen by the next check', async () => {
  const { org, person, onA, onB } = await setup();
  const tied = await onA.mapping('SRE', 'entra-1234');
  await onA.bind({ type: 'idp_group', id: tied.id }, 'space-writer', 'prod');
  assert.equal(await onB.can(person.key, 'run:trigger', 'prod'), false);
  // SCIM adds the person to the group: memberships are read fresh on every request
  await joinGroup(a, org.id, person.userId, 'Site Reliability', 'entra-1234');
  assert.equal(await onB.can(person.key, 'run:trigger', 'prod'), true);
  // The IdP renames the group, then unties it from the id: the triggers bump the version
  await a.deps.db('groups').where({ org_id: org.id, external_id: 'entra-1234' }).update({ display_name: 'SRE Team' });
  assert.equal(await onB.can(person.key, 'run:trigger', 'prod'), true);
  await a.deps.db('groups').where({ org_id: org.id, external_id: 'entra-1234' }).update({ external_id: 'entra-9999' });
  assert.equal(await onB.can(person.key, 'run:trigger', 'prod'), false);
  // A hand-run SQL fix to a binding row
  await a.deps.db('role_bindings').where({ org_id: org.id, idp_group_id: tied.id }).update({ space_id: 'root' });
  await a.deps.db('idp_group_mappings').where({ id: tied.id }).update({ external_id: 'entra-9999' });
  assert.equal(await onB.can(person.key, 'run:trigger', 'root'), true);
  // SCIM removes the membership
  await a.deps.db('group_members').where({ org_id: org.id, user_id: person.userId }).delete();
  assert.equal(await onB.can(person.key, 'run:trigger', 'root'), false);
});

test('a transaction of many changes bumps the version once, and only its own organization', async () => {
  const { org, person } = await setup();
  const other = await createOrg(a);
  const db = a.deps.db;
  const version = async (id: string) => Number((await db('access_versions').where({ org_id: id }).first('version')).version);
  const [before, otherBefore] = [await version(org.id), await version(other.id)];
  await db.transaction(async (tx) => {
    const spaces = Array.from({ length: 300 }, (_, i) => ({ org_id: org.id, id: `bulk-${i}`, name: `bulk ${i}`, parent_id: 'root', inherit_entities: true }));
    await tx('spaces').insert(spaces);
    const reader = await tx('roles').where({ org_id: org.id, slug: 'space-reader' }).first('id');
    await tx('role_bindings').insert(spaces.map((s) => ({ org_id: org.id, subject_type: 'user', user_id: person.userId, role_id: reader.id, space_id: s.id })));
  });
  assert.equal(await version(org.id), before + 1);
  assert.equal(await version(other.id), otherBefore);
});

test('binding changes reach the other instance as events, not reloads, and leave it where a fresh load would', async () => {
  const { org, person, onA, onB } = await setup();
  await onA.space('eu', 'prod', true);
  const other = await addPerson(a, org, 'member');
  const team = await onA.mapping('Web');
  await joinGroup(a, org.id, other.userId, 'Web');
  assert.equal(await onB.can(person.key, 'space:read', 'root'), false); // B now holds the current model
  const resolverB = accessResolver(b.deps.db);
  const before = { ...resolverB.stats };
  const made = [];
  made.push(await onA.bind({ type: 'user', id: person.userId }, 'space-writer', 'eu'));
  made.push(await onA.bind({ type: 'idp_group', id: team.id }, 'space-admin', 'prod'));
  assert.equal(await onB.can(person.key, 'space:read', 'root'), true); // two versions at once
  made.push(await onA.bind({ type: 'user', id: person.userId }, 'space-reader', 'root'));
  await onA.owner.delete(`${onA.base}/role-bindings/${made[0]!.id}`);
  assert.equal(await onB.can(person.key, 'run:trigger', 'eu'), false);
  assert.equal(await onB.can(other.key, 'stack:manage', 'eu'), true);
  assert.equal(resolverB.stats.loads, before.loads, 'no reload for binding changes');
  assert.ok(resolverB.stats.deltas >= 2);
  const derived = await resolverB.model(org.id);
  const fresh = await new AccessResolver(b.deps.db).model(org.id);
  assert.equal(derived.version, fresh.version);
  for (const p of [
    { kind: 'user' as const, id: person.userId, orgRole: 'member' as const, teams: [] },
    { kind: 'user' as const, id: other.userId, orgRole: 'member' as const, teams: ['Web'] },
  ]) {
    const [d, f] = [derived.grantsFor(p), fresh.grantsFor(p)];
    for (let i = 0; i < fresh.spaceIds.length; i++) assert.equal(d.maskAt(derived.index.get(fresh.spaceIds[i]!)!), f.maskAt(i), fresh.spaceIds[i]);
  }
  // anything but a binding change is a reload
  await onA.space('us', 'root', true);
  assert.equal(await onB.can(other.key, 'space:read', 'us'), false);
  assert.equal(resolverB.stats.loads, before.loads + 1);
});
