/**
 * The run report (docs/report.md, version 1) assembled from the engine's counters,
 * histograms and integrals. Metric names are CloudWatch's; times are ms.
 * Built the same way before a run (all zeros), so that `expect` paths can be
 * checked against the report's real shape at load time.
 */
import type { CostReport } from '../cost/usage.js';
import type { Engine } from '../engine/engine.js';
import type { LambdaFunction } from '../lambda/lambda-function.js';
import type { Histogram } from '../metrics/histogram.js';
import type { LedgerCounts } from '../metrics/ledger.js';
import type { ExpectationResult } from './expectations.js';
import { roundTo } from '../units.js';

/** Three decimals: microseconds for ms values, enough for every figure in the report. */
const round = (value: number) => roundTo(value, 3);

export const REPORT_VERSION = 1;

type Stats = Record<string, number>;

export interface FunctionReport {
  Invocations: number;
  Errors: number;
  Throttles: number;
  ColdStarts: number;
  Timeouts: number;
  ProvisionedConcurrencyInvocations: number;
  ProvisionedConcurrencySpilloverInvocations: number;
  ConcurrentExecutions: { max: number; mean: number };
  Environments: { max: number; mean: number };
  Duration: Stats;
  InitDuration: Stats;
  AsyncEventsReceived: number;
  AsyncEventsDropped: number;
  AsyncEventAge: Stats;
  /** Invocations stopped by recursive loop detection (docs/aws-model.md rule 22). */
  RecursiveInvocationsDropped: number;
  /** Invocation records a destination function could not take (over the async payload limit); only when some were. */
  DestinationDeliveryFailures?: number;
  /** Stream consumers only. */
  IteratorAge?: { max: number; mean: number };
  cost: { requests: number; gbSeconds: number; usd: number };
}

export interface SourceReport {
  type: string;
  delivery: LedgerCounts;
  EndToEndLatency: Stats;
  [metric: string]: unknown;
}

/** How real handler code ran (docs/handlers.md); set by whoever ran the worker pool. */
export interface HandlerCodeReport {
  functions: string[];
  workers: number;
  calls: number;
  logLines?: number;
  /** False when run time or INIT came from measured time. */
  reproducible: boolean;
  note?: string;
}

export interface Report {
  reportVersion: number;
  scenario: string;
  seed: number;
  simulated: { start: string; end: string; seconds: number; cutByDrain: boolean };
  engine: { events: number; wallSeconds: number; handlerCode?: HandlerCodeReport };
  functions: Record<string, FunctionReport>;
  sources: Record<string, SourceReport>;
  cost: CostReport;
  expectations: ExpectationResult[];
  series: { bucketSeconds: number; series: Record<string, number[]> };
}

export function buildReport(engine: Engine, cost: CostReport, wallSeconds = 0): Report {
  const { scenario } = engine;
  const endMs = engine.outcome?.endMs ?? scenario.durationMs;
  const functions: Record<string, FunctionReport> = {};
  for (const fn of engine.platform.functions.values()) {
    functions[fn.name] = functionReport(fn, endMs, cost.functions[fn.name] ?? { requests: 0, gbSeconds: 0, usd: 0 });
  }
  const sources: Record<string, SourceReport> = {};
  for (const [name, runtime] of engine.sources) {
    sources[name] = {
      type: runtime.spec.type,
      delivery: runtime.ledger.counts(),
      EndToEndLatency: stats(runtime.ledger.latency, ['mean', 'p50', 'p90', 'p99', 'max']),
      ...roundAll(runtime.report()),
    };
  }
  return {
    reportVersion: REPORT_VERSION,
    scenario: scenario.name,
    seed: scenario.seed,
    simulated: {
      start: new Date(scenario.startEpochMs).toISOString(),
      end: new Date(scenario.startEpochMs + endMs).toISOString(),
      seconds: round(endMs / 1000),
      cutByDrain: engine.outcome?.cutByDrain ?? false,
    },
    engine: { events: engine.sim.events, wallSeconds: round(wallSeconds) },
    functions,
    sources,
    cost,
    expectations: [],
    series: engine.series.toJSON(endMs),
  };
}

function functionReport(fn: LambdaFunction, endMs: number, cost: FunctionReport['cost']): FunctionReport {
  return {
    Invocations: fn.invocations,
    Errors: fn.errors,
    Throttles: fn.throttles,
    ColdStarts: fn.coldStarts,
    Timeouts: fn.timeouts,
    ProvisionedConcurrencyInvocations: fn.provisionedInvocations,
    ProvisionedConcurrencySpilloverInvocations: fn.spilloverInvocations,
    ConcurrentExecutions: { max: fn.concurrency.max, mean: round(fn.concurrency.mean(endMs)) },
    Environments: { max: fn.environments.max, mean: round(fn.environments.mean(endMs)) },
    Duration: stats(fn.durationMs),
    InitDuration: stats(fn.initDurationMs),
    AsyncEventsReceived: fn.asyncEventsReceived,
    AsyncEventsDropped: fn.asyncEventsDropped,
    AsyncEventAge: stats(fn.asyncEventAgeMs, ['mean', 'p99', 'max']),
    RecursiveInvocationsDropped: fn.recursiveInvocationsDropped,
    ...(fn.destinationDeliveryFailures > 0 ? { DestinationDeliveryFailures: fn.destinationDeliveryFailures } : {}),
    ...(fn.iteratorAgeMs ? { IteratorAge: { max: round(fn.iteratorAgeMs.max), mean: round(fn.iteratorAgeMs.mean) } } : {}),
    cost,
  };
}

const ALL_STATS = ['mean', 'p50', 'p90', 'p99', 'max'] as const;

function stats(histogram: Histogram, keys: readonly string[] = ALL_STATS): Stats {
  const summary = histogram.summary() as unknown as Stats;
  const out: Stats = {};
  for (const key of keys) out[key] = round(summary[key]!);
  return out;
}

function roundAll(values: Record<string, number | Record<string, number>>): Record<string, number | Stats> {
  const out: Record<string, number | Stats> = {};
  for (const [key, value] of Object.entries(values)) {
    out[key] = typeof value === 'number' ? round(value) : Object.fromEntries(Object.entries(value).map(([k, v]) => [k, round(v)]));
  }
  return out;
}

