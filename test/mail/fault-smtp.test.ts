// The SMTP server refusing (a transient 451): mails are retried with backoff and delivered once it
// recovers, the invitation showing the last error meanwhile; with attempts exhausted they fail.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createOrg } from '../helpers/server.ts';
import { addresses, eventually, invite, startMailTestBed, type MailTestBed } from './helpers/mail-server.ts';

describe('SMTP refusing, then recovering', () => {
  let bed: MailTestBed;
  before(async () => {
    bed = await startMailTestBed({ mailAttempts: 8, mailBackoffMs: 100 });
  });
  after(() => bed.close());

  it('retries and then delivers each mail once; the invitation shows the last error while it waits', async () => {
    bed.smtp.mode = 'refuse';
    const org = await createOrg(bed.server);
    const to = addresses(5, 'retry');
    await invite(bed.server, org, org.ownerKey, { emails: to.join(',') });
    await eventually(async () => bed.smtp.stats.refused, (n) => n >= 10); // every mail refused, some more than once
    const waiting = await eventually(
      async () => (await bed.server.as(org.ownerKey).get(`/v1/orgs/${org.slug}/invitations`)).body.items as { delivery: string; deliveryError: string | null }[],
      (items) => items.every((i) => i.deliveryError !== null),
    );
    assert.ok(waiting.every((i) => /451|temporarily unavailable/.test(i.deliveryError!)), JSON.stringify(waiting));
    assert.ok(waiting.every((i) => i.delivery !== 'sent' && i.delivery !== 'failed'));

    bed.smtp.mode = 'accept';
    await bed.smtp.waitFor(5, 20_000);
    await new Promise((r) => setTimeout(r, 800));
    assert.deepEqual(bed.smtp.received.map((m) => m.to).sort(), [...to].sort(), 'each address once');
    const done = await eventually(
      async () => (await bed.server.as(org.ownerKey).get(`/v1/orgs/${org.slug}/invitations`)).body.items as { delivery: string; deliveryError: string | null }[],
      (items) => items.every((i) => i.delivery === 'sent'),
    );
    assert.ok(done.every((i) => i.deliveryError === null));
    const attempts = await bed.server.deps.db('mail_outbox').where('org_id', org.id).pluck('attempts');
    assert.ok(attempts.every((a: number) => a >= 2), `every mail was retried: ${attempts}`);
  });
});

describe('SMTP refusing for good', () => {
  let bed: MailTestBed;
  before(async () => {
    bed = await startMailTestBed({ mailAttempts: 3, mailBackoffMs: 50 });
  });
  after(() => bed.close());

  it('stops after the configured attempts and reports the delivery as failed, with the error', async () => {
    bed.smtp.mode = 'refuse';
    const org = await createOrg(bed.server);
    const made = await invite(bed.server, org, org.ownerKey, { emails: 'never@example.org' });
    const id = made.results[0]!.invitation!.id;
    const inv = await eventually(async () => (await bed.server.as(org.ownerKey).get(`/v1/orgs/${org.slug}/invitations/${id}`)).body, (b) => b.delivery === 'failed');
    assert.match(inv.deliveryError, /451/);
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(bed.smtp.stats.refused, 3, 'exactly the configured number of attempts');
    // A resend is a new send request, with attempts of its own.
    bed.smtp.mode = 'accept';
    await bed.server.as(org.ownerKey).post(`/v1/orgs/${org.slug}/invitations/${id}/resend`).expect(200);
    await bed.smtp.waitFor(1);
    await eventually(async () => (await bed.server.as(org.ownerKey).get(`/v1/orgs/${org.slug}/invitations/${id}`)).body.delivery, (d) => d === 'sent');
  });
});
