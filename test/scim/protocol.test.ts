// Protocol details: ETags and If-Match, media types, discovery documents, Bulk, and bad input
// answered with 400 + scimType (never 500, never a partial write).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import supertest from 'supertest';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { createUser, patchOp, scimOrg, userBody, type ScimClient } from './helpers.ts';

let server: TestServer;
let scim: ScimClient;
before(async () => {
  server = await startTestServer();
  ({ scim } = await scimOrg(server));
});
after(async () => { await server?.close(); });

describe('ETags (RFC 7644 §3.14)', () => {
  test('meta.version and ETag move with every change; If-Match mismatches are 412; If-None-Match gives 304', async () => {
    const id = await createUser(scim);
    const first = await scim.get(`/Users/${id}`);
    assert.equal(first.headers.etag, first.body.meta.version);
    const stale = String(first.headers.etag);
    assert.equal((await scim.get(`/Users/${id}`).set('If-None-Match', stale)).status, 304);
    const ok = await scim.patch(`/Users/${id}`, patchOp({ op: 'replace', path: 'title', value: 'A' })).set('If-Match', stale);
    assert.equal(ok.status, 204);
    assert.notEqual(ok.headers.etag, stale);
    const refused = await scim.patch(`/Users/${id}`, patchOp({ op: 'replace', path: 'title', value: 'B' })).set('If-Match', stale);
    assert.equal(refused.status, 412);
    assert.equal(refused.body.status, '412');
    assert.equal((await scim.put(`/Users/${id}`, userBody('new@example.com')).set('If-Match', stale)).status, 412);
    assert.equal((await scim.delete(`/Users/${id}`).set('If-Match', stale)).status, 412);
    assert.equal((await server.deps.db('users').where({ id }).first()).attributes.title, 'A', 'a refused change writes nothing');
    assert.equal((await scim.delete(`/Users/${id}`).set('If-Match', String(ok.headers.etag))).status, 204);
  });

  test('an unchanged PUT (Okta pushes whole profiles) keeps the version and records nothing', async () => {
    const id = await createUser(scim, 'same@example.com');
    const before = await scim.get(`/Users/${id}`);
    const events = async () => (await server.deps.db('audit_events').where({ target_id: id })).length;
    const n = await events();
    const put = await scim.put(`/Users/${id}`, userBody('same@example.com'));
    assert.equal(put.status, 200);
    assert.equal(put.body.meta.version, before.body.meta.version);
    assert.equal(await events(), n);
  });

  test('PATCH with an explicit null removes the attribute (Entra: null is absent)', async () => {
    const id = await createUser(scim, undefined, { title: 'Temp', nickName: 'Nick' });
    const res = await scim.patch(`/Users/${id}`, patchOp({ op: 'Replace', path: 'title', value: null }, { op: 'replace', value: { nickName: null } }));
    assert.equal(res.status, 204);
    const row = await server.deps.db('users').where({ id }).first();
    assert.equal(row.attributes.title, undefined);
    assert.equal(row.attributes.nickName, undefined);
  });

  test('PATCH answers with the resource when attributes are asked for', async () => {
    const id = await createUser(scim);
    const res = await scim.patch(`/Users/${id}?attributes=title`, patchOp({ op: 'add', path: 'title', value: 'Lead' }));
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], id, title: 'Lead' });
  });
});

