// GET /.well-known/jwks.json: the public keys that sign session tokens, for offline verification.
import express from 'express';
import type { AppDeps } from '../app-deps.ts';
import { sessionKeys } from './service.ts';

export function jwksRouter(deps: AppDeps): express.Router {
  const router = express.Router();
  router.get('/.well-known/jwks.json', async (_req, res, next) => {
    try {
      // Short cache: a pre-published key appears well before it signs (signing-keys.ts PREPUBLISH_MS).
      res.set('Cache-Control', 'public, max-age=300').json(await sessionKeys(deps).jwks());
    } catch (err) {
      next(err);
    }
  });
  return router;
}
