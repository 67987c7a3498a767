// Debian's Chromium driven by playwright-core, and axe-core run inside the page: how the pages
// the service serves are tested. Skipped where Chromium is absent, unless GATEHOUSE_REQUIRE_CHROMIUM=1
// (as .ci/run sets, after installing it).
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
const INSTALL = 'apt-get install --no-install-recommends chromium';
const required = process.env.GATEHOUSE_REQUIRE_CHROMIUM === '1';
/** For `describe(…, { skip })`. */
export const skipWithoutChromium = !existsSync(CHROMIUM) && !required ? `Chromium is not installed: ${INSTALL}` : false;

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`GATEHOUSE_REQUIRE_CHROMIUM=1 but ${CHROMIUM} is missing: ${INSTALL}`);
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}

const axeSource = createRequire(import.meta.url)('axe-core').source as string;

export interface AxeViolation { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }

/** axe-core's WCAG 2.x A/AA rules on the page as it stands; returns the serious and critical violations. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(o: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })).violations;
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Screenshots go to var/screenshots/ (ignored by git): look at them before calling a screen done. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync('var/screenshots', { recursive: true });
  const path = `var/screenshots/${name}.png`;
  await page.screenshot({ path, fullPage: false });
  return path;
}
