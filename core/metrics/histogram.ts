/**
 * A fixed-size histogram of positive values with log-linear buckets, so that
 * percentiles come out within 1% whatever the range and however many values
 * are recorded: nothing is kept per value. Each power of two is cut into 64
 * equal buckets, found from the bits of the value's double (its exponent and
 * the top 6 bits of its mantissa: no logarithm per value, as HdrHistogram
 * does); a percentile is reported as its bucket's midpoint, at most 1/128 ≈
 * 0.78% away from any value in the bucket, and never outside [min, max].
 * Values below MIN_VALUE (1 µs when recording milliseconds) share one bucket
 * reported as 0; mean, min and max are exact.
 *
 * The histogram also keeps a majority candidate of all values (Boyer–Moore
 * voting: one value, its vote, and its exact count since it became the
 * candidate): when that count is more than half of the candidate's bucket, a
 * percentile that falls in the bucket reports the value itself. So a run where most durations are the timeout (1,250 ms)
 * reports 1,250, not the midpoint 1,256 of its bucket [1,248, 1,264) (docs/report.md).
 */

/** Buckets per power of two (2^SUB_BITS): each at most 1/64 of its lower bound wide. */
const SUB_BITS = 6;
const MIN_VALUE = 1e-3;
/** The lowest power of two covered, 2^-10 (just below MIN_VALUE), and the highest, 2^34 (ms: about six months). */
const LOW_EXPONENT = -10;
const HIGH_EXPONENT = 34;
const BUCKETS = (HIGH_EXPONENT - LOW_EXPONENT) << SUB_BITS;
/** The slot after the last bucket counts the values below MIN_VALUE. */
const BELOW_MIN = BUCKETS;
/** The high word of a double holds sign, 11 exponent bits and 20 mantissa bits: shifting out 20 - SUB_BITS leaves exponent and sub-bucket. */
const SHIFT = 20 - SUB_BITS;
const OFFSET = (1023 + LOW_EXPONENT) << SUB_BITS;
const scratch = new Float64Array(1);
const words = new Uint32Array(scratch.buffer);
/** Which of the two 32-bit words of a double is the high one on this machine. */
const HIGH_WORD = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

/** The bucket of a value of at least MIN_VALUE. */
function bucketIndex(value: number): number {
  scratch[0] = value;
  const i = (words[HIGH_WORD]! >>> SHIFT) - OFFSET;
  return i < BUCKETS ? i : BUCKETS - 1;
}

/** The midpoint of bucket `i`. */
function bucketMidpoint(i: number): number {
  const lower = 2 ** (LOW_EXPONENT + (i >> SUB_BITS));
  return lower * (1 + ((i & ((1 << SUB_BITS) - 1)) + 0.5) / (1 << SUB_BITS));
}

export interface Summary {
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export class Histogram {
  private readonly counts = new Float64Array(BUCKETS + 1);
  /** The majority candidate of all values recorded, its vote, and how often it was recorded since it became the candidate (exact). */
  private candidate = NaN;
  private votes = 0;
  private hits = 0;
  count = 0;
  sum = 0;
  min = Infinity;
  max = 0;

  record(value: number): void {
    this.count++;
    this.sum += value;
    if (value > this.max) this.max = value;
    if (value < this.min) this.min = value;
    // One counting step for every value, tiny ones too: a branch taken only
    // by the rare tiny value would hold operations V8 has no type feedback
    // for, and throw away the compiled caller the first time (docs/performance.md).
    const tiny = value < MIN_VALUE;
    this.counts[tiny ? BELOW_MIN : bucketIndex(value)]!++;
    if (tiny) return;
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
    return value < MIN_VALUE ? -1 : bucketIndex(value);
  }

  get mean(): number {
    return this.count > 0 ? this.sum / this.count : 0;
  }

  /** The value below which a share `q` (0..1) of the recorded values lie. */
  percentile(q: number): number {
    if (this.count === 0) return 0;
    const rank = Math.max(1, Math.ceil(q * this.count));
    let seen = this.counts[BELOW_MIN]!;
    if (seen >= rank) return 0;
    const counts = this.counts;
    // Every value is at least `min`: the buckets below its own hold nothing.
    for (let i = Math.max(0, this.bucketOf(this.min)); i < BUCKETS; i++) {
      seen += counts[i]!;
      if (seen >= rank) {
        // The candidate, when it was recorded more than half of its bucket's
        // times (`hits` never exceeds its true count); else the bucket's
        // midpoint, kept within the values actually seen.
        if (2 * this.hits > counts[i]! && this.bucketOf(this.candidate) === i) return this.candidate;
        return Math.min(Math.max(bucketMidpoint(i), this.min), this.max);
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
