/**
 * The HTML report's static sections, rendered in Node from the report: the
 * header, the expectations with pass or fail, the functions table, the sources
 * table with the delivery ledger, and per function and source its other
 * metrics and the empty containers its charts are drawn into in the browser.
 */
import type { Report } from '../../core/report/build-report.js';
import { formatDuration } from '../../core/units.js';
import type { ChartSection, ChartSpec, ConcurrencyLimit } from './chart-plan.js';
import { formatCount, formatMs, formatUsd } from './format.js';
import { countOrDash, esc, metricList, table } from './markup.js';

export function headerSection(report: Report): string {
  const { simulated, engine } = report;
  const passed = report.expectations.filter((e) => e.pass).length;
  const total = report.expectations.length;
  const verdict =
    total === 0
      ? '<span class="badge">no expectations</span>'
      : `<span class="badge ${passed === total ? 'pass' : 'fail'}">${passed} of ${total} expectations hold</span>`;
  const span = `${esc(simulated.start.replace('T', ' ').replace(/\.000Z$/, ''))} → ${esc(simulated.end.replace('T', ' ').replace(/\.\d+Z$/, ''))} UTC`;
  return `<header>
<h1>${esc(report.scenario)}</h1>
<p class="meta">seed ${esc(report.seed)} · ${esc(formatDuration(simulated.seconds * 1000))} simulated (${span}) · charts in buckets of ${esc(bucketWidth(report.series.bucketSeconds))} · ${esc(formatCount(engine.events))} events in ${esc(engine.wallSeconds.toFixed(2))} s</p>
${simulated.cutByDrain ? '<p class="warn">The drain ran out with work still in flight (see in flight).</p>' : ''}
<p class="badges">${verdict} <span class="badge">cost ${esc(formatUsd(report.cost.totalUsd))}</span> <span class="badge">${esc(
    formatUsd(report.cost.monthlyUsd),
  )} per month at this rate</span></p>
</header>`;
}

/** A bucket width as people say it: 1s, 5m, 3h, 1d. */
function bucketWidth(seconds: number): string {
  for (const [size, unit] of [[86_400, 'd'], [3600, 'h'], [60, 'm']] as const) if (seconds >= size && seconds % size === 0) return `${seconds / size}${unit}`;
  return `${seconds}s`;
}

export function expectationsSection(report: Report): string {
  if (report.expectations.length === 0) return '<section id="expectations"><h2>Expectations</h2><p class="none">The scenario has no <code>expect</code> lines.</p></section>';
  const items = report.expectations.map((e) => {
    const actual = Number.isNaN(e.actual) ? 'n/a' : formatCount(e.actual);
    return `<li class="${e.pass ? 'pass' : 'fail'}"><span class="mark">${e.pass ? '✓ pass' : '✗ fail'}</span> <code>${esc(e.expression)}</code> <span class="actual">actual ${esc(actual)}</span></li>`;
  });
  return `<section id="expectations"><h2>Expectations</h2><ul class="expectations">${items.join('\n')}</ul></section>`;
}

const FUNCTION_COLUMNS = new Set([
  'Invocations', 'Errors', 'Throttles', 'ColdStarts', 'ConcurrentExecutions', 'Environments', 'Duration', 'InitDuration', 'cost',
]);

