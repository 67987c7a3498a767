// /v1/console/session: open (API key exchange), read (CSRF token, how it was opened), sign out.
// The cookie is the credential, so these routes read it themselves (auth: 'none').
import { z } from 'zod';
import type { Request } from 'express';
import type { AppDeps } from '../app-deps.ts';
import { unauthenticated } from '../http/errors.ts';
import { defineRoute } from '../http/route.ts';
import { clearConsoleCookie, cookieName, csrfMatches, csrfTokenOf, CSRF_HEADER, readCookie, setConsoleCookie } from './cookie.ts';
import { csrfRefused, hasConsoleRights, resolveConsoleSession, signInWithApiKey, signOut, type RequestMeta } from './service.ts';

const consoleSession = z.object({
  via: z.enum(['api_key', 'sso']),
  csrfToken: z.string().describe('send as X-CSRF-Token on every mutating request made with the cookie'),
  expiresAt: z.string(),
  idleMinutes: z.number().int().describe('the session ends after this long without a request'),
  consoleAccess: z.boolean().describe('owners and admins; others see only their own account'),
  organization: z.object({ id: z.string(), slug: z.string() }),
});

export const requestMeta = (req: Request): RequestMeta => ({ ip: req.ip ?? null, userAgent: req.get('user-agent') ?? null, requestId: req.id ? String(req.id) : null });

export function consoleSessionRoutes(deps: AppDeps) {
  const name = cookieName(deps.config.publicUrl);
  const present = (secret: string, via: 'api_key' | 'sso', row: { expires_at: Date }, actor: { role: Parameters<typeof hasConsoleRights>[0]; orgId: string; orgSlug: string }) => ({
    via, csrfToken: csrfTokenOf(secret), expiresAt: row.expires_at.toISOString(), idleMinutes: deps.config.consoleSessionIdleMinutes,
    consoleAccess: hasConsoleRights(actor.role), organization: { id: actor.orgId, slug: actor.orgSlug },
  });
  const current = async (req: Request) => {
    const secret = readCookie(req, name);
    const session = secret ? await resolveConsoleSession(deps, secret) : null;
    if (!secret || !session) throw unauthenticated('no console session: sign in');
    return { secret, session };
  };
  return [
    defineRoute({
      method: 'post', path: '/v1/console/session', operationId: 'createConsoleSession', tag: 'console', auth: 'none',
      summary: 'Sign in to the console with an owner or admin API key: sets an HttpOnly session cookie (the key is not kept)',
      body: z.strictObject({ apiKey: z.string().trim().min(16, 'must be an API key').max(4096) }),
      response: consoleSession, status: 201, errors: [401, 403],
      async handle({ body, req, res }) {
        const opened = await signInWithApiKey(deps, body.apiKey, requestMeta(req));
        res.set('Cache-Control', 'no-store');
        setConsoleCookie(res, deps.config.publicUrl, opened.secret, opened.row.expires_at);
        return present(opened.secret, 'api_key', opened.row, opened.actor);
      },
    }),
    defineRoute({
      method: 'get', path: '/v1/console/session', operationId: 'getConsoleSession', tag: 'console', auth: 'none',
      summary: "The console session of this browser's cookie, with its CSRF token", response: consoleSession, errors: [401],
      async handle({ req, res }) {
        const { secret, session } = await current(req);
        res.set('Cache-Control', 'no-store');
        return present(secret, session.via, session.row, session.actor);
      },
    }),
    defineRoute({
      method: 'delete', path: '/v1/console/session', operationId: 'deleteConsoleSession', tag: 'console', auth: 'none',
      summary: 'Sign out of the console (an SSO sign-in session ends too); needs X-CSRF-Token', status: 204, errors: [401, 403],
      async handle({ req, res }) {
        const { secret, session } = await current(req);
        if (!csrfMatches(secret, req.get(CSRF_HEADER))) throw csrfRefused('is missing or does not match this console session; reload the console');
        await signOut(deps, session, requestMeta(req));
        clearConsoleCookie(res, deps.config.publicUrl);
      },
    }),
  ];
}
