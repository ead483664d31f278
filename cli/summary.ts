/**
 * The short console summary of a run: one table of functions, one of sources
 * (with the delivery ledger), the bill, and the expectations with ✓ / ✗.
 * Plain text with optional colour; the JSON report holds everything else.
 */
import type { Report } from '../core/report/build-report.js';
import { formatDuration, roundTo } from '../core/units.js';
import type { Palette } from './colour.js';

export function formatSummary(report: Report, palette: Palette): string {
  const out: string[] = [];
  const simulatedMs = report.simulated.seconds * 1000;
  const rate = report.engine.wallSeconds > 0 ? report.engine.events / report.engine.wallSeconds : 0;
  out.push(
    `${palette.bold(report.scenario)} · seed ${report.seed} · ${formatDuration(simulatedMs)} simulated in ${report.engine.wallSeconds.toFixed(2)} s` +
      (rate > 0 ? ` (${compact(rate)} events/s)` : ''),
  );
  if (report.simulated.cutByDrain) out.push(palette.yellow('  the drain ran out with work still in flight (see inFlight)'));
  out.push('');

  const fnRows = Object.entries(report.functions).map(([name, f]) => [
    name,
    count(f.Invocations),
    count(f.Errors),
    count(f.Throttles),
    count(f.ColdStarts),
    `${f.ConcurrentExecutions.max} / ${f.ConcurrentExecutions.mean.toFixed(1)}`,
    `${ms(f.Duration.p50!)} / ${ms(f.Duration.p99!)}`,
    usd(f.cost.usd),
  ]);
  out.push(table(['function', 'invocations', 'errors', 'throttles', 'cold starts', 'concurrency max/mean', 'duration p50/p99', 'cost'], fnRows));
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
    s.delivery.succeeded > 0 ? `${ms(s.EndToEndLatency.p50!)} / ${ms(s.EndToEndLatency.p99!)}` : '-',
  ]);
  out.push(table(['source', 'generated', 'succeeded', 'failed', 'dropped', 'rejected', 'in flight', 'latency p50/p99'], srcRows));
  out.push('');
  const queueTable = queuesAndStreams(report);
  if (queueTable !== null) out.push(queueTable, '');

  const cost = report.cost;
  out.push(
    `${palette.bold('cost')} ${usd(cost.totalUsd)} · ${usd(cost.perMillionRequestsUsd)} per million requests · ${usd(cost.monthlyUsd)} per month at this rate`,
  );
  for (const line of cost.lines) {
    out.push(palette.dim(`  ${line.service} · ${line.item}: ${count(line.quantity)} ${line.unit} → ${usd(line.usd)}`));
  }
  for (const note of cost.notes) out.push(palette.dim(`  note: ${note}`));

  if (report.expectations.length > 0) {
    out.push('');
    out.push(palette.bold('expectations'));
    for (const e of report.expectations) {
      const mark = e.pass ? palette.green('✓') : palette.red('✗');
      out.push(`  ${mark} ${e.expression}  (actual ${Number.isNaN(e.actual) ? 'n/a' : roundTo(e.actual, 3)})`);
    }
  }
  return out.join('\n');
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
    rows.push([
      `${name} (${s.type})`,
      backlog === undefined ? '-' : count(backlog),
      `${s.IteratorAge !== undefined ? 'iterator ' : 'oldest '}${ms(age)}`,
      typeof s.NumberOfMessagesMovedToDLQ === 'number' ? count(s.NumberOfMessagesMovedToDLQ) : '-',
      batches === undefined ? '-' : `${stat(batches, 'max')} / ${stat(batches, 'mean')!.toFixed(1)}`,
    ]);
  }
  return rows.length === 0 ? null : table(['queue / stream', 'backlog max', 'age max', 'to DLQ', 'batches max/mean'], rows);
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), ...rows.map(line)].map((l) => `  ${l}`).join('\n');
}

function count(n: number): string {
  return Number.isInteger(n) ? n.toLocaleString('en-US') : roundTo(n, 3).toLocaleString('en-US');
}

function ms(value: number): string {
  return value >= 1000 ? `${(value / 1000).toFixed(2)}s` : `${value.toFixed(value < 10 ? 1 : 0)}ms`;
}

function usd(value: number): string {
  if (Math.abs(value) < 0.01 && Math.abs(value) >= 0.00005) return `$${value.toFixed(4)}`;
  return `$${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

function compact(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(0)}k`;
  return n.toFixed(0);
}
