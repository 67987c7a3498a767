// A minimal S3-compatible server on loopback: PUT, GET and ListObjectsV2 on one bucket, kept in
// memory. Every request must carry a valid AWS Signature V4, checked with AWS's own signer
// (@smithy/signature-v4, not the aws4 package Gatehouse signs with) and a payload hash that matches
// the body. (s3rver on npm accepts any V4 signature unchecked, so it could not catch a bad one.)
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';

export interface S3Peer {
  readonly endpoint: string;
  readonly bucket: string;
  readonly region: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** key → stored object */
  readonly objects: Map<string, { body: Buffer; headers: IncomingMessage['headers'] }>;
  /** Requests refused for their signature, with the reason. */
  readonly refused: string[];
  /** PUTs received (including those that overwrote an object). */
  puts: number;
  mode: 'accept' | 'fail';
  close(): Promise<void>;
}

function amzDate(v: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(v);
  if (!m) throw new Error('x-amz-date is malformed');
  return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
}

export async function startS3Peer(bucket = 'audit-bucket'): Promise<S3Peer> {
  const accessKeyId = 'AKIDGATEHOUSETEST';
  const secretAccessKey = 'test-secret-access-key-for-the-loopback-peer';
  const region = 'eu-test-1';
  const signer = new SignatureV4({ service: 's3', region, credentials: { accessKeyId, secretAccessKey }, sha256: Hash.bind(null, 'sha256'), uriEscapePath: false });

  async function verify(req: IncomingMessage, body: Buffer): Promise<string | null> {
    const auth = String(req.headers.authorization ?? '');
    const m = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/\d{8}\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(auth);
    if (!m) return 'no AWS4-HMAC-SHA256 authorization';
    if (m[1] !== accessKeyId) return 'unknown access key';
    if (m[2] !== region) return `wrong region ${m[2]}`;
    const payloadHash = createHash('sha256').update(body).digest('hex');
    if (req.headers['x-amz-content-sha256'] !== payloadHash) return 'x-amz-content-sha256 does not match the body';
    const signed = m[3]!.split(';');
    const url = new URL(req.url!, 'http://peer');
    const headers = Object.fromEntries(signed.map((h) => [h, String(req.headers[h] ?? '')]));
    const expected = await signer.sign(
      { method: req.method!, protocol: 'http:', hostname: String(req.headers.host).split(':')[0]!, port: Number(String(req.headers.host).split(':')[1]), path: url.pathname, query: Object.fromEntries(url.searchParams), headers, body },
      { signingDate: amzDate(String(req.headers['x-amz-date'])), signableHeaders: new Set(signed) },
    );
    const sig = /Signature=([0-9a-f]{64})/.exec(String(expected.headers.authorization))?.[1];
    return sig === m[4] ? null : 'SignatureDoesNotMatch';
  }

  const peer: S3Peer & { server?: Server } = {
    endpoint: '', bucket, region, accessKeyId, secretAccessKey, objects: new Map(), refused: [], puts: 0, mode: 'accept',
    async close() {
      peer.server!.closeAllConnections();
      await new Promise((r) => peer.server!.close(r));
    },
  };
  peer.server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      const why = await verify(req, body).catch((err: Error) => err.message);
      if (why) {
        peer.refused.push(why);
        res.writeHead(403, { 'content-type': 'application/xml' }).end(`<Error><Code>SignatureDoesNotMatch</Code><Message>${why}</Message></Error>`);
        return;
      }
      const url = new URL(req.url!, 'http://peer');
      const [, b, ...rest] = url.pathname.split('/');
      if (b !== bucket) return void res.writeHead(404).end('<Error><Code>NoSuchBucket</Code></Error>');
      const key = rest.map(decodeURIComponent).join('/');
      if (req.method === 'PUT' && key) {
        if (peer.mode === 'fail') return void res.writeHead(503).end('<Error><Code>SlowDown</Code></Error>');
        peer.puts++;
        peer.objects.set(key, { body, headers: req.headers });
        return void res.writeHead(200, { etag: `"${createHash('md5').update(body).digest('hex')}"` }).end();
      }
      if (req.method === 'GET' && key) {
        const o = peer.objects.get(key);
        return void (o ? res.writeHead(200, { 'content-encoding': String(o.headers['content-encoding'] ?? '') }).end(o.body) : res.writeHead(404).end('<Error><Code>NoSuchKey</Code></Error>'));
      }
      if (req.method === 'GET' && url.searchParams.get('list-type') === '2') {
        const prefix = url.searchParams.get('prefix') ?? '';
        const keys = [...peer.objects.keys()].filter((k) => k.startsWith(prefix)).sort();
        return void res.writeHead(200, { 'content-type': 'application/xml' }).end(`<ListBucketResult><Name>${bucket}</Name>${keys.map((k) => `<Contents><Key>${k}</Key></Contents>`).join('')}</ListBucketResult>`);
      }
      res.writeHead(405).end();
    });
  });
  peer.server.listen(0, '127.0.0.1');
  await once(peer.server, 'listening');
  (peer as { endpoint: string }).endpoint = `http://127.0.0.1:${(peer.server.address() as AddressInfo).port}`;
  return peer;
}
