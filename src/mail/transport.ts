// Sends rendered mail: over SMTP_URL through a pool of nodemailer connections, or, with no SMTP
// server configured, into .eml files under mailDir (and the log), so `npm start` works alone.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { RenderedMail } from './kinds.ts';

export interface OutgoingMail extends RenderedMail {
  /** Stable per send request, so a receiver can recognise the one duplicate we cannot rule out. */
  messageId: string;
}

export interface MailTransport {
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
  close(): void;
}

type TransportConfig = Pick<Config, 'smtpUrl' | 'mailDir' | 'mailFrom' | 'mailConcurrency' | 'mailSendTimeoutMs'>;

function message(config: TransportConfig, mail: OutgoingMail) {
  return { from: config.mailFrom, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, messageId: mail.messageId };
}

export function createMailTransport(config: TransportConfig, logger: Logger): MailTransport {
  if (config.smtpUrl) {
    const smtp = nodemailer.createTransport({
      url: config.smtpUrl,
      pool: true,
      maxConnections: Math.min(config.mailConcurrency, 50),
      maxMessages: Infinity,
      // Bounded, and shorter than the send lease: a stuck server cannot make two workers send one mail.
      connectionTimeout: config.mailSendTimeoutMs,
      greetingTimeout: config.mailSendTimeoutMs,
      socketTimeout: config.mailSendTimeoutMs,
    });
    return {
      async send(mail) {
        const info = await smtp.sendMail(message(config, mail));
        return { messageId: info.messageId };
      },
      close: () => smtp.close(),
    };
  }
  const dir = resolve(config.mailDir);
  const stream = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  let made = false;
  return {
    async send(mail) {
      const info = await stream.sendMail(message(config, mail));
      if (!made) await mkdir(dir, { recursive: true });
      made = true;
      const file = join(dir, `${mail.messageId.replace(/[^A-Za-z0-9@.-]/g, '')}.eml`);
      await writeFile(file, info.message as Buffer);
      logger.info({ to: mail.to, file, ...mail.logHint }, 'SMTP_URL is not set: mail written to a file');
      return { messageId: info.messageId };
    },
    close: () => stream.close(),
  };
}
