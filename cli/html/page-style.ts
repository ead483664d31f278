/**
 * The HTML report's own stylesheet (uPlot's is inlined beside it): a plain,
 * printable page; tables with right-aligned numbers (scoped to .table-wrap,
 * so that uPlot's legend tables keep their own look); charts two to a row on
 * a wide screen, one on a narrow one.
 */
export const PAGE_STYLE = `
:root { --fg: #111827; --muted: #6b7280; --line: #e5e7eb; --pass: #15803d; --fail: #b91c1c; --accent: #2563eb; }
* { box-sizing: border-box; }
body { margin: 0; padding: 24px 32px 48px; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: #fff; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 32px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 15px; margin: 20px 0 6px; }
code { font: 13px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.meta, .note, .none, figcaption, .notes { color: var(--muted); }
.note { font-size: 13px; margin: 6px 0 0; }
.warn { color: #92400e; }
.badges { margin: 10px 0 0; display: flex; gap: 8px; flex-wrap: wrap; }
.badge { display: inline-block; padding: 2px 10px; border-radius: 999px; background: #f3f4f6; font-weight: 600; }
.badge.pass { background: #dcfce7; color: var(--pass); }
.badge.fail { background: #fee2e2; color: var(--fail); }
.table-wrap { overflow-x: auto; }
.table-wrap table { border-collapse: collapse; margin: 4px 0; font-size: 13px; }
.table-wrap th, .table-wrap td { padding: 3px 8px; border-bottom: 1px solid var(--line); text-align: left; white-space: nowrap; }
.table-wrap th { font-weight: 600; font-size: 12px; color: var(--muted); white-space: normal; vertical-align: bottom; max-width: 110px; }
.table-wrap .num { text-align: right; font-variant-numeric: tabular-nums; }
.type { color: var(--muted); }
ul.expectations { list-style: none; padding: 0; margin: 0; }
ul.expectations li { padding: 3px 0; }
.mark { display: inline-block; min-width: 56px; font-weight: 700; }
li.pass .mark { color: var(--pass); }
li.fail .mark { color: var(--fail); }
li.fail code { color: var(--fail); }
.actual { color: var(--muted); }
article.entity { margin-top: 18px; }
dl.metrics { display: flex; flex-wrap: wrap; gap: 4px 18px; margin: 0 0 8px; font-size: 13px; }
dl.metrics div { display: flex; gap: 6px; }
dl.metrics dt { color: var(--muted); }
dl.metrics dd { margin: 0; font-variant-numeric: tabular-nums; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(460px, 1fr)); gap: 12px 20px; }
figure.chart { margin: 0; min-width: 0; overflow: hidden; }
figure.chart figcaption { font-size: 13px; margin-bottom: 2px; }
figure.chart.empty p { margin: 0; font-size: 13px; }
.uplot { font-family: inherit; }
.u-legend { font-size: 12px; }
.table-wrap .bar { display: inline-block; height: 10px; background: var(--accent); border-radius: 2px; vertical-align: middle; }
table.cost-lines td:last-child { width: 160px; text-align: left; }
.share { margin-left: 6px; color: var(--muted); font-size: 12px; }
.cost-total strong { font-size: 18px; }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; }
@media (max-width: 700px) { body { padding: 12px; } .charts { grid-template-columns: 1fr; } }
@media print { .charts { grid-template-columns: 1fr 1fr; } }
`;
