// GET / for programs: where to go next, as JSON. Browsers get the admin console (src/console-serve),
// which replaced the small page that stood here.
import { Router } from 'express';

export function homeRouter(version: string): Router {
  const router = Router();
  router.get('/', (req, res, next) => {
    if (req.accepts(['html', 'json']) !== 'json') return next();
    res.json({ name: 'gatehouse', version, links: { console: '/', docs: '/docs', openapi: '/v1/openapi.json', readiness: '/readyz' } });
  });
  return router;
}
