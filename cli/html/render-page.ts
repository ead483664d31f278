/**
 * `slsim run FILE --html OUT`: the run as one self-contained HTML page that
 * works offline. The report JSON and the chart plan are embedded; uPlot, its
 * stylesheet and the page's own script are inlined; a Content-Security-Policy
 * forbids the page to load anything. Tables are static HTML; charts are drawn
 * in the browser from the embedded report (client-charts.ts).
 */
import type { Report } from '../../core/report/build-report.js';
import { inlineJson, inlineScript, inlineStyle, uplotAssets } from './assets.js';
import { planCharts, type ConcurrencyLimit } from './chart-plan.js';
import { drawCharts } from './client-charts.js';
import { costSection } from './cost-section.js';
import { CLIENT_FORMATTERS } from './format.js';
import { esc } from './markup.js';
import { PAGE_STYLE } from './page-style.js';
import { expectationsSection, functionsSection, headerSection, sourcesSection } from './sections.js';

export interface HtmlReportOptions {
  /** Each function's concurrency limit (from the scenario), drawn on its concurrency chart. */
  limits?: Record<string, ConcurrencyLimit>;
}

/** Nothing may be fetched: scripts and styles are inline, and there is nothing else. */
const CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:";

export function renderHtmlReport(report: Report, options: HtmlReportOptions = {}): string {
  const limits = options.limits ?? {};
  const plan = planCharts(report, limits);
  const uplot = uplotAssets();
  const client = [
    '(function () {',
    ...CLIENT_FORMATTERS.map((fn) => fn.toString()),
    drawCharts.toString(),
    'drawCharts(uPlot, { value: formatValue });',
    '})();',
  ].join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="slsim">
<title>${esc(report.scenario)} · slsim report</title>
<style>${inlineStyle(uplot.css)}</style>
<style>${inlineStyle(PAGE_STYLE)}</style>
</head>
<body>
${headerSection(report)}
<main>
${expectationsSection(report)}
${functionsSection(report, plan, limits)}
${sourcesSection(report, plan)}
${costSection(report)}
</main>
<footer>Written by slsim (report version ${esc(report.reportVersion)}). The whole report is embedded in this page as JSON: <code>script#slsim-report</code>. Charts drawn with uPlot; times are UTC.</footer>
<script type="application/json" id="slsim-report">${inlineJson(report)}</script>
<script type="application/json" id="slsim-charts">${inlineJson(plan)}</script>
<script>${inlineScript(uplot.js)}</script>
<script>${inlineScript(client)}</script>
</body>
</html>
`;
}
