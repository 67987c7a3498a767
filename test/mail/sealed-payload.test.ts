// Issue 13 item 13: an invitation's link secret waits in the mail outbox sealed (ENCRYPTION_KEY),
// never in clear: a database dump or backup taken before the mail goes out holds no live link.
// The mail still carries a working link, and the row is emptied once it is sent.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import supertest from 'supertest';
import { invitationMailKind } from '../../src/invitations/mail.ts';
import { startMailWorker, type MailWorker } from '../../src/mail/worker.ts';
import { createOrg } from '../helpers/server.ts';
import { eventually, invite, linkPath, startMailTestBed, type MailTestBed } from './helpers/mail-server.ts';

describe('invitation links at rest', () => {
  let bed: MailTestBed;
  let worker: MailWorker | null = null;
  before(async () => {
    bed = await startMailTestBed({ mailWorker: false }); // relays, sends nothing: the rows wait
  });
  after(async () => {
    await worker?.close();
    await bed.close();
  });

  it('are sealed in mail_outbox.payload until sent, and the sent mail carries a working link', async () => {
    const org = await createOrg(bed.server);
    const made = await invite(bed.server, org, org.ownerKey, { emails: 'sealed@example.org', role: 'viewer' });
    const invitationId = made.results[0]!.invitation!.id;
    const db = bed.server.deps.db;
    const row = await eventually(() => db('mail_outbox').where({ org_id: org.id, subject_id: invitationId }).first(), (r) => r?.relayed_at != null);
    assert.equal(row.status, 'pending');
    const text = JSON.stringify(row);
    assert.doesNotMatch(text, /ghi_[A-Za-z0-9_-]{43}/, 'no link secret in clear anywhere in the row');
    assert.match(row.payload.sealedToken, /^v1\./);
    // Nor in any other table of the organization's (the invitation keeps only the secret's hash).
    assert.doesNotMatch(JSON.stringify(await db('invitations').where({ id: invitationId })), /ghi_/);

    const { config } = bed.server.deps;
    worker = startMailWorker(config, db, bed.server.deps.logger, { invitation: invitationMailKind(config) });
    const [mail] = await bed.smtp.waitFor(1);
    assert.equal(mail!.to, 'sealed@example.org');
    const opened = await supertest(bed.server.url).get(linkPath(mail!.link!)).redirects(0);
    assert.equal(opened.status, 302, 'the link in the mail is the live one');
    const sent = await eventually(() => db('mail_outbox').where({ id: row.id }).first(), (r) => r.status === 'sent');
    assert.deepEqual(sent.payload, {});
  });

  it('a sealed secret opens for its own invitation only', async () => {
    const { sealLinkSecret, openLinkSecret } = await import('../../src/invitations/issue.ts');
    const { secretBox } = await import('../../src/sessions/secret-box.ts');
    const box = secretBox(null);
    const sealed = sealLinkSecret(box, 'invitation-a', 'ghi_secret');
    assert.equal(openLinkSecret(box, 'invitation-a', { sealedToken: sealed }), 'ghi_secret');
    assert.throws(() => openLinkSecret(box, 'invitation-b', { sealedToken: sealed }));
  });
});
