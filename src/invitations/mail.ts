// The invitation mail (seed 003: "an email … that will take them to your identity provider page"):
// names the organization, the inviter, the role and the expiry, and carries the link.
import type { Knex } from 'knex';
import type { Config } from '../config.ts';
import { Batcher } from '../mail/batcher.ts';
import type { MailKind } from '../mail/kinds.ts';
import { oneLine, renderTemplate } from '../mail/templates.ts';
import { secretBox } from '../sessions/secret-box.ts';
import { invitationLink, openLinkSecret } from './issue.ts';
import { stateOf } from './present.ts';
import * as store from './store.ts';

const ROLE_NAMES: Record<string, string> = {
  owner: 'an owner',
  admin: 'an admin',
  contributor: 'a contributor',
  viewer: 'a viewer',
  viewer_no_secrets: 'a viewer (without access to secrets)',
  member: 'a member',
};

const formatExpiry = (d: Date) => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

export function invitationMailKind(config: Pick<Config, 'publicUrl' | 'encryptionKey'>): MailKind {
  const box = secretBox(config.encryptionKey);
  // The workers' concurrent renders read their invitations in one query.
  const lookups = new Map<Knex | Knex.Transaction, Batcher<{ orgId: string; id: string }, (store.InvitationRow & { org_name: string }) | undefined>>();
  const lookup = (q: Knex | Knex.Transaction) => {
    let b = lookups.get(q);
    if (!b) {
      b = new Batcher(async (refs) => {
        const rows = await store.findForMail(q, refs);
        return refs.map((r) => rows.find((x) => x.id === r.id && x.org_id === r.orgId));
      });
      lookups.set(q, b);
    }
    return b;
  };
  return {
    async render(q, row) {
      const inv = await lookup(q).submit({ orgId: row.org_id, id: row.subject_id });
      const token = openLinkSecret(box, row.subject_id, row.payload);
      // Only the latest send request of a live invitation goes out; a resend or delete supersedes it.
      if (!inv || !token || inv.outbox_id !== row.id || stateOf(inv) !== 'pending' || !inv.expires_at) return null;
      const link = invitationLink(config.publicUrl, token);
      const values = {
        organization: oneLine(inv.org_name),
        inviter: oneLine(inv.inviter_name),
        role: ROLE_NAMES[inv.role] ?? inv.role,
        email: inv.email,
        expires: formatExpiry(inv.expires_at),
        link,
      };
      return {
        to: inv.email,
        subject: oneLine(`${values.inviter} invited you to join ${values.organization}`),
        text: renderTemplate('invitation.txt', values),
        html: renderTemplate('invitation.html', values),
        logHint: { link },
      };
    },
  };
}
