// Domain §5 / seeds 002 and 004: bindings for users, IdP groups and API keys; who manages them and
// the IdP group mappings.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addPerson, startTestServer, type TestServer } from '../helpers/server.ts';
import { joinGroup, orgWithPerson } from './helpers.ts';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

describe('IdP group mappings and their management (seed 004)', () => {
  async function setup() {
    const o = await orgWithPerson(server);
    await o.api.space('team', 'root', true);
    await o.api.space('other', 'root', true);
    const spaceAdmin = await addPerson(server, o.org, 'member');
    await o.api.bind({ type: 'user', id: spaceAdmin.userId }, 'space-admin', 'team');
    const mapping = await o.api.mapping('Frontend');
    return { ...o, spaceAdmin, mapping };
  }

  test('Root Space Admins create, change and delete mappings; non-root Space Admins list them all but change none', async () => {
    const { api, spaceAdmin, mapping, org } = await setup();
    const as = server.as(spaceAdmin.key);
    const list = await as.get(`${api.base}/idp-groups`);
    assert.equal(list.status, 200);
    assert.deepEqual(list.body.items.map((m: { name: string }) => m.name), ['Frontend']);
    assert.equal((await as.get(`${api.base}/idp-groups/${mapping.id}`)).status, 200);
    assert.equal((await as.post(`${api.base}/idp-groups`).send({ name: 'Backend' })).status, 403);
    assert.equal((await as.patch(`${api.base}/idp-groups/${mapping.id}`).send({ name: 'FE' })).status, 403);
    assert.equal((await as.delete(`${api.base}/idp-groups/${mapping.id}`)).status, 403);
    const member = await addPerson(server, org, 'member');
    assert.equal((await server.as(member.key).get(`${api.base}/idp-groups`)).status, 403);
    assert.equal((await api.owner.patch(`${api.base}/idp-groups/${mapping.id}`).send({ name: 'FE' })).status, 200);
    assert.equal((await api.owner.post(`${api.base}/idp-groups`).send({ name: 'FE' })).status, 409);
    assert.equal((await api.owner.delete(`${api.base}/idp-groups/${mapping.id}`)).status, 204);
  });

  test('non-root Space Admins bind groups, users and keys only in the spaces they administer', async () => {
    const { api, spaceAdmin, mapping, org } = await setup();
    const as = server.as(spaceAdmin.key);
    const group = { type: 'idp_group', id: mapping.id };
    const mine = await as.post(`${api.base}/role-bindings`).send({ subject: group, roleId: 'space-writer', spaceId: 'team' });
    assert.equal(mine.status, 201, JSON.stringify(mine.body));
    const byName = await as.post(`${api.base}/role-bindings`).send({ subject: { type: 'idp_group', name: 'Frontend' }, roleId: 'space-reader', spaceId: 'team' });
    assert.equal(byName.status, 201);
    assert.equal(byName.body.subject.id, mapping.id);
    assert.equal((await as.post(`${api.base}/role-bindings`).send({ subject: group, roleId: 'space-writer', spaceId: 'root' })).status, 403);
    assert.equal((await as.post(`${api.base}/role-bindings`).send({ subject: group, roleId: 'space-writer', spaceId: 'other' })).status, 400);
    const theirs = await api.bind(group, 'space-reader', 'other');
    assert.equal((await as.delete(`${api.base}/role-bindings/${theirs.id}`)).status, 404);
    const listed = await as.get(`${api.base}/role-bindings`);
    assert.deepEqual(listed.body.items.map((b: { spaceId: string }) => b.spaceId).sort(), ['team', 'team', 'team']);
    assert.equal((await as.delete(`${api.base}/role-bindings/${mine.body.id}`)).status, 204);
    const again = await as.post(`${api.base}/role-bindings`).send({ subject: group, roleId: 'space-reader', spaceId: 'team' });
    assert.equal(again.status, 409);
    const audit = await api.owner.get(`/v1/orgs/${org.slug}/audit-events?action=role_binding.*`);
    assert.deepEqual(audit.body.items.map((e: { action: string }) => e.action).slice(-2), ['role_binding.created', 'role_binding.deleted']);
  });
});

