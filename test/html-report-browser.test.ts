/**
 * The HTML report in a real browser: Debian's headless Chromium, driven by
 * playwright-core (which downloads no browser), opens a generated page from a
 * file:// URL, waits for uPlot's canvases and finds one per chart with data,
 * no console error, no page error and no request for anything outside the
 * file. Skipped, saying so, where /usr/bin/chromium is not installed.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ChartSection } from '../cli/html/chart-plan.js';
import { fixturePage } from './html-fixture.js';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`html-report-browser: skipped: ${CHROMIUM} is absent (Debian: apt-get install chromium)`);

describe('the HTML report in headless Chromium', () => {
  it.skipIf(!hasChromium)(`renders every chart with no script error (skipped when ${CHROMIUM} is absent)`, async () => {
    const { html } = fixturePage();
    const file = join(mkdtempSync(join(tmpdir(), 'slsim-html-')), 'report.html');
    writeFileSync(file, html);
    const plan = JSON.parse(/<script type="application\/json" id="slsim-charts">([^<]*)<\/script>/.exec(html)![1]!) as ChartSection[];
    const withData = plan.flatMap((s) => s.charts).filter((c) => !c.empty).length;
    expect(withData).toBeGreaterThan(5);

    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      // Chromium refuses its sandbox to root (containers, CI).
      args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('request', (request) => {
        if (!request.url().startsWith('file:')) problems.push(`request: ${request.url()}`);
      });
      await page.goto(pathToFileURL(file).href);
      await page.waitForFunction(() => document.body.dataset.charts !== undefined, null, { timeout: 5000 });
      expect(await page.evaluate(() => Number(document.body.dataset.charts))).toBe(withData);
      expect(await page.locator('figure.chart .plot canvas').count()).toBe(withData);
      expect(await page.locator('.u-legend').count()).toBe(withData);
      // The charts follow the window's width.
      await page.setViewportSize({ width: 700, height: 900 });
      await page.waitForTimeout(100);
      const widths = await page.locator('figure.chart .uplot').evaluateAll((els) => els.map((el) => el.getBoundingClientRect().width));
      expect(Math.max(...widths)).toBeLessThanOrEqual(700);
      expect(problems).toStrictEqual([]);
    } finally {
      await browser.close();
    }
  });
});