describe('media types and discovery', () => {
  test('accepts application/json and application/scim+json with charset; answers application/scim+json', async () => {
    const agent = supertest(`${server.url}/scim/v2`);
    const res = await agent.post('/Users').set('Authorization', `Bearer ${scim.token}`).set('Content-Type', 'application/json; charset=utf-8').send(JSON.stringify(userBody()));
    assert.equal(res.status, 201);
    assert.match(String(res.headers['content-type']), /^application\/scim\+json/);
    const res2 = await agent.post('/Users').set('Authorization', `Bearer ${scim.token}`).set('Content-Type', 'application/scim+json; charset=utf-8').send(JSON.stringify(userBody()));
    assert.equal(res2.status, 201);
  });

  test('ServiceProviderConfig advertises what works; ResourceTypes and Schemas describe User, Group and the enterprise extension', async () => {
    const spc = await scim.get('/ServiceProviderConfig');
    assert.equal(spc.status, 200);
    assert.deepEqual([spc.body.patch.supported, spc.body.bulk.supported, spc.body.filter.supported, spc.body.sort.supported, spc.body.etag.supported, spc.body.changePassword.supported], [true, true, true, true, true, false]);
    assert.ok(spc.body.bulk.maxOperations > 0 && spc.body.bulk.maxPayloadSize > 0);
    assert.deepEqual((await scim.get('/serviceConfiguration')).body.patch, { supported: true });
    const types = await scim.get('/ResourceTypes');
    assert.deepEqual(types.body.Resources.map((r: { endpoint: string }) => r.endpoint), ['/Users', '/Groups']);
    assert.equal((await scim.get('/ResourceTypes/User')).body.schemaExtensions[0].schema, 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User');
    const schemas = await scim.get('/Schemas');
    assert.equal(schemas.body.totalResults, 3);
    const user = await scim.get('/Schemas/urn:ietf:params:scim:schemas:core:2.0:User');
    assert.match(user.body.description, /^User Account/); // followed by the resource's size limit (limits.ts)
    assert.equal((await scim.get('/Schemas/urn:nope')).status, 404);
    assert.equal((await scim.get('/Me')).status, 501);
    assert.equal((await scim.get('/Nope')).status, 404);
    assert.equal((await scim.delete('/Users')).status, 405);
  });
});

describe('Bulk (RFC 7644 §3.7)', () => {
  const BULK = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
  test('bulkId references resolve to resources created earlier in the request', async () => {
    const res = await scim.post('/Bulk', {
      schemas: [BULK],
      Operations: [
        { method: 'POST', path: '/Users', bulkId: 'u1', data: userBody('bulk1@example.com') },
        { method: 'POST', path: '/Groups', bulkId: 'g1', data: { displayName: 'Bulk group', members: [{ value: 'bulkId:u1' }] } },
        { method: 'PATCH', path: '/Users/bulkId:u1', data: patchOp({ op: 'replace', path: 'title', value: 'Bulked' }) },
      ],
    });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.Operations.map((o: { status: string }) => o.status), ['201', '201', '204']);
    const uid = res.body.Operations[0].location.split('/').pop();
    const gid = res.body.Operations[1].location.split('/').pop();
    assert.equal((await server.deps.db('group_members').where({ group_id: gid, user_id: uid })).length, 1);
    assert.equal((await server.deps.db('users').where({ id: uid }).first()).attributes.title, 'Bulked');
  });

  test('failOnErrors stops the run; errors are reported per operation; limits are enforced', async () => {
    const res = await scim.post('/Bulk', {
      schemas: [BULK],
      failOnErrors: 1,
      Operations: [
        { method: 'POST', path: '/Users', bulkId: 'a', data: { userName: '' } },
        { method: 'POST', path: '/Users', bulkId: 'b', data: userBody('never@example.com') },
      ],
    });
    assert.equal(res.status, 200);
    assert.equal(res.body.Operations.length, 1);
    assert.equal(res.body.Operations[0].status, '400');
    assert.equal(res.body.Operations[0].response.scimType, 'invalidValue');
    assert.equal((await server.deps.db('users').where({ user_name: 'never@example.com' })).length, 0);
    const unresolved = await scim.post('/Bulk', { schemas: [BULK], Operations: [{ method: 'POST', path: '/Groups', bulkId: 'g', data: { displayName: 'x', members: [{ value: 'bulkId:nope' }] } }] });
    assert.equal(unresolved.body.Operations[0].status, '400');
    const tooMany = await scim.post('/Bulk', { schemas: [BULK], Operations: Array.from({ length: 1001 }, () => ({ method: 'DELETE', path: '/Users/x' })) });
    assert.equal(tooMany.status, 413);
    assert.equal(tooMany.body.scimType, 'tooLarge');
    assert.equal((await scim.post('/Bulk', { Operations: [] })).status, 400);
  });
});

