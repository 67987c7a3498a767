// The rest of the catalogue, each from the change that causes it: sessions opened and ended (with the
// reason), member roles, role bindings, IdP group mappings, API keys, invitations, login policies,
// SSO connections and an IdP certificate nearing expiry. Each event carries its resource and actor.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkCertificateExpiry } from '../../src/sso/certificate-watch.ts';
import { addPerson } from '../helpers/server.ts';
import { idpMetadata, makeKeyPair } from '../peers/saml-idp.ts';
import { createUser, patchOp, scimOrg } from '../scim/helpers.ts';
import { openTestSession } from '../sessions/open-session.ts';
import { eventsBed, subscribe } from './helpers.ts';

describe('catalogue coverage', () => {
  const bed = eventsBed();

  const ofType = (orgId: string, type: string) => bed.receiver.received.filter((r) => (r.event.organization as { id: string }).id === orgId && r.event.type === type).map((r) => r.event);
  const waitType = (orgId: string, type: string, n = 1) => bed.receiver.waitFor(() => ofType(orgId, type).length >= n);

  it('session.created and session.ended with the reason, in order for the person', async () => {
    const org = await scimOrg(bed.server);
    await subscribe(bed.server, org, bed.receiver, ['session.*', 'user.*']);
    const userId = await createUser(org.scim);
    const s1 = await openTestSession(bed.server, org.id, userId);
    const s2 = await openTestSession(bed.server, org.id, userId);
    assert.equal((await bed.server.as(s1.token).delete('/v1/me/sessions/' + s1.sessionId)).status, 200);
    assert.equal((await org.scim.patch(`/Users/${userId}`, patchOp({ op: 'replace', path: 'active', value: false }))).status < 300, true);
    await waitType(org.id, 'session.ended', 2);
    const created = ofType(org.id, 'session.created');
    assert.deepEqual(created.map((e) => e.subject.id).sort(), [s1.sessionId, s2.sessionId].sort());
    assert.equal((created[0]!.data.object as { userId: string }).userId, userId);
    const ended = ofType(org.id, 'session.ended');
    const reasons = Object.fromEntries(ended.map((e) => [e.subject.id, e.data.reason]));
    assert.deepEqual(reasons, { [s1.sessionId]: 'signed_out', [s2.sessionId]: 'scim_suspended' });
    assert.equal((ended.find((e) => e.subject.id === s2.sessionId)!.actor as { type: string }).type, 'scim_token', 'the actor of the suspension');
    // A person's events share one order key: the person's sessions end after they were opened, and after the suspension that ended them.
    const mine = bed.receiver.received.filter((r) => (r.event.organization as { id: string }).id === org.id).map((r) => r.event);
    const at = (pred: (e: (typeof mine)[number]) => boolean) => mine.findIndex(pred);
    assert.ok(at((e) => e.type === 'session.created' && e.subject.id === s2.sessionId) < at((e) => e.type === 'session.ended' && e.subject.id === s2.sessionId));
    assert.ok(at((e) => e.type === 'user.suspended') < at((e) => e.type === 'session.ended' && e.subject.id === s2.sessionId));
  });

  it('member roles, bindings, mappings, API keys, invitations, login policies and SSO connections', async () => {
    const org = await scimOrg(bed.server);
    await subscribe(bed.server, org, bed.receiver, ['*']);
    const as = bed.server.as(org.ownerKey);
    const person = await addPerson(bed.server, org, 'member');
    assert.equal((await as.patch(`/v1/orgs/${org.slug}/members/${person.userId}`).send({ role: 'contributor' })).status, 200);
    const mapping = await as.post(`/v1/orgs/${org.slug}/idp-groups`).send({ name: 'Platform' });
    assert.equal(mapping.status, 201, JSON.stringify(mapping.body));
    assert.equal((await as.patch(`/v1/orgs/${org.slug}/idp-groups/${mapping.body.id}`).send({ name: 'Platform Team' })).status, 200);
    const binding = await as.post(`/v1/orgs/${org.slug}/role-bindings`).send({ subject: { type: 'user', id: person.userId }, roleId: 'space-reader', spaceId: 'root' });
    assert.equal(binding.status, 201, JSON.stringify(binding.body));
    assert.equal((await as.delete(`/v1/orgs/${org.slug}/role-bindings/${binding.body.id}`)).status, 204);
    assert.equal((await as.delete(`/v1/orgs/${org.slug}/idp-groups/${mapping.body.id}`)).status, 204);
    const key = await as.post(`/v1/orgs/${org.slug}/api-keys`).send({ name: 'ci', kind: 'service', role: 'viewer' });
    assert.equal((await as.delete(`/v1/orgs/${org.slug}/api-keys/${key.body.id}`)).status, 204);
    const invited = await as.post(`/v1/orgs/${org.slug}/invitations`).send({ emails: 'new.person@example.com', role: 'viewer' });
    assert.equal(invited.status < 300, true, JSON.stringify(invited.body));
    const policy = await as.post(`/v1/orgs/${org.slug}/login-policies`).send({ name: 'p', body: 'package spacelift\nimport rego.v1\nallow if input.session.member\n' });
    assert.equal(policy.status, 201, JSON.stringify(policy.body));
    const idp = makeKeyPair('expiring-idp'); // valid for two days
    const conn = await as.post(`/v1/orgs/${org.slug}/sso-connections`).send({ name: 'okta', protocol: 'saml', saml: { metadataXml: idpMetadata('http://idp.example/exp', 'https://idp.example/sso', [idp.cert]) } });
    assert.equal(conn.status, 201, JSON.stringify(conn.body));
    assert.equal(await checkCertificateExpiry(bed.server.deps.db, [30, 7, 1]), 1);
    assert.equal(await checkCertificateExpiry(bed.server.deps.db, [30, 7, 1]), 0, 'announced once per threshold');
    assert.equal((await as.delete(`/v1/orgs/${org.slug}/sso-connections/${conn.body.id}`)).status, 204);

    const expected = ['member.role_changed', 'idp_group_mapping.created', 'idp_group_mapping.updated', 'idp_group_mapping.deleted', 'role_binding.created', 'role_binding.deleted',
      'api_key.created', 'api_key.revoked', 'invitation.created', 'login_policy.created', 'sso_connection.created', 'sso_connection.certificate_expiring', 'sso_connection.deleted'];
    await bed.receiver.waitFor(() => expected.every((t) => ofType(org.id, t).length > 0));
    const role = ofType(org.id, 'member.role_changed')[0]!;
    assert.deepEqual(role.data.changed, ['role']);
    assert.deepEqual(role.data.previous, { role: 'member' });
    assert.equal((role.data.object as { role: string }).role, 'contributor');
    const renamed = ofType(org.id, 'idp_group_mapping.updated')[0]!;
    assert.ok((renamed.data.changed as string[]).includes('name'));
    const revoked = ofType(org.id, 'api_key.revoked')[0]!;
    assert.deepEqual(revoked.data.changed, ['revokedAt']);
    assert.ok(!JSON.stringify(ofType(org.id, 'api_key.created')).includes(key.body.secret), 'never the secret');
    assert.equal((ofType(org.id, 'invitation.created')[0]!.data.object as { email: string }).email, 'new.person@example.com');
    const expiring = ofType(org.id, 'sso_connection.certificate_expiring')[0]!;
    assert.equal(expiring.subject.id, conn.body.id);
    assert.equal(expiring.data.daysLeft, 1);
    assert.ok(Date.parse(String(expiring.data.notAfter)) > Date.now());
    assert.equal((expiring.actor as { type: string }).type, 'system');
  });
});
