// What the mail module asks of a module whose mails it carries (invitations today). The mail
// module knows nothing of invitations: server.ts hands it one MailKind per outbox `kind`.
import type { Knex } from 'knex';
import type { OutboxRow } from './outbox-store.ts';

export interface RenderedMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Logged beside the .eml file when there is no SMTP server (e.g. the invitation link). */
  logHint?: Record<string, string>;
}

export interface MailKind {
  /**
   * The mail to send for this outbox row, or null when the request is superseded (resent, revoked,
   * expired). Delivery is recorded on the outbox row only; the subject's module reads it from there.
   */
  render(q: Knex | Knex.Transaction, row: OutboxRow): Promise<RenderedMail | null>;
}

export type MailKinds = Readonly<Record<string, MailKind>>;
