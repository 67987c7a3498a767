// Inviting: a result per address, one mail per invited address with a working link, the owner
// rule, bad input, and isolation between organizations.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import supertest from 'supertest';
import { addPerson, createOrg } from '../helpers/server.ts';
import { eventually, invite, linkPath, startMailTestBed, type MailTestBed } from '../mail/helpers/mail-server.ts';

describe('inviting people', () => {
  let bed: MailTestBed;
  before(async () => {
    bed = await startMailTestBed();
  });
  after(() => bed.close());

  it('invites a comma-separated list: trimmed, de-duplicated, a result per address, one mail each with a working link', async () => {
    const org = await createOrg(bed.server);
    const member = await addPerson(bed.server, org, 'viewer', 'Already@Example.org');
    const body = await invite(bed.server, org, org.ownerKey, {
      emails: ' ann@example.org, BOB@example.org ,bob@EXAMPLE.org,, not-an-address, already@example.org,carl@example.org',
      role: 'contributor',
    });
    assert.deepEqual(
      body.results.map((r) => [r.email, r.result]),
      [
        ['ann@example.org', 'invited'],
        ['BOB@example.org', 'invited'],
        ['not-an-address', 'invalid'],
        ['already@example.org', 'already_member'],
        ['carl@example.org', 'invited'],
      ],
    );
    assert.match(body.results[2]!.reason!, /not a valid email/);
    assert.deepEqual(body.summary, { invited: 3, already_member: 1, already_invited: 0, invalid: 1 });
    assert.ok(member.userId);

    const mails = await bed.smtp.waitFor(3);
    await new Promise((r) => setTimeout(r, 300)); // nothing more arrives
    const ours = bed.smtp.received.filter((m) => /ann@|bob@|carl@/i.test(m.to));
    assert.equal(ours.length, 3, 'one mail per invited address');
    assert.deepEqual(ours.map((m) => m.to.toLowerCase()).sort(), ['ann@example.org', 'bob@example.org', 'carl@example.org']);
    for (const m of mails.slice(0, 3)) {
      assert.ok(m.link, 'the mail carries an invitation link');
      assert.match(m.text, new RegExp(`Org ${org.slug}`));
      assert.match(m.text, /as a contributor/);
      assert.match(m.text, /expires on \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
      assert.match(m.html, /Accept the invitation/);
      const res = await supertest(bed.server.url).get(linkPath(m.link!));
      assert.equal(res.status, 302);
      const to = new URL(res.headers.location!, 'http://x');
      assert.equal(to.pathname, `/sso/${org.slug}/login`);
      assert.equal(to.searchParams.get('email')!.toLowerCase(), m.to.toLowerCase());
      assert.equal(to.searchParams.get('invitation'), linkPath(m.link!).split('/').pop());
    }

    const again = await invite(bed.server, org, org.ownerKey, { emails: 'ann@example.org', role: 'viewer' });
    assert.equal(again.results[0]!.result, 'already_invited', 'a second invitation to a pending address is refused');
    assert.ok((again.results[0] as { invitationId?: string }).invitationId);

    const list = await bed.server.as(org.ownerKey).get(`/v1/orgs/${org.slug}/invitations`);
    assert.equal(list.status, 200);
    assert.equal(list.body.items.length, 3);
    const sent = await eventually(
      async () => (await bed.server.as(org.ownerKey).get(`/v1/orgs/${org.slug}/invitations`)).body.items as { delivery: string; state: string; sentAt: string | null }[],
      (items) => items.every((i) => i.delivery === 'sent'),
    );
    assert.ok(sent.every((i) => i.state === 'pending' && i.sentAt));
  });

  it('escapes the organization name and the inviter in the HTML mail, and names the person who invited', async () => {
    const org = await createOrg(bed.server);
    await bed.server.as(org.ownerKey).patch(`/v1/orgs/${org.slug}`).send({ name: '<b>Acme</b> & "Co"' }).expect(200);
    const admin = await addPerson(bed.server, org, 'admin', 'alice.admin@example.org');
    const before = bed.smtp.received.length;
    await invite(bed.server, org, admin.key, { emails: 'escape-me@example.org', role: 'admin' });
    const [mail] = (await bed.smtp.waitFor(before + 1)).slice(before);
    assert.match(mail!.html, /&#60;b&#62;Acme&#60;\/b&#62; &#38; &#34;Co&#34;/);
    assert.doesNotMatch(mail!.html, /<b>Acme<\/b>/);
    assert.match(mail!.text, /alice\.admin@example\.org invited you to join <b>Acme<\/b> & "Co"/);
    assert.match(mail!.subject, /alice\.admin@example\.org invited you to join/);
    assert.match(mail!.text, /as an admin/);
  });

  it('lets only owners invite owners; admins invite up to admin; others not at all', async () => {
    const org = await createOrg(bed.server);
    const admin = await addPerson(bed.server, org, 'admin');
    const contributor = await addPerson(bed.server, org, 'contributor');
    const refused = await bed.server.as(admin.key).post(`/v1/orgs/${org.slug}/invitations`).send({ emails: 'would-be-owner@example.org', role: 'owner' });
    assert.equal(refused.status, 403);
    assert.match(refused.body.detail, /only an owner may invite an owner/);
    assert.equal((await invite(bed.server, org, admin.key, { emails: 'new-admin@example.org', role: 'admin' })).summary.invited, 1);
    assert.equal((await invite(bed.server, org, org.ownerKey, { emails: 'new-owner@example.org', role: 'owner' })).summary.invited, 1);
    const byContributor = await bed.server.as(contributor.key).post(`/v1/orgs/${org.slug}/invitations`).send({ emails: 'x@example.org' });
    assert.equal(byContributor.status, 403);
    const list = await bed.server.as(org.ownerKey).get(`/v1/orgs/${org.slug}/invitations`);
    assert.deepEqual(list.body.items.map((i: { email: string }) => i.email).sort(), ['new-admin@example.org', 'new-owner@example.org']);
  });

  // Issue 13 item 3, domain §2: invitations (address, role, bindings, inviter) are for those who
  // manage and invite users, not for every member.
  it('lets only owners and admins read invitations; every other role gets 403 on the list and on one', async () => {
    const org = await createOrg(bed.server);
    const made = await invite(bed.server, org, org.ownerKey, { emails: 'secret-hire@example.org', role: 'admin' });
    const id = made.results[0]!.invitation!.id;
    for (const role of ['admin', 'owner']) {
      const p = await addPerson(bed.server, org, role);
      assert.equal((await bed.server.as(p.key).get(`/v1/orgs/${org.slug}/invitations`)).status, 200, role);
      assert.equal((await bed.server.as(p.key).get(`/v1/orgs/${org.slug}/invitations/${id}`)).status, 200, role);
    }
    for (const role of ['contributor', 'viewer', 'viewer_no_secrets', 'member']) {
      const p = await addPerson(bed.server, org, role);
      const list = await bed.server.as(p.key).get(`/v1/orgs/${org.slug}/invitations`);
      assert.equal(list.status, 403, role);
      assert.doesNotMatch(JSON.stringify(list.body), /secret-hire/, role);
      const one = await bed.server.as(p.key).get(`/v1/orgs/${org.slug}/invitations/${id}`);
      assert.equal(one.status, 403, role);
      assert.doesNotMatch(JSON.stringify(one.body), /secret-hire/, role);
    }
    // A service key with a role below admin is refused the same way.
    const key = await bed.server.as(org.ownerKey).post(`/v1/orgs/${org.slug}/api-keys`).send({ name: 'reader', kind: 'service', role: 'viewer' });
    assert.equal((await bed.server.as(key.body.secret).get(`/v1/orgs/${org.slug}/invitations`)).status, 403);
  });

  it('answers bad input with 400 naming the field, and writes nothing', async () => {
    const org = await createOrg(bed.server);
    const cases: [unknown, string][] = [
      [{ role: 'admin' }, 'emails'],
      [{ emails: 42 }, 'emails'],
      [{ emails: ' , ,' }, 'emails'],
      [{ emails: 'a@example.org', role: 'superuser' }, 'role'],
      [{ emails: 'a@example.org', bindings: [{ roleId: 'space-reader' }] }, 'bindings.0.spaceId'],
      [{ emails: 'a@example.org', bindings: 'all' }, 'bindings'],
      [{ emails: 'a@example.org', colour: 'blue' }, 'colour'],
    ];
    for (const [body, field] of cases) {
      const res = await bed.server.as(org.ownerKey).post(`/v1/orgs/${org.slug}/invitations`).send(body as object);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.ok(res.body.errors.some((e: { field: string }) => e.field === field), `${JSON.stringify(body)} → ${JSON.stringify(res.body.errors)}`);
    }
    for (const [bindings, field] of [
      [[{ roleId: 'no-such-role', spaceId: 'root' }], 'bindings.0.roleId'],
      [[{ roleId: 'space-reader', spaceId: 'root' }, { roleId: 'space-writer', spaceId: 'nowhere' }], 'bindings.1.spaceId'],
    ] as const) {
      const res = await bed.server.as(org.ownerKey).post(`/v1/orgs/${org.slug}/invitations`).send({ emails: 'a@example.org', bindings });
      assert.equal(res.status, 400);
      assert.deepEqual(res.body.errors.map((e: { field: string }) => e.field), [field]);
    }
    const tooMany = Array.from({ length: 1001 }, (_, i) => `n${i}@example.org`).join(',');
    const res = await bed.server.as(org.ownerKey).post(`/v1/orgs/${org.slug}/invitations`).send({ emails: tooMany });
    assert.equal(res.status, 400);
    assert.equal(res.body.errors[0].field, 'emails');
    const badQuery = await bed.server.as(org.ownerKey).get(`/v1/orgs/${org.slug}/invitations?state=sleeping`);
    assert.equal(badQuery.status, 400);
    assert.equal(badQuery.body.errors[0].field, 'state.0');
    const list = await bed.server.as(org.ownerKey).get(`/v1/orgs/${org.slug}/invitations?state=queued,pending,expired,accepted,revoked`);
    assert.equal(list.body.items.length, 0);
    const outbox = await bed.server.deps.db('mail_outbox').where('org_id', org.id).count<{ count: number }[]>('* as count');
    assert.equal(Number(outbox[0]!.count), 0);
  });

  it("keeps organizations apart: another organization's invitations answer 404", async () => {
    const a = await createOrg(bed.server);
    const b = await createOrg(bed.server);
    const made = await invite(bed.server, b, b.ownerKey, { emails: 'only-b@example.org' });
    const id = made.results[0]!.invitation!.id;
    const asA = bed.server.as(a.ownerKey);
    assert.equal((await asA.get(`/v1/orgs/${b.slug}/invitations`)).status, 404);
    assert.equal((await asA.post(`/v1/orgs/${b.slug}/invitations`).send({ emails: 'x@example.org' })).status, 404);
    assert.equal((await asA.post(`/v1/orgs/${b.slug}/invitations/${id}/resend`)).status, 404);
    assert.equal((await asA.delete(`/v1/orgs/${b.slug}/invitations/${id}`)).status, 404);
    // Through its own path, A cannot reach B's invitation by id either.
    assert.equal((await asA.post(`/v1/orgs/${a.slug}/invitations/${id}/resend`)).status, 404);
    assert.equal((await asA.delete(`/v1/orgs/${a.slug}/invitations/${id}`)).status, 404);
    assert.equal((await asA.get(`/v1/orgs/${a.slug}/invitations/${id}`)).status, 404);
    assert.equal((await bed.server.as(b.ownerKey).get(`/v1/orgs/${b.slug}/invitations/${id}`)).body.state, 'pending');
  });
});
