// After the invitation: resend (new link, old one dies, expiry renewed), delete, expiry, and the
// list with its filters and cursor.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import supertest from 'supertest';
import { addPerson, createOrg } from '../helpers/server.ts';
import { eventually, invite, linkPath, startMailTestBed, type MailTestBed } from '../mail/helpers/mail-server.ts';

describe('invitation lifecycle', () => {
  let bed: MailTestBed;
  before(async () => {
    bed = await startMailTestBed({ invitationExpiryDays: 3 });
  });
  after(() => bed.close());

  const mailTo = (email: string, nth = 0) => bed.smtp.waitFor(1).then(() => eventually(async () => bed.smtp.received.filter((m) => m.to === email), (ms) => ms.length > nth)).then((ms) => ms[nth]!);

  it('resend: a new link works, the old one stops, the expiry is renewed', async () => {
    const org = await createOrg(bed.server);
    const made = await invite(bed.server, org, org.ownerKey, { emails: 'resend-me@example.org', role: 'viewer' });
    const inv = made.results[0]!.invitation! as { id: string; expiresAt: string };
    const first = await mailTo('resend-me@example.org');
    assert.equal((await supertest(bed.server.url).get(linkPath(first.link!))).status, 302);
    const expires = Date.parse(inv.expiresAt);
    assert.ok(Math.abs(expires - (Date.now() + 3 * 86_400_000)) < 60_000, 'expiry follows invitationExpiryDays');

    await new Promise((r) => setTimeout(r, 20));
    const resent = await bed.server.as(org.ownerKey).post(`/v1/orgs/${org.slug}/invitations/${inv.id}/resend`);
    assert.equal(resent.status, 200);
    assert.ok(Date.parse(resent.body.expiresAt) > expires, 'the expiry is renewed');
    assert.equal(resent.body.state, 'pending');
    const second = await mailTo('resend-me@example.org', 1);
    assert.notEqual(second.link, first.link);
    assert.equal((await supertest(bed.server.url).get(linkPath(second.link!))).status, 302);
    const old = await supertest(bed.server.url).get(linkPath(first.link!)).set('Accept', 'text/html');
    assert.equal(old.status, 404);
    assert.match(old.text, /not valid/);
    const oldJson = await supertest(bed.server.url).get(linkPath(first.link!));
    assert.equal(oldJson.status, 404);
    assert.equal(oldJson.body.reason, 'unknown');
    const events = await bed.server.as(org.ownerKey).get(`/v1/orgs/${org.slug}/audit-events?action=invitation.*`);
    assert.deepEqual(events.body.items.map((e: { action: string }) => e.action), ['invitation.created', 'invitation.resent']);
  });

  it('delete: the link stops working and the invitation is listed as revoked; an admin cannot touch an owner invitation', async () => {
    const org = await createOrg(bed.server);
    const admin = await addPerson(bed.server, org, 'admin');
    const made = await invite(bed.server, org, org.ownerKey, { emails: 'delete-me@example.org, future-owner@example.org', role: 'owner' });
    const [del, owner] = made.results.map((r) => r.invitation!.id);
    const mail = await mailTo('delete-me@example.org');
    assert.equal((await bed.server.as(admin.key).delete(`/v1/orgs/${org.slug}/invitations/${owner}`)).status, 403);
    assert.equal((await bed.server.as(admin.key).post(`/v1/orgs/${org.slug}/invitations/${owner}/resend`)).status, 403);
    assert.equal((await bed.server.as(org.ownerKey).delete(`/v1/orgs/${org.slug}/invitations/${del}`)).status, 204);
    assert.equal((await bed.server.as(org.ownerKey).delete(`/v1/orgs/${org.slug}/invitations/${del}`)).status, 204, 'deleting twice is harmless');
    const page = await supertest(bed.server.url).get(linkPath(mail.link!)).set('Accept', 'text/html');
    assert.equal(page.status, 410);
    assert.match(page.text, /withdrawn/);
    const open = await bed.server.as(org.ownerKey).get(`/v1/orgs/${org.slug}/invitations`);
    assert.deepEqual(open.body.items.map((i: { id: string }) => i.id), [owner]);
    const revoked = await bed.server.as(org.ownerKey).get(`/v1/orgs/${org.slug}/invitations?state=revoked`);
    assert.deepEqual(revoked.body.items.map((i: { id: string; state: string }) => [i.id, i.state]), [[del, 'revoked']]);
    assert.equal((await bed.server.as(org.ownerKey).post(`/v1/orgs/${org.slug}/invitations/${del}/resend`)).status, 409);
  });

  it('expiry: an expired link says so, the invitation stays listed as expired, and a resend brings it back', async () => {
    const org = await createOrg(bed.server);
    const made = await invite(bed.server, org, org.ownerKey, { emails: 'late@example.org' });
    const id = made.results[0]!.invitation!.id;
    const mail = await mailTo('late@example.org');
    // Time passes: the expiry is a timestamp, so moving it back is what a week of waiting does.
    await bed.server.deps.db('invitations').where({ id }).update({ expires_at: new Date(Date.now() - 1000) });
    const page = await supertest(bed.server.url).get(linkPath(mail.link!)).set('Accept', 'text/html,application/xhtml+xml');
    assert.equal(page.status, 410);
    assert.match(page.text, /expired/);
    const listed = await bed.server.as(org.ownerKey).get(`/v1/orgs/${org.slug}/invitations?state=expired`);
    assert.deepEqual(listed.body.items.map((i: { id: string; state: string }) => [i.id, i.state]), [[id, 'expired']]);
    assert.equal((await bed.server.as(org.ownerKey).get(`/v1/orgs/${org.slug}/invitations?state=pending`)).body.items.length, 0);
    const resent = await bed.server.as(org.ownerKey).post(`/v1/orgs/${org.slug}/invitations/${id}/resend`);
    assert.equal(resent.body.state, 'pending');
    const fresh = await mailTo('late@example.org', 1);
    assert.equal((await supertest(bed.server.url).get(linkPath(fresh.link!))).status, 302);
  });

  it('a new invitation to an address whose invitation expired replaces it', async () => {
    const org = await createOrg(bed.server);
    const first = (await invite(bed.server, org, org.ownerKey, { emails: 'again@example.org' })).results[0]!.invitation!.id;
    await bed.server.deps.db('invitations').where({ id: first }).update({ expires_at: new Date(Date.now() - 1000) });
    const second = await invite(bed.server, org, org.ownerKey, { emails: 'again@example.org', role: 'viewer' });
    assert.equal(second.results[0]!.result, 'invited');
    const all = await bed.server.as(org.ownerKey).get(`/v1/orgs/${org.slug}/invitations?state=pending,expired,revoked`);
    assert.deepEqual(all.body.items.map((i: { id: string; state: string }) => i.state), ['pending', 'revoked']);
  });

  it('lists with filters and a cursor, newest first', async () => {
    const org = await createOrg(bed.server);
    await invite(bed.server, org, org.ownerKey, { emails: Array.from({ length: 7 }, (_, i) => `page${i}@example.org`).join(','), role: 'viewer' });
    await invite(bed.server, org, org.ownerKey, { emails: 'zed@example.org', role: 'admin' });
    const seen: string[] = [];
    let next: string | null = null;
    do {
      const res = await bed.server.as(org.ownerKey).get(`/v1/orgs/${org.slug}/invitations?limit=3${next ? `&after=${next}` : ''}`);
      assert.equal(res.status, 200);
      seen.push(...res.body.items.map((i: { email: string }) => i.email));
      next = res.body.next;
    } while (next);
    assert.equal(seen.length, 8);
    assert.equal(new Set(seen).size, 8, 'no invitation twice across pages');
    assert.equal(seen[0], 'zed@example.org');
    const admins = await bed.server.as(org.ownerKey).get(`/v1/orgs/${org.slug}/invitations?role=admin`);
    assert.deepEqual(admins.body.items.map((i: { email: string }) => i.email), ['zed@example.org']);
    const prefix = await bed.server.as(org.ownerKey).get(`/v1/orgs/${org.slug}/invitations?email=PAGE1`);
    assert.deepEqual(prefix.body.items.map((i: { email: string }) => i.email), ['page1@example.org']);
    await eventually(
      async () => (await bed.server.as(org.ownerKey).get(`/v1/orgs/${org.slug}/invitations?delivery=sent`)).body.items.length,
      (n) => n === 8,
    );
  });
});
