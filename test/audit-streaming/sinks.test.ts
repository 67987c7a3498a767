// Audit streaming to the four sink kinds, against real receivers on loopback: every audit record
// arrives, in order, in the receiving system's format; the S3 objects are gzipped NDJSON PUT with a
// SigV4 signature that AWS's own signer accepts; a receiver that fails for a while loses nothing, and
// a batch sent again carries the same idempotency key.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import aws4 from 'aws4';
import { after, before, describe, it } from 'node:test';
import { createOrg, type TestServer } from '../helpers/server.ts';
import { startBatchReceiver, type BatchReceiver } from '../peers/batch-receiver.ts';
import { startS3Peer, type S3Peer } from '../peers/s3-server.ts';
import { eventually, startEventsServer } from '../events/helpers.ts';

type Org = Awaited<ReturnType<typeof createOrg>>;

async function makeAuditRecords(server: TestServer, org: Org, n: number, tag: string) {
  for (let i = 0; i < n; i++) {
    const res = await server.as(org.ownerKey).post(`/v1/orgs/${org.slug}/spaces`).send({ id: `${tag}-${i}`, name: `Space ${tag} ${i}`, parentId: 'root' });
    assert.equal(res.status, 201, JSON.stringify(res.body));
  }
}

/** A batch's idempotency key, wherever its kind carries it. */
const batchKey = (r: { headers: Record<string, unknown>; body: string }) => String(r.headers['idempotency-key'] ?? (/"idempotency_key":"([^"]+)"/.exec(r.body)?.[1] ?? r.body));

/** Records the relay had not numbered yet when the sink was created stream too: compare from `start` on. */
const since = (start: number) => (ids: string[]) => ids.filter((id) => Number(id) > start);

async function auditIds(server: TestServer, org: Org, fromId: number) {
  const res = await server.as(org.ownerKey).get(`/v1/orgs/${org.slug}/audit-events?limit=1000&after=${fromId}`);
  return (res.body.items as { id: string }[]).map((e) => e.id);
}

