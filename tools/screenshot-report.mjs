/**
 * Refreshes docs/images/report.png, the README's picture of the showcase's
 * HTML report: runs scenarios/checkout-api.yaml with --html (the built
 * command: `npm run build` first), opens the page in headless Chromium with
 * playwright-core and keeps the top of it, 1200 px wide.
 *
 *   node tools/screenshot-report.mjs [CHROMIUM]     (default /usr/bin/chromium)
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(import.meta.dirname, '..');
const executablePath = process.argv[2] ?? '/usr/bin/chromium';
const page = join(mkdtempSync(join(tmpdir(), 'slsim-shot-')), 'report.html');
const out = join(root, 'docs', 'images', 'report.png');

const run = spawnSync(process.execPath, [join(root, 'bin', 'slsim.cjs'), 'run', 'scenarios/checkout-api.yaml', '--quiet', '--html', page], {
  cwd: root,
  stdio: 'inherit',
});
if (run.status !== 0 && run.status !== 1) process.exit(run.status ?? 3);

const browser = await chromium.launch({ executablePath, args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] });
try {
  const tab = await browser.newPage({ viewport: { width: 1200, height: 1100 }, deviceScaleFactor: 1 });
  await tab.goto(pathToFileURL(page).href);
  await tab.waitForFunction(() => document.body.dataset.charts !== undefined);
  await tab.screenshot({ path: out });
  process.stdout.write(`wrote ${out}\n`);
} finally {
  await browser.close();
}
