// A lean keep-alive HTTP client for the benchmarks: node:http with a pooled agent, so the client's own
// cost (fetch's web streams, supertest's parsing) stays small beside the server's when both share a
// process and the machine's two cores.
import { Agent, request } from 'node:http';

export interface HttpAnswer {
  status: number;
  body: string;
}

const agent = new Agent({ keepAlive: true, maxSockets: 64 });

export function httpCall(url: string, method: string, headers: Record<string, string>, body?: string): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : Buffer.from(body);
    const req = request(url, { method, agent, headers: { ...(data ? { 'Content-Length': String(data.length) } : {}), ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(data);
  });
}

/** Closes the pooled connections, so the benchmark's process can exit. */
export const closeHttpClient = () => agent.destroy();
