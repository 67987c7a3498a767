// The HTTP adapter for /scim/v2: bearer SCIM token → organization, JSON in (application/json or
// application/scim+json, any charset), application/scim+json out, every error as the SCIM Error
// schema (never express's HTML page, never problem+json). The work happens in core.ts.
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { AppDeps } from '../app-deps.ts';
import type { RequestContext } from '../http/actor.ts';
import { ApiError } from '../http/errors.ts';
import { rejectMalformedBody } from '../http/input-hygiene.ts';
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS } from '../http/unavailable.ts';
import { handleScim } from './core.ts';
import { errorResponse } from './error-response.ts';
import { invalidSyntax, ScimError, tooLarge, unauthorized } from './errors.ts';
import type { ScimResponse } from './protocol.ts';
import { resolveScimToken } from './tokens/service.ts';

export const SCIM_BASE_PATH = '/scim/v2';
/**
 * A full member list of a 50,000-member group in one PUT (Okta AIW) is ~4 MB of JSON; the limit
 * leaves room for 10× that, plus Bulk requests (which enforce their own maxPayloadSize).
 */
export const SCIM_BODY_LIMIT = '64mb';

const CONTENT_TYPE = 'application/scim+json; charset=utf-8';

function send(res: Response, r: ScimResponse): void {
  if (r.etag) res.setHeader('ETag', r.etag);
  if (r.location && r.status === 201) res.setHeader('Location', r.location);
  res.status(r.status);
  if (r.body === undefined || r.status === 204 || r.status === 304) {
    res.end();
    return;
  }
  // res.end, not res.send: express would add its own weak body-hash ETag, while our
  // ServiceProviderConfig says etag.supported is false.
  res.setHeader('Content-Type', CONTENT_TYPE);
  res.end(JSON.stringify(r.body));
}

function bearer(header: string | undefined): string | null {
  if (!header) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m ? m[1]! : null;
}

export function scimRouter(deps: AppDeps): Router {
  const router = express.Router();
  const baseUrl = `${deps.config.publicUrl}${SCIM_BASE_PATH}`;
  router.use(express.json({ limit: SCIM_BODY_LIMIT, type: ['application/json', 'application/scim+json', 'application/*+json'], strict: false }));
  // NUL and nesting refused before any operation runs (Bulk included); lone surrogates are SCIM's call.
  router.use(rejectMalformedBody({ wellFormed: false }));

  router.use(async (req: Request, res: Response, next: NextFunction) => {
    try {
      const token = bearer(req.headers.authorization);
      // Reads and creates are what any live token may do; changes read the token (and its scope) afresh.
      const mayRemember = req.method === 'GET' || (req.method === 'POST' && !/^\/bulk\/?$/i.test(req.path));
      const actor = token ? await resolveScimToken(deps.db, deps.logger, token, { mayRemember }) : null;
      if (!actor) {
        res.setHeader('WWW-Authenticate', 'Bearer realm="scim"');
        throw unauthorized(token ? 'the SCIM token is not valid or has been revoked' : 'a SCIM token is required: Authorization: Bearer <token>');
      }
      const ctx: RequestContext = { actor, ip: req.ip ?? null, requestId: String(req.id ?? '') || null };
      const query = Object.fromEntries(Object.entries(req.query).map(([k, v]) => [k, typeof v === 'string' ? v : Array.isArray(v) ? v.join(',') : undefined]));
      const result = await handleScim({
        deps: { db: deps.db, baseUrl },
        ctx,
        req: {
          method: req.method,
          path: req.path,
          query,
          body: req.body,
          ifMatch: req.headers['if-match'],
          ifNoneMatch: req.headers['if-none-match'],
          bodyBytes: Number(req.headers['content-length'] ?? 0),
        },
      });
      send(res, result);
    } catch (err) {
      next(err);
    }
  });

  router.use(scimErrorHandler);
  return router;
}

/** Every error on /scim/v2 as the SCIM Error schema; app.ts also mounts it for errors raised before this router. */
export function scimErrorHandler(err: unknown, req: Request, res: Response, _next: NextFunction): void {
  const e = err as { type?: string; status?: number };
  let scim: ScimError | null = err instanceof ScimError ? err : null;
  if (e?.type === 'entity.parse.failed') scim = invalidSyntax('the body is not valid JSON');
  else if (e?.type === 'entity.too.large') scim = tooLarge(`the body is larger than ${SCIM_BODY_LIMIT}`);
  else if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported') scim = new ScimError(415, null, 'unsupported content encoding or charset');
  else if (err instanceof ApiError && err.status < 500) {
    // Refused by src/http/input-hygiene.ts before SCIM ran: in the filter, or another value.
    scim = new ScimError(err.status, err.status !== 400 ? null : err.errors[0]?.field === 'filter' ? 'invalidFilter' : 'invalidValue', err.message);
  }
  else if (isDatabaseUnavailable(err)) {
    res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    scim = new ScimError(503, null, 'the database could not be reached for a moment; retry the request');
  }
  if (scim) {
    send(res, errorResponse(scim));
    return;
  }
  req.log?.error({ err }, 'unhandled SCIM error');
  if (res.headersSent) return void res.destroy();
  send(res, { status: 500, body: new ScimError(500, null, 'the server failed to handle this request; the request id is in the logs').toBody() });
}
