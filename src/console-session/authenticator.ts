// Authenticates /v1 requests by the console's cookie (when no Authorization header is sent).
// Mutating requests must carry the session's CSRF token, and browsers that say where a request
// comes from (Fetch Metadata, `Sec-Fetch-Site`) must say it comes from this origin.
import type { Request } from 'express';
import type { AppDeps } from '../app-deps.ts';
import type { Authenticator } from '../http/route.ts';
import { cookieName, csrfMatches, CSRF_HEADER, readCookie } from './cookie.ts';
import { csrfRefused, resolveConsoleSession } from './service.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function consoleCookieAuthenticator(deps: Pick<AppDeps, 'db' | 'config'>): Authenticator {
  const name = cookieName(deps.config.publicUrl);
  return async (req: Request) => {
    const secret = readCookie(req, name);
    if (!secret) return null;
    const session = await resolveConsoleSession(deps, secret);
    if (!session) return null;
    if (!SAFE_METHODS.has(req.method)) {
      const site = req.get('sec-fetch-site');
      if (site && site !== 'same-origin') throw csrfRefused(`the request came from another site (Sec-Fetch-Site: ${site})`);
      if (!csrfMatches(secret, req.get(CSRF_HEADER))) throw csrfRefused('is missing or does not match this console session; reload the console');
    }
    return session.actor;
  };
}
