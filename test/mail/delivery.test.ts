// Delivery as the API reports it, the secret's short stay in the outbox, the per-organization rate
// limit, .eml files when there is no SMTP server, and /readyz while Redis is down.
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import supertest from 'supertest';
import { createOrg, startTestServer } from '../helpers/server.ts';
import { addresses, eventually, invite, startMailTestBed, type MailTestBed } from './helpers/mail-server.ts';
import { dropQueueKeys, testQueuePrefix } from './helpers/queue-cleanup.ts';

describe('mail delivery', () => {
  let bed: MailTestBed;
  before(async () => {
    bed = await startMailTestBed({ mailOrgRateLimit: 4, mailOrgRateWindowMs: 1000 });
  });
  after(() => bed.close());

  it('records delivery on the invitation and keeps the link secret only until the mail is out', async () => {
    const org = await createOrg(bed.server);
    const made = await invite(bed.server, org, org.ownerKey, { emails: 'kim@example.org' });
    const id = made.results[0]!.invitation!.id;
    assert.equal((made.results[0]!.invitation as { delivery: string }).delivery, 'queued');
    const inv = await eventually(async () => (await bed.server.as(org.ownerKey).get(`/v1/orgs/${org.slug}/invitations/${id}`)).body, (b) => b.delivery === 'sent');
    assert.equal(inv.deliveryError, null);
    const [row] = await bed.server.deps.db('mail_outbox').where({ org_id: org.id, subject_id: id });
    assert.equal(row.status, 'sent');
    assert.deepEqual(row.payload, {}, 'the secret is erased once sent');
    assert.equal(row.relay_count, 1);
    const mail = bed.smtp.received.find((m) => m.to === 'kim@example.org')!;
    assert.equal(mail.messageId, `<${row.id}@gatehouse>`, 'the Message-ID names the send request');
    const stored = await bed.server.deps.db('invitations').where({ id }).first();
    assert.ok(stored.token_hash.length === 32 && !mail.link!.includes(stored.token_hash.toString('hex')), 'only the hash is stored');
  });

  it('limits mail per organization without holding back the others', async () => {
    const busy = await createOrg(bed.server);
    const quiet = await createOrg(bed.server);
    const t0 = Date.now();
    await invite(bed.server, busy, busy.ownerKey, { emails: addresses(10, 'busy').join(',') });
    await invite(bed.server, quiet, quiet.ownerKey, { emails: addresses(2, 'quiet').join(',') });
    const quietDone = await eventually(async () => bed.smtp.received.filter((m) => m.to.startsWith('quiet')).length, (n) => n === 2, 5000);
    assert.equal(quietDone, 2);
    const busyAfterQuiet = bed.smtp.received.filter((m) => m.to.startsWith('busy')).length;
    assert.ok(busyAfterQuiet <= 8, `at most two windows' worth so far, got ${busyAfterQuiet}`);
    await eventually(async () => bed.smtp.received.filter((m) => m.to.startsWith('busy')).length, (n) => n === 10, 15_000);
    assert.ok(Date.now() - t0 >= 1000, '10 mails at 4 per second take more than two windows');
    const inWindows = new Map<number, number>();
    for (const m of bed.smtp.received.filter((x) => x.to.startsWith('busy'))) {
      const w = Math.floor((m.parsed.date?.getTime() ?? 0) / 1000);
      inWindows.set(w, (inWindows.get(w) ?? 0) + 1);
    }
    assert.ok(inWindows.size >= 2, 'the mails went out across several windows');
  });
});

describe('without an SMTP server', () => {
  it('writes each mail as an .eml file under mailDir, with a working link', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gatehouse-mail-'));
    const prefix = testQueuePrefix();
    const server = await startTestServer({ smtpUrl: null, mailDir: dir, mailQueuePrefix: prefix });
    try {
      const org = await createOrg(server);
      await invite(server, org, org.ownerKey, { emails: 'file@example.org' });
      const files = await eventually(() => readdir(dir), (f) => f.length === 1);
      assert.match(files[0]!, /@gatehouse\.eml$/);
      const eml = await readFile(join(dir, files[0]!), 'utf8');
      assert.match(eml, /^To: file@example\.org$/m);
      const link = /\/invite\/(ghi_[A-Za-z0-9_-]{43})/.exec(eml.replace(/=\r?\n/g, ''))![1]!;
      assert.equal((await supertest(server.url).get(`/invite/${link}`)).status, 302);
    } finally {
      await server.close();
      await rm(dir, { recursive: true, force: true });
      await dropQueueKeys('redis://127.0.0.1:6379', prefix);
    }
  });
});

describe('with Redis down', () => {
  it('keeps accepting invitations and /readyz reports the queue down (degraded, still 200)', async () => {
    const server = await startTestServer({ redisUrl: 'redis://127.0.0.1:1', mailQueuePrefix: testQueuePrefix() });
    try {
      const org = await createOrg(server);
      const made = await invite(server, org, org.ownerKey, { emails: 'wait1@example.org, wait2@example.org' });
      assert.equal(made.summary.invited, 2);
      const ready = await eventually(async () => (await supertest(server.url).get('/readyz')).body, (b) => b.dependencies?.mail_queue?.status === 'down');
      assert.equal(ready.status, 'degraded');
      assert.match(ready.dependencies.mail_queue.error, /2 mails wait in the outbox/);
      const res = await supertest(server.url).get('/readyz');
      assert.equal(res.status, 200);
      const rows = await server.deps.db('mail_outbox').where('org_id', org.id).whereNull('relayed_at');
      assert.equal(rows.length, 2, 'the mails wait in the outbox');
    } finally {
      await server.close();
    }
  });
});
