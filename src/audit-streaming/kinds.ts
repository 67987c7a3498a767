// The sink kinds: what each one's settings and secrets are, and how a batch of audit records becomes
// one request in the format the receiving system ingests.
// - https: NDJSON (one record per line), `Idempotency-Key` header.
// - splunk_hec: Splunk HTTP Event Collector, `/services/collector/event`, events concatenated, one
//   per line, `Authorization: Splunk <token>` (Splunk docs, "Format events for HTTP Event Collector").
// - datadog: Datadog log intake v2 (`POST /api/v2/logs`, a JSON array, `DD-API-KEY`; at most 1,000
//   entries per payload).
// - s3: an S3-compatible bucket, one gzipped NDJSON object per batch, PUT with AWS Signature V4 (aws4);
//   the object key is the batch's range, so a batch sent again overwrites itself.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import aws4 from 'aws4';
import { z } from 'zod';
import type { OutboundRequest } from '../lib/safe-http.ts';

export interface StreamedRecord {
  sequence: number;
  organization: { id: string; slug: string };
  id: string;
  at: string;
  action: string;
  [k: string]: unknown;
}

export interface Batch {
  sinkId: string;
  orgSlug: string;
  from: string;
  to: string;
  /** The same for every send of this range: receivers deduplicate on it. */
  idempotencyKey: string;
  records: StreamedRecord[];
}

const url = z.string().max(2000, 'must be at most 2000 characters');
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

export const KINDS = {
  https: {
    settings: z.strictObject({ url }),
    secrets: z.strictObject({ headers: z.record(z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'must be a header name'), z.string().max(4000)).default({}) }),
    urlOf: (s: Record<string, unknown>) => String(s.url),
  },
  splunk_hec: {
    settings: z.strictObject({ url, index: text(100).optional(), source: text(100).default('gatehouse'), sourcetype: text(100).default('gatehouse:audit') }),
    secrets: z.strictObject({ token: text(200) }),
    urlOf: (s: Record<string, unknown>) => String(s.url),
  },
  datadog: {
    settings: z.strictObject({ url: url.default('https://http-intake.logs.datadoghq.com/api/v2/logs'), service: text(100).default('gatehouse'), tags: z.array(text(200)).max(50).default([]) }),
    secrets: z.strictObject({ apiKey: text(200) }),
    urlOf: (s: Record<string, unknown>) => String(s.url),
  },
  s3: {
    settings: z.strictObject({ endpoint: url, bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name'), region: text(50).default('us-east-1'), prefix: z.string().max(200).regex(/^[A-Za-z0-9!_.*'()/-]*$/, 'must use only S3-safe key characters').default('') }),
    secrets: z.strictObject({ accessKeyId: text(200), secretAccessKey: text(200) }),
    urlOf: (s: Record<string, unknown>) => String(s.endpoint),
  },
} as const;

export type Kind = keyof typeof KINDS;

const ndjson = (records: StreamedRecord[]) => records.map((r) => JSON.stringify(r)).join('\n') + '\n';

export function s3ObjectKey(settings: Record<string, unknown>, b: Batch): string {
  const day = (b.records[0]?.at ?? new Date().toISOString()).slice(0, 10).replaceAll('-', '/');
  const pad = (n: string) => n.padStart(20, '0');
  return `${String(settings.prefix ?? '')}${b.orgSlug}/${day}/${pad(b.from)}-${pad(b.to)}.ndjson.gz`;
}

export function buildRequest(kind: Kind, settings: Record<string, unknown>, secrets: Record<string, unknown>, b: Batch, timeoutMs: number): Omit<OutboundRequest, 'timeoutMs'> & { timeoutMs: number } {
  const common = { timeoutMs, method: 'POST' as const };
  switch (kind) {
    case 'https':
      return { ...common, url: String(settings.url), body: ndjson(b.records), headers: { ...(secrets.headers as Record<string, string>), 'content-type': 'application/x-ndjson', 'idempotency-key': b.idempotencyKey } };
    case 'splunk_hec': {
      const events = b.records.map((r) => JSON.stringify({
        time: Date.parse(r.at) / 1000, host: 'gatehouse', source: settings.source, sourcetype: settings.sourcetype, ...(settings.index ? { index: settings.index } : {}),
        event: r, fields: { idempotency_key: b.idempotencyKey, organization: r.organization.slug },
      }));
      return { ...common, url: String(settings.url), body: events.join('\n'), headers: { authorization: `Splunk ${String(secrets.token)}`, 'content-type': 'application/json', 'x-splunk-request-channel': channelOf(b.sinkId) } };
    }
    case 'datadog': {
      const tags = ['source:gatehouse', ...(settings.tags as string[])].join(',');
      const logs = b.records.map((r) => ({ ddsource: 'gatehouse', ddtags: `${tags},org:${r.organization.slug}`, hostname: 'gatehouse', service: settings.service, message: JSON.stringify(r), idempotency_key: b.idempotencyKey, audit: r }));
      return { ...common, url: String(settings.url), body: JSON.stringify(logs), headers: { 'dd-api-key': String(secrets.apiKey), 'content-type': 'application/json' } };
    }
    case 's3': {
      const endpoint = new URL(String(settings.endpoint));
      const key = s3ObjectKey(settings, b);
      const body = gzipSync(ndjson(b.records));
      const path = `${endpoint.pathname.replace(/\/$/, '')}/${settings.bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;
      const signed = aws4.sign({
        service: 's3', region: String(settings.region), method: 'PUT', host: endpoint.host, path, body,
        headers: { 'content-type': 'application/x-ndjson', 'content-encoding': 'gzip', 'x-amz-content-sha256': createHash('sha256').update(body).digest('hex'), 'x-amz-meta-idempotency-key': b.idempotencyKey },
      }, { accessKeyId: String(secrets.accessKeyId), secretAccessKey: String(secrets.secretAccessKey) });
      const headers = Object.fromEntries(Object.entries(signed.headers ?? {}).filter(([k]) => k.toLowerCase() !== 'host' && k.toLowerCase() !== 'content-length').map(([k, v]) => [k, String(v)]));
      return { ...common, method: 'PUT', url: `${endpoint.protocol}//${endpoint.host}${path}`, body, headers };
    }
  }
}

/** Splunk wants a GUID per channel: one stable channel per sink. */
function channelOf(sinkId: string): string {
  const h = createHash('sha256').update(sinkId).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** Per-kind ceilings on a batch (Datadog takes at most 1,000 entries per payload). */
export const maxBatch = (kind: Kind, configured: number) => (kind === 'datadog' ? Math.min(configured, 1000) : configured);
