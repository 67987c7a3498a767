// An HTTP endpoint on loopback that ingests audit batches the way a SIEM's intake does (generic
// NDJSON, Splunk HEC, Datadog logs), records each request with its headers, and can fail on demand.
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface BatchRequest {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** Answered 503 (mode fail). */
  failed: boolean;
}

export interface BatchReceiver {
  readonly base: string;
  /** Every request, answered or failed. */
  readonly requests: BatchRequest[];
  /** accept: 200 (HEC: {"text":"Success","code":0}); fail: 503. */
  mode: 'accept' | 'fail';
  close(): Promise<void>;
}

export async function startBatchReceiver(): Promise<BatchReceiver> {
  const r: BatchReceiver & { server?: Server } = {
    base: '',
    requests: [],
    mode: 'accept',
    async close() {
      r.server!.closeAllConnections();
      await new Promise((res) => r.server!.close(res));
    },
  };
  r.server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const failed = r.mode === 'fail';
      r.requests.push({ path: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), failed });
      if (failed) return void res.writeHead(503).end('{"text":"Server is busy","code":9}');
      res.writeHead(200, { 'content-type': 'application/json' }).end(req.url!.includes('collector') ? '{"text":"Success","code":0}' : '{}');
    });
  });
  r.server.listen(0, '127.0.0.1');
  await once(r.server, 'listening');
  (r as { base: string }).base = `http://127.0.0.1:${(r.server.address() as AddressInfo).port}`;
  return r;
}
