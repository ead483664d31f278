/**
 * Opening a generated page in a real browser for the tests: Debian's
 * headless Chromium driven by playwright-core (which downloads no browser).
 * The page is written to a file and opened from a file:// URL; every console
 * error, page error and request for anything outside the file is collected
 * and must be none. Tests skip, saying so, where /usr/bin/chromium is absent.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const CHROMIUM = '/usr/bin/chromium';

/** Whether Chromium is installed; warns, naming the test file, when it is not. */
export function chromiumFor(label: string): boolean {
  const found = existsSync(CHROMIUM);
  if (!found) console.warn(`${label}: skipped: ${CHROMIUM} is absent (Debian: apt-get install chromium)`);
  return found;
}

/** Opens `html` offline, waits until its charts are drawn, runs `check`, and expects no problem. */
export async function checkOfflinePage(html: string, check: (page: Page) => Promise<void>): Promise<void> {
  const file = join(mkdtempSync(join(tmpdir(), 'slsim-page-')), 'page.html');
  writeFileSync(file, html);
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
    await check(page);
    expect(problems).toStrictEqual([]);
  } finally {
    await browser.close();
  }
}
