// SSRF: deliveries never reach our own network unless configuration allows it. URLs naming loopback,
// private, link-local or reserved addresses (in any spelling) are refused when saved; the address a
// host resolves to is checked again at every send, and the connection goes to the checked address
// only (DNS rebinding); plain http is refused outside development.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sendOutbound, type Resolve } from '../../src/lib/safe-http.ts';
import { createOrg, startTestServer, type TestServer } from '../helpers/server.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../peers/webhook-receiver.ts';
import { eventually, FAST } from '../events/helpers.ts';

const strict = { allowHttp: false, allowPrivateAddresses: false };

describe('SSRF guard', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer({ ...FAST, webhookAllowPrivateAddresses: false, webhookAllowHttp: false });
  });
  after(async () => server.close());

  it('refuses private, loopback, link-local and reserved targets when a subscription or sink is saved', async () => {
    const org = await createOrg(server);
    const as = server.as(org.ownerKey);
    const refused = [
      'http://hooks.example.com/x', // plain http
      'https://127.0.0.1/x', 'https://127.1/x', 'https://2130706433/x', 'https://0x7f000001/x', 'https://[::1]/x', 'https://[::ffff:127.0.0.1]/x',
      'https://10.0.0.8/x', 'https://172.16.3.4/x', 'https://192.168.1.1/x', 'https://169.254.169.254/latest/meta-data', 'https://[fe80::1]/x',
      'https://[fd00::1]/x', 'https://100.64.0.1/x', 'https://0.0.0.0/x', 'https://224.0.0.1/x', 'https://localhost/x', 'https://LOCALHOST./x',
      'https://api.localhost/x', 'https://metadata.google.internal/x', 'https://intranet/x', 'https://printer.local/x',
    ];
    for (const url of refused) {
      const res = await as.post(`/v1/orgs/${org.slug}/webhooks`).send({ url, events: ['*'] });
      assert.equal(res.status, 400, `${url}: ${res.status}`);
      assert.equal(res.body.errors[0].field, 'url', url);
      const sink = await as.post(`/v1/orgs/${org.slug}/audit-sinks`).send({ kind: 'https', name: 's', settings: { url } });
      assert.equal(sink.status, 400, `sink ${url}`);
    }
    const ok = await as.post(`/v1/orgs/${org.slug}/webhooks`).send({ url: 'https://hooks.example.com/gatehouse', events: ['*'] });
    assert.equal(ok.status, 201, 'a public https URL is accepted');
    assert.equal((await as.patch(`/v1/orgs/${org.slug}/webhooks/${ok.body.id}`).send({ url: 'https://169.254.169.254/' })).status, 400, 'also on update');
  });

  it('checks the resolved addresses at send time: a public name that resolves inside is refused without connecting', async () => {
    const receiver = await startWebhookReceiver();
    try {
      let lookups = 0;
      const dns = (answers: { address: string; family: number }[]): Resolve => async () => {
        lookups++;
        return answers;
      };
      const req = { url: `https://hooks.example.com:${receiver.port}/hook`, method: 'POST' as const, headers: {}, body: '{}', timeoutMs: 2000 };
      for (const answers of [[{ address: '127.0.0.1', family: 4 }], [{ address: '93.184.215.14', family: 4 }, { address: '10.1.2.3', family: 4 }], [{ address: '::ffff:169.254.169.254', family: 6 }]]) {
        await assert.rejects(sendOutbound(req, strict, dns(answers)), (err: Error & { refused?: boolean }) => err.refused === true && /refused: hooks\.example\.com resolves to/.test(err.message));
      }
      assert.equal(lookups, 3);
      assert.equal(receiver.received.length + receiver.rejected.length, 0, 'nothing was sent');
    } finally {
      await receiver.close();
    }
  });

  it('connects to the address it checked, once resolved (no second lookup an attacker could answer differently)', async () => {
    const receiver = await startWebhookReceiver();
    try {
      let lookups = 0;
      const rebinding: Resolve = async () => (++lookups === 1 ? [{ address: '127.0.0.1', family: 4 }] : [{ address: '10.9.9.9', family: 4 }]);
      // Private addresses allowed here (the receiver is on loopback): what matters is where the socket goes.
      const answer = await sendOutbound({ url: `http://rebind.example.com:${receiver.port}/hook`, method: 'POST', headers: {}, body: '{}', timeoutMs: 2000 }, { allowHttp: true, allowPrivateAddresses: true }, rebinding);
      assert.equal(lookups, 1, 'one resolution per send');
      assert.equal(answer.status, 401, 'the request reached the checked address (unsigned, so the receiver refused it)');
      assert.equal(receiver.rejected[0]!.headers.host, `rebind.example.com:${receiver.port}`, 'with the name it was addressed to');
    } finally {
      await receiver.close();
    }
  });

  it('refuses at send time what another instance saved while private addresses were allowed', async () => {
    // Two instances on one database: the first (allowing loopback, delivering nothing) saves the
    // subscription; the second, strict, is the one that delivers and must refuse.
    const receiver = await startWebhookReceiver();
    const lenient = await startTestServer({ ...FAST, databaseUrl: server.databaseUrl, bootstrapToken: server.ownerKey, eventsWorker: false });
    try {
      const org = await createOrg(lenient);
      const hook = await lenient.as(org.ownerKey).post(`/v1/orgs/${org.slug}/webhooks`).send({ url: receiver.url, events: ['api_key.*'] });
      assert.equal(hook.status, 201);
      await lenient.as(org.ownerKey).post(`/v1/orgs/${org.slug}/api-keys`).send({ name: 'k', kind: 'service', role: 'viewer' });
      const d = await eventually(async () => (await server.as(org.ownerKey).get(`/v1/orgs/${org.slug}/webhooks/${hook.body.id}/deliveries`)).body.items[0], (x) => Boolean(x?.lastError));
      assert.match(d.lastError, /refused/);
      assert.equal(receiver.received.length + receiver.rejected.length, 0);
    } finally {
      await lenient.close();
      await receiver.close();
    }
  });
});
