// Acceptance through a real sign-in: the link from the mail leads to the organization's sign-in,
// the person signs in at a real OpenID provider with the invited address and becomes a member
// with the invited role; someone else signing in is refused and the invitation stays pending.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { inflateRawSync } from 'node:zlib';
import supertest from 'supertest';
import { createOrg } from '../helpers/server.ts';
import { b64, makeKeyPair, responseXml, sign } from '../peers/saml-idp.ts';
import { createSamlConnection, IDP_ENTITY, postAcs } from '../sso/saml-support.ts';
import { followToCallback, TestOp } from '../peers/oidc-op.ts';
import { getJson } from '../sso/sso-helpers.ts';
import { eventually, invite, linkPath, startMailTestBed, type MailTestBed } from '../mail/helpers/mail-server.ts';

describe('accepting through a real sign-in', () => {
  let bed: MailTestBed;
  let op: TestOp;
  let org: Awaited<ReturnType<typeof createOrg>>;
  before(async () => {
    bed = await startMailTestBed({ oidcAllowHttpIssuers: true });
    op = await new TestOp().start();
    org = await createOrg(bed.server);
    const res = await bed.server.as(org.ownerKey).post(`/v1/orgs/${org.slug}/sso-connections`).send({
      name: 'Test OP',
      protocol: 'oidc',
      emailDomains: ['example.test'],
      oidc: { issuer: op.issuer, clientId: op.clients[0]!.client_id, clientSecret: op.clients[0]!.client_secret },
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    op.clients[0]!.redirect_uris = [res.body.oidc.redirectUri];
    await op.restart();
  });
  after(async () => {
    await op.close();
    await bed.close();
  });

  /**
   * Opens the link from the mail and follows it through the OP. The test OP signs in whoever the
   * login hint names, so `asSomeoneElse` stands for a person picking another account at the IdP.
   */
  async function signInThroughLink(link: string, asSomeoneElse?: string) {
    const opened = await supertest(bed.server.url).get(linkPath(link)).redirects(0);
    assert.equal(opened.status, 302);
    const to = new URL(opened.headers.location!, bed.server.url);
    assert.equal(to.pathname, `/sso/${org.slug}/login`);
    if (asSomeoneElse) to.searchParams.set('email', asSomeoneElse);
    const started = await supertest(bed.server.url).get(to.pathname + to.search).set('Accept', 'application/json').redirects(0);
    assert.equal(started.status, 302, JSON.stringify(started.body));
    const callback = await followToCallback(started.headers.location!, op.issuer);
    return getJson(bed.server, callback);
  }

  it('makes the invited person a member with the invited role, and the invitation leaves the pending list', async () => {
    await invite(bed.server, org, org.ownerKey, { emails: 'New.Person@example.test', role: 'contributor' });
    const [mail] = await eventually(async () => bed.smtp.received.filter((m) => m.to.toLowerCase() === 'new.person@example.test'), (ms) => ms.length === 1);
    // The link's login hint keeps the invited spelling; the IdP answers with its own (lower case).
    op.users.set('New.Person@example.test', { email: 'new.person@example.test', email_verified: true, name: 'New Person' });
    const res = await signInThroughLink(mail!.link!);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const me = await bed.server.as(res.body.token).get('/v1/me');
    assert.equal(me.body.role, 'contributor');
    assert.equal(me.body.user.email.toLowerCase(), 'new.person@example.test');
    const pending = await bed.server.as(org.ownerKey).get(`/v1/orgs/${org.slug}/invitations`);
    assert.equal(pending.body.items.length, 0);
    const accepted = await bed.server.as(org.ownerKey).get(`/v1/orgs/${org.slug}/invitations?state=accepted`);
    assert.equal(accepted.body.items[0].acceptedUserId, me.body.user.id);
    const again = await supertest(bed.server.url).get(linkPath(mail!.link!)).set('Accept', 'text/html');
    assert.equal(again.status, 410, 'the link stops working');
  });

  it('refuses someone else signing in, and the invitation stays pending', async () => {
    await invite(bed.server, org, org.ownerKey, { emails: 'invited@example.test', role: 'viewer' });
    const [mail] = await eventually(async () => bed.smtp.received.filter((m) => m.to === 'invited@example.test'), (ms) => ms.length === 1);
    op.users.set('intruder@example.test', { email: 'intruder@example.test', email_verified: true, name: 'Intruder' });
    const res = await signInThroughLink(mail!.link!, 'intruder@example.test');
    assert.equal(res.status, 403, JSON.stringify(res.body));
    assert.equal(res.body.reason, 'not_admitted');
    assert.match(res.body.detail, /This invitation was sent to i•••@example\.test, but you signed in as intruder@example\.test/);
    const pending = await bed.server.as(org.ownerKey).get(`/v1/orgs/${org.slug}/invitations?email=invited@`);
    assert.deepEqual(pending.body.items.map((i: { email: string; state: string }) => [i.email, i.state]), [['invited@example.test', 'pending']]);
    assert.equal((await bed.server.as(org.ownerKey).get(`/v1/orgs/${org.slug}/members?search=intruder`)).body.items.length, 0);
    assert.equal((await supertest(bed.server.url).get(linkPath(mail!.link!))).status, 302, 'the link still works');
  });

  it('tells the person why when the link\'s invitation was withdrawn while they were at the IdP', async () => {
    const created = await invite(bed.server, org, org.ownerKey, { emails: 'withdrawn@example.test', role: 'viewer' });
    const [mail] = await eventually(async () => bed.smtp.received.filter((m) => m.to === 'withdrawn@example.test'), (ms) => ms.length === 1);
    op.users.set('withdrawn@example.test', { email: 'withdrawn@example.test', email_verified: true, name: 'Withdrawn' });
    const opened = await supertest(bed.server.url).get(linkPath(mail!.link!)).redirects(0);
    const started = await supertest(bed.server.url).get(opened.headers.location!).set('Accept', 'application/json').redirects(0);
    assert.equal(started.status, 302, JSON.stringify(started.body));
    await bed.server.as(org.ownerKey).delete(`/v1/orgs/${org.slug}/invitations/${created.results[0]!.invitation!.id}`).expect(204);
    const res = await getJson(bed.server, await followToCallback(started.headers.location!, op.issuer));
    assert.equal(res.status, 403, JSON.stringify(res.body));
    assert.match(res.body.detail, /withdrawn by an administrator/);
  });

  it('accepts the person\'s own invitation when they open someone else\'s link', async () => {
    await invite(bed.server, org, org.ownerKey, { emails: 'first@example.test, second@example.test', role: 'viewer' });
    const mails = await eventually(async () => bed.smtp.received.filter((m) => /^(first|second)@/.test(m.to)), (ms) => ms.length === 2);
    op.users.set('second@example.test', { email: 'second@example.test', email_verified: true, name: 'Second' });
    const res = await signInThroughLink(mails.find((m) => m.to === 'first@example.test')!.link!, 'second@example.test');
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const states = await bed.server.as(org.ownerKey).get(`/v1/orgs/${org.slug}/invitations?state=pending,accepted`);
    const byEmail = Object.fromEntries(states.body.items.filter((i: { email: string }) => /^(first|second)@/.test(i.email)).map((i: { email: string; state: string }) => [i.email, i.state]));
    assert.deepEqual(byEmail, { 'first@example.test': 'pending', 'second@example.test': 'accepted' });
  });

  it('refuses a sign-in start whose invitation is not a link secret, naming the field', async () => {
    const res = await supertest(bed.server.url).get(`/sso/${org.slug}/login?email=a@example.test&invitation=not-a-token`).set('Accept', 'application/json').redirects(0);
    assert.equal(res.status, 400);
    assert.equal(res.body.reason, 'invalid_invitation');
    assert.match(res.body.detail, /^invitation: /);
    assert.equal(await bed.server.deps.db('sso_login_states').where({ org_id: org.id }).whereNotNull('invitation_sealed').count('* as n').first().then((r) => Number(r!.n)), 0);
  });

  it('keeps the link\'s invitation through a SAML round trip', async () => {
    const idp = makeKeyPair('idp');
    const saml = await createSamlConnection(bed.server, org, idp);
    await invite(bed.server, org, org.ownerKey, { emails: 'saml.invited@example.test', role: 'contributor' });
    const [mail] = await eventually(async () => bed.smtp.received.filter((m) => m.to === 'saml.invited@example.test'), (ms) => ms.length === 1);
    const opened = await supertest(bed.server.url).get(linkPath(mail!.link!)).redirects(0);
    const start = new URL(opened.headers.location!, bed.server.url);
    start.searchParams.set('connection', saml.id);
    const respond = async (nameId: string) => {
      const started = await supertest(bed.server.url).get(start.pathname + start.search).set('Accept', 'application/json').redirects(0);
      assert.equal(started.status, 302, JSON.stringify(started.body));
      const request = inflateRawSync(Buffer.from(new URL(started.headers.location!).searchParams.get('SAMLRequest')!, 'base64')).toString();
      const xml = sign(responseXml({ issuer: IDP_ENTITY, audience: saml.saml.spEntityId, acsUrl: saml.saml.acsUrl, nameId, inResponseTo: /ID="([^"]+)"/.exec(request)![1]! }), { assertion: true, response: true }, { key: idp.key });
      return postAcs({ server: bed.server }, saml.saml.acsUrl, { SAMLResponse: b64(xml) });
    };
    const wrong = await respond('someone.else@example.test');
    assert.equal(wrong.status, 403, JSON.stringify(wrong.body));
    assert.match(wrong.body.detail, /sent to s•••@example\.test, but you signed in as someone\.else@example\.test/);
    const right = await respond('saml.invited@example.test');
    assert.equal(right.status, 200, JSON.stringify(right.body));
    assert.equal((await bed.server.as(right.body.token).get('/v1/me')).body.role, 'contributor');
  });

  it('accepts the invitation of a person provisioned after being invited, when they sign in', async () => {
    // Invited first; then the IdP provisions the person (here through the API) before they sign in.
    await invite(bed.server, org, org.ownerKey, { emails: 'known@example.test', role: 'contributor' });
    await eventually(async () => bed.smtp.received.filter((m) => m.to === 'known@example.test'), (ms) => ms.length === 1);
    const added = await bed.server.as(org.ownerKey).post(`/v1/orgs/${org.slug}/members`).send({ email: 'known@example.test', role: 'member' });
    assert.equal(added.status, 201);
    op.users.set('known@example.test', { email: 'known@example.test', email_verified: true, name: 'Known Person' });
    const started = await supertest(bed.server.url).get(`/sso/${org.slug}/login?email=known@example.test`).set('Accept', 'application/json').redirects(0);
    assert.equal(started.status, 302, JSON.stringify(started.body));
    const res = await getJson(bed.server, await followToCallback(started.headers.location!, op.issuer));
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const me = await bed.server.as(res.body.token).get('/v1/me');
    assert.equal(me.body.user.id, added.body.id, 'no second user');
    assert.equal(me.body.role, 'contributor');
    const accepted = await bed.server.as(org.ownerKey).get(`/v1/orgs/${org.slug}/invitations?state=accepted&email=known@`);
    assert.equal(accepted.body.items[0].acceptedUserId, added.body.id);
  });
});
