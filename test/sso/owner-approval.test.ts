// An SSO connection decides who people are, and admins may write connections (domain §2). So owners
// sign in only through connections whose identity settings an owner saved: otherwise an admin could
// point a connection at an IdP of their own and become an owner, by address or through an existing link.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { addPerson } from '../helpers/server.ts';
import { idpMetadata, makeKeyPair } from '../peers/saml-idp.ts';
import { createSamlConnection, IDP_ENTITY, newRequestId, postXml, samlEnv, signedResponse, spec, type SamlEnv } from './saml-support.ts';
import { auditOf } from './sso-helpers.ts';

let env: SamlEnv;
let admin: Awaited<ReturnType<typeof addPerson>>;
let owner: Awaited<ReturnType<typeof addPerson>>;
before(async () => {
  env = await samlEnv({ emailDomains: ['example.test'] });
  admin = await addPerson(env.server, env.org, 'admin', 'admin@corp.test');
  owner = await addPerson(env.server, env.org, 'owner', 'boss@corp.test');
});
after(() => env.server.close());

/** A sign-in through `conn` in which the IdP (whoever holds `key`) says the person is `email`. */
async function signInAs(conn: SamlEnv['conn'], email: string, key = env.idp.key) {
  const id = await newRequestId(env, conn.id);
  const xml = signedResponse({ ...env, idp: { ...env.idp, key } }, spec(env, { nameId: email, inResponseTo: id }, conn));
  return postXml(env, xml, conn);
}

const linksOf = (userId: string) => env.server.deps.db('sso_identities').where({ org_id: env.org.id, user_id: userId }).count('* as n').first().then((r) => Number(r!.n));

test('a connection an admin wrote cannot sign in an owner, by address; it still signs in others', async () => {
  const rogue = makeKeyPair('admins-own-idp');
  const conn = await createSamlConnection(env.server, { slug: env.org.slug, ownerKey: admin.key }, rogue, { emailDomains: ['corp.test'] });
  assert.equal(conn.ownerApproved, false);
  const res = await signInAs(conn, 'boss@corp.test', rogue.key);
  assert.equal(res.status, 403, JSON.stringify(res.body));
  assert.equal(res.body.reason, 'owner_not_approved');
  assert.equal(await linksOf(owner.userId), 0, 'the owner was not linked to the admin\'s IdP');
  assert.ok((await auditOf(env.server, env.org, 'sign_in.refused')).some((e) => e.details.reason === 'owner_not_approved'));
  const member = await addPerson(env.server, env.org, 'member', 'worker@corp.test');
  const ok = await signInAs(conn, 'worker@corp.test', rogue.key);
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.equal((await env.server.as(ok.body.token).get('/v1/me')).body.user.id, member.userId);
});

test('an owner\'s save approves it; an admin\'s change of identity settings withdraws that, even for a linked owner', async () => {
  const corpIdp = makeKeyPair('corp-idp');
  const conn = await createSamlConnection(env.server, { slug: env.org.slug, ownerKey: admin.key }, corpIdp, { emailDomains: ['corp.example'] });
  const boss = await addPerson(env.server, env.org, 'owner', 'ceo@corp.example');
  const approved = await env.server.as(owner.key).patch(`/v1/orgs/${env.org.slug}/sso-connections/${conn.id}`).send({});
  assert.equal(approved.status, 200, JSON.stringify(approved.body));
  assert.equal(approved.body.ownerApproved, true);
  const first = await signInAs(conn, 'ceo@corp.example', corpIdp.key);
  assert.equal(first.status, 200, JSON.stringify(first.body));
  assert.equal(await linksOf(boss.userId), 1);

  // A rename by an admin changes nothing about identity: owners may still sign in.
  const renamed = await env.server.as(admin.key).patch(`/v1/orgs/${env.org.slug}/sso-connections/${conn.id}`).send({ name: 'Corp SSO' });
  assert.equal(renamed.body.ownerApproved, true);
  // New certificates from an admin: the IdP may now be anyone's, so the owner's existing link no longer counts.
  const rogue = makeKeyPair('rogue');
  const swapped = await env.server.as(admin.key).patch(`/v1/orgs/${env.org.slug}/sso-connections/${conn.id}`)
    .send({ saml: { metadataXml: idpMetadata(IDP_ENTITY, 'https://idp.example.test/sso', [rogue.cert]) } });
  assert.equal(swapped.status, 200, JSON.stringify(swapped.body));
  assert.equal(swapped.body.ownerApproved, false);
  const again = await signInAs(conn, 'ceo@corp.example', rogue.key);
  assert.equal(again.status, 403, JSON.stringify(again.body));
  assert.equal(again.body.reason, 'owner_not_approved');
});
