// A Gatehouse instance wired to a real SMTP peer and a Redis, with its own queue prefix; and the
// small calls the invitation and mail tests share.
import { startTestServer, type TestServer } from '../../helpers/server.ts';
import { startSmtpPeer, type SmtpPeer } from './smtp-peer.ts';
import { dropQueueKeys, testQueuePrefix } from './queue-cleanup.ts';

export interface MailTestBed {
  server: TestServer;
  smtp: SmtpPeer;
  prefix: string;
  close(): Promise<void>;
}

export async function startMailTestBed(overrides: Record<string, unknown> = {}, smtp?: SmtpPeer): Promise<MailTestBed> {
  const peer = smtp ?? (await startSmtpPeer());
  const prefix = (overrides.mailQueuePrefix as string | undefined) ?? testQueuePrefix();
  const redisUrl = (overrides.redisUrl as string | undefined) ?? 'redis://127.0.0.1:6379';
  const server = await startTestServer({ smtpUrl: peer.url, mailQueuePrefix: prefix, publicUrl: 'http://gatehouse.test', ...overrides });
  return {
    server,
    smtp: peer,
    prefix,
    async close() {
      await server.close();
      if (!smtp) await peer.close();
      await dropQueueKeys(redisUrl, prefix).catch(() => {});
    },
  };
}

export const addresses = (n: number, tag = 'p') => Array.from({ length: n }, (_, i) => `${tag}${i}@example.org`);

/** POST /v1/orgs/{org}/invitations and return the body (asserting 200). */
export async function invite(server: TestServer, org: { slug: string }, key: string, body: Record<string, unknown>) {
  const res = await server.as(key).post(`/v1/orgs/${org.slug}/invitations`).send(body);
  if (res.status !== 200) throw new Error(`invite: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { results: { email: string; result: string; reason?: string; invitation?: { id: string; state: string; expiresAt: string | null; delivery: string | null } }[]; summary: Record<string, number> };
}

/** The path of an invitation link (/invite/ghi_…), for requests against the test server. */
export const linkPath = (link: string) => new URL(link).pathname;

/** Waits until the check passes (polling), or fails with the last value seen. */
export async function eventually<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: T;
  for (;;) {
    last = await read();
    if (ok(last)) return last;
    if (Date.now() > end) throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
