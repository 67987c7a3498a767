// Outbound HTTP for deliveries (webhooks, audit sinks), safe against SSRF and DNS rebinding: the
// host is resolved at send time, every address it resolves to is checked, and the connection goes
// to the address that was checked (a custom lookup hands it to the socket), never to a second
// resolution an attacker's DNS could answer differently. TLS still verifies the certificate against
// the host name. Redirects are not followed (a 3xx is a failed delivery), answers are read up to a
// snippet, and the whole exchange has one deadline.
import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { bareHost, blockedAddressReason, deliveryUrlError, type UrlPolicy } from './address-policy.ts';

export interface OutboundRequest {
  url: string;
  method: 'POST' | 'PUT';
  headers: Record<string, string>;
  body: Buffer | string;
  timeoutMs: number;
}

export interface OutboundAnswer {
  status: number;
  /** The first bytes of the answer, for delivery logs. */
  snippet: string;
  latencyMs: number;
}

/** The delivery was not attempted (URL or address refused), or failed before an HTTP answer. */
export class OutboundError extends Error {
  constructor(message: string, readonly refused: boolean, readonly latencyMs: number) {
    super(message);
  }
}

const SNIPPET_BYTES = 1024;
const DRAIN_LIMIT = 64 * 1024;
const agents = { 'http:': new http.Agent({ keepAlive: true, maxSockets: 256 }), 'https:': new https.Agent({ keepAlive: true, maxSockets: 256 }) };

export type Resolve = (host: string) => Promise<{ address: string; family: number }[]>;

/** The system resolver (getaddrinfo: /etc/hosts, then DNS), as the socket would have used it. */
const systemResolve: Resolve = (host) => dnsLookup(host, { all: true, verbatim: true });

/** Resolves the host and checks every address (any bad one refuses: an attacker controls the list). */
async function checkedAddress(hostname: string, policy: UrlPolicy, resolve: Resolve): Promise<{ address: string; family: number }> {
  const host = bareHost(hostname);
  const found = isIP(host) ? [{ address: host, family: isIP(host) }] : await resolve(host);
  if (!found.length) throw new Error(`${host} does not resolve`);
  if (!policy.allowPrivateAddresses) {
    for (const a of found) {
      const why = blockedAddressReason(a.address);
      if (why) throw new OutboundError(`refused: ${host} resolves to ${why}`, true, 0);
    }
  }
  return found[0]!;
}

/** `resolve` is the system resolver; tests give an attacker's DNS answers (the one fault they cannot cause otherwise). */
export async function sendOutbound(req: OutboundRequest, policy: UrlPolicy, resolve: Resolve = systemResolve): Promise<OutboundAnswer> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const urlError = deliveryUrlError(req.url, policy);
  if (urlError) throw new OutboundError(`refused: the URL ${urlError}`, true, 0);
  const url = new URL(req.url);
  let target: { address: string; family: number };
  try {
    target = await checkedAddress(url.hostname, policy, resolve);
  } catch (err) {
    if (err instanceof OutboundError) throw err;
    throw new OutboundError(`DNS: ${(err as Error).message}`, false, elapsed());
  }
  const pinned: LookupFunction = (_host, options, callback) => {
    if ((options as { all?: boolean }).all) (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [target]);
    else callback(null, target.address, target.family);
  };
  const body = typeof req.body === 'string' ? Buffer.from(req.body) : req.body;
  const transport = url.protocol === 'https:' ? https : http;

  return new Promise<OutboundAnswer>((resolve, reject) => {
    const fail = (message: string) => reject(new OutboundError(message, false, elapsed()));
    const request = transport.request(url, {
      method: req.method,
      headers: { ...req.headers, 'content-length': String(body.length), 'user-agent': 'Gatehouse-Webhooks/1' },
      agent: agents[url.protocol as 'http:' | 'https:'],
      lookup: pinned,
    });
    const deadline = setTimeout(() => request.destroy(new Error(`no answer within ${req.timeoutMs} ms`)), req.timeoutMs);
    request.on('error', (err) => {
      clearTimeout(deadline);
      fail(err.message);
    });
    request.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        if (size < SNIPPET_BYTES) chunks.push(chunk);
        size += chunk.length;
        if (size > DRAIN_LIMIT) res.destroy(); // not worth keeping the connection for
      });
      const done = () => {
        clearTimeout(deadline);
        resolve({ status: res.statusCode ?? 0, snippet: Buffer.concat(chunks).subarray(0, SNIPPET_BYTES).toString('utf8'), latencyMs: elapsed() });
      };
      res.on('end', done);
      res.on('close', done); // destroyed early: what was read is the snippet
      res.on('error', () => {});
    });
    request.end(body);
  });
}
