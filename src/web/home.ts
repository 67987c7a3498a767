// GET /: where someone who opens Gatehouse in a browser goes next. Until the admin console exists,
// a small page pointing at the API reference and the OpenAPI document; the console replaces this file.
import { Router } from 'express';
import { html, page } from './html.ts';

export function homeRouter(version: string): Router {
  const body = page({
    title: 'Gatehouse',
    body: html`<main id="main" class="home">
<h1>Gatehouse <small>${version}</small></h1>
<p>An identity bridge: SCIM provisioning, SAML and OpenID Connect sign-in, spaces and roles, login policies, sessions that carry teams.</p>
<h2>Where to go</h2>
<ul class="links">
<li><a href="/docs">API reference</a>: every operation of the admin API, its parameters, bodies and answers.</li>
<li><a href="/v1/openapi.json">OpenAPI document</a>: the same, machine-readable, for generating clients.</li>
<li><a href="/readyz">Readiness</a>: whether the database, Redis and the mail queue answer.</li>
</ul>
<p>Every call under <code>/v1</code> takes an API key: <code>Authorization: Bearer &lt;key&gt;</code>. The owner key of the <code>default</code> organization is printed when Gatehouse starts for the first time.</p>
</main>`,
  });
  const router = Router();
  router.get('/', (req, res) => {
    if (req.accepts(['html', 'json']) === 'json') {
      res.json({ name: 'gatehouse', version, links: { docs: '/docs', openapi: '/v1/openapi.json', readiness: '/readyz' } });
      return;
    }
    res.type('html').send(body);
  });
  return router;
}
