// The pages a person signing in sees, over HTTP: branding set through the API (images checked by
// their bytes), the theme and logo served from this origin, home-realm discovery, and refusal pages
// with their reason code and request id — every page under a CSP that allows no script.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import supertest from 'supertest';
import { addPerson, createOrg, startTestServer, type TestServer } from '../helpers/server.ts';
import { textOn } from '../../src/sign-in-pages/html.ts';

let server: TestServer;
let org: Awaited<ReturnType<typeof createOrg>>;
before(async () => {
  server = await startTestServer();
  org = await createOrg(server);
});
after(() => server.close());

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201ffa65e6b0000000049454e44ae426082', 'hex');
const html = (path: string) => supertest(server.url).get(path).set('Accept', 'text/html').redirects(0);

describe('branding', () => {
  test('an admin sets the accent colour and a PNG logo; the theme and logo are served with safe headers', async () => {
    const admin = await addPerson(server, org, 'admin');
    const res = await server.as(admin.key).patch(`/v1/orgs/${org.slug}/branding`).send({ accentColor: '#FFD700', logo: PNG.toString('base64') });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.accentColor, '#ffd700');
    const logo = await supertest(server.url).get(res.body.logoUrl);
    assert.equal(logo.headers['content-type'], 'image/png');
    assert.equal(logo.headers['x-content-type-options'], 'nosniff');
    assert.ok(Buffer.compare(logo.body as Buffer, PNG) === 0);
    const theme = await supertest(server.url).get(`/branding/${org.slug}/theme.css`);
    assert.match(theme.text, /--accent: #ffd700; --accent-text: #000000;/, 'dark text on a light accent');
  });

  test('an SVG (which can carry script) or a non-image is refused on the logo field; viewers may not brand', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>').toString('base64');
    const refused = await server.as(org.ownerKey).patch(`/v1/orgs/${org.slug}/branding`).send({ logo: svg });
    assert.equal(refused.status, 400);
    assert.deepEqual(refused.body.errors, [{ field: 'logo', reason: 'must be a PNG, JPEG, GIF or WebP image' }]);
    const colour = await server.as(org.ownerKey).patch(`/v1/orgs/${org.slug}/branding`).send({ accentColor: 'red' });
    assert.equal(colour.body.errors[0].field, 'accentColor');
    const viewer = await addPerson(server, org, 'viewer');
    assert.equal((await server.as(viewer.key).patch(`/v1/orgs/${org.slug}/branding`).send({ accentColor: '#000000' })).status, 403);
  });

  test('text on any accent keeps at least 4.5:1 (WCAG AA)', () => {
    const lum = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)).reduce((a, v, i) => a + v * [0.2126, 0.7152, 0.0722][i]!, 0);
    for (let i = 0; i < 4096; i += 7) {
      const accent = `#${[i >> 8, (i >> 4) & 15, i & 15].map((n) => (n * 17).toString(16).padStart(2, '0')).join('')}`;
      const [a, b] = [lum(accent), lum(textOn(accent))].sort((x, y) => y - x);
      assert.ok((a! + 0.05) / (b! + 0.05) >= 4.5, `${accent} with ${textOn(accent)}`);
    }
  });
});

describe('pages', () => {
  test('/sso/{org}/login with no parameters asks for the address; the page allows no script', async () => {
    const res = await html(`/sso/${org.slug}/login?return_to=/after`);
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-security-policy']), /default-src 'none'/);
    assert.doesNotMatch(String(res.headers['content-security-policy']), /script-src/);
    assert.match(res.text, /Single sign-on is not set up for this organization yet/);
    assert.doesNotMatch(res.text, /<script/i);
    const json = await supertest(server.url).get(`/sso/${org.slug}/login`).set('Accept', 'application/json');
    assert.equal(json.status, 404, 'clients asking for JSON still get the sign-in flow\'s answer');
    assert.equal(json.body.reason, 'connection_not_found');
  });

  test('a refusal page says what happened and what to do, with the reason code and request id', async () => {
    const res = await html(`/sso/${org.slug}/login?connection=00000000-0000-4000-8000-000000000000`).set('X-Request-Id', 'req-refusal-1');
    assert.equal(res.status, 404);
    assert.match(res.text, /No sign-in method found/);
    assert.match(res.text, /Reason: <code>connection_not_found<\/code>/);
    assert.match(res.text, /Request: <code>req-refusal-1<\/code>/);
    assert.match(String(res.headers['content-security-policy']), /frame-ancestors 'none'/);
  });

  test('the organization name is escaped on every page', async () => {
    const evil = await server.as(server.ownerKey).post('/v1/orgs').send({ slug: `evil-${Date.now()}`, name: '<img src=x onerror=alert(1)>' });
    const res = await html(`/sso/${evil.body.organization.slug}/signed-out`);
    assert.equal(res.status, 200);
    assert.ok(!res.text.includes('<img src=x'), 'no markup from the name');
    assert.match(res.text, /&#60;img src=x onerror=alert\(1\)&#62;/);
  });
});
