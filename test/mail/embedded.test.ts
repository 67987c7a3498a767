// `npm start` alone: the embedded PGlite database and no SMTP server. Invitations are accepted and
// their mails written as .eml files whose links work; the service runs as its runtime database role.
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import supertest from 'supertest';
import { loadConfig } from '../../src/config.ts';
import { startServer } from '../../src/server.ts';
import { newBootstrapToken } from '../helpers/server.ts';
import { eventually } from './helpers/mail-server.ts';
import { dropQueueKeys, testQueuePrefix } from './helpers/queue-cleanup.ts';

describe('npm start on its own', () => {
  it('invites on the embedded database and writes the mails as .eml files with working links', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gatehouse-embedded-'));
    const prefix = testQueuePrefix();
    const token = newBootstrapToken();
    const config = loadConfig({ NODE_ENV: 'test' }, {
      port: 0,
      databaseUrl: null,
      embeddedDataDir: join(dir, 'pgdata'),
      smtpUrl: null,
      mailDir: join(dir, 'mail'),
      mailQueuePrefix: prefix,
      bootstrapToken: token,
    });
    const server = await startServer(config);
    try {
      const res = await supertest(server.url)
        .post('/v1/orgs/default/invitations')
        .set('Authorization', `Bearer ${token}`)
        .send({ emails: 'Zoe@example.org, zoe@example.org, yan@example.org', role: 'viewer' });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.deepEqual(res.body.summary, { invited: 2, already_member: 0, already_invited: 0, invalid: 0 });
      const files = await eventually(() => readdir(join(dir, 'mail')).catch(() => [] as string[]), (f) => f.length === 2);
      for (const f of files) {
        const eml = (await readFile(join(dir, 'mail', f), 'utf8')).replace(/=\r?\n/g, '');
        const link = /\/invite\/(ghi_[A-Za-z0-9_-]{43})/.exec(eml)![1]!;
        assert.equal((await supertest(server.url).get(`/invite/${link}`)).status, 302);
      }
      const again = await supertest(server.url).post('/v1/orgs/default/invitations').set('Authorization', `Bearer ${token}`).send({ emails: 'ZOE@example.org' });
      assert.equal(again.body.results[0].result, 'already_invited', 'addresses compare case-insensitively on PGlite too');

      // The service's session runs as gatehouse_runtime, as in production (README, "Database roles").
      const db = server.deps.db;
      assert.equal((await db.raw('select current_user as who')).rows[0].who, 'gatehouse_runtime');
      const events = (await db('audit_events').select('id')).length;
      assert.ok(events > 0);
      await assert.rejects(db('audit_events').delete(), /permission denied/);
      await assert.rejects(db.raw('truncate audit_events'), /permission denied/);
      await assert.rejects(db('audit_events').update({ action: 'forged' }), /permission denied/);
      assert.equal((await db('audit_events').select('id')).length, events);
    } finally {
      await server.close();
      await rm(dir, { recursive: true, force: true });
      await dropQueueKeys(config.redisUrl, prefix);
    }
  });
});
