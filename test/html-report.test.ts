/**
 * The HTML report (docs/report.md, "The HTML report"; docs/cli.md:
 * `slsim run FILE --html OUT`): one page
 * that works offline (nothing fetched, the report embedded), one chart
 * container per chart group of every function and source, every series
 * charted once, the concurrency limit drawn, every expectation with pass or
 * fail. The last test runs the built command (npm test builds first).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { groupOf, parseSeriesKey, type ChartSection } from '../cli/html/chart-plan.js';
import { esc } from '../cli/html/markup.js';
import type { Report } from '../core/report/build-report.js';
import { FIXTURE_NAME, FIXTURE_YAML, fixturePage } from './html-fixture.js';

const root = join(import.meta.dirname, '..');

function embedded(html: string, id: string): unknown {
  const match = new RegExp(`<script type="application/json" id="${id}">([^<]*)</script>`).exec(html);
  expect(match, `script#${id}`).not.toBeNull();
  return JSON.parse(match![1]!);
}

/** data-group of every chart container, per `kind:name` of its article. */
function containers(html: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const article of html.matchAll(/<article class="entity" data-kind="(\w+)" data-name="([^"]*)">([\s\S]*?)<\/article>/g)) {
    const groups = [...article[3]!.matchAll(/<figure id="chart-\d+" class="chart[^"]*" data-group="(\w+)"/g)].map((m) => m[1]!);
    out.set(`${article[1]}:${article[2]}`, groups);
  }
  return out;
}

describe('the HTML report page', () => {
  let report: Report;
  let html: string;
  beforeAll(() => {
    ({ report, html } = fixturePage());
  });

  it('is self-contained: no external src or href, nothing fetched, a policy that forbids loading', () => {
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/\b(src|href)\s*=\s*["']?\s*(https?:)?\/\//i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/<script[^>]*\bsrc=/i);
    expect(html).not.toMatch(/url\(\s*["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/@import/);
    expect(html).not.toMatch(/\bfetch\(|XMLHttpRequest|\bimport\(|new WebSocket|sendBeacon/);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none';`);
    expect(html).toContain('<script>/*! https://github.com/leeoniya/uPlot'); // uPlot inlined (its licence comment names its home)
    expect(html).toContain('drawCharts(uPlot, { value: formatValue });');
    expect(html.match(/<script>/g)!.length).toBe(2); // uPlot, then the page's own script
  });

  it('embeds the report as JSON and names the scenario, escaped', () => {
    expect(embedded(html, 'slsim-report')).toStrictEqual(JSON.parse(JSON.stringify(report)));
    expect(html).toContain(`<title>${esc(FIXTURE_NAME)} · slsim report</title>`);
    expect(html).toContain(`<h1>${esc(FIXTURE_NAME)}</h1>`);
    expect(html).not.toContain(FIXTURE_NAME);
  });

  it('has one chart container per chart group of every function and source, and charts every series once', () => {
    const plan = embedded(html, 'slsim-charts') as ChartSection[];
    const found = containers(html);
    for (const name of Object.keys(report.functions)) expect(found.has(`function:${name}`), name).toBe(true);
    for (const name of Object.keys(report.sources)) expect(found.has(`source:${name}`), name).toBe(true);

    const expected = new Map<string, Set<string>>();
    for (const key of Object.keys(report.series.series)) {
      const { kind, name, metric } = parseSeriesKey(key, report)!;
      const groups = expected.get(`${kind}:${name}`) ?? new Set<string>();
      expected.set(`${kind}:${name}`, groups.add(groupOf(metric)));
    }
    for (const [id, groups] of found) expect(groups.sort(), id).toStrictEqual([...(expected.get(id) ?? [])].sort());

    const charted = plan.flatMap((s) => s.charts.flatMap((c) => c.lines.map((l) => l.key))).sort();
    expect(charted).toStrictEqual(Object.keys(report.series.series).sort());
    // What the issue asks to see, for this run's functions, queue and stream.
    expect(found.get('function:front')).toEqual(expect.arrayContaining(['concurrency', 'traffic', 'problems']));
    expect(found.get('source:jobs')).toEqual(expect.arrayContaining(['backlog', 'time', 'concurrency']));
    expect(found.get('source:events')).toEqual(expect.arrayContaining(['traffic', 'time']));
  });

  it("draws each function's concurrency against its limit", () => {
    const plan = embedded(html, 'slsim-charts') as ChartSection[];
    const concurrency = (name: string) => plan.find((s) => s.name === name)!.charts.find((c) => c.group === 'concurrency')!;
    expect(concurrency('front').limits).toStrictEqual([{ label: 'limit: reserved', value: 5 }]);
    expect(concurrency('worker').limits).toStrictEqual([{ label: 'limit: unreserved pool (shared)', value: 995 }]);
  });

  it('lists every expectation with pass or fail, the tables and the cost lines', () => {
    for (const e of report.expectations) {
      expect(html).toContain(`<li class="${e.pass ? 'pass' : 'fail'}"><span class="mark">${e.pass ? '✓ pass' : '✗ fail'}</span> <code>${esc(e.expression)}</code>`);
    }
    expect(report.expectations.map((e) => e.pass)).toStrictEqual([false, true]);
    expect(html).toContain('<span class="badge fail">1 of 2 expectations hold</span>');
    expect(html).toMatch(/<table class="functions">[\s\S]*<td>front<\/td>/);
    expect(html).toMatch(/<table class="sources">[\s\S]*<th class="num">in flight<\/th>[\s\S]*<td>jobs<\/td>/);
    for (const line of report.cost.lines) expect(html).toContain(`${esc(line.service)} · ${esc(line.item)}`);
  });
});

describe('slsim run --html', () => {
  it('writes the page, says where, and is in --help', () => {
    const dir = mkdtempSync(join(tmpdir(), 'slsim-html-'));
    writeFileSync(join(dir, 'fixture.yaml'), FIXTURE_YAML);
    const out = join(dir, 'report.html');
    const r = spawnSync(process.execPath, [join(root, 'bin', 'slsim.cjs'), 'run', join(dir, 'fixture.yaml'), '--html', out], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(r.status, r.stderr).toBe(1); // the fixture has a failing expectation
    expect(r.stdout).toContain(`HTML report: ${out}`);
    const page = readFileSync(out, 'utf8');
    expect(page).toContain('id="slsim-report"');
    expect(page).toContain(`<h1>${esc(FIXTURE_NAME)}</h1>`);
    const help = spawnSync(process.execPath, [join(root, 'bin', 'slsim.cjs'), 'run', '--help'], { cwd: root, encoding: 'utf8' });
    expect(help.stdout).toContain('--html');
  });
});
