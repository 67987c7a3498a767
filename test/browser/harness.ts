// The console in a real browser: Debian's Chromium (skipped where absent unless
// GATEHOUSE_REQUIRE_CHROMIUM=1, as in test/helpers/browser.ts) driven by playwright-core with the
// flags this closed network needs. Every page a test visits is checked by axe-core (no serious or
// critical violation) and screenshotted at desktop and phone widths under test-results/screenshots/;
// the browser console must stay free of errors.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM } from '../helpers/browser.ts';

export const SCREENSHOTS = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));
const DIST = fileURLToPath(new URL('../../console/dist/index.html', import.meta.url));

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic'];
const DESKTOP = { width: 1280, height: 860 };
const PHONE = { width: 390, height: 844 };

export async function launchBrowser(): Promise<Browser> {
  assert.ok(existsSync(CHROMIUM), `GATEHOUSE_REQUIRE_CHROMIUM=1 but Chromium is missing at ${CHROMIUM}: apt-get install chromium (as .ci/run does)`);
  assert.ok(existsSync(DIST), 'the console is not built: npm test builds it (console/build.ts); or run npm run console:build');
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
}

export interface ConsolePage {
  context: BrowserContext;
  page: Page;
  /** Errors the browser logged (console.error, uncaught exceptions, failed requests of our origin). */
  errors: string[];
  /** axe-core on the current page, then screenshots at desktop and phone widths. */
  check(name: string): Promise<void>;
  close(): Promise<void>;
}

/** A new browser profile (its own cookies) on `baseUrl`. `expectedStatuses` lists answers that are part of the flow. */
export async function openConsole(browser: Browser, baseUrl: string, opts: { allowErrors?: RegExp[] } = {}): Promise<ConsolePage> {
  const context = await browser.newContext({ viewport: DESKTOP, baseURL: baseUrl });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const errors: string[] = [];
  const allowed = (text: string) => (opts.allowErrors ?? []).some((r) => r.test(text));
  page.on('console', (msg) => {
    // A refused API call (4xx) is logged by Chromium as a failed resource load: those are the
    // flows' expected refusals, shown on the page; anything else is a real error.
    if (msg.type() === 'error' && !/Failed to load resource: the server responded with a status of 4\d\d/.test(msg.text()) && !allowed(msg.text())) errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(`uncaught: ${err.message}`));
  page.on('response', (res) => {
    if (res.status() >= 500 && res.url().startsWith(baseUrl)) errors.push(`${res.status()} ${res.url()}`);
  });
  return {
    context,
    page,
    errors,
    async check(name: string) {
      await page.waitForLoadState('networkidle');
      await axeClean(page, name);
      await page.screenshot({ path: `${SCREENSHOTS}${name}-desktop.png`, fullPage: true });
      await page.setViewportSize(PHONE);
      await page.waitForTimeout(50);
      await page.screenshot({ path: `${SCREENSHOTS}${name}-phone.png`, fullPage: true });
      await axeClean(page, `${name} (phone)`);
      await page.setViewportSize(DESKTOP);
    },
    close: () => context.close(),
  };
}

async function axeClean(page: Page, name: string): Promise<void> {
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(
    bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`),
    [],
    `axe-core on ${name}`,
  );
}

/** Signs in to the console with an API key, as a first-run owner would. */
export async function signInWithKey(c: ConsolePage, key: string): Promise<void> {
  await c.page.goto('/');
  await c.page.getByLabel('API key', { exact: true }).fill(key);
  await c.page.getByRole('button', { name: 'Sign in with API key' }).click();
  await c.page.getByRole('navigation', { name: 'Console' }).waitFor();
}

/**
 * Server settings for a browser test: a port chosen up front, so that PUBLIC_URL (which SAML and OIDC
 * URLs are built from) is where the browser really finds the server.
 */
export async function browserServerConfig(): Promise<{ port: number; publicUrl: string }> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((r) => probe.close(() => r()));
  return { port, publicUrl: `http://127.0.0.1:${port}` };
}
