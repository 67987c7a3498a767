// Seed 000, "Migrating from Login Policy": under login_policy invitations are queued without mail;
// switching to user_management sends every queued one; switching back is allowed.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import supertest from 'supertest';
import { createOrg } from '../helpers/server.ts';
import { eventually, invite, linkPath, startMailTestBed, type MailTestBed } from '../mail/helpers/mail-server.ts';

describe('management strategy switch', () => {
  let bed: MailTestBed;
  before(async () => {
    bed = await startMailTestBed();
  });
  after(() => bed.close());

  it('queues invitations under login_policy, sends them all on the switch, and allows switching back', async () => {
    const org = await createOrg(bed.server);
    const owner = bed.server.as(org.ownerKey);
    await owner.patch(`/v1/orgs/${org.slug}`).send({ managementStrategy: 'login_policy' }).expect(200);
    const made = await invite(bed.server, org, org.ownerKey, { emails: 'q1@example.org, q2@example.org, q3@example.org', role: 'viewer' });
    assert.deepEqual(made.results.map((r) => [r.result, r.invitation!.state]), [['invited', 'queued'], ['invited', 'queued'], ['invited', 'queued']]);
    assert.ok(made.results.every((r) => (r.invitation as { expiresAt: string | null }).expiresAt === null), 'the expiry starts when the mail goes out');
    const queuedId = made.results[0]!.invitation!.id;
    const resend = await owner.post(`/v1/orgs/${org.slug}/invitations/${queuedId}/resend`);
    assert.equal(resend.status, 409);
    assert.match(resend.body.detail, /switches to user_management/);

    await new Promise((r) => setTimeout(r, 400));
    assert.equal(bed.smtp.received.filter((m) => /^q\d@/.test(m.to)).length, 0, 'no mail while queued');
    assert.equal(await bed.server.deps.db('mail_outbox').where('org_id', org.id).count<{ c: number }[]>('* as c').then((r) => Number(r[0]!.c)), 0);

    await owner.patch(`/v1/orgs/${org.slug}`).send({ managementStrategy: 'user_management' }).expect(200);
    const mails = await eventually(async () => bed.smtp.received.filter((m) => /^q\d@/.test(m.to)), (ms) => ms.length === 3);
    for (const m of mails) assert.equal((await supertest(bed.server.url).get(linkPath(m.link!))).status, 302);
    const listed = await owner.get(`/v1/orgs/${org.slug}/invitations`);
    assert.ok(listed.body.items.every((i: { state: string; expiresAt: string | null }) => i.state === 'pending' && i.expiresAt));
    const events = await owner.get(`/v1/orgs/${org.slug}/audit-events?action=invitation.sent`);
    assert.equal(events.body.items.length, 3);

    await owner.patch(`/v1/orgs/${org.slug}`).send({ managementStrategy: 'login_policy' }).expect(200);
    const later = await invite(bed.server, org, org.ownerKey, { emails: 'q4@example.org' });
    assert.equal(later.results[0]!.invitation!.state, 'queued');
    const stillPending = await owner.get(`/v1/orgs/${org.slug}/invitations?state=pending`);
    assert.equal(stillPending.body.items.length, 3, 'switching back leaves sent invitations alone');
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(bed.smtp.received.filter((m) => /^q\d@/.test(m.to)).length, 3, 'and sends nothing more');
  });

  it('only an owner may switch (the switch is what sends the queue)', async () => {
    const org = await createOrg(bed.server);
    const { addPerson } = await import('../helpers/server.ts');
    const admin = await addPerson(bed.server, org, 'admin');
    const res = await bed.server.as(admin.key).patch(`/v1/orgs/${org.slug}`).send({ managementStrategy: 'login_policy' });
    assert.equal(res.status, 403);
  });
});
