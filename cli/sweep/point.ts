/**
 * What a sweep keeps of one run: the figures its table and chart compare, and
 * enough per function and per source to see why. Deterministic (no wall
 * time), so that the same sweep always writes the same report, sharded or not.
 *
 * - `costUsd`: the run's bill, the exact sum of its cost lines (6 decimals),
 *   not rounded to the cent, so close sizes still compare.
 * - `durationP99Ms`: the worst function `Duration` p99 (handler time).
 * - `latencyP99Ms`: the worst source `EndToEndLatency` p99 among sources that
 *   delivered anything (produced → handled, queueing and retries included);
 *   the worst `Duration` p99 when no source delivered.
 * - `undelivered`: events of all sources that did not succeed (failed,
 *   dropped, rejected, or still in flight at the end).
 */
import type { Report } from '../../core/report/build-report.js';
import { roundTo } from '../../core/units.js';

export interface PointFunction {
  Invocations: number;
  Errors: number;
  Throttles: number;
  ColdStarts: number;
  ConcurrentExecutionsMax: number;
  Duration: { p50: number; p90: number; p99: number };
  cost: { requests: number; gbSeconds: number; usd: number };
}

export interface PointSource {
  type: string;
  EndToEndLatency: { p50: number; p99: number };
  delivery: { generated: number; succeeded: number; failed: number; dropped: number; rejected: number; inFlight: number };
}

export interface PointSummary {
  seed: number;
  events: number;
  costUsd: number;
  monthlyUsd: number;
  durationP99Ms: number;
  /** The function with the worst Duration p99. */
  durationP99Function: string | null;
  latencyP99Ms: number;
  /** The source with the worst EndToEndLatency p99, null when latency falls back to Duration. */
  latencyP99Source: string | null;
  invocations: number;
  errors: number;
  throttles: number;
  coldStarts: number;
  undelivered: number;
  expectations: { passed: number; total: number; failed: string[] };
  functions: Record<string, PointFunction>;
  sources: Record<string, PointSource>;
}

export function summarisePoint(report: Report): PointSummary {
  const functions: Record<string, PointFunction> = {};
  let durationP99Ms = 0;
  let durationP99Function: string | null = null;
  let invocations = 0;
  let errors = 0;
  let throttles = 0;
  let coldStarts = 0;
  for (const [name, f] of Object.entries(report.functions)) {
    const p99 = f.Duration.p99 ?? 0;
    if (durationP99Function === null || p99 > durationP99Ms) {
      durationP99Ms = p99;
      durationP99Function = name;
    }
    invocations += f.Invocations;
    errors += f.Errors;
    throttles += f.Throttles;
    coldStarts += f.ColdStarts;
    functions[name] = {
      Invocations: f.Invocations,
      Errors: f.Errors,
      Throttles: f.Throttles,
      ColdStarts: f.ColdStarts,
      ConcurrentExecutionsMax: f.ConcurrentExecutions.max,
      Duration: { p50: f.Duration.p50 ?? 0, p90: f.Duration.p90 ?? 0, p99: p99 },
      cost: { ...f.cost },
    };
  }
  const sources: Record<string, PointSource> = {};
  let latencyP99Ms = -1;
  let latencyP99Source: string | null = null;
  let undelivered = 0;
  for (const [name, s] of Object.entries(report.sources)) {
    const d = s.delivery;
    const p99 = s.EndToEndLatency.p99 ?? 0;
    if (d.succeeded > 0 && p99 > latencyP99Ms) {
      latencyP99Ms = p99;
      latencyP99Source = name;
    }
    undelivered += d.failed + d.dropped + d.rejected + d.inFlight;
    sources[name] = {
      type: s.type,
      EndToEndLatency: { p50: s.EndToEndLatency.p50 ?? 0, p99 },
      delivery: { generated: d.generated, succeeded: d.succeeded, failed: d.failed, dropped: d.dropped, rejected: d.rejected, inFlight: d.inFlight },
    };
  }
  if (latencyP99Source === null) latencyP99Ms = durationP99Ms;
  const failed = report.expectations.filter((e) => !e.pass).map((e) => e.expression);
  return {
    seed: report.seed,
    events: report.engine.events,
    costUsd: roundTo(
      report.cost.lines.reduce((sum, line) => sum + line.usd, 0),
      6,
    ),
    monthlyUsd: report.cost.monthlyUsd,
    durationP99Ms,
    durationP99Function,
    latencyP99Ms,
    latencyP99Source,
    invocations,
    errors,
    throttles,
    coldStarts,
    undelivered,
    expectations: { passed: report.expectations.length - failed.length, total: report.expectations.length, failed },
    functions,
    sources,
  };
}
