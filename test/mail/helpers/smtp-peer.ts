// A real SMTP server on loopback (smtp-server), parsing what it receives with mailparser. Tests
// switch its mode: accept, refuse (451, a transient refusal), or hold (keep the DATA phase open).
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  /** The invitation link in the mail, if any. */
  link: string | null;
  parsed: ParsedMail;
}

export type SmtpMode = 'accept' | 'refuse' | 'hold';

export interface SmtpPeer {
  readonly url: string;
  readonly received: ReceivedMail[];
  mode: SmtpMode;
  /** Milliseconds to wait before answering each DATA phase (a slow server). */
  delayMs: number;
  /** How many transactions were refused, and how many DATA phases are being held. */
  readonly stats: { refused: number; held: number };
  /** Resolves when `n` mails have been accepted (rejects after `timeoutMs`). */
  waitFor(n: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  /** Resolves when a DATA phase is being held. */
  waitForHold(timeoutMs?: number): Promise<void>;
  /** Answers every held DATA phase with a transient error (their clients retry). */
  dropHeld(): void;
  close(): Promise<void>;
}

const LINK = /https?:\/\/[^\s"<>]+\/invite\/ghi_[A-Za-z0-9_-]{43}/;

function transient(message: string): Error {
  return Object.assign(new Error(message), { responseCode: 451 });
}

export async function startSmtpPeer(): Promise<SmtpPeer> {
  const received: ReceivedMail[] = [];
  const stats = { refused: 0, held: 0 };
  const held: ((err?: Error) => void)[] = [];
  let mode: SmtpMode = 'accept';
  let delayMs = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    maxClients: 500,
    onMailFrom(_address, _session, callback) {
      if (mode === 'refuse') {
        stats.refused++;
        return callback(transient('4.3.2 service temporarily unavailable, try again later'));
      }
      callback();
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (mode === 'hold') {
          stats.held++;
          held.push(callback);
          return;
        }
        const wait = delayMs ? new Promise((r) => setTimeout(r, delayMs)) : Promise.resolve();
        wait.then(() => simpleParser(Buffer.concat(chunks))).then((parsed) => {
          const to = Array.isArray(parsed.to) ? parsed.to[0]?.text : parsed.to?.text;
          received.push({
            to: to ?? '',
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            messageId: parsed.messageId ?? '',
            link: LINK.exec(parsed.text ?? '')?.[0] ?? null,
            parsed,
          });
          callback();
        }, callback);
      });
    },
  });
  server.on('error', () => {});
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  const { port } = server.server.address() as AddressInfo;

  const dropHeld = () => {
    for (const cb of held.splice(0)) cb(transient('4.3.0 dropped by the test'));
  };

  const until = async (done: () => boolean, what: string, timeoutMs: number) => {
    const end = Date.now() + timeoutMs;
    while (!done()) {
      if (Date.now() > end) throw new Error(`smtp peer: ${what} within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    stats,
    get mode() {
      return mode;
    },
    set mode(m: SmtpMode) {
      mode = m;
    },
    get delayMs() {
      return delayMs;
    },
    set delayMs(ms: number) {
      delayMs = ms;
    },
    async waitFor(n, timeoutMs = 15_000) {
      await until(() => received.length >= n, `expected ${n} mails, got ${received.length}`, timeoutMs);
      return received;
    },
    async waitForHold(timeoutMs = 15_000) {
      await until(() => held.length > 0, 'no DATA phase held', timeoutMs);
    },
    dropHeld,
    async close() {
      dropHeld();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
