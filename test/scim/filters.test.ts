// Filters, sorting and paging against the database: every operator, and/or/not with grouping,
// value paths, meta.lastModified, the case rules, and totals counted by the database.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServer, type TestServer } from '../helpers/server.ts';
import { scimOrg, type ScimClient } from './helpers.ts';

let server: TestServer;
let scim: ScimClient;
const ids: Record<string, string> = {};

const PEOPLE = [
  { userName: 'alice@acme.io', givenName: 'Alice', familyName: 'Archer', title: 'Engineer', active: true, emails: [{ type: 'work', value: 'alice@acme.io', primary: true }, { type: 'home', value: 'alice@home.net' }] },
  { userName: 'bob@acme.io', givenName: 'Bob', familyName: 'Baker', title: 'Manager', active: false, emails: [{ type: 'work', value: 'bob@acme.io', primary: true }] },
  { userName: 'carol@globex.com', givenName: 'Carol', familyName: 'Archer', title: 'Engineer', active: true, emails: [{ type: 'home', value: 'carol@acme.io' }] },
  { userName: 'dave@globex.com', givenName: 'Dave', familyName: 'Drake', active: true, emails: [] },
  { userName: 'Eve_100%@acme.io', givenName: 'Eve', familyName: 'Evans', active: true, emails: [{ type: 'work', value: 'eve@acme.io' }] },
];

before(async () => {
  server = await startTestServer();
  ({ scim } = await scimOrg(server));
  for (const p of PEOPLE) {
    const res = await scim.post('/Users', {
      userName: p.userName, active: p.active, name: { givenName: p.givenName, familyName: p.familyName }, emails: p.emails,
      ...(p.title ? { title: p.title } : {}),
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: p.familyName === 'Archer' ? 'R&D' : 'Sales' },
    });
    assert.equal(res.status, 201, res.text);
    ids[p.givenName] = res.body.id;
  }
  // A second organization with a look-alike, which no filter may ever return.
  const other = await scimOrg(server);
  await other.scim.post('/Users', { userName: 'alice@acme.io', name: { givenName: 'Alice', familyName: 'Archer' } });
});
after(async () => { await server?.close(); });

async function names(filter: string, extra = ''): Promise<string[]> {
  const res = await scim.get(`/Users?filter=${encodeURIComponent(filter)}${extra}`);
  assert.equal(res.status, 200, `${filter}: ${res.text}`);
  assert.equal(res.body.totalResults, res.body.Resources.length);
  return res.body.Resources.map((r: { name: { givenName: string } }) => r.name.givenName).sort();
}

describe('filter operators', () => {
  const cases: [string, string[]][] = [
    ['userName eq "ALICE@acme.io"', ['Alice']],
    ['userName ne "alice@acme.io"', ['Bob', 'Carol', 'Dave', 'Eve']],
    ['userName co "GLOBEX"', ['Carol', 'Dave']],
    ['userName sw "b"', ['Bob']],
    ['userName ew ".COM"', ['Carol', 'Dave']],
    ['userName co "100%"', ['Eve']],
    ['userName co "_"', ['Eve']],
    ['userName gt "carol@globex.com"', ['Dave', 'Eve']],
    ['userName ge "carol@globex.com"', ['Carol', 'Dave', 'Eve']],
    ['userName lt "bob@acme.io"', ['Alice']],
    ['userName le "bob@acme.io"', ['Alice', 'Bob']],
    ['title pr', ['Alice', 'Bob', 'Carol']],
    ['not (title pr)', ['Dave', 'Eve']],
    ['active eq false', ['Bob']],
    ['active eq "False"', ['Bob']],
    ['name.familyName eq "archer" and active eq true', ['Alice', 'Carol']],
    ['name.familyName eq "Archer" or name.givenName eq "Dave"', ['Alice', 'Carol', 'Dave']],
    ['title eq "engineer" and (userName sw "c" or userName sw "a") and (active eq true)', ['Alice', 'Carol']],
    ['not (userName co "acme") and active eq true', ['Carol', 'Dave']],
    ['emails co "@acme.io"', ['Alice', 'Bob', 'Carol', 'Eve']],
    ['emails.value ew "home.net"', ['Alice']],
    ['emails[type eq "work" and value co "@acme"]', ['Alice', 'Bob', 'Eve']],
    ['emails[type eq "home"].value eq "CAROL@acme.io"', ['Carol']],
    ['emails[type eq "work"]', ['Alice', 'Bob', 'Eve']],
    ['emails pr', ['Alice', 'Bob', 'Carol', 'Eve']],
    ['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department eq "r&d"', ['Alice', 'Carol']],
    ['meta.lastModified gt "2000-01-01T00:00:00Z"', ['Alice', 'Bob', 'Carol', 'Dave', 'Eve']],
    ['meta.created lt "2000-01-01T00:00:00Z"', []],
    ['meta.resourceType eq "User" and userName sw "d"', ['Dave']],
    ['USERNAME EQ "dave@globex.com"', ['Dave']],
    ['externalId eq "none"', []],
  ];
  for (const [filter, expected] of cases) {
    test(filter, async () => {
      assert.deepEqual(await names(filter), expected);
    });
  }

  test('id eq, and a non-UUID id matches nothing rather than failing', async () => {
    assert.deepEqual(await names(`id eq "${ids.Bob}"`), ['Bob']);
    assert.deepEqual(await names('id eq "00919288221112222"'), []);
  });

  test('group membership filters: members[value eq] on Groups and groups.value on Users', async () => {
    const g = await scim.post('/Groups', { displayName: 'Archers', members: [{ value: ids.Alice }, { value: ids.Carol }] });
    const byMember = await scim.get(`/Groups?filter=${encodeURIComponent(`members[value eq "${ids.Carol}"]`)}`);
    assert.deepEqual(byMember.body.Resources.map((r: { id: string }) => r.id), [g.body.id]);
    assert.deepEqual(await names(`groups.value eq "${g.body.id}"`), ['Alice', 'Carol']);
    assert.equal((await scim.get(`/Groups?filter=${encodeURIComponent('displayName eq "ARCHERS"')}`)).body.totalResults, 1);
  });
});