describe('bad bodies are a 400 with scimType, never a 500 or a partial write', () => {
  const cases: [string, string, string, unknown, string][] = [
    ['POST', '/Users', 'not JSON', '{"userName": tre', 'invalidSyntax'],
    ['POST', '/Users', 'no userName', { name: { givenName: 'x' } }, 'invalidValue'],
    ['POST', '/Users', 'userName not a string', { userName: { a: 1 } }, 'invalidValue'],
    ['POST', '/Users', 'active not a boolean', { userName: 'x1@example.com', active: 'maybe' }, 'invalidValue'],
    ['POST', '/Users', 'emails not objects', { userName: 'x2@example.com', emails: [true] }, 'invalidValue'],
    ['POST', '/Users', 'an array body', [], 'invalidSyntax'],
    ['POST', '/Groups', 'no displayName', { members: [] }, 'invalidValue'],
    ['POST', '/Groups', 'member without value', { displayName: 'g-bad', members: [{ display: 'x' }] }, 'invalidValue'],
    ['PATCH', '/Users/{id}', 'no Operations', { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'] }, 'invalidSyntax'],
    ['PATCH', '/Users/{id}', 'unknown op', patchOp({ op: 'merge', path: 'title', value: 'x' }), 'invalidSyntax'],
    ['PATCH', '/Users/{id}', 'remove without path', patchOp({ op: 'remove' }), 'noTarget'],
    ['PATCH', '/Users/{id}', 'unknown path', patchOp({ op: 'replace', path: 'nope', value: 'x' }), 'invalidPath'],
    ['PATCH', '/Users/{id}', 'malformed path filter', patchOp({ op: 'replace', path: 'emails[type eq].value', value: 'x' }), 'invalidPath'],
    ['PATCH', '/Users/{id}', 'read-only path', patchOp({ op: 'replace', path: 'id', value: 'x' }), 'mutability'],
    ['PATCH', '/Users/{id}', 'no matching element', patchOp({ op: 'replace', path: 'emails[value co "zzz"].type', value: 'home' }), 'noTarget'],
    ['PATCH', '/Users/{id}', 'path-less with a string', patchOp({ op: 'replace', value: 'x' }), 'invalidValue'],
    ['PATCH', '/Users/{id}', 'clearing userName', patchOp({ op: 'remove', path: 'userName' }), 'mutability'], // RFC 7644 §3.5.2.2: a required attribute cannot become unassigned
    ['PATCH', '/Users/{id}', 'second op bad', patchOp({ op: 'replace', path: 'title', value: 'Changed' }, { op: 'replace', path: 'active', value: 'perhaps' }), 'invalidValue'],
    ['PUT', '/Users/{id}', 'PUT without userName', { userame: 'typo' }, 'invalidValue'],
  ];
  for (const [method, path, why, body, scimType] of cases) {
    test(`${method} ${path}: ${why}`, async () => {
      const id = await createUser(scim);
      const before = await server.deps.db('users').where({ id }).first();
      const url = path.replace('{id}', id);
      const req = scim.raw(method.toLowerCase() as 'post' | 'put' | 'patch', url);
      const res = await req.send(typeof body === 'string' ? body : JSON.stringify(body));
      assert.equal(res.status, 400, res.text);
      assert.equal(res.body.scimType, scimType);
      assert.equal(res.body.status, '400');
      assert.deepEqual(res.body.schemas, ['urn:ietf:params:scim:api:messages:2.0:Error']);
      const afterRow = await server.deps.db('users').where({ id }).first();
      assert.deepEqual(afterRow, before, 'nothing was written');
    });
  }

  test('a duplicate userName on PUT/PATCH is 409 uniqueness', async () => {
    await createUser(scim, 'taken@example.com');
    const id = await createUser(scim);
    const res = await scim.patch(`/Users/${id}`, patchOp({ op: 'replace', path: 'userName', value: 'TAKEN@example.com' }));
    assert.equal(res.status, 409);
    assert.equal(res.body.scimType, 'uniqueness');
    const g = await scim.post('/Groups', { displayName: 'Dup' });
    assert.equal(g.status, 201);
    assert.equal((await scim.post('/Groups', { displayName: 'dup' })).body.scimType, 'uniqueness');
  });
});
