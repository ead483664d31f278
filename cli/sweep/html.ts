/**
 * The sweep as one offline HTML page (`slsim sweep --html`, `slsim merge
 * --html`): cost against latency p99, one dot per point, the cheapest and
 * the fastest marked; with a single numeric axis (a memory sweep), cost and
 * latency against that axis too, as AWS Lambda Power Tuning draws them; and
 * the table. Charts are uPlot, inlined with its stylesheet the way the run
 * report's page does it (cli/html/assets.ts): nothing is fetched. The sweep
 * report itself is embedded as JSON.
 */
import { inlineJson, inlineScript, inlineStyle, uplotAssets } from '../html/assets.js';
import { esc } from '../html/markup.js';
import { axisLabel, costDecimals, display, ms, usd } from './table.js';
import type { SweepReport } from './sweep-report.js';

export function sweepPage(report: SweepReport): string {
  const uplot = uplotAssets();
  const title = `${report.scenario}: sweep of ${report.pointCount} points`;
  const shard = report.shard === null ? '' : ` · shard ${report.shard.index}/${report.shard.count} (merge the shards for the whole sweep)`;
  const fixed = report.sets.filter((text) => !report.axes.some((a) => text.slice(0, text.indexOf('=')).trim() === a.path));
  const byAxis = singleNumericAxis(report);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${inlineStyle(uplot.css)}</style>
<style>${PAGE_STYLE}</style>
</head>
<body>
<header>
<h1>${esc(report.scenario)}</h1>
<p>Sweep of ${report.pointCount} point${report.pointCount === 1 ? '' : 's'} · seed ${report.seed}, the same traffic at every point${esc(shard)}</p>
<p class="dim">Swept: ${report.axes.map((a) => `<code>${esc(a.path)}</code> = ${a.values.map((v) => esc(display(v))).join(', ')}`).join(' × ')}${
    fixed.length > 0 ? ` · every point: ${fixed.map((f) => `<code>${esc(f)}</code>`).join(' ')}` : ''
  }</p>
</header>
<main>
<section>
<h2>Cost against latency p99</h2>
<p class="dim">One dot per point. Cost: the run's bill. Latency p99: the slowest source's EndToEndLatency p99 (the slowest function's Duration p99 where no source delivered). Lower left is better.</p>
<div id="chart-scatter" class="chart"></div>
</section>
${
  byAxis === null
    ? ''
    : `<section>
<h2>Cost and latency p99 by ${esc(axisLabel(byAxis))}</h2>
<div id="chart-axis" class="chart"></div>
</section>`
}
<section>
<h2>Points</h2>
${pointsTable(report)}
</section>
</main>
<script type="application/json" id="sweep-data">${inlineJson(report)}</script>
<script>${inlineScript(uplot.js)}</script>
<script>${inlineScript(CLIENT_SCRIPT)}</script>
</body>
</html>
`;
}

/** The path of the only axis, when there is one and its values are numbers. */
function singleNumericAxis(report: SweepReport): string | null {
  if (report.axes.length !== 1) return null;
  const axis = report.axes[0]!;
  return axis.values.every((v) => typeof v === 'number') ? axis.path : null;
}

function pointsTable(report: SweepReport): string {
  if (report.points.length === 0) return '<p>No points in this shard.</p>';
  const withExpect = report.points.some((p) => p.expectations.total > 0);
  const decimals = costDecimals(report.points.map((p) => p.costUsd));
  const head = ['#', ...report.axes.map((a) => axisLabel(a.path)), 'cost', 'duration p99', 'latency p99', 'throttles', 'cold starts', 'undelivered', ...(withExpect ? ['expect'] : []), ''];
  const rows = report.points.map((p) => {
    const marks = [report.cheapest === p.index ? 'cheapest' : '', report.fastest === p.index ? 'fastest' : ''].filter(Boolean).join(', ');
    const cells = [
      String(p.index + 1),
      ...report.axes.map((a) => display(p.settings[a.path])),
      usd(p.costUsd, decimals),
      ms(p.durationP99Ms),
      ms(p.latencyP99Ms),
      String(p.throttles),
      String(p.coldStarts),
      String(p.undelivered),
      ...(withExpect ? [p.expectations.passed === p.expectations.total ? `✓ ${p.expectations.total}` : `✗ ${p.expectations.total - p.expectations.passed} of ${p.expectations.total}`] : []),
      marks,
    ];
    return `<tr${marks ? ' class="marked"' : ''}>${cells.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`;
  });
  return `<table id="points"><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

const PAGE_STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 0; color: #1f2328; background: #fff; }
header, main { max-width: 1100px; margin: 0 auto; padding: 0 20px; }
h1 { font-size: 22px; margin: 20px 0 4px; }
h2 { font-size: 17px; margin: 28px 0 6px; }
.dim { color: #57606a; }
code { background: #f3f4f6; padding: 0 3px; border-radius: 3px; }
.chart { min-height: 420px; }
table { border-collapse: collapse; margin: 8px 0 40px; }
th, td { padding: 3px 10px; text-align: right; border-bottom: 1px solid #e5e7eb; white-space: nowrap; }
th { background: #f6f8fa; }
td:last-child, th:last-child { text-align: left; }
tr.marked td { font-weight: 600; background: #f0fdf4; }
`;

/** Runs in the browser: reads the embedded report, draws the charts with uPlot. */
const CLIENT_SCRIPT = `
(function () {
  var report = JSON.parse(document.getElementById('sweep-data').textContent);
  var points = report.points.slice();
  window.sweepCharts = [];
  if (points.length === 0) { document.body.dataset.charts = '0'; return; }
  function label(p) {
    return report.axes.map(function (a) {
      var v = p.settings[a.path];
      return a.path.replace(/^(functions|sources)\\./, '') + '=' + (typeof v === 'string' ? v : JSON.stringify(v));
    }).join(' ');
  }
  function fmtMs(v) {
    if (v == null) return '-';
    if (v >= 60000) return (v / 60000).toFixed(1) + 'm';
    if (v >= 1000) return (v / 1000).toFixed(2) + 's';
    return v.toFixed(v < 10 ? 1 : 0) + 'ms';
  }
  function fmtUsd(v) {
    if (v == null) return '-';
    var a = Math.abs(v);
    return '$' + v.toFixed(a < 1 ? 6 : a < 100 ? 4 : 2);
  }
  function width(el) { return Math.max(320, el.clientWidth || 900); }
  function padded(u, min, max) { var pad = (max - min) * 0.08 || Math.abs(max) * 0.1 || 1e-6; return [Math.max(0, min - pad), max + pad]; }

  // Cost against latency: x must ascend in uPlot, so the dots are ordered by latency.
  points.sort(function (a, b) { return a.latencyP99Ms - b.latencyP99Ms || a.index - b.index; });
  var xs = points.map(function (p) { return p.latencyP99Ms; });
  var only = function (index) { return points.map(function (p) { return p.index === index ? p.costUsd : null; }); };
  var scatterEl = document.getElementById('chart-scatter');
  var dots = function (colour, size) { return { show: true, size: size, stroke: colour, fill: colour }; };
  var scatter = new uPlot({
    width: width(scatterEl),
    height: 400,
    scales: { x: { time: false, range: padded }, y: { range: padded } },
    axes: [
      { label: 'latency p99', values: function (u, ticks) { return ticks.map(fmtMs); } },
      { label: 'cost', size: 80, values: function (u, ticks) { return ticks.map(fmtUsd); } }
    ],
    series: [
      { label: 'latency p99', value: function (u, v) { return fmtMs(v); } },
      { label: 'points', stroke: '#2563eb', paths: function () { return null; }, points: dots('#2563eb', 9), value: function (u, v) { return fmtUsd(v); } },
      { label: 'cheapest', stroke: '#16a34a', paths: function () { return null; }, points: dots('#16a34a', 20), value: function (u, v) { return fmtUsd(v); } },
      { label: 'fastest', stroke: '#ea580c', paths: function () { return null; }, points: dots('#ea580c', 12), value: function (u, v) { return fmtUsd(v); } }
    ],
    hooks: {
      draw: [function (u) {
        var ctx = u.ctx;
        ctx.save();
        ctx.font = (11 * devicePixelRatio) + 'px system-ui, sans-serif';
        ctx.fillStyle = '#374151';
        var right = u.bbox.left + u.bbox.width;
        points.forEach(function (p) {
          var x = u.valToPos(p.latencyP99Ms, 'x', true);
          var y = u.valToPos(p.costUsd, 'y', true);
          var text = label(p);
          var w = ctx.measureText(text).width;
          var gap = 10 * devicePixelRatio;
          ctx.fillText(text, x + gap + w > right ? x - gap - w : x + gap, y - 6 * devicePixelRatio);
        });
        ctx.restore();
      }]
    }
  }, [xs, points.map(function (p) { return p.costUsd; }), only(report.cheapest), only(report.fastest)], scatterEl);
  window.sweepCharts.push(scatter);

  var axisEl = document.getElementById('chart-axis');
  if (axisEl) {
    var path = report.axes[0].path;
    var byValue = report.points.slice().sort(function (a, b) { return a.settings[path] - b.settings[path]; });
    var chart = new uPlot({
      width: width(axisEl),
      height: 400,
      scales: { x: { time: false }, cost: {}, latency: {} },
      axes: [
        { label: path.replace(/^(functions|sources)\\./, '') },
        { scale: 'cost', label: 'cost', size: 80, values: function (u, ticks) { return ticks.map(fmtUsd); } },
        { scale: 'latency', label: 'latency p99', side: 1, size: 70, grid: { show: false }, values: function (u, ticks) { return ticks.map(fmtMs); } }
      ],
      series: [
        { label: path },
        { label: 'cost', scale: 'cost', stroke: '#2563eb', width: 2, points: dots('#2563eb', 7), value: function (u, v) { return fmtUsd(v); } },
        { label: 'latency p99', scale: 'latency', stroke: '#ea580c', width: 2, points: dots('#ea580c', 7), value: function (u, v) { return fmtMs(v); } }
      ]
    }, [byValue.map(function (p) { return p.settings[path]; }), byValue.map(function (p) { return p.costUsd; }), byValue.map(function (p) { return p.latencyP99Ms; })], axisEl);
    window.sweepCharts.push(chart);
  }
  document.body.dataset.charts = String(window.sweepCharts.length);
})();
`;
