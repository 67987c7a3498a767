// `npm start` alone: on the embedded PGlite database the outbox triggers, the relay (advisory lock,
// xid8) and webhook delivery work as on PostgreSQL.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import supertest from 'supertest';
import { loadConfig } from '../../src/config.ts';
import { startServer } from '../../src/server.ts';
import { newBootstrapToken } from '../helpers/server.ts';
import { startWebhookReceiver } from '../peers/webhook-receiver.ts';
import { FAST } from './helpers.ts';

describe('events on the embedded database', () => {
  it('records the feed and delivers signed webhooks', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gatehouse-embedded-events-'));
    const token = newBootstrapToken();
    const receiver = await startWebhookReceiver();
    const server = await startServer(loadConfig({ NODE_ENV: 'test' }, { ...FAST, port: 0, databaseUrl: null, embeddedDataDir: join(dir, 'pgdata'), mailDir: join(dir, 'mail'), bootstrapToken: token }));
    try {
      const as = (m: 'post' | 'get', p: string) => supertest(server.url)[m](p).set('Authorization', `Bearer ${token}`);
      const hook = await as('post', '/v1/orgs/default/webhooks').send({ url: receiver.url, events: ['api_key.*'] });
      assert.equal(hook.status, 201, JSON.stringify(hook.body));
      receiver.secrets.push(hook.body.secret);
      const key = await as('post', '/v1/orgs/default/api-keys').send({ name: 'embedded', kind: 'service', role: 'viewer' });
      assert.equal(key.status, 201);
      await receiver.waitFor((r) => r.some((x) => x.event.type === 'api_key.created' && (x.event.data.object as { id: string }).id === key.body.id));
      const feed = await as('get', '/v1/orgs/default/events?types=api_key.created');
      assert.ok(feed.body.items.some((e: { data: { object: { id: string } } }) => e.data.object.id === key.body.id));
    } finally {
      await server.close();
      await receiver.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
