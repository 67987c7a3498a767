// Serves the built admin console (console/dist) at `/`: hashed assets cached forever, and the app's
// page for every other browser navigation that no API route answered (the console routes itself).
// Without a build (an --omit=dev install that skipped the Docker build stage) it says how to build.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import express, { type Request } from 'express';

const DIST = fileURLToPath(new URL('../../console/dist/', import.meta.url));
const API_PREFIXES = ['/v1/', '/scim/', '/sso/', '/invite/', '/.well-known/', '/console/', '/assets/', '/branding/', '/sign-in-assets/'];

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Gatehouse</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: system-ui, sans-serif; max-width: 40em; margin: 4em auto; padding: 0 1em; line-height: 1.5">
<h1>Gatehouse</h1><p>The admin console is not built in this installation. Run <code>npm run console:build</code>
(it needs the development dependencies), then reload.</p>
<p>The API answers at <a href="/v1/openapi.json">/v1/openapi.json</a>.</p></body></html>`;

const isPageNavigation = (req: Request) =>
  (req.method === 'GET' || req.method === 'HEAD') &&
  !API_PREFIXES.some((p) => req.path.startsWith(p)) &&
  req.accepts(['html', 'json']) === 'html';

export function consoleRouter(): express.Router {
  const router = express.Router();
  router.use('/console-assets', express.static(`${DIST}console-assets`, { immutable: true, maxAge: '365d', index: false, fallthrough: false }));
  router.use((req, res, next) => {
    if (!isPageNavigation(req)) return next();
    const index = `${DIST}index.html`;
    res.set('Cache-Control', 'no-cache');
    if (!existsSync(index)) {
      res.type('html').send(NOT_BUILT);
      return;
    }
    // Read per request (a few kB): a rebuild while the server runs shows at the next reload.
    res.type('html').send(readFileSync(index));
  });
  return router;
}
