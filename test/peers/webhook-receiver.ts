// A webhook receiver on loopback, as a product would run one: it verifies every delivery with the
// `standardwebhooks` package (the reference implementation of the spec) and records what it got.
// Tests switch it between answering 2xx, failing, holding requests unanswered, and being down.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface Received {
  id: string;
  timestamp: string;
  signature: string;
  body: string;
  event: { id: string; type: string; sequence: number; subject: { type: string; id: string }; data: Record<string, unknown>; [k: string]: unknown };
  /** Which of the configured secrets verified it (indexes into `secrets`). */
  verifiedBy: number[];
  at: number;
}

export interface WebhookReceiver {
  readonly url: string;
  port: number;
  /** Every verified delivery, in arrival order (duplicates included). */
  readonly received: Received[];
  /** Deliveries no configured secret verified. */
  readonly rejected: { headers: IncomingMessage['headers']; body: string }[];
  secrets: string[];
  /** The webhook-ids of requests held unanswered (mode hold). */
  readonly heldIds: string[];
  /** accept: 204; fail: 503; hold: never answer (a receiver that hangs). */
  mode: 'accept' | 'fail' | 'hold';
  /** Closes the port (connection refused) until start(). */
  stop(): Promise<void>;
  start(): Promise<void>;
  waitFor(predicate: (r: Received[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(port = 0): Promise<WebhookReceiver> {
  let server: Server | null = null;
  const held: ServerResponse[] = [];
  const r: WebhookReceiver = {
    url: '',
    port,
    received: [],
    rejected: [],
    secrets: [],
    heldIds: [],
    mode: 'accept',
    async start() {
      server = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          if (r.mode === 'hold') {
            held.push(res);
            r.heldIds.push(String(req.headers['webhook-id']));
            return;
          }
          const headers = { 'webhook-id': String(req.headers['webhook-id']), 'webhook-timestamp': String(req.headers['webhook-timestamp']), 'webhook-signature': String(req.headers['webhook-signature']) };
          const verifiedBy = r.secrets.flatMap((secret, i) => {
            try {
              new Webhook(secret).verify(body, headers);
              return [i];
            } catch {
              return [];
            }
          });
          if (!verifiedBy.length) {
            r.rejected.push({ headers: req.headers, body });
            res.writeHead(401).end('bad signature');
            return;
          }
          if (r.mode === 'fail') {
            res.writeHead(503).end('receiver unavailable');
            return;
          }
          r.received.push({ id: headers['webhook-id'], timestamp: headers['webhook-timestamp'], signature: headers['webhook-signature'], body, event: JSON.parse(body), verifiedBy, at: Date.now() });
          res.writeHead(204).end();
        });
      });
      server.keepAliveTimeout = 5000;
      server.listen(r.port, '127.0.0.1');
      await once(server, 'listening');
      r.port = (server.address() as AddressInfo).port;
      (r as { url: string }).url = `http://127.0.0.1:${r.port}/hook`;
    },
    async stop() {
      const s = server;
      server = null;
      if (!s) return;
      for (const res of held.splice(0)) res.destroy();
      s.closeAllConnections();
      await new Promise((resolve) => s.close(resolve));
    },
    async waitFor(predicate, timeoutMs = 20_000) {
      const end = Date.now() + timeoutMs;
      while (!predicate(r.received)) {
        if (Date.now() > end) throw new Error(`webhook receiver: condition not met within ${timeoutMs} ms (${r.received.length} received, ${r.rejected.length} rejected)`);
        await new Promise((res) => setTimeout(res, 25));
      }
    },
    async close() {
      await r.stop();
    },
  };
  await r.start();
  return r;
}
