// Issue 13 items 6-8 (and 12 outside SCIM): input no route may store is refused at the door with
// a 400 naming the field, on /v1, /scim/v2 (Bulk included, before any operation runs) and /invite:
// NUL characters, invalid percent-encoding, lone surrogates, deep nesting; and error messages never
// echo a huge input back.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import supertest from 'supertest';
import { adminRoutes } from '../../src/app.ts';
import { MAX_JSON_DEPTH } from '../../src/http/input-hygiene.ts';
import { addPerson, createOrg, startTestServer, type TestServer } from '../helpers/server.ts';
import { scimOrg } from '../scim/helpers.ts';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

const TABLES = ['users', 'groups', 'spaces', 'roles', 'idp_group_mappings', 'invitations', 'login_policies', 'api_keys', 'audit_events'];
async function rowCounts() {
  const out: Record<string, number> = {};
  for (const t of TABLES) out[t] = Number((await server.deps.db(t).count<{ c: number }[]>('* as c'))[0]!.c);
  return out;
}

/** A raw request with the path sent byte for byte (no client-side re-encoding). */
async function raw(method: string, path: string, headers: Record<string, string> = {}, body?: string) {
  const res = await fetch(server.url + path, { method, headers: { ...(body ? { 'Content-Type': 'application/json' } : {}), ...headers }, body });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type') ?? '', text, json: text ? (JSON.parse(text) as Record<string, any>) : null };
}

/** JSON text of a value nested `depth` arrays deep (as text: no JSON.stringify could write it). */
const nested = (depth: number) => `${'['.repeat(depth)}"x"${']'.repeat(depth)}`;
const json = (template: Record<string, unknown>, deep: string) => JSON.stringify(template).replace('"@DEEP@"', deep);