describe('audit streaming sinks', () => {
  let server: TestServer;
  let http: BatchReceiver;
  let s3: S3Peer;
  before(async () => {
    server = await startEventsServer({ auditSinkBatchMax: 7 });
    http = await startBatchReceiver();
    s3 = await startS3Peer();
  });
  after(async () => {
    await http.close();
    await s3.close();
    await server.close();
  });

  it('sends every audit record to https, Splunk HEC, Datadog and S3, in order and in their formats', async () => {
    const org = await createOrg(server);
    const as = server.as(org.ownerKey);
    const mk = async (body: object) => {
      const res = await as.post(`/v1/orgs/${org.slug}/audit-sinks`).send(body);
      assert.equal(res.status, 201, JSON.stringify(res.body));
      assert.equal(JSON.stringify(res.body).includes('hec-token-123'), false, 'secrets are never shown');
      return res.body.id as string;
    };
    await mk({ kind: 'https', name: 'siem', settings: { url: `${http.base}/ndjson` }, secrets: { headers: { Authorization: 'Bearer siem-key' } } });
    await mk({ kind: 'splunk_hec', name: 'splunk', settings: { url: `${http.base}/services/collector/event`, index: 'security' }, secrets: { token: 'hec-token-123' } });
    await mk({ kind: 'datadog', name: 'dd', settings: { url: `${http.base}/api/v2/logs`, tags: ['env:test'] }, secrets: { apiKey: 'dd-key' } });
    await mk({ kind: 's3', name: 'archive', settings: { endpoint: s3.endpoint, bucket: s3.bucket, region: s3.region, prefix: 'gatehouse/' }, secrets: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey } });
    const start = Number((await as.get(`/v1/orgs/${org.slug}/audit-events?limit=1000`)).body.items.at(-1).id);
    await makeAuditRecords(server, org, 20, 'a');
    const expected = await auditIds(server, org, start);
    assert.equal(expected.length, 20);

    // Accepted batches, once per idempotency key (a batch resent after a slow answer is the same batch).
    const ofPath = (p: string) => { const keys = new Set<string>(); return http.requests.filter((r) => r.path === p && !r.failed && !keys.has(batchKey(r)) && Boolean(keys.add(batchKey(r)))); };
    const ndjsonIds = () => since(start)(ofPath('/ndjson').flatMap((r) => r.body.trim().split('\n').map((l) => JSON.parse(l).id as string)));
    await eventually(async () => ndjsonIds().length, (n) => n >= expected.length);
    assert.deepEqual(ndjsonIds(), expected, `https: every record once, in order: ${ofPath('/ndjson').map((r) => r.headers['idempotency-key'] + ' ' + r.body.trim().split('\n').map((l) => { const j = JSON.parse(l); return `${j.sequence}:${j.id}:${j.action}`; }).join(' ')).join(' | ')}`);
    const first = ofPath('/ndjson')[0]!;
    assert.equal(first.headers['content-type'], 'application/x-ndjson');
    assert.equal(first.headers.authorization, 'Bearer siem-key');
    assert.match(String(first.headers['idempotency-key']), /^[0-9a-f-]{36}:\d+-\d+$/);
    assert.ok(ofPath('/ndjson').every((r) => r.body.trim().split('\n').length <= 7), 'batches hold at most auditSinkBatchMax records');

    const hecIds = () => ofPath('/services/collector/event').flatMap((r) => r.body.split('\n').map((l) => JSON.parse(l) as { time: number; index: string; sourcetype: string; event: { id: string }; fields: { idempotency_key: string } }));
    await eventually(async () => since(start)(hecIds().map((e) => e.event.id)).length, (n) => n >= expected.length);
    assert.deepEqual(since(start)(hecIds().map((e) => e.event.id)), expected);
    assert.equal(ofPath('/services/collector/event')[0]!.headers.authorization, 'Splunk hec-token-123');
    assert.ok(hecIds().every((e) => e.index === 'security' && e.sourcetype === 'gatehouse:audit' && typeof e.time === 'number' && e.fields.idempotency_key));

    const ddLogs = () => ofPath('/api/v2/logs').flatMap((r) => JSON.parse(r.body) as { ddsource: string; ddtags: string; message: string; service: string }[]);
    await eventually(async () => since(start)(ddLogs().map((l) => JSON.parse(l.message).id)).length, (n) => n >= expected.length);
    assert.deepEqual(since(start)(ddLogs().map((l) => JSON.parse(l.message).id)), expected);
    assert.equal(ofPath('/api/v2/logs')[0]!.headers['dd-api-key'], 'dd-key');
    assert.ok(ddLogs().every((l) => l.ddsource === 'gatehouse' && l.service === 'gatehouse' && l.ddtags.includes('env:test') && l.ddtags.includes(`org:${org.slug}`)));

    const s3Ids = () => since(start)([...s3.objects.entries()].sort(([a], [b]) => a.localeCompare(b)).flatMap(([, o]) => gunzipSync(o.body).toString('utf8').trim().split('\n').map((l) => JSON.parse(l).id as string)));
    await eventually(async () => s3Ids().length, (n) => n >= expected.length);
    assert.deepEqual(s3Ids(), expected, 'S3: gzipped NDJSON objects, in key order = record order');
    assert.deepEqual(s3.refused, [], 'every PUT carried a valid SigV4 signature');
    for (const key of s3.objects.keys()) assert.match(key, new RegExp(`^gatehouse/${org.slug}/\\d{4}/\\d{2}/\\d{2}/\\d{20}-\\d{20}\\.ndjson\\.gz$`));
    // The peer's check is real: a request signed with another secret is refused.
    const forged = aws4.sign({ service: 's3', region: s3.region, method: 'PUT', host: new URL(s3.endpoint).host, path: `/${s3.bucket}/forged`, body: 'x', headers: { 'x-amz-content-sha256': createHash('sha256').update('x').digest('hex') } }, { accessKeyId: s3.accessKeyId, secretAccessKey: 'wrong' });
    const answer = await fetch(`${s3.endpoint}/${s3.bucket}/forged`, { method: 'PUT', headers: forged.headers as Record<string, string>, body: 'x' });
    assert.equal(answer.status, 403);
    assert.deepEqual(s3.refused, ['SignatureDoesNotMatch']);
    const one = [...s3.objects.values()][0]!;
    assert.equal(one.headers['content-encoding'], 'gzip');
    assert.match(String(one.headers['x-amz-meta-idempotency-key']), /:\d+-\d+$/);
  });

  it('loses nothing while a receiver fails, and a batch sent again keeps its idempotency key', async () => {
    const org = await createOrg(server);
    const as = server.as(org.ownerKey);
    const res = await as.post(`/v1/orgs/${org.slug}/audit-sinks`).send({ kind: 'https', name: 'flaky', settings: { url: `${http.base}/flaky` } });
    assert.equal(res.status, 201);
    const start = Number((await as.get(`/v1/orgs/${org.slug}/audit-events?limit=1000`)).body.items.at(-1).id);
    http.mode = 'fail';
    await makeAuditRecords(server, org, 10, 'b');
    const sink = await eventually(async () => (await as.get(`/v1/orgs/${org.slug}/audit-sinks/${res.body.id}`)).body, (b) => Boolean(b.lastError) && b.backlog >= 10);
    assert.match(sink.lastError, /503/, 'the sink says why it is behind');
    await makeAuditRecords(server, org, 5, 'c');
    http.mode = 'accept';
    const expected = await auditIds(server, org, start);
    const got = () => http.requests.filter((r) => r.path === '/flaky' && !r.failed);
    const gotIds = () => since(start)(got().flatMap((r) => r.body.trim().split('\n').map((l) => JSON.parse(l).id as string)));
    await eventually(async () => gotIds().length, (n) => n >= expected.length);
    assert.deepEqual(gotIds(), expected, 'every record once, in order, after the outage');
    const keys = got().map((r) => String(r.headers['idempotency-key']));
    assert.equal(new Set(keys).size, keys.length, 'each batch was accepted once');
    const failedKeys = http.requests.filter((r) => r.path === '/flaky' && r.failed).map((r) => String(r.headers['idempotency-key']));
    assert.ok(failedKeys.length >= 2, 'the batch was tried several times during the outage');
    for (const k of failedKeys) assert.ok(keys.includes(k), `the batch that failed (${k}) went again with the same idempotency key`);
    const after = await eventually(async () => (await as.get(`/v1/orgs/${org.slug}/audit-sinks/${res.body.id}`)).body, (b) => b.backlog === 0);
    assert.equal(after.lastError, null);
  });

  it('refuses bad sink definitions with the field and the reason', async () => {
    const org = await createOrg(server);
    const as = server.as(org.ownerKey);
    const bad = [
      [{ kind: 'kafka', name: 'x' }, 'kind'],
      [{ kind: 'splunk_hec', name: 'x', settings: { url: `${http.base}/c` } }, 'secrets.token'],
      [{ kind: 's3', name: 'x', settings: { endpoint: s3.endpoint, bucket: 'No_Such' }, secrets: { accessKeyId: 'a', secretAccessKey: 'b' } }, 'settings.bucket'],
      [{ kind: 'https', name: 'x', settings: { url: 'ftp://example.com/x' } }, 'settings.url'],
      [{ kind: 'https', name: 'x', settings: { url: `${http.base}/x`, extra: 1 } }, 'settings.extra'],
    ] as const;
    for (const [body, field] of bad) {
      const res = await as.post(`/v1/orgs/${org.slug}/audit-sinks`).send(body);
      assert.equal(res.status, 400, JSON.stringify(res.body));
      assert.ok(res.body.errors.some((e: { field: string }) => e.field === field), `${field}: ${JSON.stringify(res.body.errors)}`);
    }
    const viewer = await as.post(`/v1/orgs/${org.slug}/api-keys`).send({ name: 'viewer', kind: 'service', role: 'viewer' });
    const denied = await server.as(viewer.body.secret).post(`/v1/orgs/${org.slug}/audit-sinks`).send({ kind: 'https', name: 'x', settings: { url: `${http.base}/x` } });
    assert.equal(denied.status, 403);
  });
});
