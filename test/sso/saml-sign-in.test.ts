// SAML sign-in: metadata import, SP metadata, SP-initiated round trips (own signer and samlify),
// signing configurations, IdP-initiated handling, return_to, attributes and teams.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import samlify from 'samlify';
import supertest from 'supertest';
import { addPerson } from '../helpers/server.ts';
import { b64 } from '../peers/saml-idp.ts';
import { auditOf } from './sso-helpers.ts';
import { createSamlConnection, IDP_ENTITY, newRequestId, postAcs, postXml, samlEnv, sessionCount, signedResponse, spec, type SamlEnv } from './saml-support.ts';

let env: SamlEnv;
before(async () => {
  env = await samlEnv({ emailDomains: ['example.test'] });
});
after(() => env.server.close());

test('a provisioned member signs in SP-initiated; groups and name come from the signed assertion', async () => {
  const p = await addPerson(env.server, env.org, 'member', 'alice@example.test');
  const id = await newRequestId(env, env.conn.id, '/projects/1');
  const res = await postXml(env, signedResponse(env, spec(env, { nameId: 'alice@example.test', inResponseTo: id, attributes: { groups: ['eng', 'ops'], name: ['Alice A'] } })));
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.equal(res.body.returnTo, '/projects/1');
  const me = await env.server.as(res.body.token).get('/v1/me');
  assert.equal(me.body.user.id, p.userId);
  assert.deepEqual(me.body.teams, ['eng', 'ops']);
  assert.equal(me.body.user.name, 'Alice A');
});

test('a returning person\'s sign-in writes its session and its audit record together', async () => {
  const p = await addPerson(env.server, env.org, 'viewer', 'again@example.test');
  const signIn = async () => {
    const id = await newRequestId(env, env.conn.id);
    const res = await postXml(env, signedResponse(env, spec(env, { nameId: 'again@example.test', inResponseTo: id, attributes: { name: ['Again'] } })));
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body as { sessionId: string; token: string };
  };
  await signIn(); // links the identity and syncs the name
  const second = await signIn(); // nothing to link, accept or update
  const records = (await auditOf(env.server, env.org, 'session.created')).filter((e) => e.target.id === second.sessionId);
  assert.equal(records.length, 1, 'one session.created record for the returning sign-in');
  assert.deepEqual([records[0]!.after.userId, records[0]!.details.via, records[0]!.actor.type], [p.userId, 'member', 'session']);
});

test('a browser gets a session cookie and a 303 to return_to', async () => {
  await addPerson(env.server, env.org, 'member', 'cookie@example.test');
  const id = await newRequestId(env, env.conn.id, 'https://app.example.test/home');
  const xml = signedResponse(env, spec(env, { nameId: 'cookie@example.test', inResponseTo: id }));
  const u = new URL(env.conn.saml.acsUrl);
  const res = await supertest(env.server.url).post(u.pathname).type('form').set('Accept', 'text/html').send({ SAMLResponse: b64(xml) }).redirects(0);
  assert.equal(res.status, 303);
  assert.equal(res.headers.location, 'https://app.example.test/home');
  assert.match(String(res.headers['set-cookie']), /gatehouse_session=eyJ.*HttpOnly/);
});

