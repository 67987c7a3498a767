// GET /console/sso-complete: where the console's "Sign in with SSO" returns (`return_to`). The
// sign-in flow has just set its session cookie; this turns that sign-in session into a console
// session and goes to the console. Nothing here trusts the URL: only the signed cookie counts.
import express, { type Request, type Response } from 'express';
import type { AppDeps } from '../app-deps.ts';
import { verifySessionToken } from '../sessions/service.ts';
import { SESSION_COOKIE } from '../sso/sso-router.ts';
import { readCookie, setConsoleCookie } from './cookie.ts';
import { requestMeta } from './routes.ts';
import { signInWithSession } from './service.ts';

export const SSO_COMPLETE_PATH = '/console/sso-complete';

export function ssoCompleteRouter(deps: AppDeps): express.Router {
  const router = express.Router();
  router.get(SSO_COMPLETE_PATH, async (req: Request, res: Response, next) => {
    try {
      res.set('Cache-Control', 'no-store');
      const token = readCookie(req, SESSION_COOKIE);
      const live = token ? await verifySessionToken(deps, token) : null;
      const opened = live ? await signInWithSession(deps, live.org_id, live.id, requestMeta(req)) : null;
      if (!opened) {
        res.redirect(303, '/sign-in?error=sso_session_missing');
        return;
      }
      setConsoleCookie(res, deps.config.publicUrl, opened.secret, opened.row.expires_at);
      res.redirect(303, '/');
    } catch (err) {
      next(err);
    }
  });
  return router;
}
