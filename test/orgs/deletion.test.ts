// Issue 13 item 5, domain §2: an owner deletes the organization, confirming with its slug; its
// credentials and sessions stop at once, its data is erased from every table (each table of the
// schema is searched for any trace of it), and its audit trail is kept for the retention.
import assert from 'node:assert/strict';
import type { Knex } from 'knex';
import { after, before, describe, test } from 'node:test';
import supertest from 'supertest';
import { addPerson, connectAsOwner, createOrg, startTestServer, type TestServer } from '../helpers/server.ts';
import { idpMetadata, makeKeyPair } from '../peers/saml-idp.ts';
import { scimClient } from '../scim/helpers.ts';
import { openTestSession } from '../sessions/open-session.ts';

let server: TestServer;
let owner: Knex;
before(async () => {
  server = await startTestServer();
  owner = connectAsOwner(server);
});
after(async () => {
  await owner.destroy();
  await server.close();
});

/** An organization with a row in as many tables as the API (or, for sign-in leftovers, SQL) can put one. */
async function populatedOrg() {
  const org = await createOrg(server);
  const o = server.as(org.ownerKey);
  const base = `/v1/orgs/${org.slug}`;
  const ownerPerson = await addPerson(server, org, 'owner');
  const viewer = await addPerson(server, org, 'viewer');
  const ok = (res: { status: number; body: unknown }, what: string) => {
    assert.ok(res.status < 300, `${what}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as Record<string, any>;
  };
  const serviceKey = ok(await o.post(`${base}/api-keys`).send({ name: 'ci', kind: 'service', role: 'viewer', teams: ['Platform'] }), 'api key');
  const scimToken = ok(await o.post(`${base}/scim-tokens`).send({ name: 'okta' }), 'scim token');
  const scim = scimClient(server, scimToken.secret);
  const scimUser = ok(await scim.post('/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'scim.person@example.org', emails: [{ value: 'scim.person@example.org', primary: true }] }), 'scim user');
  ok(await scim.post('/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Platform', members: [{ value: scimUser.id }] }), 'scim group');
  ok(await o.post(`${base}/spaces`).send({ id: 'prod', name: 'prod', parentId: 'root', inheritEntities: true }), 'space');
  const role = ok(await o.post(`${base}/roles`).send({ name: 'Deployer', slug: 'deployer', actions: ['run:trigger'] }), 'role');
  const mapping = ok(await o.post(`${base}/idp-groups`).send({ name: 'Platform' }), 'idp group');
  ok(await o.post(`${base}/role-bindings`).send({ subject: { type: 'idp_group', id: mapping.id }, roleId: role.id, spaceId: 'prod' }), 'binding');
  ok(await o.post(`${base}/role-bindings`).send({ subject: { type: 'user', id: viewer.userId }, roleId: 'space-reader', spaceId: 'prod' }), 'user binding');
  const policy = ok(await o.post(`${base}/login-policies`).send({ name: 'everyone', body: 'package spacelift\nallow { true }' }), 'policy');
  const idp = makeKeyPair('deleted-org-idp');
  const connection = ok(await o.post(`${base}/sso-connections`).send({
    name: 'Okta', protocol: 'saml', emailDomains: [`${org.slug}.example.org`],
    saml: { metadataXml: idpMetadata(`urn:${org.slug}`, 'https://idp.example.org/sso', [idp.cert]) },
  }), 'sso connection');
  ok(await o.post(`${base}/invitations`).send({ emails: 'invited@example.org', role: 'viewer' }), 'invitation');
  const session = await openTestSession(server, org.id, viewer.userId);
  const started = await supertest(server.url).get(`/sso/${org.slug}/login`).query({ connection: connection.id }).set('Accept', 'application/json').redirects(0);
  assert.ok(started.status < 400, `sign-in start: ${started.status}`);
  // What only a completed sign-in or an evaluation writes:
  await server.deps.db('sso_identities').insert({ org_id: org.id, connection_id: connection.id, subject: 'nameid-1', user_id: viewer.userId });
  await server.deps.db('saml_assertion_replay').insert({ org_id: org.id, connection_id: connection.id, assertion_id: '_a1', expires_at: new Date(Date.now() + 60_000) });
  await server.deps.db('login_policy_samples').insert({ org_id: org.id, policy_id: policy.id, policy_version: 1, input: '{}', output: '{}', duration_us: 1 });
  return { org, ownerPerson, viewer, serviceKey, scimToken, session, traces: [org.id, org.slug, ownerPerson.userId, viewer.userId, viewer.email, scimUser.id, 'scim.person@example.org', 'invited@example.org', connection.id, policy.id, role.id] };
}

/** Every table of the schema (so tables added later are searched too) and how many of its rows mention `needle`. */
async function rowsMentioning(needles: string[]): Promise<Record<string, number>> {
  const tables = (await owner('information_schema.tables').where({ table_schema: 'public', table_type: 'BASE TABLE' }).pluck('table_name')) as string[];
  assert.ok(tables.length >= 20, `found the schema's tables (${tables.length})`);
  const out: Record<string, number> = {};
  for (const t of tables) {
    const [row] = await owner.raw(`select count(*)::int as n from ${owner.client.wrapIdentifier(t)} x where ${needles.map(() => `strpos(lower(x::text), lower(?)) > 0`).join(' or ')}`, needles).then((r) => r.rows);
    out[t] = row.n;
  }
  return out;
}

describe('deleting an organization', () => {
  test('is for owners only, and the confirmation must be its slug', async () => {
    const org = await createOrg(server);
    const admin = await addPerson(server, org, 'admin');
    const asAdmin = await server.as(admin.key).delete(`/v1/orgs/${org.slug}`).send({ confirm: org.slug });
    assert.equal(asAdmin.status, 403);
    const wrong = await server.as(org.ownerKey).delete(`/v1/orgs/${org.slug}`).send({ confirm: 'default' });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.body.errors[0].field, 'confirm');
    const missing = await server.as(org.ownerKey).delete(`/v1/orgs/${org.slug}`).send({});
    assert.equal(missing.status, 400);
    assert.equal(missing.body.errors[0].field, 'confirm');
    const other = await createOrg(server);
    assert.equal((await server.as(other.ownerKey).delete(`/v1/orgs/${org.slug}`).send({ confirm: org.slug })).status, 404);
    assert.equal((await server.as(org.ownerKey).get(`/v1/orgs/${org.slug}`)).status, 200, 'still there');
  });

  test('ends its keys and sessions, erases it from every table, and keeps its audit trail', async () => {
    const { org, ownerPerson, viewer, serviceKey, scimToken, session, traces } = await populatedOrg();
    const bystander = await createOrg(server);
    const before = await rowsMentioning(traces);
    const seeded = Object.entries(before).filter(([, n]) => n > 0).map(([t]) => t);
    for (const t of ['users', 'groups', 'group_members', 'api_keys', 'scim_tokens', 'spaces', 'roles', 'idp_group_mappings', 'role_bindings', 'login_policies', 'login_policy_samples', 'sso_connections', 'sso_identities', 'sso_login_states', 'saml_assertion_replay', 'sessions', 'invitations', 'mail_outbox', 'access_versions', 'audit_events']) {
      assert.ok(seeded.includes(t), `the test put a row of the organization in ${t}`);
    }
    assert.equal((await server.as(viewer.key).get('/v1/me')).status, 200);

    const res = await server.as(ownerPerson.key).delete(`/v1/orgs/${org.slug}`).send({ confirm: org.slug });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.organization.id, org.id);
    assert.deepEqual(res.body.erased, { members: 3, groups: 1, apiKeys: 2 + 2, scimTokens: 1, liveSessions: 1, ssoConnections: 1, invitations: 1 });
    assert.equal(res.body.auditTrail.kept, true);

    // Every credential of the organization stops at once.
    for (const key of [org.ownerKey, ownerPerson.key, viewer.key, serviceKey.secret, session.token]) {
      assert.equal((await server.as(key).get('/v1/me')).status, 401);
    }
    assert.equal((await scimClient(server, scimToken.secret).get('/Users')).status, 401);
    const introspected = await server.as(bystander.ownerKey).post('/v1/sessions/introspect').send({ token: session.token });
    assert.equal(introspected.body.active, false);

    // Nothing of it remains anywhere but in the audit trail, which ends with the deletion.
    const afterwards = await rowsMentioning(traces);
    const left = Object.entries(afterwards).filter(([t, n]) => n > 0 && t !== 'audit_events');
    assert.deepEqual(left, [], 'no table but audit_events mentions the deleted organization');
    const trail = await owner('audit_events').where('org_id', org.id).orderBy('id');
    assert.equal(trail.length, res.body.auditTrail.events);
    assert.equal(trail.at(-1).action, 'organization.deleted');
    assert.equal(trail.at(-1).actor_id, ownerPerson.userId);
    assert.equal(trail.at(-1).details.erased.members, 3);

    // Other organizations are untouched, and the slug is free again, for an organization with nothing of the old one.
    assert.equal((await server.as(bystander.ownerKey).get(`/v1/orgs/${bystander.slug}`)).status, 200);
    const again = await createOrg(server, org.slug);
    assert.notEqual(again.id, org.id);
    const members = await server.as(again.ownerKey).get(`/v1/orgs/${org.slug}/members`);
    assert.deepEqual(members.body.items, []);
  });

  test('a change in flight when the organization goes either lands before the deletion or finds it gone', async () => {
    for (let round = 0; round < 5; round++) {
      const org = await createOrg(server);
      const o = server.as(org.ownerKey);
      const writes = Array.from({ length: 6 }, (_, i) => o.post(`/v1/orgs/${org.slug}/members`).send({ email: `racer${i}-${round}@example.org` }));
      const [deleted, ...rest] = await Promise.all([o.delete(`/v1/orgs/${org.slug}`).send({ confirm: org.slug }), ...writes]);
      assert.equal(deleted.status, 200, JSON.stringify(deleted.body));
      for (const r of rest) assert.ok([201, 401, 404].includes(r.status), `round ${round}: ${r.status} ${JSON.stringify(r.body)}`);
      assert.equal(Number((await owner('users').where('org_id', org.id).count<{ n: number }[]>('* as n'))[0]!.n), 0, `round ${round}: nobody added after the deletion`);
    }
  });
});