test('samlify, an independent IdP implementation, interoperates', async () => {
  await addPerson(env.server, env.org, 'member', 'samlify@example.test');
  const idp = samlify.IdentityProvider({
    entityID: IDP_ENTITY, signingCert: env.idp.cert, privateKey: env.idp.key,
    nameIDFormat: ['urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress'],
    singleSignOnService: [{ Binding: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect', Location: 'https://idp.example.test/sso' }],
    singleLogoutService: [{ Binding: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect', Location: 'https://idp.example.test/slo' }],
  });
  const sp = samlify.ServiceProvider({
    entityID: env.conn.saml.spEntityId, wantAssertionsSigned: true, wantMessageSigned: true,
    assertionConsumerService: [{ Binding: 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST', Location: env.conn.saml.acsUrl }],
  });
  const id = await newRequestId(env, env.conn.id);
  const out = (await idp.createLoginResponse(sp, { extract: { request: { id } } }, 'post', { email: 'samlify@example.test' })) as { context: string };
  const res = await postAcs(env, env.conn.saml.acsUrl, { SAMLResponse: out.context });
  assert.equal(res.status, 200, JSON.stringify(res.body));
});

test('SP metadata names our entity id, ACS and (when set) the encryption certificate', async () => {
  const res = await supertest(env.server.url).get(new URL(env.conn.saml.metadataUrl).pathname);
  assert.equal(res.status, 200);
  assert.match(res.text, new RegExp(`entityID="${env.conn.saml.spEntityId}"`));
  assert.match(res.text, new RegExp(`Location="${env.conn.saml.acsUrl}"`));
});

test('an assertion-only signature is accepted only where the connection does not require a signed Response', async () => {
  await addPerson(env.server, env.org, 'member', 'entra@example.test');
  const id1 = await newRequestId(env, env.conn.id);
  const strict = await postXml(env, signedResponse(env, spec(env, { nameId: 'entra@example.test', inResponseTo: id1 }), { assertion: true, response: false }));
  assert.equal(strict.status, 400);
  assert.equal(strict.body.reason, 'invalid_signature');

  const lax = await createSamlConnection(env.server, env.org, env.idp, { saml: { wantResponseSigned: false } });
  const id2 = await newRequestId(env, lax.id);
  const ok = await postXml(env, signedResponse(env, spec(env, { nameId: 'entra@example.test', inResponseTo: id2 }, lax), { assertion: true, response: false }), lax);
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
});

test('IdP-initiated sign-in is redirected into SP-initiated by default, and accepted where allowed', async () => {
  await addPerson(env.server, env.org, 'member', 'unsolicited@example.test');
  const before = await sessionCount(env);
  const res = await postXml(env, signedResponse(env, spec(env, { nameId: 'unsolicited@example.test' })), env.conn, '/dash');
  assert.equal(res.status, 303);
  assert.equal(res.headers.location, `${env.conn.saml.acsUrl.replace(/saml\/.*$/, 'login')}?connection=${env.conn.id}&return_to=%2Fdash`);
  assert.equal(await sessionCount(env), before);
  assert.ok((await auditOf(env.server, env.org, 'sign_in.refused')).some((e) => e.details.reason === 'idp_initiated_refused'));

  const open = await createSamlConnection(env.server, env.org, env.idp, { allowIdpInitiated: true });
  const ok = await postXml(env, signedResponse(env, spec(env, { nameId: 'unsolicited@example.test' }, open)), open, 'https://evil.example/');
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.equal(ok.body.returnTo, '/', 'a RelayState outside the allowlist is dropped');
});

test('just-in-time: an unknown person with a team that has a binding is created once; an unknown person without is refused', async () => {
  const { setLoginHooks } = await import('../../src/sso/login-hooks.ts');
  const restore = setLoginHooks({ teamsHaveBinding: async (_db, _org, teams) => teams.includes('bound-team') });
  try {
    const id1 = await newRequestId(env, env.conn.id);
    const ok = await postXml(env, signedResponse(env, spec(env, { nameId: 'new@example.test', inResponseTo: id1, attributes: { groups: ['bound-team'] } })));
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    const id2 = await newRequestId(env, env.conn.id);
    assert.equal((await postXml(env, signedResponse(env, spec(env, { nameId: 'new@example.test', inResponseTo: id2, attributes: { groups: ['bound-team'] } })))).status, 200);
    const users = await env.server.deps.db('users').where({ org_id: env.org.id, email: 'new@example.test' });
    assert.equal(users.length, 1, 'never a duplicate');
    assert.equal(users[0].source, 'sso');
    const id3 = await newRequestId(env, env.conn.id);
    const no = await postXml(env, signedResponse(env, spec(env, { nameId: 'stranger@example.test', inResponseTo: id3, attributes: { groups: ['other'] } })));
    assert.equal(no.status, 403);
    assert.equal(no.body.reason, 'not_admitted');
  } finally {
    restore();
  }
});

test('a suspended member is refused, audited', async () => {
  const p = await addPerson(env.server, env.org, 'viewer', 'sus@example.test');
  await env.server.as(env.org.ownerKey).patch(`/v1/orgs/${env.org.slug}/members/${p.userId}`).send({ active: false });
  const id = await newRequestId(env, env.conn.id);
  const res = await postXml(env, signedResponse(env, spec(env, { nameId: 'sus@example.test', inResponseTo: id })));
  assert.equal(res.status, 403);
  assert.equal(res.body.reason, 'suspended');
});

test('login_policy without a policy admits members by the default rule; break-glass owners always', async () => {
  const owner = await addPerson(env.server, env.org, 'owner', 'boss@example.test');
  await env.server.as(env.org.ownerKey).patch(`/v1/orgs/${env.org.slug}`).send({ managementStrategy: 'login_policy' });
  try {
    const id = await newRequestId(env, env.conn.id);
    const res = await postXml(env, signedResponse(env, spec(env, { nameId: 'boss@example.test', inResponseTo: id })));
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const intro = await env.server.as(env.org.ownerKey).post('/v1/sessions/introspect').send({ token: res.body.token });
    assert.equal(intro.body.sub, owner.userId);
    assert.equal(intro.body.admin, true);
  } finally {
    await env.server.as(env.org.ownerKey).patch(`/v1/orgs/${env.org.slug}`).send({ managementStrategy: 'user_management' });
  }
});

test('user_management admission through the access module: an unknown person whose team has a role binding gets in', async () => {
  const as = env.server.as(env.org.ownerKey);
  const mapping = await as.post(`/v1/orgs/${env.org.slug}/idp-groups`).send({ name: 'Platform', externalId: 'grp-42' });
  assert.equal(mapping.status, 201, JSON.stringify(mapping.body));
  const binding = await as.post(`/v1/orgs/${env.org.slug}/role-bindings`).send({ subject: { type: 'idp_group', id: mapping.body.id }, roleId: 'space-reader', spaceId: 'root' });
  assert.equal(binding.status, 201, JSON.stringify(binding.body));
  const id1 = await newRequestId(env, env.conn.id);
  const ok = await postXml(env, signedResponse(env, spec(env, { nameId: 'joiner@example.test', inResponseTo: id1, attributes: { groups: ['grp-42'] } })));
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  const id2 = await newRequestId(env, env.conn.id);
  const no = await postXml(env, signedResponse(env, spec(env, { nameId: 'drifter@example.test', inResponseTo: id2, attributes: { groups: ['grp-unbound'] } })));
  assert.equal(no.body.reason, 'not_admitted');
});

test('an invited person signs in with the invited address: a member with the invited role, the invitation accepted', async () => {
  const inv = await env.server.as(env.org.ownerKey).post(`/v1/orgs/${env.org.slug}/invitations`).send({ emails: 'invitee@example.test', role: 'contributor' });
  assert.ok(inv.status === 201 || inv.status === 200, JSON.stringify(inv.body));
  const id = await newRequestId(env, env.conn.id);
  const res = await postXml(env, signedResponse(env, spec(env, { nameId: 'invitee@example.test', inResponseTo: id, attributes: { name: ['Invi Tee'] } })));
  assert.equal(res.status, 200, JSON.stringify(res.body));
  const me = await env.server.as(res.body.token).get('/v1/me');
  assert.equal(me.body.role, 'contributor');
  assert.equal(me.body.user.email, 'invitee@example.test');
  assert.equal((await auditOf(env.server, env.org, 'invitation.accepted')).length, 1);
  const again = await newRequestId(env, env.conn.id);
  assert.equal((await postXml(env, signedResponse(env, spec(env, { nameId: 'invitee@example.test', inResponseTo: again })))).status, 200, 'a member now, no invitation needed');
});

test('two simultaneous first sign-ins of one person create one user', async () => {
  const { setLoginHooks } = await import('../../src/sso/login-hooks.ts');
  const restore = setLoginHooks({ teamsHaveBinding: async () => true });
  try {
    const responses = await Promise.all([1, 2, 3].map(async () =>
      signedResponse(env, spec(env, { nameId: 'race@example.test', inResponseTo: await newRequestId(env, env.conn.id), attributes: { groups: ['g'] } }))));
    const results = await Promise.all(responses.map((xml) => postXml(env, xml)));
    assert.deepEqual(results.map((r) => r.status), [200, 200, 200], JSON.stringify(results.map((r) => r.body)));
    assert.equal((await env.server.deps.db('users').where({ org_id: env.org.id, email: 'race@example.test' })).length, 1);
  } finally {
    restore();
  }
});

test('certificate rollover: with the current and next certificates configured, responses signed by either are accepted', async () => {
  const { makeKeyPair, sign, responseXml } = await import('../peers/saml-idp.ts');
  const nextKey = makeKeyPair('idp-next');
  const both = await createSamlConnection(env.server, env.org, env.idp, { saml: { certificates: [env.idp.cert, nextKey.cert] } });
  await addPerson(env.server, env.org, 'member', 'roll@example.test');
  for (const key of [env.idp.key, nextKey.key]) {
    const id = await newRequestId(env, both.id);
    const res = await postXml(env, sign(responseXml(spec(env, { nameId: 'roll@example.test', inResponseTo: id }, both)), { assertion: true, response: true }, { key }), both);
    assert.equal(res.status, 200, JSON.stringify(res.body));
  }
  const id = await newRequestId(env, env.conn.id);
  const old = await postXml(env, sign(responseXml(spec(env, { nameId: 'roll@example.test', inResponseTo: id })), { assertion: true, response: true }, { key: nextKey.key }));
  assert.equal(old.body.reason, 'invalid_signature', 'a connection with only the old certificate refuses the new key');
});

test('Entra SAML group overage (groups.link instead of groups) falls back to SCIM teams, recorded on the session', async () => {
  const p = await addPerson(env.server, env.org, 'member', 'overage@example.test');
  const db = env.server.deps.db;
  const [g] = await db('groups').insert({ org_id: env.org.id, display_name: 'SCIM team', external_id: 'scim-ov' }).returning('id');
  await db('group_members').insert({ org_id: env.org.id, group_id: g.id, user_id: p.userId });
  const id = await newRequestId(env, env.conn.id);
  const res = await postXml(env, signedResponse(env, spec(env, {
    nameId: 'overage@example.test', inResponseTo: id,
    attributes: { 'http://schemas.microsoft.com/claims/groups.link': ['https://graph.windows.net/tenant/users/x/getMemberObjects'] },
  })));
  assert.equal(res.status, 200, JSON.stringify(res.body));
  const mine = await env.server.as(res.body.token).get('/v1/me/sessions');
  assert.equal(mine.body.items[0].teamsSource, 'scim_fallback_overage');
  assert.deepEqual(mine.body.items[0].teams, ['SCIM team']);
  const created = await auditOf(env.server, env.org, 'session.created');
  assert.equal(created[created.length - 1]!.details.groupsOverage, true);
});
