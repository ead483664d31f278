/**
 * The HTML report in a real browser: Debian's headless Chromium, driven by
 * playwright-core (which downloads no browser), opens a generated page from a
 * file:// URL, waits for uPlot's canvases and finds one per chart with data,
 * no console error, no page error and no request for anything outside the
 * file. Skipped, saying so, where /usr/bin/chromium is not installed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChartSection } from '../cli/html/chart-plan.js';
import { CHROMIUM, checkOfflinePage, chromiumFor } from './browser.js';
import { root } from './command.js';
import { FIXTURE_YAML, fixturePage } from './html-fixture.js';

/** The chart plan a page embeds, and how many of its charts have data. */
function chartsWithData(html: string): number {
  const plan = JSON.parse(/<script type="application\/json" id="slsim-charts">([^<]*)<\/script>/.exec(html)![1]!) as ChartSection[];
  return plan.flatMap((s) => s.charts).filter((c) => !c.empty).length;
}

const hasChromium = chromiumFor('html-report-browser');

describe('the HTML report in headless Chromium', () => {
  it.skipIf(!hasChromium)(`renders every chart with no script error (skipped when ${CHROMIUM} is absent)`, async () => {
    const { html } = fixturePage();
    const plan = JSON.parse(/<script type="application\/json" id="slsim-charts">([^<]*)<\/script>/.exec(html)![1]!) as ChartSection[];
    const withData = plan.flatMap((s) => s.charts).filter((c) => !c.empty).length;
    expect(withData).toBeGreaterThan(5);

    await checkOfflinePage(html, async (page) => {
      expect(await page.evaluate(() => Number(document.body.dataset.charts))).toBe(withData);
      expect(await page.locator('figure.chart .plot canvas').count()).toBe(withData);
      expect(await page.locator('.u-legend').count()).toBe(withData);
      // The charts follow the window's width.
      await page.setViewportSize({ width: 700, height: 900 });
      await page.waitForTimeout(100);
      const widths = await page.locator('figure.chart .uplot').evaluateAll((els) => els.map((el) => el.getBoundingClientRect().width));
      expect(Math.max(...widths)).toBeLessThanOrEqual(700);
    });
  });

  it.skipIf(!hasChromium)('draws every chart of a page the command wrote (its bundle inlines the same page script)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'slsim-html-browser-'));
    writeFileSync(join(dir, 'fixture.yaml'), FIXTURE_YAML);
    const out = join(dir, 'report.html');
    const r = spawnSync(process.execPath, [join(root, 'bin', 'slsim.cjs'), 'run', join(dir, 'fixture.yaml'), '--html', out, '--quiet'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(1); // the fixture has a failing expectation
    const html = readFileSync(out, 'utf8');
    const withData = chartsWithData(html);
    expect(withData).toBeGreaterThan(5);
    await checkOfflinePage(html, async (page) => {
      expect(await page.evaluate(() => Number(document.body.dataset.charts))).toBe(withData);
      expect(await page.locator('figure.chart .plot canvas').count()).toBe(withData);
    });
  });
});
