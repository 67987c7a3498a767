// Assembles the express app from the modules' route declarations.
import express, { type Request } from 'express';
import { accessRoutes } from './access/routes.ts';
import { apiKeyRoutes } from './api-keys/routes.ts';
import type { AppDeps } from './app-deps.ts';
import { auditRoutes } from './audit/routes.ts';
import { consoleCookieAuthenticator } from './console-session/authenticator.ts';
import { consoleSessionRoutes } from './console-session/routes.ts';
import { ssoCompleteRouter } from './console-session/sso-complete.ts';
import { consoleRouter } from './console-serve/router.ts';
import { brandingRoutes } from './sign-in-pages/branding-routes.ts';
import { signInPagesRouter } from './sign-in-pages/router.ts';
import { invitationRoutes } from './invitations/routes.ts';
import { unauthenticated } from './http/errors.ts';
import { mountHealth } from './http/health.ts';
import { rejectMalformedBody, rejectMalformedUrl } from './http/input-hygiene.ts';
import { createMetrics, requestLogger } from './http/observability.ts';
import { buildOpenApi } from './http/openapi.ts';
import { notFoundHandler, problemHandler } from './http/problem.ts';
import { mountRoute, type AnyRoute, type Authenticator } from './http/route.ts';
import { memberRoutes } from './orgs/members-routes.ts';
import { orgRoutes } from './orgs/routes.ts';
import { policyRoutes } from './policies/routes.ts';
import { SCIM_BASE_PATH, scimErrorHandler, scimRouter } from './scim/router.ts';
import { scimTokenRoutes } from './scim/tokens/routes.ts';
import { jwksRouter } from './sessions/jwks-router.ts';
import { sessionRoutes } from './sessions/routes.ts';
import { connectionRoutes } from './sso/connection-routes.ts';
import { ssoRouter } from './sso/sso-router.ts';
import { eventRoutes } from './events/routes.ts';
import { webhookRoutes } from './webhooks/routes.ts';
import { sinkRoutes } from './audit-streaming/routes.ts';
import { webRouter } from './web/index.ts';

export const VERSION = '0.1.0';

export function adminRoutes(deps: AppDeps): AnyRoute[] {
  return [...orgRoutes(deps), ...memberRoutes(deps), ...apiKeyRoutes(deps), ...auditRoutes(deps), ...invitationRoutes(deps), ...sessionRoutes(deps), ...connectionRoutes(deps), ...policyRoutes(deps), ...accessRoutes(deps), ...scimTokenRoutes(deps), ...eventRoutes(deps), ...webhookRoutes(deps), ...sinkRoutes(deps), ...consoleSessionRoutes(deps), ...brandingRoutes(deps)];
}

function bearerAuthenticator(deps: AppDeps): Authenticator {
  return async (req: Request) => {
    const header = req.headers.authorization;
    if (!header) return null;
    const match = /^Bearer ([\x21-\x7e]{16,4096})$/i.exec(header);
    if (!match) throw unauthenticated('the Authorization header must be `Bearer <credential>`');
    for (const resolve of deps.credentialResolvers) {
      const actor = await resolve(match[1]!);
      if (actor) return actor;
    }
    return null;
  };
}

export function createApp(deps: AppDeps, opts: { isShuttingDown?: () => boolean } = {}) {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.config.trustProxy);
  app.set('query parser', 'simple'); // no nested objects from ?a[b]=c: every query field is a string

  const metrics = createMetrics();
  app.use(requestLogger(deps.logger));
  app.use(metrics.middleware);
  app.use(rejectMalformedUrl); // every router: no NUL, no invalid percent-encoding in a path or query

  const ops = express.Router();
  mountHealth(ops, deps.readiness, opts.isShuttingDown ?? (() => false));
  ops.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  app.use(ops);
  app.use(jwksRouter(deps));
  app.use(signInPagesRouter(deps.db));
  app.use(ssoRouter(deps));

  // Before /v1: SCIM has its own token, body limit, media type and error schema.
  app.use(SCIM_BASE_PATH, scimRouter(deps));

  const routes = adminRoutes(deps);
  const openapi = buildOpenApi(routes, { version: VERSION, serverUrl: deps.config.publicUrl });
  const v1 = express.Router();
  v1.use(express.json({ limit: deps.config.bodyLimit }), rejectMalformedBody({ wellFormed: true }));
  v1.get('/v1/openapi.json', (_req, res) => {
    res.json(openapi);
  });
  const bearer = bearerAuthenticator(deps);
  const cookie = consoleCookieAuthenticator(deps); // the admin console (browser) when no Authorization header
  const authenticate: Authenticator = (req) => (req.headers.authorization ? bearer(req) : cookie(req));
  for (const route of routes) mountRoute(v1, route, authenticate);
  app.use(v1);
  app.use(webRouter(openapi, VERSION)); // `/docs`
  app.use(ssoCompleteRouter(deps));
  app.use(consoleRouter());

  app.use(SCIM_BASE_PATH, scimErrorHandler); // errors raised before the SCIM router, in SCIM's schema
  app.use(notFoundHandler);
  app.use(problemHandler);
  return app;
}
