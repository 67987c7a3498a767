// The invitation mail (seed 003: "an email … that will take them to your identity provider page"):
// names the organization, the inviter, the role and the expiry, and carries the link.
import type { Config } from '../config.ts';
import type { MailKind } from '../mail/kinds.ts';
import { oneLine, renderTemplate } from '../mail/templates.ts';
import { invitationLink } from './issue.ts';
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

export function invitationMailKind(config: Pick<Config, 'publicUrl'>): MailKind {
  return {
    async render(q, row) {
      const inv = await store.findForMail(q, row.org_id, row.subject_id);
      const token = row.payload.token;
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
