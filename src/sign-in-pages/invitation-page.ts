// GET /invite/{token} in a browser: who invited the person, to which organization, as which role,
// and the button that continues to the organization's identity provider with the invited address.
import type { Response } from 'express';
import type { Knex } from 'knex';
import { connectionFor } from './connections.ts';
import { escapeHtml, page, sendPage } from './html.ts';
import { loginUrl } from './home-realm.ts';
import { orgForPages } from './org-for-pages.ts';

const ROLE = { owner: 'an owner', admin: 'an admin', contributor: 'a contributor', viewer: 'a viewer', viewer_no_secrets: 'a viewer (without secrets)', member: 'a member' } as Record<string, string>;

export async function invitationLandingPage(db: Knex, res: Response, inv: { orgSlug: string; email: string; role: string; inviterName: string; expiresAt: Date | null }, token: string): Promise<void> {
  const org = await orgForPages(db, inv.orgSlug);
  if (!org) throw new Error('an invitation of a missing organization');
  const conn = await connectionFor(db, org.id, inv.email);
  const next = loginUrl(org.slug, { email: inv.email, invitation: token, ...(conn ? { connection: conn.id } : {}) });
  const body = `<h1>You are invited to ${escapeHtml(org.name)}</h1>
<p><strong>${escapeHtml(inv.inviterName)}</strong> invited you to join <strong>${escapeHtml(org.name)}</strong> as ${escapeHtml(ROLE[inv.role] ?? inv.role)}.</p>
<dl><dt>Your address</dt><dd>${escapeHtml(inv.email)}</dd>${inv.expiresAt ? `<dt>Valid until</dt><dd>${escapeHtml(inv.expiresAt.toUTCString())}</dd>` : ''}</dl>
<a class="button" href="${escapeHtml(next)}">Continue with ${escapeHtml(conn?.name ?? 'single sign-on')}</a>
<p class="muted">Sign in with ${escapeHtml(inv.email)}: signing in with another address does not accept this invitation.</p>`;
  sendPage(res, 200, page(org, `Invitation to ${org.name}`, body));
}
