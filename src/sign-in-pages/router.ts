// Public routes of the sign-in pages: their stylesheet, each organization's theme and logo, and the
// signed-out page. The pages themselves are rendered where sign-in answers (src/sso, src/invitations).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import express from 'express';
import type { Knex } from 'knex';
import { findBranding } from './branding-store.ts';
import { escapeHtml, page, sendPage, textOn } from './html.ts';
import { loginUrl } from './home-realm.ts';
import { orgForPages } from './org-for-pages.ts';

const CSS = readFileSync(fileURLToPath(new URL('./pages.css', import.meta.url)));

export function signInPagesRouter(db: Knex): express.Router {
  const router = express.Router();
  router.get('/sign-in-assets/pages.css', (_req, res) => {
    res.type('text/css').set('Cache-Control', 'public, max-age=3600').send(CSS);
  });
  router.get('/branding/:org/theme.css', async (req, res, next) => {
    try {
      const org = await orgForPages(db, req.params.org);
      const accent = org ? (await findBranding(db, org.id))?.accent_color : null;
      res.type('text/css').set('Cache-Control', 'public, max-age=300')
        .send(accent && /^#[0-9a-f]{6}$/i.test(accent) ? `:root { --accent: ${accent}; --accent-text: ${textOn(accent)}; --focus: ${accent}; }\n` : '');
    } catch (err) {
      next(err);
    }
  });
  router.get('/branding/:org/logo', async (req, res, next) => {
    try {
      const org = await orgForPages(db, req.params.org);
      const b = org ? await findBranding(db, org.id) : undefined;
      if (!b?.logo || !b.logo_type) {
        res.status(404).type('text/plain').send('no logo');
        return;
      }
      res.type(b.logo_type).set({ 'Cache-Control': 'public, max-age=86400', 'X-Content-Type-Options': 'nosniff', 'Content-Security-Policy': "default-src 'none'" }).send(b.logo);
    } catch (err) {
      next(err);
    }
  });
  router.get('/sso/:org/signed-out', async (req, res, next) => {
    try {
      const org = await orgForPages(db, req.params.org);
      if (!org) return next();
      sendPage(res, 200, page(org, 'Signed out', `<h1>You are signed out</h1><p>You have signed out of ${escapeHtml(org.name)}. If you use a shared computer, also sign out of your identity provider.</p>
<a class="button" href="${escapeHtml(loginUrl(org.slug, {}))}">Sign in again</a>`));
    } catch (err) {
      next(err);
    }
  });
  return router;
}
