/**
 * Metrics over simulated time in fixed buckets, for charts: a fixed number of
 * buckets chosen from the run's longest possible span, so memory does not
 * grow with traffic. A `SeriesSet` holds named series that share one bucket
 * width; each series either sums what is added to a bucket, keeps its max, or
 * follows a level (queue depth, pollers): the bucket's max, where a level
 * recorded earlier holds on through the buckets after it until it changes.
 */
import { roundTo } from '../units.js';

/** Bucket widths people read easily, in ms. */
const NICE_WIDTHS = [
  1, 5, 10, 15, 30, 60, 300, 600, 900, 1800, 3600, 3 * 3600, 6 * 3600, 12 * 3600, 86_400, 7 * 86_400,
].map((s) => s * 1000);

/** The smallest nice bucket width that covers `spanMs` in at most `maxBuckets`. */
export function chooseBucketWidth(spanMs: number, maxBuckets = 360): number {
  for (const width of NICE_WIDTHS) if (spanMs / width <= maxBuckets) return width;
  return Math.ceil(spanMs / maxBuckets / 86_400_000) * 86_400_000;
}

export class SeriesSet {
  readonly bucketMs: number;
  readonly buckets: number;
  private readonly series = new Map<string, { data: Float64Array; kind: 'sum' | 'max' }>();
  private readonly levels: SeriesWriter[] = [];

  constructor(spanMs: number, maxBuckets = 360) {
    this.bucketMs = chooseBucketWidth(spanMs, maxBuckets);
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

  /** Bucket index of a time, clamped to the last bucket. (Division, not multiplication by 1/width, which floors 2 × width to 1.) */
  index(now: number): number {
    const i = Math.floor(now / this.bucketMs);
    return i < this.buckets ? i : this.buckets - 1;
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
