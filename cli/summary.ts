/**
 * The short console summary of a run: one table of functions, one of sources
 * (with the delivery ledger), the bill, and the expectations with ✓ / ✗.
 * Plain text with optional colour; the JSON report holds everything else.
 *
 * How numbers are written:
 * - counts with thousands separators (`2,703,164`), `-` for what did not
 *   happen (no errors, no cold starts, no latency because nothing succeeded);
 * - times readable at a glance: `0.8ms`, `120ms`, `35.74s`, `10m47s`,
 *   `1h02m05s` (core/units.ts formatDuration from a minute on);
 * - every dollar amount to the same precision: cents when the bill is $0.10
 *   or more, else to the hundredth of a cent (`$0.0042`); an amount above zero
 *   that rounds to nothing shows as `<$0.01` (`<$0.0001`);
 * - the simulated span is stated once, in the first line.
 */
import type { Report } from '../core/report/build-report.js';
import type { WindowRow } from '../core/report/windows.js';
import { formatDuration, formatSpan, roundTo } from '../core/units.js';
import type { Palette } from './colour.js';

export interface SummaryOptions {
  /** The scenario's traffic window (duration), ms: shown beside the span when the run went on past it or stopped before. */
  trafficMs?: number;
  /** `--handler-logs`, to say where the handler logs went. */
  handlerLogs?: string | undefined;
}

export function formatSummary(report: Report, palette: Palette, options: SummaryOptions = {}): string {
  const out: string[] = [];
  const money = moneyFormat(report);
  out.push(headline(report, palette, options));
  if (report.simulated.cutByDrain) out.push(palette.yellow('  the drain ran out with work still in flight (see in flight)'));
  const code = report.engine.handlerCode;
  if (code !== undefined) {
    // Real handler code (docs/handlers.md): where it ran, and whether the run can be repeated exactly.
    const logs = code.logLines ? ` · ${count(code.logLines)} log lines${options.handlerLogs ? ` in ${options.handlerLogs}` : ' (--handler-logs FILE keeps them)'}` : '';
    out.push(`  handler code: ${code.functions.join(', ')} on ${code.workers} worker${code.workers === 1 ? '' : 's'} · ${count(code.calls)} calls${logs}`);
    if (code.note) out.push(palette.yellow(`  ${code.note}`));
  }
  out.push('');

  const fnRows = Object.entries(report.functions).map(([name, f]) => [
    name,
    count(f.Invocations),
    count(f.Errors),
    count(f.Throttles),
    count(f.ColdStarts),
    f.ConcurrentExecutions.max > 0 ? `${count(f.ConcurrentExecutions.max)} / ${decimal(f.ConcurrentExecutions.mean)}` : '-',
    f.Invocations > 0 ? percentiles(f.Duration) : '-',
    f.Invocations === 0 && f.cost.usd === 0 ? '-' : money(f.cost.usd),
  ]);
  out.push(table(['function', 'invocations', 'errors', 'throttles', 'cold starts', 'concurrency max / mean', 'duration p50 / p90 / p99', 'cost'], fnRows));
  for (const [name, f] of Object.entries(report.functions)) {
    if (f.RecursiveInvocationsDropped > 0) {
      out.push(palette.yellow(`  ${name}: ${count(f.RecursiveInvocationsDropped)} invocations stopped by recursive loop detection (the 17th of a chain)`));
    }
  }
  out.push('');

  const srcRows = Object.entries(report.sources).map(([name, s]) => [
    `${name} (${s.type})`,
    count(s.delivery.generated),
    count(s.delivery.succeeded),
    count(s.delivery.failed),
    count(s.delivery.dropped),
    count(s.delivery.rejected),
    count(s.delivery.inFlight),
    s.delivery.succeeded > 0 ? percentiles(s.EndToEndLatency) : '-',
  ]);
  out.push(table(['source', 'generated', 'succeeded', 'failed', 'dropped', 'rejected', 'in flight', 'latency p50 / p90 / p99'], srcRows));
  out.push('');
  const queueTable = queuesAndStreams(report);
  if (queueTable !== null) out.push(queueTable, '');

  const cost = report.cost;
  out.push(
    `${palette.bold('cost')} ${money(money.total)} · ${money(cost.perMillionRequestsUsd)} per million requests · ${money(cost.monthlyUsd)} a month at this rate`,
  );
  const lineRows = cost.lines.map((line) => [`${line.service} · ${line.item}`, `${count(line.quantity)} ${line.unit}`, money(line.usd)]);
  if (lineRows.length > 0) out.push(palette.dim(table(null, lineRows, 4)));
  for (const note of cost.notes) out.push(palette.dim(`    note: ${note}`));

  if (report.expectations.length > 0) {
    out.push('');
    out.push(palette.bold('expectations'));
    for (const line of expectationLines(report, palette)) out.push(`  ${line}`);
  }
  return out.join('\n');
}

