// GET /sso/{org}/login with no connection and no address: asks for the work address (home-realm
// discovery by its domain) or, with a single connection, offers its button; with several, both.
import type { Request, Response } from 'express';
import type { Knex } from 'knex';
import { enabledConnections } from './connections.ts';
import { escapeHtml, page, sendPage } from './html.ts';
import { orgForPages } from './org-for-pages.ts';

/** The query parameters a sign-in carries through this page. */
const KEPT = ['return_to', 'invitation'] as const;

export function loginUrl(orgSlug: string, params: Record<string, string | undefined>): string {
  const q = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));
  return `/sso/${encodeURIComponent(orgSlug)}/login?${q}`;
}

/** Renders the page and returns true, or returns false when the request is not for it. */
export async function homeRealmPage(db: Knex, req: Request, res: Response): Promise<boolean> {
  const q = req.query as Record<string, unknown>;
  if (typeof q.connection === 'string' || typeof q.email === 'string' || req.accepts(['html', 'json']) !== 'html') return false;
  const org = await orgForPages(db, String(req.params.org));
  if (!org) return false; // the sign-in flow answers "no such organization"
  const kept = Object.fromEntries(KEPT.map((k) => [k, typeof q[k] === 'string' ? (q[k] as string) : undefined]));
  const connections = await enabledConnections(db, org.id);
  const hidden = KEPT.filter((k) => kept[k]).map((k) => `<input type="hidden" name="${k}" value="${escapeHtml(kept[k]!)}">`).join('');
  let body: string;
  if (!connections.length) {
    body = `<h1>Sign in to ${escapeHtml(org.name)}</h1><p>Single sign-on is not set up for this organization yet. Ask one of its administrators.</p>`;
  } else {
    const buttons = connections.map((c) => `<a class="button${connections.length > 1 ? ' secondary' : ''}" href="${escapeHtml(loginUrl(org.slug, { ...kept, connection: c.id }))}">Continue with ${escapeHtml(c.name)}</a>`).join('');
    const form = `<form method="get" action="/sso/${encodeURIComponent(org.slug)}/login">${hidden}
<label for="email">Work email</label><input id="email" name="email" type="email" required autocomplete="email" autofocus placeholder="you@company.com">
<button class="button" type="submit">Continue</button></form>`;
    body = connections.length === 1
      ? `<h1>Sign in to ${escapeHtml(org.name)}</h1><p class="muted">You will sign in with your organization's identity provider.</p>${buttons}`
      : `<h1>Sign in to ${escapeHtml(org.name)}</h1><p class="muted">Enter your work email: it tells us which identity provider is yours.</p>${form}<p class="muted">Or choose it:</p>${buttons}`;
  }
  sendPage(res, 200, page(org, `Sign in to ${org.name}`, body));
  return true;
}
