// Bad input on the access routes: a 400 naming the field and the reason, and nothing written.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { orgWithPerson } from './helpers.ts';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

const TABLES = ['spaces', 'roles', 'role_bindings', 'idp_group_mappings', 'audit_events', 'access_versions'];
async function snapshot() {
  const out: Record<string, unknown> = {};
  for (const t of TABLES) out[t] = await server.deps.db(t).select('*').orderByRaw('1, 2');
  return out;
}

test('each malformed request names its field, and the database is unchanged', async () => {
  const { api, person } = await orgWithPerson(server);
  await api.space('prod', 'root', true);
  const user = { type: 'user', id: person.userId };
  const cases: Array<[string, 'post' | 'patch' | 'get', string, unknown, string, RegExp]> = [
    ['space id', 'post', '/spaces', { id: 'Not A Slug', name: 'x' }, 'id', /space id/],
    ['space name', 'post', '/spaces', { name: '' }, 'name', /empty/],
    ['unknown parent', 'post', '/spaces', { name: 'x', parentId: 'nowhere' }, 'parentId', /no such space/],
    ['repeated label', 'post', '/spaces', { name: 'x', labels: ['a', 'a'] }, 'labels', /repeat/],
    ['inheritance type', 'patch', '/spaces/prod', { inheritEntities: 'yes' }, 'inheritEntities', /true or false/],
    ['empty patch', 'patch', '/spaces/prod', {}, 'body', /give name/],
    ['move to unknown', 'patch', '/spaces/prod', { parentId: 'nowhere' }, 'parentId', /no such space/],
    ['unknown action', 'post', '/roles', { name: 'r', actions: ['run:fly'] }, 'actions.0', /unknown action "run:fly"/],
    ['subject type', 'post', '/role-bindings', { subject: { type: 'robot', id: person.userId }, roleId: 'space-reader', spaceId: 'prod' }, 'subject.type', /user/],
    ['subject id', 'post', '/role-bindings', { subject: { type: 'user', id: 'nope' }, roleId: 'space-reader', spaceId: 'prod' }, 'subject.id', /UUID/],
    ['unknown role', 'post', '/role-bindings', { subject: user, roleId: 'no-such-role', spaceId: 'prod' }, 'roleId', /no such role/],
    ['unknown space', 'post', '/role-bindings', { subject: user, roleId: 'space-reader', spaceId: 'nowhere' }, 'spaceId', /no such space/],
    ['group by both', 'post', '/role-bindings', { subject: { type: 'idp_group', name: 'x', id: person.userId }, roleId: 'space-reader', spaceId: 'prod' }, 'subject', /not both/],
    ['unknown group', 'post', '/role-bindings', { subject: { type: 'idp_group', name: 'Ghosts' }, roleId: 'space-reader', spaceId: 'prod' }, 'subject.name', /no such IdP group/],
    ['mapping name', 'post', '/idp-groups', { name: '' }, 'name', /empty/],
    ['authorize action', 'post', '/authorize', { action: 'space:fly', spaceId: 'prod' }, 'action', /unknown action/],
    ['authorize batch action', 'post', '/authorize', { checks: [{ action: 'space:read' }, { action: 'nope' }] }, 'checks.1.action', /unknown action/],
    ['authorize space', 'post', '/authorize', { checks: [{ action: 'space:read', spaceId: 'nowhere' }] }, 'checks.0.spaceId', /no such space/],
    ['authorize neither', 'post', '/authorize', { spaceId: 'prod' }, 'body', /action .* or checks/],
    ['binding list role', 'get', '/role-bindings?roleId=no-such-role', undefined, 'roleId', /no such role/],
    ['binding list subject', 'get', '/role-bindings?subjectId=nope', undefined, 'subjectId', /UUID/],
    ['space list cursor', 'get', '/spaces?after=Not%20A%20Slug', undefined, 'after', /space id/],
    ['permissions subject', 'get', '/permissions?subject=someone', undefined, 'subject', /user:<uuid>/],
  ];
  const before = await snapshot();
  for (const [label, method, path, body, field, reason] of cases) {
    const req = api.owner[method](`${api.base}${path}`);
    const res = body === undefined ? await req : await req.send(body as object);
    assert.equal(res.status, 400, `${label}: ${res.status} ${JSON.stringify(res.body)}`);
    const err = res.body.errors.find((e: { field: string }) => e.field === field);
    assert.ok(err, `${label}: no error for ${field} in ${JSON.stringify(res.body.errors)}`);
    assert.match(err.reason, reason, label);
  }
  assert.deepEqual(await snapshot(), before);
});
