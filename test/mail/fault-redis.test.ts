// Redis stopped in the middle of a batch, and started again empty (no persistence, as a lost
// Redis would come back): the API keeps accepting invitations, and every mail arrives once.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import supertest from 'supertest';
import { createOrg } from '../helpers/server.ts';
import { addresses, eventually, invite, startMailTestBed, type MailTestBed } from './helpers/mail-server.ts';
import { startRedisPeer, type RedisPeer } from './helpers/redis-peer.ts';

describe('Redis outage', () => {
  let redis: RedisPeer;
  let bed: MailTestBed;
  before(async () => {
    redis = await startRedisPeer();
    bed = await startMailTestBed({ redisUrl: redis.url, mailConcurrency: 2 });
    bed.smtp.delayMs = 40; // a slow server, so the outage lands in the middle of the batch
  });
  after(async () => {
    await bed.close();
    await redis.stop();
  });

  it('delivers every mail exactly once after Redis comes back, including those invited while it was down', async () => {
    const org = await createOrg(bed.server);
    const first = addresses(30, 'before');
    const second = addresses(20, 'during');
    await invite(bed.server, org, org.ownerKey, { emails: first.join(',') });
    await bed.smtp.waitFor(5);
    await redis.stop();
    const midway = bed.smtp.received.length;
    assert.ok(midway < first.length, `the outage starts mid-batch (${midway} of ${first.length} delivered)`);

    // While Redis is down: the API answers, the new mails wait in the outbox, /readyz says degraded.
    const during = await invite(bed.server, org, org.ownerKey, { emails: second.join(',') });
    assert.equal(during.summary.invited, second.length);
    const ready = await eventually(async () => (await supertest(bed.server.url).get('/readyz')).body, (b) => b.dependencies?.mail_queue?.status === 'down');
    assert.equal(ready.status, 'degraded');
    await new Promise((r) => setTimeout(r, 500));

    await redis.start();
    const all = [...first, ...second];
    await bed.smtp.waitFor(all.length, 60_000);
    await new Promise((r) => setTimeout(r, 1500)); // anything sent twice would arrive by now
    const got = bed.smtp.received.map((m) => m.to).sort();
    assert.deepEqual(got, [...all].sort(), 'every address exactly once');
    const states = await eventually(
      async () => (await bed.server.as(org.ownerKey).get(`/v1/orgs/${org.slug}/invitations?limit=100`)).body.items.map((i: { delivery: string }) => i.delivery),
      (d: string[]) => d.every((x) => x === 'sent'),
    );
    assert.equal(states.length, all.length);
    // Redis came back empty: the jobs queued before the outage were lost with it, and went out
    // because the relay queued their unfinished outbox rows again.
    const requeued = await bed.server.deps.db('mail_outbox').where('org_id', org.id).where('relay_count', '>', 1).count<{ c: number }[]>('* as c');
    assert.ok(Number(requeued[0]!.c) > 0, 'lost jobs were queued again from the outbox');
    const ready2 = await eventually(async () => (await supertest(bed.server.url).get('/readyz')).body, (b) => b.status === 'ready');
    assert.equal(ready2.dependencies.mail_queue.status, 'up');
  });
});
