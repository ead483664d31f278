/**
 * The HTML report's cost section: the bill, one row per cost line with its
 * share drawn as a bar (plain CSS), each function's share, and the notes
 * (free tier, month projection).
 */
import type { Report } from '../../core/report/build-report.js';
import { formatCount, formatUsd } from './format.js';
import { esc, table } from './markup.js';

export function costSection(report: Report): string {
  const { cost } = report;
  const total = cost.lines.reduce((sum, line) => sum + line.usd, 0);
  const rows = cost.lines.map((line) => {
    const share = total > 0 ? (100 * line.usd) / total : 0;
    return [
      `${esc(line.service)} · ${esc(line.item)}`,
      `${esc(formatCount(line.quantity))} ${esc(line.unit)}`,
      esc(formatUsd(line.usd)),
      `<span class="bar" style="width:${share > 0 ? Math.max(1, Math.round(1.2 * share)) : 0}px"></span><span class="share">${share.toFixed(share > 0 && share < 1 ? 1 : 0)}%</span>`,
    ];
  });
  const lines =
    rows.length === 0 ? '<p class="none">Nothing was billed.</p>' : table(['line', 'quantity', 'cost', 'share'], rows, 'cost-lines');
  const fnRows = Object.entries(cost.functions).map(([name, f]) => [
    esc(name),
    esc(formatCount(f.requests)),
    esc(formatCount(f.gbSeconds)),
    esc(formatUsd(f.usd)),
  ]);
  const functions = fnRows.length === 0 ? '' : `<h3>Per function</h3>${table(['function', 'requests', 'GB-s', 'cost'], fnRows, 'cost-functions')}`;
  const notes = cost.notes.length === 0 ? '' : `<ul class="notes">${cost.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>`;
  return `<section id="cost"><h2>Cost</h2>
<p class="cost-total"><strong>${esc(formatUsd(cost.totalUsd))}</strong> for the simulated span · ${esc(formatUsd(cost.perMillionRequestsUsd))} per million requests · ${esc(
    formatUsd(cost.monthlyUsd),
  )} per month at this rate</p>
${lines}
${functions}
${notes}
</section>`;
}
