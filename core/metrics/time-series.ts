/**
 * Metrics over simulated time in fixed buckets, for charts and the console's
 * table over time: a fixed number of buckets covering the run's longest
 * possible span (duration + drain), so memory does not grow with traffic. The
 * width is the scenario's `report.bucket`, or by default a readable width that
 * gives about 360 buckets over the traffic window (at most 1,440 over traffic
 * and drain). A `SeriesSet` holds named series that share one bucket
 * width; each series either sums what is added to a bucket, keeps its max, or
 * follows a level (queue depth, pollers): the bucket's max, where a level
 * recorded earlier holds on through the buckets after it until it changes.
 */
import { InputError, withPath } from '../errors.js';
import { formatDuration, parseDuration, roundTo } from '../units.js';

/** The most buckets a `report.bucket` may make over duration + drain (memory and report size stay bounded). */
export const MAX_BUCKETS = 50_000;

/** How far short of a bucket's end its cached span stops (SeriesSet.index). */
const SPAN_SHORTFALL = 1 - 2 ** -40;

/** Bucket widths people read easily, in ms. */
const NICE_WIDTHS = [
  1, 5, 10, 15, 30, 60, 300, 600, 900, 1800, 3600, 3 * 3600, 6 * 3600, 12 * 3600, 86_400, 7 * 86_400,
].map((s) => s * 1000);

/** The smallest nice bucket width that covers `spanMs` in at most `maxBuckets`. */
export function chooseBucketWidth(spanMs: number, maxBuckets = 360): number {
  for (const width of NICE_WIDTHS) if (spanMs / width <= maxBuckets) return width;
  return Math.ceil(spanMs / maxBuckets / 86_400_000) * 86_400_000;
}

/**
 * The default bucket width of a run: the smallest readable width that covers
 * the traffic window in at most 360 buckets and the whole possible span
 * (traffic and drain) in at most 1,440. A 5-minute run gets 1 s buckets
 * whatever its drain; a 10-hour run 5-minute buckets.
 */
export function defaultBucketWidth(trafficMs: number, spanMs: number): number {
  return Math.max(chooseBucketWidth(trafficMs, 360), chooseBucketWidth(spanMs, 1440));
}

/**
 * The bucket width of a run, ms: `report.bucket` when given (at least 1 ms,
 * at most MAX_BUCKETS buckets over traffic and drain), else the default.
 * A bad value is an InputError at `/report/bucket`.
 */
export function reportBucketWidth(requested: number | string | undefined, trafficMs: number, spanMs: number): number {
  if (requested === undefined) return defaultBucketWidth(trafficMs, spanMs);
  const path = '/report/bucket';
  const width = withPath(path, () => parseDuration(requested));
  if (!(width >= 1)) throw new InputError('SLSIM_ERR_BAD_VALUE', `must be at least 1ms, got ${JSON.stringify(requested)}`, { path });
  const buckets = Math.ceil(spanMs / width);
  if (buckets > MAX_BUCKETS) {
    throw new InputError(
      'SLSIM_ERR_BAD_VALUE',
      `${formatDuration(width)} buckets over ${formatDuration(spanMs)} (duration + drain) make ${buckets.toLocaleString('en-US')} buckets; ` +
        `at most ${MAX_BUCKETS.toLocaleString('en-US')}: use ${formatDuration(Math.ceil(spanMs / MAX_BUCKETS / 1000) * 1000)} or more`,
      { path },
    );
  }
  return width;
}

export class SeriesSet {
  readonly bucketMs: number;
  readonly buckets: number;
  private readonly series = new Map<string, { data: Float64Array; kind: 'sum' | 'max' }>();
  private readonly levels: SeriesWriter[] = [];

  /** Buckets of `bucketMs` (by default the smallest nice width giving at most `maxBuckets`) over `spanMs`. */
  constructor(spanMs: number, maxBuckets = 360, bucketMs = chooseBucketWidth(spanMs, maxBuckets)) {
    this.bucketMs = bucketMs;
    this.buckets = Math.max(1, Math.ceil(spanMs / this.bucketMs) + 1);
  }