export function functionsSection(report: Report, plan: ChartSection[], limits: Record<string, ConcurrencyLimit>): string {
  const rows = Object.entries(report.functions).map(([name, f]) => {
    const ran = f.Invocations > 0;
    const limit = limits[name];
    return [
      esc(name),
      countOrDash(f.Invocations),
      countOrDash(f.Errors),
      countOrDash(f.Throttles),
      countOrDash(f.ColdStarts),
      `${esc(formatCount(f.ConcurrentExecutions.max))} / ${esc(f.ConcurrentExecutions.mean.toFixed(1))}`,
      limit ? `${esc(formatCount(limit.limit))}${limit.pool === 'reserved' ? ' reserved' : ''}` : '-',
      `${esc(formatCount(f.Environments.max))} / ${esc(f.Environments.mean.toFixed(1))}`,
      ran ? esc([f.Duration.p50!, f.Duration.p90!, f.Duration.p99!].map(formatMs).join(' / ')) : '-',
      f.ColdStarts > 0 ? esc(`${formatMs(f.InitDuration.p50!)} / ${formatMs(f.InitDuration.p99!)}`) : '-',
      esc(formatUsd(f.cost.usd)),
    ];
  });
  const headers = ['function', 'invocations', 'errors', 'throttles', 'cold starts', 'concurrency max/mean', 'limit', 'environments max/mean', 'duration p50/p90/p99', 'init p50/p99', 'cost'];
  const details = plan
    .filter((s) => s.kind === 'function')
    .map((s) => {
      const f = report.functions[s.name];
      const others = f ? Object.fromEntries(Object.entries(f).filter(([k]) => !FUNCTION_COLUMNS.has(k))) : {};
      return entitySection(s, `function ${s.name}`, metricList(others));
    });
  return `<section id="functions"><h2>Functions</h2>${table(headers, rows, 'functions')}\n${details.join('\n')}</section>`;
}

export function sourcesSection(report: Report, plan: ChartSection[]): string {
  const rows = Object.entries(report.sources).map(([name, s]) => {
    const d = s.delivery;
    return [
      esc(name),
      `<span class="type">${esc(s.type)}</span>`,
      countOrDash(d.generated),
      countOrDash(d.succeeded),
      countOrDash(d.failed),
      countOrDash(d.dropped),
      countOrDash(d.rejected),
      countOrDash(d.inFlight),
      d.succeeded > 0 ? esc(`${formatMs(s.EndToEndLatency.p50!)} / ${formatMs(s.EndToEndLatency.p99!)}`) : '-',
    ];
  });
  const headers = ['source', 'type', 'generated', 'succeeded', 'failed', 'dropped', 'rejected', 'in flight', 'latency p50/p99'];
  const ledger =
    '<p class="note">The delivery ledger: every event a source produced ends in exactly one state, so generated = succeeded + failed + dropped + rejected + in flight.</p>';
  const details = plan
    .filter((s) => s.kind === 'source')
    .map((s) => {
      const src = report.sources[s.name];
      const others = src ? Object.fromEntries(Object.entries(src).filter(([k]) => !['type', 'delivery', 'EndToEndLatency'].includes(k))) : {};
      return entitySection(s, `${src ? `${src.type} ` : ''}source ${s.name}`, metricList(others));
    });
  if (rows.length === 0) return '<section id="sources"><h2>Sources</h2><p class="none">No sources.</p></section>';
  return `<section id="sources"><h2>Sources</h2>${table(headers, rows, 'sources')}${ledger}\n${details.join('\n')}</section>`;
}

/** One function or source: its other metrics, then one container per chart group. */
function entitySection(section: ChartSection, heading: string, metrics: string): string {
  const charts =
    section.charts.length === 0
      ? '<p class="none">No series over time for this one.</p>'
      : `<div class="charts">${section.charts.map(chartContainer).join('\n')}</div>`;
  return `<article class="entity" data-kind="${section.kind}" data-name="${esc(section.name)}"><h3>${esc(heading)}</h3>${metrics}${charts}</article>`;
}

function chartContainer(chart: ChartSpec): string {
  const attrs = `id="${chart.id}" class="chart${chart.empty ? ' empty' : ''}" data-group="${chart.group}" data-unit="${chart.unit}"`;
  const names = chart.lines.map((l) => l.label).join(', ');
  const body = chart.empty ? `<p class="none">none in this run (${esc(names)})</p>` : '<div class="plot"></div>';
  return `<figure ${attrs}><figcaption>${esc(chart.title)}</figcaption>${body}</figure>`;
}
