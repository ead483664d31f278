/**
 * Small helpers for the HTML report's static markup: escaping, tables, and
 * cells that show `-` for what did not happen. Every text from the report
 * (names, expressions, notes) goes through `esc`.
 */
import { formatBytes, formatCount, formatMs, unitOf } from './format.js';

export function esc(text: unknown): string {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A table; the first column is text, the others are numbers (right-aligned). Cells are HTML, already escaped. */
export function table(headers: string[], rows: string[][], className = ''): string {
  const head = headers.map((h, i) => `<th${i > 0 ? ' class="num"' : ''}>${esc(h)}</th>`).join('');
  const body = rows.map((row) => `<tr>${row.map((c, i) => `<td${i > 0 ? ' class="num"' : ''}>${c}</td>`).join('')}</tr>`).join('\n');
  return `<div class="table-wrap"><table class="${className}"><thead><tr>${head}</tr></thead>\n<tbody>${body}</tbody></table></div>`;
}

/** A count, or `-` when it is zero. */
export function countOrDash(n: number | undefined): string {
  return n === undefined || n === 0 ? '<span class="none">-</span>' : esc(formatCount(n));
}

/** A value in the unit its metric's name implies. */
export function metricValue(metric: string, value: number): string {
  const unit = unitOf(metric);
  return unit === 'ms' ? formatMs(value) : unit === 'bytes' ? formatBytes(value) : formatCount(value);
}

/** A metric of any shape as text: a number, or its statistics (`max 381 · mean 12.4`). */
export function metricText(metric: string, value: unknown): string {
  if (typeof value === 'number') return metricValue(metric, value);
  if (value !== null && typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => (typeof v === 'number' ? `${k} ${metricValue(metric, v)}` : `${k} ${String(v)}`))
      .join(' · ');
  }
  return String(value);
}

/** True when a metric of any shape is all zeros. */
export function isZero(value: unknown): boolean {
  if (typeof value === 'number') return value === 0;
  if (value !== null && typeof value === 'object') return Object.values(value as Record<string, unknown>).every(isZero);
  return false;
}

/** A definition list of metrics (name → value), skipping those that are all zeros. */
export function metricList(metrics: Record<string, unknown>): string {
  const items = Object.entries(metrics)
    .filter(([, v]) => !isZero(v))
    .map(([k, v]) => `<div><dt>${esc(k)}</dt><dd>${esc(metricText(k, v))}</dd></div>`);
  return items.length === 0 ? '' : `<dl class="metrics">${items.join('')}</dl>`;
}