describe('bad filters are a 400 invalidFilter, never a 500', () => {
  const bad = [
    'userName eq', 'userName xx "a"', '(userName eq "a"', 'userName eq "a")', 'userName eq "a" and', 'unknownAttr eq "a"',
    'active gt true', 'active eq "maybe"', 'meta.lastModified gt "yesterday"', 'emails[type eq "work"', 'name eq "x"',
    'userName eq "unterminated', 'meta.lastModified gt "2020-02-30T00:00:00Z"', 'emails[value eq "a"].nope eq "b"', '"quoted" eq "a"', 'name.familyName[value eq "x"]', '[]',
  ];
  for (const filter of bad) {
    test(filter, async () => {
      const res = await scim.get(`/Users?filter=${encodeURIComponent(filter)}`);
      assert.equal(res.status, 400, res.text);
      assert.equal(res.body.scimType, 'invalidFilter');
      assert.equal(res.body.status, '400');
      assert.ok(res.body.detail.length > 5);
    });
  }
});

describe('sorting and paging', () => {
  test('sortBy/sortOrder', async () => {
    const asc = await scim.get('/Users?sortBy=userName');
    assert.deepEqual(asc.body.Resources.map((r: { name: { givenName: string } }) => r.name.givenName), ['Alice', 'Bob', 'Carol', 'Dave', 'Eve']);
    const desc = await scim.get('/Users?sortBy=name.givenName&sortOrder=descending');
    assert.deepEqual(desc.body.Resources.map((r: { name: { givenName: string } }) => r.name.givenName), ['Eve', 'Dave', 'Carol', 'Bob', 'Alice']);
    assert.equal((await scim.get('/Users?sortBy=nope')).status, 400);
  });

  test('pages partition the result in a stable order, with integer totals from the database', async () => {
    const seen: string[] = [];
    for (let start = 1; start <= 5; start += 2) {
      const res = await scim.get(`/Users?startIndex=${start}&count=2`);
      assert.equal(res.body.totalResults, 5);
      assert.equal(res.body.startIndex, start);
      assert.equal(res.body.itemsPerPage, res.body.Resources.length);
      seen.push(...res.body.Resources.map((r: { id: string }) => r.id));
    }
    assert.equal(seen.length, 5);
    assert.equal(new Set(seen).size, 5);
    const past = await scim.get('/Users?startIndex=50&count=10');
    assert.deepEqual([past.body.totalResults, past.body.itemsPerPage, past.body.Resources], [5, 0, []]);
    const totalsOnly = await scim.get('/Users?count=0');
    assert.deepEqual([totalsOnly.body.totalResults, totalsOnly.body.Resources], [5, []]);
    const clamped = await scim.get('/Users?startIndex=0&count=-3');
    assert.deepEqual([clamped.body.startIndex, clamped.body.itemsPerPage], [1, 0]);
    const filtered = await scim.get(`/Users?filter=${encodeURIComponent('active eq true')}&startIndex=2&count=2`);
    assert.deepEqual([filtered.body.totalResults, filtered.body.itemsPerPage], [4, 2]);
    assert.equal((await scim.get('/Users?count=abc')).status, 400);
    assert.equal((await scim.get('/Users?startIndex=99999999999999999999')).body.scimType, 'invalidValue');
  });

  test('attributes and excludedAttributes', async () => {
    const only = await scim.get(`/Users/${ids.Alice}?attributes=userName,name.familyName`);
    assert.deepEqual(Object.keys(only.body).sort(), ['id', 'name', 'schemas', 'userName']);
    assert.deepEqual(only.body.name, { familyName: 'Archer' });
    const without = await scim.get(`/Users/${ids.Alice}?excludedAttributes=emails,groups`);
    assert.equal(without.body.emails, undefined);
    assert.equal(without.body.groups, undefined);
    assert.equal(without.body.userName, 'alice@acme.io');
    const ext = await scim.get(`/Users/${ids.Alice}?attributes=urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department`);
    assert.deepEqual(ext.body['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'], { department: 'R&D' });
    assert.equal((await scim.get('/Users?attributes=bogus')).status, 400);
  });

  test('POST /Users/.search and /.search at the root', async () => {
    const res = await scim.post('/Users/.search', { schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'], filter: 'name.familyName eq "Archer"', attributes: ['userName'], startIndex: 1, count: 10 });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.Resources.map((r: { userName: string }) => r.userName).sort(), ['alice@acme.io', 'carol@globex.com']);
    assert.equal(res.body.Resources[0].emails, undefined);
    const root = await scim.post('/.search', { schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'], filter: 'meta.created gt "2000-01-01T00:00:00Z"', count: 100 });
    assert.equal(root.status, 200);
    assert.equal(root.body.totalResults, root.body.Resources.length);
    assert.ok(root.body.Resources.some((r: { meta: { resourceType: string } }) => r.meta.resourceType === 'Group'));
    assert.ok(root.body.Resources.some((r: { meta: { resourceType: string } }) => r.meta.resourceType === 'User'));
  });
});