  /** Creates (or returns) a series; write to its array with `index(now)`. */
  define(name: string, kind: 'sum' | 'max'): Float64Array {
    let entry = this.series.get(name);
    if (!entry) {
      entry = { data: new Float64Array(this.buckets), kind };
      this.series.set(name, entry);
    }
    return entry.data;
  }

  /** A writer for the series `name` (created when new). */
  writer(name: string, kind: SeriesKind): SeriesWriter {
    const writer = new SeriesWriter(this, this.define(name, kind === 'sum' ? 'sum' : 'max'), kind);
    if (kind === 'level') this.levels.push(writer);
    return writer;
  }

  /**
   * Bucket index of a time, clamped to the last bucket. (Division, not
   * multiplication by 1/width, which floors 2 × width to 1.) The hot path
   * asks for the same bucket again and again as the clock moves on, so the
   * last answer is kept with a span of times sure to share it.
   */
  index(now: number): number {
    if (now < this.knownUntil && now >= this.knownFrom) return this.knownIndex;
    return this.locate(now);
  }

  // The last `locate`: every time in [knownFrom, knownUntil) has bucket knownIndex.
  private knownFrom = 0;
  private knownUntil = -1;
  private knownIndex = 0;

  /**
   * The division itself. Division and floor are monotone, so every time from
   * `now` up to just under the next boundary shares `now`'s bucket; the span
   * stops 2^-40 short of (i + 1) × width, far more than the rounding of the
   * quotient, so no time in it can floor to i + 1. Past the last bucket
   * everything clamps to it.
   */
  private locate(now: number): number {
    const i = Math.floor(now / this.bucketMs);
    const last = this.buckets - 1;
    const index = i < this.buckets ? i : last;
    if (now >= 0) {
      this.knownFrom = now;
      this.knownUntil = i < last ? (i + 1) * this.bucketMs * SPAN_SHORTFALL : Infinity;
      this.knownIndex = index;
    }
    return index;
  }

  /** Plain arrays covering [0, endMs), for the report (plus the bucket at endMs if anything landed in it). */
  toJSON(endMs: number): { bucketSeconds: number; series: Record<string, number[]> } {
    for (const level of this.levels) level.holdUntil(this.index(endMs));
    let used = Math.min(this.buckets, Math.max(1, Math.ceil(endMs / this.bucketMs)));
    if (used < this.buckets && [...this.series.values()].some(({ data }) => data[used] !== 0)) used++;
    const series: Record<string, number[]> = {};
    for (const [name, { data }] of this.series) series[name] = Array.from(data.subarray(0, used), (v) => roundTo(v, 3));
    return { bucketSeconds: this.bucketMs / 1000, series };
  }
}

export type SeriesKind = 'sum' | 'max' | 'level';

/** One series of a SeriesSet, bound for writing: sums, keeps the max, or follows a level per bucket. */
export class SeriesWriter {
  private lastBucket = 0;
  private lastValue = 0;

  constructor(
    private readonly set: SeriesSet,
    private readonly data: Float64Array,
    private readonly kind: SeriesKind,
  ) {}

  record(now: number, value: number): void {
    const i = this.set.index(now);
    const data = this.data;
    if (this.kind === 'sum') {
      data[i]! += value;
      return;
    }
    if (this.kind === 'level') {
      this.holdUntil(i);
      this.lastValue = value;
    }
    if (value > data[i]!) data[i] = value;
  }

  /** A level holds on: buckets up to `bucket` see at least the last value recorded. */
  holdUntil(bucket: number): void {
    const data = this.data;
    const held = this.lastValue;
    for (let b = this.lastBucket; b <= bucket; b++) if (held > data[b]!) data[b] = held;
    this.lastBucket = bucket;
  }
}
