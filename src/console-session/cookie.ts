// The console's cookie: HttpOnly (scripts never see the secret), SameSite=Strict (no other site's
// page can make the browser send it), Secure with the __Host- prefix when Gatehouse is served over
// https (RFC 6265bis §4.1.3.2: no Domain, Path=/, Secure). Its CSRF token is derived from the secret.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';

export const CSRF_HEADER = 'x-csrf-token';

export const cookieName = (publicUrl: string) => (publicUrl.startsWith('https:') ? '__Host-gatehouse_console' : 'gatehouse_console');

/** The value of one cookie in the request's Cookie header (RFC 6265 §5.4), or undefined. */
export function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export function setConsoleCookie(res: Response, publicUrl: string, secret: string, expiresAt: Date): void {
  res.cookie(cookieName(publicUrl), secret, { httpOnly: true, sameSite: 'strict', secure: publicUrl.startsWith('https:'), path: '/', expires: expiresAt });
}

export function clearConsoleCookie(res: Response, publicUrl: string): void {
  res.clearCookie(cookieName(publicUrl), { httpOnly: true, sameSite: 'strict', secure: publicUrl.startsWith('https:'), path: '/' });
}

/**
 * The synchronizer token of a console session: an HMAC of its secret, so it needs no storage, and
 * only a page that could read our responses (same origin) can learn it (OWASP CSRF cheat sheet,
 * "signed double-submit"; here the cookie half is HttpOnly and the token half comes from the API).
 */
export function csrfTokenOf(secret: string): string {
  return createHmac('sha256', secret).update('gatehouse console csrf').digest('base64url');
}

export function csrfMatches(secret: string, presented: string | undefined): boolean {
  if (!presented) return false;
  const expected = Buffer.from(csrfTokenOf(secret));
  const given = Buffer.from(presented);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