/** `✓ functions.f.Throttles == 0  (actual 4,034)`, one per expectation (only the failed ones with `failedOnly`). */
export function expectationLines(report: Report, palette: Palette, failedOnly = false): string[] {
  return report.expectations
    .filter((e) => !failedOnly || !e.pass)
    .map((e) => `${e.pass ? palette.green('✓') : palette.red('✗')} ${e.expression}  (actual ${Number.isNaN(e.actual) ? 'n/a' : count(e.actual, '0')})`);
}

/**
 * The table over time (`--every`): one row per window, then the totals.
 * Cost per window is approximate: core/report/windows.ts says how it is spread.
 */
export function formatWindows(report: Report, rows: readonly WindowRow[], palette: Palette, title: string): string {
  const money = moneyFormat(report);
  const endMs = report.simulated.seconds * 1000;
  const labelled = rows.some((r) => r.label !== null);
  const span = (r: WindowRow) => `${formatSpan(r.startMs)}–${formatSpan(Math.min(r.endMs, Math.max(endMs, r.startMs)))}`;
  const body = rows.map((r) => [
    ...(labelled ? [r.label ?? ''] : []),
    span(r),
    count(r.arrivals),
    count(r.invocations),
    count(r.throttles),
    count(r.coldStarts),
    count(r.concurrencyMax),
    r.usd === 0 ? '-' : money(r.usd),
  ]);
  const sum = (pick: (r: WindowRow) => number) => rows.reduce((t, r) => t + pick(r), 0);
  body.push([
    ...(labelled ? ['total'] : []),
    labelled ? '' : 'total',
    count(sum((r) => r.arrivals)),
    count(sum((r) => r.invocations)),
    count(sum((r) => r.throttles)),
    count(sum((r) => r.coldStarts)),
    count(Math.max(0, ...rows.map((r) => r.concurrencyMax))),
    money(sum((r) => r.usd)),
  ]);
  const header = [...(labelled ? ['phase'] : []), 'window', 'arrivals', 'invocations', 'throttles', 'cold starts', 'concurrency max', 'cost ≈'];
  return [
    palette.bold(title),
    table(header, body),
    palette.dim(
      '  cost ≈: the bill spread over the windows (requests by invocations, duration by billed GB-s, hourly items evenly over the traffic, other services by arrivals)',
    ),
  ].join('\n');
}

function headline(report: Report, palette: Palette, options: SummaryOptions): string {
  const simulatedMs = report.simulated.seconds * 1000;
  const { trafficMs } = options;
  let span = `${formatDuration(simulatedMs)} simulated`;
  if (trafficMs !== undefined && Math.abs(simulatedMs - trafficMs) >= 1) {
    span += simulatedMs > trafficMs ? ` (${formatDuration(trafficMs)} of traffic, then the drain)` : ` (traffic window ${formatDuration(trafficMs)})`;
  }
  const { events, wallSeconds } = report.engine;
  const rate = wallSeconds > 0 ? ` (${compact(events / wallSeconds)}/s)` : '';
  return `${palette.bold(report.scenario)} · seed ${report.seed} · ${span} · ${count(events, '0')} events in ${decimal(wallSeconds, 2)} s${rate}`;
}

