// The pages' HTTP side, without a browser: what `/` answers to a program, the stylesheet, and that
// the reference shows what a route declares (it is rendered from the OpenAPI document).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestServer, type TestServer } from '../helpers/server.ts';

let server: TestServer;
before(async () => {
  server = await startTestServer();
});
after(() => server.close());

test('GET / answers the console to a browser and links to a program', async () => {
  const page = await fetch(`${server.url}/`, { headers: { Accept: 'text/html,*/*;q=0.8' } });
  assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
  assert.match(await page.text(), /<div id="root"><\/div>/);
  const json = await (await fetch(`${server.url}/`, { headers: { Accept: 'application/json' } })).json();
  assert.deepEqual(json.links, { console: '/', docs: '/docs', openapi: '/v1/openapi.json', readiness: '/readyz' });
  const css = await fetch(`${server.url}/assets/gatehouse.css`);
  assert.match(css.headers.get('content-type') ?? '', /^text\/css/);
});

test('the reference escapes what it shows and loads nothing but its stylesheet', async () => {
  const html = await (await fetch(`${server.url}/docs`)).text();
  // Patterns and enums come from the route schemas: angle brackets and quotes arrive escaped.
  assert.match(html, /one of &#34;owner&#34;, &#34;admin&#34;/);
  assert.doesNotMatch(html, /<script/i);
  const sources = [...html.matchAll(/(?:src|href)="([^"#][^"]*)"/g)].map((m) => m[1]);
  assert.ok(sources.every((s) => s!.startsWith('/')), `only links within the service: ${sources.filter((s) => !s!.startsWith('/'))}`);
});