describe('NUL characters (item 6)', () => {
  test('in any stored string of a /v1 body: 400 naming the field, nothing written', async () => {
    const org = await createOrg(server);
    const o = server.as(org.ownerKey);
    const base = `/v1/orgs/${org.slug}`;
    const before = await rowCounts();
    const cases: [string, string, Record<string, unknown>, string][] = [
      ['post', `${base}/members`, { email: 'nul@example.org', name: 'Ann\u0000Lee' }, 'name'],
      ['post', `${base}/members`, { email: 'nul@example.org', userName: 'ann\u0000' }, 'userName'],
      ['post', `${base}/spaces`, { id: 'nul', name: 'a\u0000', parentId: 'root' }, 'name'],
      ['post', `${base}/spaces`, { id: 'nul', name: 'nul', parentId: 'root', labels: ['ok', 'bad\u0000'] }, 'labels.1'],
      ['post', `${base}/roles`, { name: 'r', slug: 'r', description: '\u0000', actions: ['run:read'] }, 'description'],
      ['post', `${base}/idp-groups`, { name: 'team\u0000' }, 'name'],
      ['post', `${base}/invitations`, { emails: 'a@example.org,\u0000b@example.org', role: 'viewer' }, 'emails'],
      ['post', `${base}/login-policies`, { name: 'p', body: 'package spacelift\n# \u0000\nallow { true }' }, 'body'],
      ['post', `${base}/api-keys`, { name: 'k', kind: 'service', role: 'viewer', teams: ['a\u0000'] }, 'teams.0'],
      ['post', `${base}/authorize`, { action: 'run:read', subject: { type: 'idp_group', name: 'x\u0000' } }, 'subject.name'],
      ['patch', `/v1/orgs/${org.slug}`, { name: 'Org\u0000' }, 'name'],
    ];
    for (const [method, path, body, field] of cases) {
      const res = await (o as any)[method](path).send(body);
      assert.equal(res.status, 400, `${method} ${path} ${field}: ${res.status} ${JSON.stringify(res.body)}`);
      assert.equal(res.body.errors[0].field, field, `${method} ${path}`);
      assert.match(res.body.errors[0].reason, /NUL/);
    }
    // In a field name, too (a jsonb key cannot hold it either).
    const key = await o.post(`${base}/login-policies/00000000-0000-4000-8000-000000000000/simulate`).send({ input: { 'a\u0000': 1 } });
    assert.equal(key.status, 400);
    assert.match(key.body.errors[0].reason, /field name/);
    assert.deepEqual(await rowCounts(), before);
  });

  test('in a query filter or a path: 400 naming the parameter', async () => {
    const org = await createOrg(server);
    const auth = { Authorization: `Bearer ${org.ownerKey}` };
    for (const [path, field] of [
      [`/v1/orgs/${org.slug}/members?search=a%00`, 'search'],
      [`/v1/orgs/${org.slug}/audit-events?actor=%00`, 'actor'],
      [`/v1/orgs/${org.slug}/audit-events?target=x%00y`, 'target'],
      [`/v1/orgs/${org.slug}/invitations?email=a%00%40b`, 'email'],
      [`/v1/orgs/${org.slug}/spaces/root%00`, 'path'],
      [`/v1/orgs/${org.slug}%00/members`, 'path'],
      ['/invite/ghi_%00', 'path'],
      [`/sso/${org.slug}/login?email=a%00@example.org`, 'email'],
    ] as const) {
      const res = await raw('GET', path, auth);
      assert.equal(res.status, 400, `${path}: ${res.status} ${res.text.slice(0, 300)}`);
      assert.equal(res.json!.errors[0].field, field, path);
    }
  });

  test('on SCIM, in a body or a filter: a SCIM 400, nothing provisioned', async () => {
    const org = await scimOrg(server);
    const before = await rowCounts();
    const create = await org.scim.post('/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'nul\u0000@example.org' });
    assert.equal(create.status, 400);
    assert.equal(create.body.schemas[0], 'urn:ietf:params:scim:api:messages:2.0:Error');
    assert.equal(create.body.scimType, 'invalidValue');
    assert.match(create.body.detail, /userName: must not contain the NUL/);
    const filter = await raw('GET', '/scim/v2/Users?filter=userName%20eq%20%22a%00%22', { Authorization: `Bearer ${org.scimToken}` });
    assert.equal(filter.status, 400, filter.text);
    assert.equal(filter.json!.schemas[0], 'urn:ietf:params:scim:api:messages:2.0:Error');
    assert.equal(filter.json!.scimType, 'invalidFilter');
    assert.match(filter.json!.detail, /filter: must not contain the NUL/);
    assert.deepEqual(await rowCounts(), before);
  });
});

describe('lone surrogates in /v1 bodies (item 12 outside SCIM)', () => {
  test('are refused, not silently stored as U+FFFD', async () => {
    const org = await createOrg(server);
    const res = await server.as(org.ownerKey).post(`/v1/orgs/${org.slug}/members`).set('Content-Type', 'application/json').send('{"email":"s@example.org","name":"Ann \\ud800 Lee"}');
    assert.equal(res.status, 400);
    assert.equal(res.body.errors[0].field, 'name');
    assert.match(res.body.errors[0].reason, /lone surrogate/);
    const pair = await server.as(org.ownerKey).post(`/v1/orgs/${org.slug}/members`).send({ email: 's@example.org', name: 'Ann 😀 Lee' });
    assert.equal(pair.status, 201, 'a well-formed pair is fine');
    assert.equal(pair.body.name, 'Ann 😀 Lee');
  });
});

describe('invalid percent-encoding in path ids (item 7)', () => {
  test('on every /v1 route with a path parameter, on SCIM and on /invite: 400, never 500', async () => {
    const org = await createOrg(server);
    const auth = { Authorization: `Bearer ${org.ownerKey}` };
    const routes = adminRoutes(server.deps).filter((r) => /\{\w+\}/.test(r.path));
    assert.ok(routes.length >= 30, `${routes.length} routes with path parameters`);
    for (const r of routes) {
      for (const param of r.path.match(/\{\w+\}/g)!) {
        const path = r.path.replace(param, '%C0%AE').replace('{org}', org.slug).replace(/\{\w+\}/g, '00000000-0000-4000-8000-000000000000');
        const res = await raw(r.method.toUpperCase(), path, auth, ['post', 'put', 'patch', 'delete'].includes(r.method) ? '{}' : undefined);
        assert.equal(res.status, 400, `${r.method.toUpperCase()} ${path}: ${res.status} ${res.text.slice(0, 200)}`);
        assert.equal(res.json!.errors[0].field, 'path');
      }
    }
    const scim = await scimOrg(server);
    for (const method of ['GET', 'PUT', 'PATCH', 'DELETE']) {
      const res = await raw(method, '/scim/v2/Users/%C0%AE', { Authorization: `Bearer ${scim.scimToken}` }, method === 'GET' || method === 'DELETE' ? undefined : '{}');
      assert.equal(res.status, 400, `${method} /scim/v2/Users/%C0%AE: ${res.status} ${res.text}`);
      assert.equal(res.json!.schemas[0], 'urn:ietf:params:scim:api:messages:2.0:Error');
    }
    const invite = await raw('GET', '/invite/%C0%AE', { Accept: 'application/json' });
    assert.equal(invite.status, 400);
  });

  test('inside a SCIM Bulk request: the whole request refused before its first operation is written', async () => {
    const org = await scimOrg(server);
    const before = await rowCounts();
    const bulk = await org.scim.post('/Bulk', {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],
      Operations: [
        { method: 'POST', path: '/Users', bulkId: 'a', data: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'written-first@example.org' } },
        { method: 'PATCH', path: '/Users/%C0%AE', data: { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'active', value: false }] } },
      ],
    });
    assert.equal(bulk.status, 400, JSON.stringify(bulk.body));
    assert.match(bulk.body.detail, /Operations\[1\]\.path: has invalid percent-encoding/);
    assert.deepEqual(await rowCounts(), before);
  });
});