/** `p50 / p90 / p99` of a latency or duration summary. */
function percentiles(stats: Record<string, number>): string {
  return ['p50', 'p90', 'p99'].map((p) => (stats[p] === undefined ? '-' : ms(stats[p]))).join(' / ');
}

/** Queues and streams at a glance: backlog, waiting time, dead letters, batches. Null when the run has none. */
function queuesAndStreams(report: Report): string | null {
  const stat = (value: unknown, key: string): number | undefined =>
    value !== null && typeof value === 'object' ? ((value as Record<string, number>)[key] ?? undefined) : undefined;
  const rows: string[][] = [];
  for (const [name, s] of Object.entries(report.sources)) {
    const age = stat(s.ApproximateAgeOfOldestMessage, 'max') ?? stat(s.IteratorAge, 'max');
    if (age === undefined) continue;
    const backlog = stat(s.ApproximateNumberOfMessagesVisible, 'max');
    const batches = s.ConcurrentBatches;
    const batchesMax = stat(batches, 'max');
    rows.push([
      `${name} (${s.type})`,
      backlog === undefined ? '-' : count(backlog),
      age > 0 ? `${s.IteratorAge !== undefined ? 'iterator ' : 'oldest '}${ms(age)}` : '-',
      typeof s.NumberOfMessagesMovedToDLQ === 'number' ? count(s.NumberOfMessagesMovedToDLQ) : '-',
      batchesMax === undefined || batchesMax === 0 ? '-' : `${count(batchesMax)} / ${decimal(stat(batches, 'mean') ?? 0)}`,
    ]);
  }
  return rows.length === 0 ? null : table(['queue / stream', 'backlog max', 'age max', 'to DLQ', 'batches max / mean'], rows);
}

/** Columns padded to their widest cell: the first left-aligned, the others right-aligned. No header row when `header` is null. */
function table(header: string[] | null, rows: string[][], indent = 2): string {
  const all = header === null ? rows : [header, ...rows];
  const widths = all[0]!.map((_, i) => Math.max(...all.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return all.map((r) => ' '.repeat(indent) + line(r)).join('\n');
}

/** `2703164` → `2,703,164`; `758.4617` → `758.462`; 0 → `-` (or `zero`). */
function count(n: number, zero = '-'): string {
  if (n === 0) return zero;
  return roundTo(n, 3).toLocaleString('en-US', { maximumFractionDigits: 3 });
}

/** A mean or a number of seconds, with separators: `13.1`, `1,250.0`. */
function decimal(n: number, digits = 1): string {
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A time in ms, readable: `0.8ms`, `120ms`, `35.74s`, `10m47s`, `1h02m05s`. */
function ms(value: number): string {
  if (value === 0) return '-';
  if (value >= 60_000) return formatDuration(value);
  if (value >= 1000) return `${(value / 1000).toFixed(2)}s`;
  return `${value.toFixed(value < 10 ? 1 : 0)}ms`;
}

/**
 * One precision for every amount of a summary: cents when the bill is at
 * least $0.10, else 4 decimals. `total` is the bill to show (the report's
 * cents, or the exact sum of the lines at 4 decimals).
 */
function moneyFormat(report: Report): ((usd: number) => string) & { total: number } {
  const exact = report.cost.lines.reduce((sum, line) => sum + line.usd, 0);
  const digits = exact === 0 || report.cost.totalUsd >= 0.1 ? 2 : 4;
  const format = (usd: number): string => {
    const rounded = roundTo(usd, digits);
    if (rounded === 0 && usd > 0) return `<$${(10 ** -digits).toFixed(digits)}`;
    return `$${rounded.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })}`;
  };
  return Object.assign(format, { total: digits === 2 ? report.cost.totalUsd : exact });
}

function compact(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(0)}k`;
  return n.toFixed(0);
}
