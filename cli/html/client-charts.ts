/**
 * The HTML report's only script of its own, run in the browser: it reads the
 * embedded report and chart plan and draws one uPlot chart per container,
 * over simulated time (UTC), cursors in step across charts. The page inlines
 * `drawCharts` with `Function.prototype.toString`, so it must stay
 * self-contained: type-only imports, no module-level values; what it needs
 * (uPlot, the formatters of format.ts) it receives as arguments.
 */
import type uPlot from 'uplot';
import type { Report } from '../../core/report/build-report.js';
import type { ChartSection } from './chart-plan.js';
import type { formatValue } from './format.js';

export interface ClientFormatters {
  value: typeof formatValue;
}

/** Draws every chart of the page; returns how many (also left in `document.body.dataset.charts`). */
export function drawCharts(U: typeof uPlot, format: ClientFormatters): number {
  const read = (id: string): unknown => JSON.parse(document.getElementById(id)?.textContent ?? 'null');
  const report = read('slsim-report') as Report;
  const sections = read('slsim-charts') as ChartSection[];
  const { bucketSeconds, series } = report.series;
  const start = Date.parse(report.simulated.start) / 1000;
  const length = Math.max(1, ...Object.values(series).map((values) => values.length));
  const xs = Array.from({ length }, (_, i) => start + i * bucketSeconds);
  const colours = ['#2563eb', '#dc2626', '#16a34a', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#65a30d'];
  const height = 190;
  const stepped = U.paths.stepped ? U.paths.stepped({ align: 1 }) : undefined;
  // Time axis labels on a 24-hour clock: [tick size (s), format, then the formats used when a year/month/day/hour/minute/second rolls over, mode].
  const stamps: (string | number | null)[][] = [
    [31_536_000, '{YYYY}', null, null, null, null, null, null, 1],
    [86_400 * 28, '{MMM}', '\n{YYYY}', null, null, null, null, null, 1],
    [86_400, '{MMM} {D}', '\n{YYYY}', null, null, null, null, null, 1],
    [3600, '{HH}:{mm}', '\n{YYYY}-{MM}-{DD}', null, '\n{MMM} {D}', null, null, null, 1],
    [60, '{HH}:{mm}', '\n{YYYY}-{MM}-{DD}', null, '\n{MMM} {D}', null, null, null, 1],
    [1, '{HH}:{mm}:{ss}', '\n{YYYY}-{MM}-{DD}', null, '\n{MMM} {D}', null, null, null, 1],
  ];
  const widthOf = (el: HTMLElement) => Math.max(280, Math.floor(el.clientWidth));
  const drawn: { plot: uPlot; el: HTMLElement }[] = [];

  for (const section of sections) {
    for (const chart of section.charts) {
      const el = document.getElementById(chart.id)?.querySelector<HTMLElement>('.plot');
      if (chart.empty || !el) continue;
      const text = (v: number | null | undefined) => (v === null || v === undefined ? '-' : format.value(v, chart.unit, false));
      const data: uPlot.AlignedData = [
        xs,
        ...chart.lines.map((line) => xs.map((_, i) => series[line.key]?.[i] ?? null)),
        ...chart.limits.map((limit) => xs.map(() => limit.value)),
      ];
      const lines: uPlot.Series[] = chart.lines.map((line, i) => ({
        label: line.label,
        stroke: colours[i % colours.length],
        width: 1.5,
        paths: stepped,
        value: (_u: uPlot, v: number | null) => text(v),
      }));
      const limits: uPlot.Series[] = chart.limits.map((limit, i) => ({
        label: limit.label,
        stroke: i === 0 ? '#111827' : '#9ca3af',
        width: 1.5,
        dash: [6, 4],
        value: (_u: uPlot, v: number | null) => text(v),
      }));
      const options: uPlot.Options = {
        width: widthOf(el),
        height,
        tzDate: (ts) => U.tzDate(new Date(ts * 1000), 'Etc/UTC'),
        cursor: { sync: { key: 'slsim', setSeries: false } },
        scales: { y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.08 : 1] } },
        axes: [
          { values: stamps, space: 64, stroke: '#4b5563', grid: { stroke: '#eef0f3' } },
          {
            size: 60,
            stroke: '#4b5563',
            grid: { stroke: '#eef0f3' },
            values: (_u, splits) => splits.map((v) => format.value(v, chart.unit, true)),
          },
        ],
        series: [{ label: 'UTC', value: '{YYYY}-{MM}-{DD} {HH}:{mm}:{ss}' }, ...lines, ...limits],
      };
      drawn.push({ plot: new U(options, data, el), el });
    }
  }

  let pending = 0;
  window.addEventListener('resize', () => {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(() => {
      for (const { plot, el } of drawn) plot.setSize({ width: widthOf(el), height });
    });
  });
  document.body.dataset.charts = String(drawn.length);
  return drawn.length;
}
