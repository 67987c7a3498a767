// A worker killed (SIGKILL) in the middle of sending, while the SMTP server holds the DATA phase:
// the mail it was sending is not lost (another worker sends it once its lease runs out) and no
// mail arrives twice.
import assert from 'node:assert/strict';
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createOrg } from '../helpers/server.ts';
import { addresses, eventually, invite, startMailTestBed, type MailTestBed } from './helpers/mail-server.ts';

const workerMain = fileURLToPath(new URL('../../src/mail/worker-main.ts', import.meta.url));

function startWorkerProcess(bed: MailTestBed): ChildProcess {
  return fork(workerMain, [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: bed.server.databaseUrl,
      REDIS_URL: 'redis://127.0.0.1:6379',
      SMTP_URL: bed.smtp.url,
      MAIL_QUEUE_PREFIX: bed.prefix,
      MAIL_CONCURRENCY: '2',
      PUBLIC_URL: 'http://gatehouse.test',
    },
  });
}

describe('a mail worker killed mid-send', () => {
  let bed: MailTestBed;
  const children: ChildProcess[] = [];
  before(async () => {
    // This instance only relays: the workers are the child processes below.
    bed = await startMailTestBed({ mailWorker: false });
  });
  after(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await bed.close();
  });

  it('loses nothing and sends nothing twice', async () => {
    const org = await createOrg(bed.server);
    const to = addresses(6, 'killed');
    bed.smtp.mode = 'hold';
    const doomed = startWorkerProcess(bed);
    children.push(doomed);
    await once(doomed, 'message'); // ready
    await invite(bed.server, org, org.ownerKey, { emails: to.join(',') });
    await bed.smtp.waitForHold(); // the worker is inside DATA: the server has the mail, unanswered
    const sending = await bed.server.deps.db('mail_outbox').where({ org_id: org.id, status: 'sending' }).pluck('id');
    assert.ok(sending.length >= 1, 'a mail is being sent when the worker dies');
    doomed.kill('SIGKILL');
    await once(doomed, 'exit');
    bed.smtp.dropHeld(); // the dead worker's transactions were never answered: not delivered
    bed.smtp.mode = 'accept';
    assert.equal(bed.smtp.received.length, 0);

    const heir = startWorkerProcess(bed);
    children.push(heir);
    await bed.smtp.waitFor(to.length, 30_000);
    await new Promise((r) => setTimeout(r, 1500)); // a duplicate would arrive by now
    assert.deepEqual(bed.smtp.received.map((m) => m.to).sort(), [...to].sort(), 'every address exactly once');
    const rows = await eventually(
      () => bed.server.deps.db('mail_outbox').where('org_id', org.id).select('id', 'status', 'attempts'),
      (rs: { status: string }[]) => rs.every((r) => r.status === 'sent'),
    );
    for (const id of sending) {
      assert.ok(rows.find((r: { id: string; attempts: number }) => r.id === id)!.attempts >= 2, 'the interrupted mail was sent by the next worker');
    }
    heir.kill('SIGTERM');
    await once(heir, 'exit');
  });
});
