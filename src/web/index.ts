// The pages the service serves itself, beside the API and the console: `/docs` (the API reference),
// its stylesheet, and `/` for programs (home.ts; browsers get the console there).
import { readFileSync } from 'node:fs';
import { Router } from 'express';
import { renderReference, type OpenApiDocument } from './api-reference/render.ts';
import { homeRouter } from './home.ts';
import { STYLESHEET_PATH } from './html.ts';

const stylesheet = readFileSync(new URL('./gatehouse.css', import.meta.url), 'utf8');

export function webRouter(openapi: object, version: string): Router {
  const reference = renderReference(openapi as OpenApiDocument); // once: the document is fixed for the process
  const router = Router();
  router.get(STYLESHEET_PATH, (_req, res) => {
    res.type('css').set('Cache-Control', 'public, max-age=300').send(stylesheet);
  });
  router.get('/docs', (_req, res) => {
    res.type('html').send(reference);
  });
  router.use(homeRouter(version));
  return router;
}
