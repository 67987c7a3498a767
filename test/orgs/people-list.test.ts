// The people page's list (GET /v1/orgs/{org}/members): search in userName, email and name, filters
// by role, status and source, every sort with a cursor that pages through all matches once, and
// both of the store's paths (few matches gathered and sorted; many found by walking the sort index).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createOrg, startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
let org: Awaited<ReturnType<typeof createOrg>>;
before(async () => {
  server = await startTestServer();
  org = await createOrg(server);
  // 6,000 people (more than the store's probe of 5,000), written in one statement.
  await server.deps.db.raw(
    `insert into users (org_id, user_name, email, display_name, role, active, source, created_at)
     select ?, 'p' || lpad(g::text, 5, '0') || '@corp.example', 'p' || g || '@mail.example',
            case when g % 3 = 0 then null else (array['Zoe','Adam','Mia'])[g % 3 + 1] || ' Person ' || g end,
            case when g % 1000 = 0 then 'admin' else 'member' end, g % 7 <> 0,
            (array['scim','sso','invitation','api'])[g % 4 + 1], now() - (g || ' seconds')::interval
       from generate_series(1, 6000) g`,
    [org.id],
  );
});
after(() => server.close());

const list = (query: string) => server.as(org.ownerKey).get(`/v1/orgs/${org.slug}/members?${query}`);

async function all(query: string): Promise<{ userName: string; name: string | null; createdAt: string; source: string; active: boolean }[]> {
  const out = [];
  let next: string | null = null;
  do {
    const res = await list(`${query}&limit=1000${next ? `&after=${next}` : ''}`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    out.push(...res.body.items);
    next = res.body.next;
  } while (next);
  return out;
}

describe('search', () => {
  test('three characters and more match anywhere in userName, email or name, case-insensitively', async () => {
    const byName = await all('search=PERSON%2042');
    assert.ok(byName.length > 0 && byName.every((m) => /person 42/i.test(m.name ?? '')), 'a part of the name');
    const byEmail = (await all('search=4242@mail')).map((m) => m.userName);
    assert.deepEqual(byEmail, ['p04242@corp.example']);
    assert.equal((await all('search=corp.example')).length, 6000, 'a match for everyone walks the sort index');
  });

  test('one or two characters match the start of the userName', async () => {
    assert.equal((await all('search=p0')).length, 6000);
    assert.equal((await all('search=zo')).length, 0, 'not the name');
  });

  test('a search with no match answers an empty page', async () => {
    const res = await list('search=nobody-here');
    assert.deepEqual([res.body.items, res.body.next], [[], null]);
  });
});

describe('filters and sorts', () => {
  test('role, status and source combine; few matches come back sorted', async () => {
    const admins = await all('role=admin');
    assert.deepEqual(admins.map((m) => m.userName), ['p01000@corp.example', 'p02000@corp.example', 'p03000@corp.example', 'p04000@corp.example', 'p05000@corp.example', 'p06000@corp.example']);
    const suspendedScim = await all('active=false&source=invitation');
    assert.ok(suspendedScim.length > 0 && suspendedScim.every((m) => !m.active && m.source === 'invitation'));
    const expected = Array.from({ length: 6000 }, (_, i) => i + 1).filter((g) => g % 7 === 0 && g % 4 === 1).length;
    assert.equal(suspendedScim.length, expected);
  });

  test('every sort pages through all matches exactly once, in the database\'s order', async () => {
    const orders = { userName: 'user_name, id', name: 'coalesce(display_name, user_name::text), id', '-createdAt': 'created_at desc, id desc' };
    for (const [sort, order] of Object.entries(orders)) {
      // sso, person and both: fewer than the probe (gathered, sorted); corp.example: everyone (the walk).
      for (const filter of ['source=sso', 'search=person', 'search=corp.example', 'search=person&source=sso']) {
        const rows = await all(`sort=${sort}&${filter}`);
        const search = /search=([^&]+)/.exec(filter)?.[1];
        const where = [filter.includes('source=sso') ? "source = 'sso'" : 'true', search ? `lower(user_name::text || ' ' || coalesce(email::text, '') || ' ' || coalesce(display_name, '')) like '%${search}%'` : 'true'].join(' and ');
        const expected = await server.deps.db.raw(`select user_name from users where org_id = ? and ${where} order by ${order}`, [org.id]);
        assert.deepEqual(rows.map((r) => r.userName), expected.rows.map((r: { user_name: string }) => r.user_name), `${sort} ${filter}`);
      }
    }
  });

  test('a cursor of one sort is refused under another, naming after', async () => {
    const first = await list('sort=name&limit=2');
    const res = await list(`sort=userName&after=${first.body.next}`);
    assert.equal(res.status, 400);
    assert.equal(res.body.errors[0].field, 'after');
    const bad = await list('sort=sideways');
    assert.equal(bad.status, 400);
    assert.equal(bad.body.errors[0].field, 'sort');
  });
});

test('one member shows their SCIM teams and their last sign-in', async () => {
  const [u] = await server.deps.db('users').where({ org_id: org.id }).orderBy('user_name').limit(1).select('id');
  const res = await server.as(org.ownerKey).get(`/v1/orgs/${org.slug}/members/${u!.id}`);
  assert.deepEqual(res.body.teams, { scim: [], lastSignIn: null });
});
