/**
 * The sweep page in a real browser (Debian's headless Chromium through
 * playwright-core): a memory sweep's page draws its two charts (cost against
 * latency, cost and latency by memory) with no script error and fetches
 * nothing. Skipped, saying so, where /usr/bin/chromium is not installed.
 */
import { describe, expect, it } from 'vitest';
import { gridPoint, parseGrid } from '../cli/sweep/grid.js';
import { sweepPage } from '../cli/sweep/html.js';
import { summarisePoint } from '../cli/sweep/point.js';
import { buildSweepReport } from '../cli/sweep/sweep-report.js';
import { CHROMIUM, checkOfflinePage, chromiumFor } from './browser.js';
import { run } from './helpers.js';

const hasChromium = chromiumFor('sweep-html-browser');

const YAML = `
name: page sweep
duration: 30s
pricing: { freeTier: false }
functions:
  f: { memory: 1024, timeout: 30s, duration: { dist: lognormal, median: 400ms, p99: 1s }, durationAt: 1024 }
sources:
  calls: { type: invoke, targets: [f], load: { phases: [ { duration: 30s, arrivalRate: 5 } ] } }
`;

describe('the sweep page in headless Chromium', () => {
  it.skipIf(!hasChromium)(`draws cost against latency and by memory, with no script error (skipped when ${CHROMIUM} is absent)`, async () => {
    const grid = parseGrid(['functions.f.memory=512,1769,3008']);
    const points = [0, 1, 2].map((i) => {
      const point = gridPoint(grid, i);
      return { index: i, settings: point.settings, set: point.set, ...summarisePoint(run(YAML, { set: point.set }).report) };
    });
    const report = buildSweepReport(
      { scenario: 'page sweep </script><b>', file: 'x.yaml', seed: 1, sets: grid.sets, axes: grid.axes, pointCount: 3, definition: 'x' },
      null,
      points,
    );
    await checkOfflinePage(sweepPage(report), async (page) => {
      expect(await page.evaluate(() => Number(document.body.dataset.charts))).toBe(2);
      expect(await page.locator('#chart-scatter canvas').count()).toBe(1);
      expect(await page.locator('#chart-axis canvas').count()).toBe(1);
      expect(await page.locator('#points tbody tr').count()).toBe(3);
      expect(await page.locator('h1').textContent()).toBe('page sweep </script><b>');
      expect(await page.locator('#points tr.marked').count()).toBeGreaterThanOrEqual(1);
    });
  });
});
