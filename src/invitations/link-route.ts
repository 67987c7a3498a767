// GET /invite/{token}: a valid link leads to the organization's sign-in with the address filled
// in; any other answers a clear page (browsers) or problem+json (clients), never a bare 404.
import type { Request, Response } from 'express';
import type { Knex } from 'knex';
import { ApiError } from '../http/errors.ts';
import { escapeHtml } from '../mail/templates.ts';
import { invitationLandingPage } from '../sign-in-pages/invitation-page.ts';
import { checkInvitationLink, type LinkCheck } from './accept.ts';
import { isInvitationToken } from './issue.ts';

const WHY: Record<Exclude<LinkCheck['status'], 'valid'>, { status: number; title: string; text: string }> = {
  unknown: { status: 404, title: 'Invitation not found', text: 'This invitation link is not valid. It may have been replaced by a newer invitation: use the link in the most recent mail.' },
  expired: { status: 410, title: 'Invitation expired', text: 'This invitation has expired. Ask an administrator of the organization to resend it.' },
  revoked: { status: 410, title: 'Invitation withdrawn', text: 'This invitation was withdrawn by an administrator of the organization.' },
  accepted: { status: 410, title: 'Invitation already accepted', text: 'This invitation was already accepted. Sign in to the organization as usual.' },
  queued: { status: 404, title: 'Invitation not sent', text: 'This invitation has not been sent yet.' },
};

function page(title: string, text: string, orgName?: string): string {
  const org = orgName ? `<p>Organization: <strong>${escapeHtml(orgName)}</strong></p>` : '';
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer"></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 4em auto; padding: 0 1em;"><h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(text)}</p>${org}</body></html>`;
}

export async function openInvitationLink(db: Knex, token: string, req: Request, res: Response): Promise<void> {
  const check: LinkCheck = isInvitationToken(token) ? await checkInvitationLink(db, token) : { status: 'unknown' };
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Referrer-Policy', 'no-referrer'); // the link is a secret: keep it out of other sites' logs
  if (check.status === 'valid' && req.accepts(['json', 'html']) === 'html') {
    await invitationLandingPage(db, res, check, token); // who invited you, as what, "Continue with <IdP>"
    return;
  }
  if (check.status === 'valid') {
    const params = new URLSearchParams({ email: check.email, invitation: token });
    res.redirect(302, `/sso/${encodeURIComponent(check.orgSlug)}/login?${params}`);
    return;
  }
  const why = WHY[check.status];
  if (req.accepts(['json', 'html']) === 'html') {
    res.status(why.status).type('html').send(page(why.title, why.text, check.orgName));
    return;
  }
  throw new ApiError(why.status, why.title, why.text, [], { reason: check.status });
}