describe('bindings take effect through every subject kind', () => {
  test('a team binding applies to members of the IdP group, compared exactly (case-sensitive)', async () => {
    const { api, person, org } = await orgWithPerson(server);
    await api.space('web', 'root', true);
    const mapping = await api.mapping('Frontend');
    await api.bind({ type: 'idp_group', id: mapping.id }, 'space-writer', 'web');
    assert.equal(await api.can(person.key, 'run:trigger', 'web'), false);
    const other = await addPerson(server, org, 'member');
    await joinGroup(server, org.id, other.userId, 'frontend'); // not the same team name
    assert.equal(await api.can(other.key, 'run:trigger', 'web'), false);
    await server.deps.db('groups').where({ org_id: org.id }).update({ display_name: 'Frontend' });
    assert.equal(await api.can(other.key, 'run:trigger', 'web'), true);
    await joinGroup(server, org.id, person.userId, 'Frontend');
    const res = await server.as(person.key).post(`${api.base}/authorize`).send({ action: 'run:trigger', spaceId: 'web' });
    assert.equal(res.body.allowed, true);
    assert.equal(res.body.reasons[0].team, 'Frontend');
    assert.deepEqual(res.body.reasons[0].subject, { type: 'idp_group', id: mapping.id });
  });

  test('a mapping tied to the IdP group id survives a rename in the IdP; an untied one does not', async () => {
    const { api, person, org } = await orgWithPerson(server);
    await api.space('ops', 'root', true);
    const tied = await api.mapping('DevOps', 'okta-00g1');
    const untied = await api.mapping('Release');
    await api.bind({ type: 'idp_group', id: tied.id }, 'space-admin', 'ops');
    await api.bind({ type: 'idp_group', id: untied.id }, 'space-writer', 'root');
    await joinGroup(server, org.id, person.userId, 'DevOps', 'okta-00g1');
    await joinGroup(server, org.id, person.userId, 'Release', 'okta-00g2');
    assert.equal(await api.can(person.key, 'stack:manage', 'ops'), true);
    assert.equal(await api.can(person.key, 'run:trigger', 'root'), true);
    const db = server.deps.db;
    await db('groups').where({ org_id: org.id, external_id: 'okta-00g1' }).update({ display_name: 'Platform Engineering' });
    await db('groups').where({ org_id: org.id, external_id: 'okta-00g2' }).update({ display_name: 'Releases' });
    assert.equal(await api.can(person.key, 'stack:manage', 'ops'), true);
    assert.equal(await api.can(person.key, 'run:trigger', 'root'), false);
    const shown = await api.owner.get(`${api.base}/idp-groups/${tied.id}`);
    assert.equal(shown.body.idpGroupName, 'Platform Engineering');
  });

  test("a service API key gets its bindings and its teams' bindings; a personal key cannot be bound", async () => {
    const { api, person, org } = await orgWithPerson(server);
    await api.space('ci', 'root', true);
    const key = await api.owner.post(`${api.base}/api-keys`).send({ name: 'deployer', role: 'member', teams: ['Deployers'] });
    assert.equal(await api.can(key.body.secret, 'run:trigger', 'ci'), false);
    await api.bind({ type: 'api_key', id: key.body.id }, 'space-reader', 'ci');
    assert.equal(await api.can(key.body.secret, 'stack:read', 'ci'), true);
    assert.equal(await api.can(key.body.secret, 'run:trigger', 'ci'), false);
    const deployers = await api.mapping('Deployers');
    await api.bind({ type: 'idp_group', id: deployers.id }, 'space-writer', 'ci');
    assert.equal(await api.can(key.body.secret, 'run:trigger', 'ci'), true);
    const personal = await server.deps.db('api_keys').where({ org_id: org.id, user_id: person.userId }).first('id');
    const res = await api.owner.post(`${api.base}/role-bindings`).send({ subject: { type: 'api_key', id: personal.id }, roleId: 'space-reader', spaceId: 'ci' });
    assert.equal(res.status, 400);
    assert.equal(res.body.errors[0].field, 'subject.id');
  });

  test('a suspended person keeps their bindings but may do nothing until reactivated', async () => {
    const { api, org } = await orgWithPerson(server);
    const p = await addPerson(server, org, 'contributor');
    await api.bind({ type: 'user', id: p.userId }, 'space-admin', 'root');
    const perms = () => api.owner.get(`${api.base}/permissions?subject=user:${p.userId}`);
    assert.ok((await perms()).body.spaces.length > 0);
    await api.owner.patch(`/v1/orgs/${org.slug}/members/${p.userId}`).send({ active: false });
    assert.deepEqual((await perms()).body.spaces, []);
    await api.owner.patch(`/v1/orgs/${org.slug}/members/${p.userId}`).send({ active: true });
    assert.ok((await perms()).body.spaces.find((s: { spaceId: string; actions: string[] }) => s.spaceId === 'root')!.actions.includes('sso:manage'));
  });
});

describe("asking about someone else's permissions", () => {
  test('owners and Root Space Admins may; others may not', async () => {
    const { api, person, org } = await orgWithPerson(server, 'contributor');
    const target = await addPerson(server, org, 'viewer');
    const q = `${api.base}/permissions?subject=user:${target.userId}`;
    assert.equal((await server.as(person.key).get(q)).status, 403);
    const asOwner = await api.owner.get(q);
    assert.equal(asOwner.status, 200);
    assert.deepEqual(asOwner.body.subject, { type: 'user', id: target.userId, name: target.email });
    const check = await api.owner.post(`${api.base}/authorize`).send({ subject: { type: 'user', id: target.userId }, action: 'stack:read', spaceId: 'root' });
    assert.equal(check.body.allowed, true);
    assert.deepEqual(check.body.reasons.map((r: { source: string; orgRole: string }) => [r.source, r.orgRole]), [['organization_role', 'viewer']]);
  });
});