describe('deep nesting and huge inputs (item 8)', () => {
  test(`nesting deeper than ${MAX_JSON_DEPTH} levels is a 400 naming where, on /v1 and SCIM (PATCH, PUT, Bulk)`, async () => {
    const org = await scimOrg(server);
    const o = server.as(org.ownerKey);
    const post = (path: string, body: string) => o.post(path).set('Content-Type', 'application/json').send(body);
    const deep = await post(`/v1/orgs/${org.slug}/authorize`, json({ action: '@DEEP@' }, nested(10_000)));
    assert.equal(deep.status, 400);
    assert.match(deep.body.errors[0].field, /^action(\.0)+$/);
    assert.match(deep.body.errors[0].reason, /nested deeper than 64 levels/);
    const input = await post(`/v1/orgs/${org.slug}/login-policies/00000000-0000-4000-8000-000000000000/simulate`, json({ input: { session: '@DEEP@' } }, nested(10_000)));
    assert.equal(input.status, 400);
    const fine = await post(`/v1/orgs/${org.slug}/authorize`, json({ action: '@DEEP@' }, nested(10)));
    assert.equal(fine.status, 400, 'a shallow wrong type is an ordinary 400');
    assert.equal(fine.body.errors[0].field, 'action');

    const user = await org.scim.post('/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'deep@example.org' });
    assert.equal(user.status, 201);
    const before = await rowCounts();
    const patch = await org.scim.raw('patch', `/Users/${user.body.id}`).send(json({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'add', path: 'title', value: '@DEEP@' }] }, nested(10_000)));
    assert.equal(patch.status, 400);
    assert.equal(patch.body.scimType, 'invalidValue');
    const put = await org.scim.raw('put', `/Users/${user.body.id}`).send(json({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'deep@example.org', name: { givenName: '@DEEP@' } }, nested(10_000)));
    assert.equal(put.status, 400);
    const bulk = await org.scim.raw('post', '/Bulk').send(json({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'],
      Operations: [
        { method: 'POST', path: '/Users', bulkId: 'a', data: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'bulk-first@example.org' } },
        { method: 'POST', path: '/Users', bulkId: 'b', data: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'bulk-deep@example.org', title: '@DEEP@' } },
      ],
    }, nested(10_000)));
    assert.equal(bulk.status, 400);
    assert.deepEqual(await rowCounts(), before);
  });

  test('an error message never echoes a huge input back', async () => {
    const org = await scimOrg(server);
    const viewer = await addPerson(server, org, 'viewer');
    const o = server.as(org.ownerKey);
    const huge = 'x'.repeat(1_000_000);
    const base = `/v1/orgs/${org.slug}`;
    const replies = [
      await o.post(`${base}/authorize`).send({ action: huge }),
      await o.post(`${base}/authorize`).send({ action: `run:${huge}` }),
      await o.post(`${base}/roles`).send({ name: 'r', slug: 'r', actions: [huge, `${huge}:read`] }),
      await o.post(`${base}/members`).send({ email: huge }),
      await o.post(`${base}/members`).send({ email: 'a@example.org', [huge]: 1 }),
      await o.get(`${base}/permissions?subject=${huge}`),
      await o.post(`${base}/login-policies`).send({ name: 'p', body: `package spacelift\nallow { ${huge} }` }),
      await o.patch(`${base}/members/${viewer.userId}`).send({ role: huge }),
      await org.scim.get(`/Users?filter=${encodeURIComponent(`userName eq ${huge}`)}`),
      await org.scim.patch(`/Users/${viewer.userId}`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: huge, value: 1 }] }),
    ];
    for (const [i, r] of replies.entries()) {
      assert.ok(r.status >= 400 && r.status < 500, `reply ${i}: ${r.status}`);
      assert.ok(r.text.length < 8_000, `reply ${i} is ${r.text.length} characters long`);
    }
  });

  test('thousands of faults in one body are reported, boundedly', async () => {
    const org = await createOrg(server);
    const res = await server.as(org.ownerKey).post(`/v1/orgs/${org.slug}/authorize`).send({ checks: Array.from({ length: 1000 }, () => ({ action: 1, spaceId: 2 })) });
    assert.equal(res.status, 400);
    assert.equal(res.body.errors.length, 100);
    assert.equal(res.body.errorsOmitted, 1900);
    const scim = await supertest(server.url).get('/healthz?%zz=1');
    assert.equal(scim.status, 400);
  });
});
