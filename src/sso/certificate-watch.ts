// Warns before a SAML connection's IdP signing certificate expires (issue 18): once per certificate
// and threshold (30, 7 and 1 days by default), as the audit record `sso_connection.certificate_expiring`,
// which is also the catalogue event webhooks and the feed carry. A certificate that expires stops
// every sign-in through its connection, so the product (and the administrator's SIEM) hear in time.
import { X509Certificate } from 'node:crypto';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { recordEvent } from '../audit/service.ts';
import type { Config } from '../config.ts';
import type { EventsWorker } from '../events/runtime.ts';
import { samlConnections, takeNotice } from './certificate-notices-store.ts';

const DAY = 86_400_000;
const CHECK_EVERY_MS = 3_600_000;

/** Gives the notices that are due; returns how many. */
export async function checkCertificateExpiry(db: Knex, thresholds: readonly number[], now = new Date()): Promise<number> {
  let given = 0;
  let after: string | null = null;
  for (;;) {
    const page = await samlConnections(db, after, 500);
    for (const c of page) {
      for (const pem of c.certificates) {
        const cert = new X509Certificate(pem);
        const notAfter = new Date(cert.validTo);
        const daysLeft = Math.floor((notAfter.getTime() - now.getTime()) / DAY);
        // The tightest threshold already reached: a certificate saved with 2 days left gets one notice, not three.
        const threshold = [...thresholds].sort((a, b) => a - b).find((t) => daysLeft <= t);
        if (threshold === undefined) continue;
        const noticed = await db.transaction(async (tx) => {
          if (!(await takeNotice(tx, c.org_id, c.id, cert.fingerprint256, threshold))) return false;
          await recordEvent(tx, c.org_id, null, {
            action: 'sso_connection.certificate_expiring',
            target: { type: 'sso_connection', id: c.id },
            after: { id: c.id, name: c.name, protocol: 'saml' },
            details: { fingerprint: cert.fingerprint256, subject: cert.subject, notAfter: notAfter.toISOString(), daysLeft, thresholdDays: threshold },
          });
          return true;
        });
        if (noticed) given++;
      }
    }
    if (page.length < 500) return given;
    after = page[page.length - 1]!.id;
  }
}

export function certificateWatch(db: Knex, config: Pick<Config, 'ssoCertificateWarningDays'>, logger: Logger): EventsWorker {
  let timer: NodeJS.Timeout | null = null;
  let first: NodeJS.Timeout | null = null;
  let running: Promise<unknown> = Promise.resolve();
  const run = () => {
    running = checkCertificateExpiry(db, config.ssoCertificateWarningDays).catch((err: unknown) => logger.warn({ err: (err as Error).message }, 'certificate expiry check failed; it runs again in an hour'));
  };
  return {
    start() {
      timer = setInterval(run, CHECK_EVERY_MS);
      timer.unref();
      first = setTimeout(run, 1000);
      first.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      if (first) clearTimeout(first);
      await running;
    },
  };
}
