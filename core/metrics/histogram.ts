/**
 * A fixed-size histogram of positive values with logarithmic buckets, so that
 * percentiles come out within 1% whatever the range and however many values
 * are recorded: nothing is kept per value. Bucket i holds values in
 * [BASE^i, BASE^(i+1)) × MIN_VALUE with BASE = 1.02; a percentile is reported
 * as its bucket's geometric midpoint, at most sqrt(1.02) - 1 ≈ 0.995% away
 * from any value in the bucket, and never outside [min, max]. Values below
 * MIN_VALUE (1 µs when recording milliseconds) share bucket 0; mean, min and
 * max are exact.
 *
 * The histogram also keeps a majority candidate of all values (Boyer–Moore
 * voting: one value, its vote, and its exact count since it became the
 * candidate): when that count is more than half of the candidate's bucket, a
 * percentile that falls in the bucket reports the value itself. So a run where most durations are the timeout (1,250 ms)
 * reports 1,250, not the bucket's midpoint 1,239.4 (docs/report.md).
 */

const BASE = 1.02;
const LOG_BASE = Math.log(BASE);
const INV_LOG_BASE = 1 / LOG_BASE;
const MIN_VALUE = 1e-3;
const LOG_MIN = Math.log(MIN_VALUE);
/** Covers 1e-3 .. ~1e10 (ms: a microsecond to four months). */
const BUCKETS = Math.ceil((Math.log(1e10) - LOG_MIN) / LOG_BASE) + 1;

export interface Summary {
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export class Histogram {
  private readonly counts = new Float64Array(BUCKETS);
  /** The majority candidate of all values recorded, its vote, and how often it was recorded since it became the candidate (exact). */
  private candidate = NaN;
  private votes = 0;
  private hits = 0;
  count = 0;
  sum = 0;
  min = Infinity;
  max = 0;
  private zeros = 0;

  record(value: number): void {
    this.count++;
    this.sum += value;
    if (value > this.max) this.max = value;
    if (value < this.min) this.min = value;
    if (value < MIN_VALUE) {
      this.zeros++;
      return;
    }
    let i = ((Math.log(value) - LOG_MIN) * INV_LOG_BASE) | 0;
    if (i >= BUCKETS) i = BUCKETS - 1;
    this.counts[i]!++;
    if (value === this.candidate) {
      this.votes++;
      this.hits++;
    } else if (this.votes === 0) {
      this.candidate = value;
      this.votes = 1;
      this.hits = 1;
    } else this.votes--;
  }

  private bucketOf(value: number): number {
    if (value < MIN_VALUE) return -1;
    const i = ((Math.log(value) - LOG_MIN) * INV_LOG_BASE) | 0;
    return i >= BUCKETS ? BUCKETS - 1 : i;
  }

  get mean(): number {
    return this.count > 0 ? this.sum / this.count : 0;
  }

  /** The value below which a share `q` (0..1) of the recorded values lie. */
  percentile(q: number): number {
    if (this.count === 0) return 0;
    const rank = Math.max(1, Math.ceil(q * this.count));
    let seen = this.zeros;
    if (seen >= rank) return 0;
    const counts = this.counts;
    for (let i = 0; i < BUCKETS; i++) {
      seen += counts[i]!;
      if (seen >= rank) {
        // The candidate, when it was recorded more than half of its bucket's
        // times (`hits` never exceeds its true count); else the bucket's
        // geometric midpoint, kept within the values actually seen.
        if (2 * this.hits > counts[i]! && this.bucketOf(this.candidate) === i) return this.candidate;
        const mid = Math.exp(LOG_MIN + (i + 0.5) * LOG_BASE);
        return Math.min(Math.max(mid, this.min), this.max);
      }
    }
    return this.max;
  }

  summary(): Summary {
    return {
      mean: this.mean,
      p50: this.percentile(0.5),
      p90: this.percentile(0.9),
      p99: this.percentile(0.99),
      max: this.max,
    };
  }
}
