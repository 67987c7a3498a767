// Issue 13 item 14: the jobs a restarted Redis lost are queued again within seconds of its return
// (not when the stale sweep finds them, minutes later); and the per-organization rate limit counts
// exactly the mails that went out.
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { after, before, describe, it } from 'node:test';
import { invitationMailKind } from '../../src/invitations/mail.ts';
import { startMailWorker, type MailWorker } from '../../src/mail/worker.ts';
import { createOrg } from '../helpers/server.ts';
import { addresses, eventually, invite, startMailTestBed, type MailTestBed } from './helpers/mail-server.ts';
import { startRedisPeer, type RedisPeer } from './helpers/redis-peer.ts';

/** Every rate-limit window counter of the organization: key → count. */
async function rateCounts(redisUrl: string, prefix: string, orgId: string): Promise<number[]> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    const keys = await redis.keys(`${prefix}:mail-rate:${orgId}:*`);
    return keys.length ? (await redis.mget(...keys)).map(Number) : [];
  } finally {
    redis.disconnect();
  }
}

describe('Redis restarted empty while mails waited in it', () => {
  let redis: RedisPeer;
  let bed: MailTestBed;
  let worker: MailWorker | null = null;
  before(async () => {
    redis = await startRedisPeer();
    // The stale sweep at its production setting (5 minutes): it is not what brings the mails back.
    bed = await startMailTestBed({ redisUrl: redis.url, mailWorker: false, mailRedeliverAfterMs: 300_000 });
  });
  after(async () => {
    await worker?.close();
    await bed.close();
    await redis.stop();
  });

  it('queues the lost jobs again as soon as Redis is back: every mail arrives, once', async () => {
    const org = await createOrg(bed.server);
    const to = addresses(12, 'lost');
    await invite(bed.server, org, org.ownerKey, { emails: to.join(',') });
    const db = bed.server.deps.db;
    await eventually(() => db('mail_outbox').where('org_id', org.id).whereNull('relayed_at').count<{ n: number }[]>('* as n'), (r) => Number(r[0]!.n) === 0);
    await redis.stop(); // SIGKILL, no persistence: the jobs are gone
    await redis.start();
    const { config, logger } = bed.server.deps;
    worker = startMailWorker(config, db, logger, { invitation: invitationMailKind(config) });
    await bed.smtp.waitFor(to.length, 20_000);
    await new Promise((r) => setTimeout(r, 1000)); // anything sent twice would arrive by now
    assert.deepEqual(bed.smtp.received.map((m) => m.to).sort(), [...to].sort());
    const requeued = await db('mail_outbox').where('org_id', org.id).where('relay_count', '>', 1).count<{ n: number }[]>('* as n');
    assert.equal(Number(requeued[0]!.n), to.length, 'each lost job was queued again from the outbox');
  });
});

describe('the per-organization mail rate limit', () => {
  it('lets exactly the limit through in a window, and its counter equals the mails sent', async () => {
    const bed = await startMailTestBed({ mailOrgRateLimit: 7, mailOrgRateWindowMs: 60_000, mailConcurrency: 50 });
    try {
      const org = await createOrg(bed.server);
      await invite(bed.server, org, org.ownerKey, { emails: addresses(20, 'limited').join(',') });
      await bed.smtp.waitFor(7);
      await new Promise((r) => setTimeout(r, 1500)); // the rest wait for the next window
      const counts = await rateCounts('redis://127.0.0.1:6379', bed.prefix, org.id);
      const sent = bed.smtp.received.length;
      assert.equal(counts.reduce((a, b) => a + b, 0), sent, `counted ${counts.join(' + ')} for ${sent} mails sent`);
      for (const c of counts) assert.ok(c <= 7, `a window counted ${c} > 7`);
      assert.ok(sent === 7 || sent === 14, `${sent} mails: the limit per window (a test may straddle two windows)`);
    } finally {
      await bed.close();
    }
  });

  it('counts each mail once under concurrency, and gives back the count of a mail that did not go out', async () => {
    const bed = await startMailTestBed({ mailOrgRateLimit: 1000, mailOrgRateWindowMs: 60_000, mailConcurrency: 50 });
    try {
      const org = await createOrg(bed.server);
      const made = await invite(bed.server, org, org.ownerKey, { emails: addresses(40, 'counted').join(',') });
      await bed.smtp.waitFor(40);
      // A job run twice (as after a requeue) finds its mail sent, and counts nothing.
      const { OrgMailRateLimit } = await import('../../src/mail/rate-limit.ts');
      const { mailProcessor } = await import('../../src/mail/deliver.ts');
      const conn = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
      try {
        const limit = new OrgMailRateLimit(conn, bed.prefix, 1000, 60_000);
        const deliver = mailProcessor({ db: bed.server.deps.db, logger: bed.server.deps.logger, config: bed.server.deps.config, kinds: {}, transport: null as never, rateLimit: limit });
        const outboxId = (await bed.server.deps.db('mail_outbox').where({ subject_id: made.results[0]!.invitation!.id }).first()).id;
        assert.equal(await deliver({ data: { outboxId, orgId: org.id } } as never), 'already_finished');
      } finally {
        conn.disconnect();
      }
      const counts = await rateCounts('redis://127.0.0.1:6379', bed.prefix, org.id);
      assert.equal(counts.reduce((a, b) => a + b, 0), 40, `counted ${counts.join(' + ')} for 40 mails sent`);
    } finally {
      await bed.close();
    }
  });
});
