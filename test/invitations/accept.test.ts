// Acceptance through acceptInvitation, the hook the sign-in flow calls: the invited address (in
// any case) becomes a member with the invited role; another address is refused and the
// invitation stays pending.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import supertest from 'supertest';
import { acceptInvitation } from '../../src/invitations/accept.ts';
import { addPerson, createOrg } from '../helpers/server.ts';
import { eventually, invite, linkPath, startMailTestBed, type MailTestBed } from '../mail/helpers/mail-server.ts';

describe('accepting an invitation', () => {
  let bed: MailTestBed;
  before(async () => {
    bed = await startMailTestBed();
  });
  after(() => bed.close());

  const linkFor = async (email: string) => {
    const [mail] = await eventually(async () => bed.smtp.received.filter((m) => m.to.toLowerCase() === email.toLowerCase()), (ms) => ms.length > 0);
    return linkPath(mail!.link!).split('/').pop()!;
  };
  const accept = (orgId: string, email: string, opts: Parameters<typeof acceptInvitation>[3]) =>
    bed.server.deps.db.transaction((tx) => acceptInvitation(tx, orgId, email, opts));

  it('accepts when the person signs in with the invited address, in any case: member created, off the pending list, link dead', async () => {
    const org = await createOrg(bed.server);
    await bed.server.as(org.ownerKey).post(`/v1/orgs/${org.slug}/spaces`).send({ id: 'prod', name: 'Production', parentId: 'root' }).expect(201);
    const bindings = [{ roleId: 'space-writer', spaceId: 'root' }, { roleId: 'space-admin', spaceId: 'prod' }];
    await invite(bed.server, org, org.ownerKey, { emails: 'Dana@Example.org', role: 'contributor', bindings });
    const token = await linkFor('Dana@Example.org');
    const out = await accept(org.id, 'dana@EXAMPLE.ORG', { token, name: 'Dana Scully' });
    assert.equal(out.accepted, true);
    if (!out.accepted) return;
    assert.equal(out.role, 'contributor');
    assert.deepEqual(out.bindings, bindings);
    assert.deepEqual(out.skippedBindings, []);
    assert.equal(out.memberCreated, true);
    const bound = await bed.server.as(org.ownerKey).get(`/v1/orgs/${org.slug}/role-bindings?subjectType=user&subjectId=${out.userId}`);
    assert.deepEqual(bound.body.items.map((b: { roleSlug: string; spaceId: string }) => `${b.roleSlug}@${b.spaceId}`).sort(), ['space-admin@prod', 'space-writer@root']);

    const members = await bed.server.as(org.ownerKey).get(`/v1/orgs/${org.slug}/members?search=dana`);
    assert.deepEqual(members.body.items.map((m: { email: string; role: string; source: string; name: string }) => [m.email, m.role, m.source, m.name]), [['Dana@Example.org', 'contributor', 'invitation', 'Dana Scully']]);
    const pending = await bed.server.as(org.ownerKey).get(`/v1/orgs/${org.slug}/invitations`);
    assert.equal(pending.body.items.length, 0, 'the invitation left the pending list');
    const accepted = await bed.server.as(org.ownerKey).get(`/v1/orgs/${org.slug}/invitations?state=accepted`);
    assert.equal(accepted.body.items[0].acceptedUserId, out.userId);
    const link = await supertest(bed.server.url).get(`/invite/${token}`).set('Accept', 'text/html');
    assert.equal(link.status, 410);
    assert.match(link.text, /already accepted/);
    const twice = await accept(org.id, 'dana@example.org', { token });
    assert.deepEqual(twice.accepted ? null : twice.reason, 'already_accepted');
    const events = await bed.server.as(org.ownerKey).get(`/v1/orgs/${org.slug}/audit-events?action=invitation.accepted`);
    assert.equal(events.body.items.length, 1);
  });

  it('refuses another address clearly, and the invitation stays pending', async () => {
    const org = await createOrg(bed.server);
    await invite(bed.server, org, org.ownerKey, { emails: 'erin@example.org', role: 'viewer' });
    const token = await linkFor('erin@example.org');
    const out = await accept(org.id, 'mallory@example.org', { token });
    assert.equal(out.accepted, false);
    if (out.accepted) return;
    assert.equal(out.reason, 'email_mismatch');
    assert.match(out.message, /sent to e•••@example\.org, but you signed in as mallory@example\.org/);
    const pending = await bed.server.as(org.ownerKey).get(`/v1/orgs/${org.slug}/invitations`);
    assert.deepEqual(pending.body.items.map((i: { email: string; state: string }) => [i.email, i.state]), [['erin@example.org', 'pending']]);
    assert.equal((await supertest(bed.server.url).get(`/invite/${token}`)).status, 302, 'the link still works');
    assert.equal((await bed.server.as(org.ownerKey).get(`/v1/orgs/${org.slug}/members?search=mallory`)).body.items.length, 0);
  });

  it('accepts without the link when the invited address signs in, and never accepts for another organization', async () => {
    const org = await createOrg(bed.server);
    const other = await createOrg(bed.server);
    await invite(bed.server, org, org.ownerKey, { emails: 'fay@example.org', role: 'admin' });
    const token = await linkFor('fay@example.org');
    const elsewhere = await accept(other.id, 'fay@example.org', { token });
    assert.deepEqual(elsewhere.accepted ? null : elsewhere.reason, 'no_invitation');
    const noInvite = await accept(other.id, 'fay@example.org', {});
    assert.deepEqual(noInvite.accepted ? null : noInvite.reason, 'no_invitation');
    const out = await accept(org.id, 'FAY@example.org', {});
    assert.equal(out.accepted && out.role, 'admin');
  });

  it('raises an existing member to the invited role, never lowers one', async () => {
    const org = await createOrg(bed.server);
    const viewer = await addPerson(bed.server, org, 'viewer', 'gil@example.org');
    const admin = await addPerson(bed.server, org, 'admin', 'hal@example.org');
    // Members are "already_member" for new invitations; an invitation made before they joined still applies.
    await bed.server.deps.db('users').whereIn('id', [viewer.userId, admin.userId]).update({ email: null, user_name: bed.server.deps.db.raw(`'tmp-' || id`) });
    await invite(bed.server, org, org.ownerKey, { emails: 'gil@example.org, hal@example.org', role: 'contributor' });
    await bed.server.deps.db('users').where({ id: viewer.userId }).update({ email: 'gil@example.org' });
    await bed.server.deps.db('users').where({ id: admin.userId }).update({ email: 'hal@example.org' });
    const g = await accept(org.id, 'gil@example.org', {});
    const h = await accept(org.id, 'hal@example.org', {});
    assert.deepEqual([g.accepted && g.userId, g.accepted && g.role, g.accepted && g.memberCreated], [viewer.userId, 'contributor', false]);
    assert.deepEqual([h.accepted && h.userId, h.accepted && h.role], [admin.userId, 'admin']);
    const roles = await bed.server.as(org.ownerKey).get(`/v1/orgs/${org.slug}/members?role=contributor`);
    assert.deepEqual(roles.body.items.map((m: { id: string }) => m.id), [viewer.userId]);
  });

  it('refuses an expired or deleted invitation', async () => {
    const org = await createOrg(bed.server);
    const made = await invite(bed.server, org, org.ownerKey, { emails: 'ivy@example.org, jon@example.org' });
    const [ivy, jon] = made.results.map((r) => r.invitation!.id);
    const ivyToken = await linkFor('ivy@example.org');
    const jonToken = await linkFor('jon@example.org');
    await bed.server.deps.db('invitations').where({ id: ivy }).update({ expires_at: new Date(Date.now() - 1000) });
    await bed.server.as(org.ownerKey).delete(`/v1/orgs/${org.slug}/invitations/${jon}`).expect(204);
    const a = await accept(org.id, 'ivy@example.org', { token: ivyToken });
    const b = await accept(org.id, 'jon@example.org', { token: jonToken });
    assert.deepEqual([a.accepted ? null : a.reason, b.accepted ? null : b.reason], ['expired', 'revoked']);
    assert.equal((await bed.server.as(org.ownerKey).get(`/v1/orgs/${org.slug}/members?search=ivy`)).body.items.length, 0);
  });
});
