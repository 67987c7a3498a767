// Domain §1: one organization's credential never reads or changes another's spaces, roles,
// bindings or mappings, and cannot name another's people as subjects.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { orgWithPerson } from './helpers.ts';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

test("org A's owner gets 404 on every access path of org B, and B is untouched", async () => {
  const a = await orgWithPerson(server);
  const b = await orgWithPerson(server);
  await b.api.space('secret-project', 'root', true);
  const mapping = await b.api.mapping('B-team');
  const binding = await b.api.bind({ type: 'user', id: b.person.userId }, 'space-admin', 'secret-project');
  const asA = server.as(a.org.ownerKey);
  const B = b.api.base;
  const attempts = [
    asA.get(`${B}/spaces`), asA.get(`${B}/spaces/secret-project`), asA.post(`${B}/spaces`).send({ name: 'x' }),
    asA.patch(`${B}/spaces/secret-project`).send({ name: 'x' }), asA.delete(`${B}/spaces/secret-project?cascade=true`),
    asA.get(`${B}/roles`), asA.post(`${B}/roles`).send({ name: 'x', actions: [] }),
    asA.get(`${B}/role-bindings`), asA.delete(`${B}/role-bindings/${binding.id}`),
    asA.get(`${B}/idp-groups`), asA.delete(`${B}/idp-groups/${mapping.id}`),
    asA.post(`${B}/authorize`).send({ action: 'space:read' }), asA.get(`${B}/permissions`),
  ];
  for (const [i, res] of (await Promise.all(attempts)).entries()) {
    assert.equal(res.status, 404, `attempt ${i}: ${JSON.stringify(res.body)}`);
    assert.equal(res.body.detail, 'organization not found');
  }
  assert.equal((await b.api.owner.get(`${B}/spaces/secret-project`)).status, 200);
  assert.equal((await b.api.owner.get(`${B}/idp-groups/${mapping.id}`)).status, 200);
  assert.equal(await b.api.can(b.person.key, 'stack:manage', 'secret-project'), true);
});

test("through its own paths, org A never sees B's spaces and cannot name B's people, keys, mappings or bindings", async () => {
  const a = await orgWithPerson(server);
  const b = await orgWithPerson(server);
  await b.api.space('b-only', 'root', true);
  const bMapping = await b.api.mapping('Shared-Name');
  const bBinding = await b.api.bind({ type: 'user', id: b.person.userId }, 'space-reader', 'b-only');
  const asA = server.as(a.org.ownerKey);
  const A = a.api.base;
  const spaces = await asA.get(`${A}/spaces?limit=1000`);
  assert.deepEqual(spaces.body.items.map((s: { id: string }) => s.id), ['root']);
  assert.equal((await asA.get(`${A}/spaces/b-only`)).status, 404);
  const bindUser = await asA.post(`${A}/role-bindings`).send({ subject: { type: 'user', id: b.person.userId }, roleId: 'space-reader', spaceId: 'root' });
  assert.deepEqual([bindUser.status, bindUser.body.errors[0].field], [400, 'subject.id']);
  const bindGroup = await asA.post(`${A}/role-bindings`).send({ subject: { type: 'idp_group', id: bMapping.id }, roleId: 'space-reader', spaceId: 'root' });
  assert.deepEqual([bindGroup.status, bindGroup.body.errors[0].field], [400, 'subject.id']);
  assert.equal((await asA.get(`${A}/idp-groups/${bMapping.id}`)).status, 404);
  assert.equal((await asA.delete(`${A}/role-bindings/${bBinding.id}`)).status, 404);
  const ask = await asA.get(`${A}/permissions?subject=user:${b.person.userId}`);
  assert.deepEqual([ask.status, ask.body.errors[0].field], [400, 'subject.id']);
  const authz = await asA.post(`${A}/authorize`).send({ subject: { type: 'user', id: b.person.userId }, action: 'space:read' });
  assert.equal(authz.status, 400);
  // B's role ids mean nothing in A either
  const bRole = (await b.api.owner.get(`${b.api.base}/roles/space-admin`)).body.id;
  const bindBRole = await asA.post(`${A}/role-bindings`).send({ subject: { type: 'user', id: a.person.userId }, roleId: bRole, spaceId: 'root' });
  assert.deepEqual([bindBRole.status, bindBRole.body.errors[0].field], [400, 'roleId']);
  assert.equal(await a.api.can(a.person.key, 'space:read', 'root'), false);
});
