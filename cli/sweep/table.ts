/**
 * The console table of a sweep: one row per point, in grid order, with the
 * cheapest and the fastest marked.
 */
import type { Palette } from '../colour.js';
import type { SweepPointReport, SweepReport } from './sweep-report.js';

export function formatSweepTable(report: SweepReport, palette: Palette): string {
  const out: string[] = [];
  const shard = report.shard === null ? '' : ` · shard ${report.shard.index}/${report.shard.count}`;
  out.push(
    `${palette.bold(report.scenario)} · sweep of ${count(report.pointCount)} point${report.pointCount === 1 ? '' : 's'} · seed ${report.seed} (the same traffic at every point)${shard}`,
  );
  const fixed = report.sets.filter((text) => !report.axes.some((a) => text.slice(0, text.indexOf('=')).trim() === a.path));
  if (fixed.length > 0) out.push(palette.dim(`  every point: ${fixed.join(' ')}`));
  out.push('');
  if (report.points.length === 0) {
    out.push('  no points in this shard');
    return out.join('\n');
  }
  const withExpect = report.points.some((p) => p.expectations.total > 0);
  const decimals = costDecimals(report.points.map((p) => p.costUsd));
  const header = [
    '#',
    ...report.axes.map((a) => axisLabel(a.path)),
    'cost',
    'duration p99',
    'latency p99',
    'throttles',
    'cold starts',
    'undelivered',
    ...(withExpect ? ['expect'] : []),
    '',
  ];
  const rows = report.points.map((p) => [
    String(p.index + 1),
    ...report.axes.map((a) => display(p.settings[a.path])),
    usd(p.costUsd, decimals),
    ms(p.durationP99Ms),
    ms(p.latencyP99Ms),
    dash(p.throttles),
    dash(p.coldStarts),
    dash(p.undelivered),
    ...(withExpect ? [p.expectations.passed === p.expectations.total ? `✓ ${p.expectations.total}` : `✗ ${p.expectations.total - p.expectations.passed}/${p.expectations.total}`] : []),
    marks(report, p),
  ]);
  out.push(table(header, rows));
  out.push('');
  out.push(palette.dim('  cost: the run\'s bill (its cost lines summed, not rounded to the cent)'));
  out.push(palette.dim('  duration p99: the slowest function\'s Duration p99; latency p99: the slowest source\'s EndToEndLatency p99 (events that succeeded)'));
  const costs = new Set(report.points.map((p) => p.costUsd));
  if (report.points.length > 1 && costs.size === 1) {
    out.push(palette.yellow('  every point cost the same: if the free tier covered the run, compare with --set pricing.freeTier=false'));
  }
  return out.join('\n');
}

function marks(report: SweepReport, p: SweepPointReport): string {
  const m: string[] = [];
  if (report.cheapest === p.index) m.push('cheapest');
  if (report.fastest === p.index) m.push('fastest');
  return m.length === 0 ? '' : `← ${m.join(', ')}`;
}

/** `functions.resize.memory` → `resize.memory`: the column of an axis. */
export function axisLabel(path: string): string {
  return path.replace(/^(functions|sources)\./, '');
}

export function display(value: unknown): string {
  if (typeof value === 'number') return count(value);
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** Numbers right-aligned; the last column (the marks) left as it is. */
function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const last = header.length - 1;
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === last ? c : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].map((l) => `  ${l}`).join('\n');
}

function count(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: 3 });
}

function dash(n: number): string {
  return n === 0 ? '-' : count(n);
}

export function ms(value: number): string {
  if (value >= 60_000) return `${(value / 60_000).toFixed(1)}m`;
  if (value >= 1000) return `${(value / 1000).toFixed(2)}s`;
  return `${value.toFixed(value < 10 ? 1 : 0)}ms`;
}

/** Decimals that show the costs of a table side by side: 6 below a dollar, 4 below $100, else cents. */
export function costDecimals(costs: number[]): number {
  const max = Math.max(0, ...costs.map(Math.abs));
  return max < 1 ? 6 : max < 100 ? 4 : 2;
}

export function usd(value: number, decimals = costDecimals([value])): string {
  return `$${value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals })}`;
}
