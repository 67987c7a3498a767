// The /sso/{org}/… endpoints browsers and IdPs talk to. Every refusal is audited (sign_in.refused)
// and answered as JSON (Accept: application/json) or a short page; nobody is signed in.
import express, { type Request, type Response } from 'express';
import type { AppDeps } from '../app-deps.ts';
import { recordEvent } from '../audit/service.ts';
import type { SessionTokens } from '../sessions/service.ts';
import { homeRealmPage } from '../sign-in-pages/home-realm.ts';
import { refusalPage } from '../sign-in-pages/refusal-page.ts';
import { findOrg } from './directory-store.ts';
import { SignInRefused } from './refusal.ts';
import { spMetadata } from './saml-client.ts';
import { loadConnection, loadOrg, oidcCallback, samlAcs, samlTarget, startSignIn, type FlowResult } from './sign-in-flows.ts';
import type { RequestMeta } from './sign-in.ts';

export const SESSION_COOKIE = 'gatehouse_session';
const ACS_BODY_LIMIT = '256kb'; // a real response is a few kB; bigger ones are XML denial-of-service attempts

const wantsJson = (req: Request) => req.accepts(['text/html', 'application/json']) === 'application/json';
const meta = (req: Request): RequestMeta => ({ ip: req.ip ?? null, userAgent: req.get('user-agent') ?? null, requestId: req.id ? String(req.id) : null });

async function auditRefusal(deps: AppDeps, req: Request, err: SignInRefused): Promise<void> {
  const org = await findOrg(deps.db, String(req.params.org ?? '')).catch(() => undefined);
  if (!org) return; // no organization to file it under (the URL named none)
  const m = meta(req);
  await deps.db.transaction((tx) => recordEvent(tx, org.id, null, {
    action: 'sign_in.refused',
    target: req.params.id ? { type: 'sso_connection', id: String(req.params.id) } : undefined,
    details: { reason: err.reason, message: err.message, path: req.path, ip: m.ip, userAgent: m.userAgent, requestId: m.requestId, ...err.details },
  }));
}

function signedIn(req: Request, res: Response, deps: AppDeps, result: { tokens: SessionTokens; returnTo: string }) {
  if (wantsJson(req)) {
    res.status(200).json({ ...result.tokens, returnTo: result.returnTo });
    return;
  }
  res.cookie(SESSION_COOKIE, result.tokens.token, {
    httpOnly: true, sameSite: 'lax', path: '/', secure: deps.config.publicUrl.startsWith('https:'), expires: new Date(result.tokens.expiresAt),
  });
  res.redirect(303, result.returnTo);
}

function handler(deps: AppDeps, fn: (req: Request) => Promise<FlowResult | string>) {
  return async (req: Request, res: Response) => {
    res.set('Cache-Control', 'no-store');
    try {
      const out = await fn(req);
      if (typeof out === 'string') res.redirect(302, out);
      else if (out.kind === 'redirect') res.redirect(303, out.location);
      else signedIn(req, res, deps, out);
    } catch (err) {
      if (!(err instanceof SignInRefused)) {
        req.log?.error({ err }, 'sign-in failed');
        res.status(500).type('text/plain').send('sign-in failed; the request id is in the logs');
        return;
      }
      await auditRefusal(deps, req, err).catch((e: unknown) => req.log?.error({ err: e }, 'could not audit a refused sign-in'));
      if (err.status === 303 && typeof err.details.location === 'string') {
        res.redirect(303, err.details.location);
        return;
      }
      if (wantsJson(req)) {
        res.status(err.status).type('application/problem+json').json({ type: 'about:blank', title: 'Sign-in refused', status: err.status, reason: err.reason, detail: err.message });
      } else {
        await refusalPage(deps.db, req, res, err);
      }
    }
  };
}

export function ssoRouter(deps: AppDeps): express.Router {
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: ACS_BODY_LIMIT, parameterLimit: 10 });
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

  const start = handler(deps, (req) => startSignIn(deps, String(req.params.org), {
    connection: str(req.query.connection), email: str(req.query.email), return_to: str(req.query.return_to),
    invitation: str(req.query.invitation),
  }));
  // A browser with neither connection nor address gets the home-realm page (src/sign-in-pages).
  router.get('/sso/:org/login', (req, res, next) => homeRealmPage(deps.db, req, res).then((shown) => (shown ? undefined : start(req, res)), next));

  router.get('/sso/:org/saml/:id/metadata', async (req, res, next) => {
    try {
      const org = await loadOrg(deps, String(req.params.org));
      const conn = await loadConnection(deps, org, String(req.params.id), 'saml').catch((e: unknown) => {
        if (e instanceof SignInRefused && e.reason === 'connection_disabled') return null;
        throw e;
      });
      if (!conn) {
        res.status(404).type('text/plain').send('this SSO connection is disabled');
        return;
      }
      res.type('application/samlmetadata+xml').send(spMetadata(samlTarget(deps, org, conn)));
    } catch (err) {
      if (err instanceof SignInRefused) res.status(err.status).type('text/plain').send(err.message);
      else next(err);
    }
  });

  router.post('/sso/:org/saml/:id/acs', (req, res) => form(req, res, (err?: unknown) => {
    if (err) {
      const e = err as { type?: string };
      const refusal = new SignInRefused(e.type === 'entity.too.large' ? 'invalid_response' : 'missing_response', e.type === 'entity.too.large' ? `the SAML form is larger than ${ACS_BODY_LIMIT}` : 'the SAML form could not be read', e.type === 'entity.too.large' ? 413 : 400);
      return handler(deps, async () => { throw refusal; })(req, res);
    }
    return handler(deps, (r) => samlAcs(deps, String(r.params.org), String(r.params.id), (r.body ?? {}) as Record<string, unknown>, meta(r)))(req, res);
  }));

  router.get('/sso/:org/oidc/:id/callback', handler(deps, (req) => {
    const search = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
    return oidcCallback(deps, String(req.params.org), String(req.params.id), search, meta(req));
  }));
  return router;
}
