/**
 * What one Lambda function counts (docs/report.md, `functions.<name>`):
 * its CloudWatch metrics (counters, histograms, time-weighted concurrency),
 * their series over simulated time, and the billing counters the cost model
 * prices (docs/cost.md). LambdaFunction extends it, so that the hot path
 * writes these fields on the function object itself, with no indirection.
 * Nothing here is stored per invocation.
 */
import { Histogram } from '../metrics/histogram.js';
import { TimeWeighted } from '../metrics/time-weighted.js';
import type { SeriesSet } from '../metrics/time-series.js';
import type { Environment } from './environment.js';
import { billedMs, type FunctionSpec } from './function-spec.js';

export class FunctionMetrics {
  readonly name: string;

  // CloudWatch metrics.
  invocations = 0;
  errors = 0;
  throttles = 0;
  coldStarts = 0;
  timeouts = 0;
  provisionedInvocations = 0;
  spilloverInvocations = 0;
  asyncEventsReceived = 0;
  asyncEventsDropped = 0;
  /** Invocation records an async destination could not take (over the async payload limit). */
  destinationDeliveryFailures = 0;
  recursiveInvocationsDropped = 0;
  readonly concurrency = new TimeWeighted();
  readonly environments: TimeWeighted;
  readonly durationMs = new Histogram();
  readonly initDurationMs = new Histogram();
  readonly asyncEventAgeMs = new Histogram();
  /** Stream consumers only (created by the first record of IteratorAge). */
  iteratorAgeMs: Histogram | null = null;
  private seriesIteratorAge: Float64Array | null = null;

  // Billing counters: sums of per-run billed milliseconds (each rounded up to 1 ms).
  billedMsOnDemand = 0;
  billedMsProvisioned = 0;
  /** Requests beyond one per run (async payloads over 256 KB). */
  extraRequests = 0;

  readonly series: SeriesSet;
  protected readonly seriesInvocations: Float64Array;
  protected readonly seriesErrors: Float64Array;
  protected readonly seriesThrottles: Float64Array;
  protected readonly seriesColdStarts: Float64Array;
  protected readonly seriesConcurrency: Float64Array;
  /** Billed GB-s of the runs (and on-demand INITs) started in each bucket: spreads the bill over time. */
  protected readonly seriesGbSeconds: Float64Array;
  /** GB-s per billed millisecond (memory MB / 1,024 / 1,000). */
  protected readonly gbPerMs: number;

  constructor(spec: FunctionSpec, series: SeriesSet) {
    this.name = spec.name;
    this.environments = new TimeWeighted(spec.provisionedConcurrency);
    this.series = series;
    this.seriesInvocations = series.define(`functions.${spec.name}.Invocations`, 'sum');
    this.seriesErrors = series.define(`functions.${spec.name}.Errors`, 'sum');
    this.seriesThrottles = series.define(`functions.${spec.name}.Throttles`, 'sum');
    this.seriesColdStarts = series.define(`functions.${spec.name}.ColdStarts`, 'sum');
    this.seriesConcurrency = series.define(`functions.${spec.name}.ConcurrentExecutions`, 'max');
    this.seriesGbSeconds = series.define(`functions.${spec.name}.BilledGBSeconds`, 'sum');
    this.gbPerMs = spec.memoryMb / 1_024_000;
  }

  /** Bills a run of `runMs` on `env` that started in series bucket `bucket`. */
  bill(env: Environment, runMs: number, bucket: number): void {
    const billed = billedMs(runMs);
    if (env.provisioned) this.billedMsProvisioned += billed;
    else this.billedMsOnDemand += billed;
    this.seriesGbSeconds[bucket]! += billed * this.gbPerMs;
  }

  /** Counts a function error of a run that started in series bucket `bucket`. */
  countError(bucket: number): void {
    this.errors++;
    this.seriesErrors[bucket]!++;
  }

  /** Counts a throttle (429) at `now`; also used by the platform for the request-rate limit. */
  throttle(now: number): false {
    this.throttles++;
    this.seriesThrottles[this.series.index(now)]!++;
    return false;
  }

  /** A stream consumer read records that arrived `ageMs` ago (Lambda's IteratorAge). */
  recordIteratorAge(ageMs: number, now: number): void {
    if (this.iteratorAgeMs === null) {
      this.iteratorAgeMs = new Histogram();
      this.seriesIteratorAge = this.series.define(`functions.${this.name}.IteratorAge`, 'max');
    }
    this.iteratorAgeMs.record(ageMs);
    const bucket = this.series.index(now);
    if (ageMs > this.seriesIteratorAge![bucket]!) this.seriesIteratorAge![bucket] = ageMs;
  }
}
