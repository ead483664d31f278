/**
 * Number formatting shared by the HTML report's tables (rendered in Node) and
 * its charts (drawn in the browser): the page inlines these functions with
 * `Function.prototype.toString`, so each must stay self-contained: no imports,
 * no module-level constants; they may call one another (all are inlined).
 */

export type Unit = 'count' | 'ms' | 'bytes';

/** A count with thousands separators; fractions (means) keep up to three decimals. */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return '-';
  const abs = Math.abs(n);
  const digits = Number.isInteger(n) || abs >= 1000 ? 0 : abs >= 10 ? 1 : 3;
  return n.toLocaleString('en-US', { maximumFractionDigits: digits });
}

/** A count for an axis: 950, 1.2k, 3.4M. */
export function formatCompact(n: number): string {
  const abs = Math.abs(n);
  if (abs >= 1e9) return `${+(n / 1e9).toFixed(1)}G`;
  if (abs >= 1e6) return `${+(n / 1e6).toFixed(1)}M`;
  if (abs >= 1e3) return `${+(n / 1e3).toFixed(1)}k`;
  return `${+n.toFixed(2)}`;
}

/** Milliseconds in readable units: 4.2ms, 180ms, 1.25s, 9m03s, 2h05m, 3d04h. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '-';
  if (ms === 0) return '0';
  const abs = Math.abs(ms);
  if (abs < 10) return `${+ms.toFixed(2)}ms`;
  if (abs < 1000) return `${Math.round(ms)}ms`;
  if (abs < 60_000) return `${+(ms / 1000).toFixed(2)}s`;
  const pad = (v: number) => String(v).padStart(2, '0');
  const s = Math.round(abs / 1000);
  const sign = ms < 0 ? '-' : '';
  if (s < 3600) return `${sign}${Math.floor(s / 60)}m${pad(s % 60)}s`;
  if (s < 86_400) return `${sign}${Math.floor(s / 3600)}h${pad(Math.floor((s % 3600) / 60))}m`;
  return `${sign}${Math.floor(s / 86_400)}d${pad(Math.floor((s % 86_400) / 3600))}h`;
}

/** Bytes in decimal units: 512 B, 1.5 kB, 31.2 MB. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return '-';
  const abs = Math.abs(bytes);
  if (abs >= 1e9) return `${+(bytes / 1e9).toFixed(1)} GB`;
  if (abs >= 1e6) return `${+(bytes / 1e6).toFixed(1)} MB`;
  if (abs >= 1e3) return `${+(bytes / 1e3).toFixed(1)} kB`;
  return `${Math.round(bytes)} B`;
}

/** Dollars: cents, or four decimals below a cent so that small bills do not read $0.00. */
export function formatUsd(usd: number): string {
  if (!Number.isFinite(usd)) return '-';
  if (Math.abs(usd) < 0.01 && Math.abs(usd) >= 0.00005) return `$${usd.toFixed(4)}`;
  return `$${usd.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** A value in its unit; `compact` for axis ticks. */
export function formatValue(value: number, unit: Unit, compact: boolean): string {
  if (unit === 'ms') return formatMs(value);
  if (unit === 'bytes') return formatBytes(value);
  return compact ? formatCompact(value) : formatCount(value);
}

/** The unit of a metric, from its CloudWatch name. */
export function unitOf(metric: string): Unit {
  if (/Bytes|Size/.test(metric)) return 'bytes';
  if (/Age|Duration|Latency|Delay/.test(metric)) return 'ms';
  return 'count';
}

/** Every formatter the browser needs, to inline in the page in this order. */
export const CLIENT_FORMATTERS = [formatCount, formatCompact, formatMs, formatBytes, formatUsd, formatValue, unitOf];
