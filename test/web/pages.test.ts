// The pages the service serves itself, in a real browser: `/` (the console's sign-in) and the API reference at `/docs`.
// Accessible (axe-core: no serious or critical violation), usable by keyboard and on a phone,
// nothing fetched from anywhere but the service, and the reference lists every operation.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot, seriousViolations, skipWithoutChromium } from '../helpers/browser.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

describe('pages served by Gatehouse', { skip: skipWithoutChromium }, () => {
  let server: TestServer;
  let browser: Browser;
  const foreign: string[] = [];
  before(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  async function open(path: string, viewport = DESKTOP): Promise<Page> {
    const page = await browser.newPage({ viewport });
    page.on('request', (r) => {
      if (!r.url().startsWith(server.url)) foreign.push(r.url());
    });
    const res = await page.goto(`${server.url}${path}`);
    assert.equal(res?.status(), 200);
    return page;
  }

  async function fitsThePhone(page: Page) {
    const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    assert.ok(scroll <= client, `no sideways scrolling on a phone (content ${scroll}px wide, screen ${client}px)`);
  }

  test('the home page (the console\'s sign-in) leads to the reference and the OpenAPI document', async () => {
    const page = await open('/');
    await page.getByRole('heading', { name: 'Sign in to the console' }).waitFor();
    assert.deepEqual(await seriousViolations(page), []);
    await screenshot(page, 'home-desktop');
    const links = await page.locator('footer a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.deepEqual(links, ['/docs', '/v1/openapi.json', '/readyz']);
    await page.locator('footer a[href="/docs"]').click();
    await page.waitForURL(`${server.url}/docs`);
    assert.equal(await page.title(), 'Gatehouse admin API — reference');

    const phone = await open('/', PHONE);
    await phone.getByRole('heading', { name: 'Sign in to the console' }).waitFor();
    await fitsThePhone(phone);
    await screenshot(phone, 'home-phone');
  });

  test('/docs documents every operation of the OpenAPI document, accessibly', async () => {
    const document = await (await fetch(`${server.url}/v1/openapi.json`)).json();
    const operationIds = Object.values(document.paths as Record<string, Record<string, { operationId: string }>>).flatMap((item) => Object.values(item).map((op) => op.operationId));
    const page = await open('/docs');
    assert.deepEqual(await seriousViolations(page), []);
    await screenshot(page, 'docs-desktop');
    for (const id of operationIds) {
      assert.equal(await page.locator(`article[id="${id}"]`).count(), 1, `an entry for ${id}`);
      assert.equal(await page.locator(`nav a[href="#${id}"]`).count(), 1, `a link to ${id}`);
    }
    // One operation in full: its path, parameters and request fields, read from the route's schemas.
    const updateMember = page.locator('article#updateMember');
    assert.match(await updateMember.locator('h3').innerText(), /PATCH\s+\/v1\/orgs\/\{org\}\/members\/\{userId\}/);
    const text = await updateMember.innerText();
    assert.match(text, /userId\s+required\s+path/);
    assert.match(text, /role\s*one of "owner", "admin", "contributor", "viewer", "viewer_no_secrets", "member"/);
    assert.match(text, /problem details/);

    // Keyboard: from the navigation straight to an operation.
    await page.locator('nav a[href="#listMembers"]').focus();
    await page.keyboard.press('Enter');
    assert.equal(new URL(page.url()).hash, '#listMembers');
    await screenshot(page, 'docs-operation');

    const phone = await open('/docs', PHONE);
    assert.deepEqual(await seriousViolations(phone), []);
    await fitsThePhone(phone);
    await phone.locator('article#createSsoConnection').scrollIntoViewIfNeeded();
    await screenshot(phone, 'docs-phone');
    await fitsThePhone(phone);
  });

  test('nothing was fetched from outside the service', () => {
    assert.deepEqual(foreign, []);
  });
});
