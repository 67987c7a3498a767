// Several instances relaying one outbox: each row is claimed by one relay (FOR UPDATE SKIP
// LOCKED), queued once, and mailed once, whichever instance took the invitation.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createOrg, startTestServer, type TestServer } from '../helpers/server.ts';
import { addresses, eventually, invite, startMailTestBed, type MailTestBed } from './helpers/mail-server.ts';

describe('several instances', () => {
  let bed: MailTestBed;
  let second: TestServer;
  before(async () => {
    // No stale sweep during the test: it re-queues slow rows on purpose (harmless, same job id),
    // which would hide a row queued twice by two relays.
    bed = await startMailTestBed({ mailRelayBatch: 7, mailRedeliverAfterMs: 600_000 });
    second = await startTestServer({
      databaseUrl: bed.server.databaseUrl,
      bootstrapToken: bed.server.ownerKey,
      smtpUrl: bed.smtp.url,
      mailQueuePrefix: bed.prefix,
      mailRelayBatch: 7,
      mailRedeliverAfterMs: 600_000,
      publicUrl: 'http://gatehouse.test',
    });
  });
  after(async () => {
    await second.close();
    await bed.close();
  });

  it('queue each outbox row once and mail each address once', async () => {
    const org = await createOrg(bed.server);
    const all: string[] = [];
    await Promise.all(
      Array.from({ length: 8 }, async (_, i) => {
        const batch = addresses(25, `inst${i}-`);
        all.push(...batch);
        await invite(i % 2 ? second : bed.server, org, org.ownerKey, { emails: batch.join(',') });
      }),
    );
    await bed.smtp.waitFor(all.length, 30_000);
    await new Promise((r) => setTimeout(r, 800));
    assert.deepEqual(bed.smtp.received.map((m) => m.to).sort(), [...all].sort());
    const rows = await eventually(
      () => bed.server.deps.db('mail_outbox').where('org_id', org.id).select('relay_count', 'status'),
      (rs: { status: string }[]) => rs.length === all.length && rs.every((r) => r.status === 'sent'),
    );
    assert.ok(rows.every((r: { relay_count: number }) => r.relay_count === 1), 'no row was queued twice');
  });
});
