// The page of a refused sign-in: what happened (the refusal's own sentence), what the person can do
// about it, and the reason code and request id an administrator will ask for.
import type { Request, Response } from 'express';
import type { Knex } from 'knex';
import { escapeHtml, page, sendPage } from './html.ts';
import { loginUrl } from './home-realm.ts';
import { orgForPages } from './org-for-pages.ts';

const ASK_ADMIN = 'Ask an administrator of the organization, and give them the details below.';

const WHAT_TO_DO: Record<string, { title: string; todo: string; retry?: boolean }> = {
  not_admitted: { title: 'You do not have access yet', todo: 'Ask an administrator to invite you, or to assign you to this application in your identity provider.' },
  suspended: { title: 'Your account is suspended', todo: ASK_ADMIN },
  login_policy_denied: { title: 'Sign-in refused by a policy', todo: 'The organization\'s login policy does not let you in at the moment. ' + ASK_ADMIN },
  login_policy_failed: { title: 'Sign-in could not be decided', todo: 'The organization\'s login policy failed, so nobody is let in. ' + ASK_ADMIN },
  login_policy_unavailable: { title: 'Sign-in could not be decided', todo: ASK_ADMIN },
  invalid_invitation: { title: 'This invitation link is not valid', todo: 'Open the link in the most recent invitation mail, or ask for a new invitation.' },
  owner_not_approved: { title: 'This connection is not approved for owners', todo: 'An owner of the organization must approve this connection first. Owners can still use their API keys.' },
  connection_disabled: { title: 'This sign-in method is turned off', todo: ASK_ADMIN },
  connection_not_found: { title: 'No sign-in method found', todo: 'Check the address you typed, or ask an administrator which identity provider to use.', retry: true },
  state_unknown: { title: 'This sign-in has expired', todo: 'Sign-ins must be finished within a few minutes and only once. Start again.', retry: true },
  unknown_request: { title: 'This sign-in has expired', todo: 'Start again from the sign-in page.', retry: true },
  assertion_expired: { title: 'This sign-in has expired', todo: 'Start again; if it keeps happening, the identity provider\'s clock may be wrong.', retry: true },
  email_unverified: { title: 'Your address is not verified', todo: 'Verify your email address with your identity provider, then try again.', retry: true },
  identity_conflict: { title: 'Your account could not be matched', todo: ASK_ADMIN },
  idp_error: { title: 'Your identity provider refused', todo: 'Try again; if it keeps happening, ' + ASK_ADMIN.toLowerCase(), retry: true },
};
const DEFAULT = { title: 'Sign-in refused', todo: 'Start the sign-in again. If it keeps failing, ' + ASK_ADMIN.toLowerCase(), retry: true };

const sentence = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) + (/[.!?]$/.test(s) ? '' : '.') : s);

export async function refusalPage(db: Knex, req: Request, res: Response, refusal: { status: number; reason: string; message: string }): Promise<void> {
  const org = await orgForPages(db, String(req.params.org ?? '')).catch(() => null);
  const why = WHAT_TO_DO[refusal.reason] ?? DEFAULT;
  const requestId = req.id ? String(req.id) : null;
  const again = org && why.retry ? `<a class="button" href="${escapeHtml(loginUrl(org.slug, {}))}">Start again</a>` : '';
  const body = `<h1>${escapeHtml(why.title)}</h1>
<div class="problem" role="alert">${escapeHtml(sentence(refusal.message))}</div>
<p>${escapeHtml(why.todo)}</p>${again}
<p class="details">Reason: <code>${escapeHtml(refusal.reason)}</code>${requestId ? `<br>Request: <code>${escapeHtml(requestId)}</code>` : ''}<br>Time: ${new Date().toISOString()}</p>`;
  sendPage(res, refusal.status, page(org, why.title, body));
}
