/**
 * Where a record goes and whether its shard takes it (docs/aws-model.md
 * rule 15; adapters/kinesis/README.md, "Limits" and "Writes").
 *
 * - A partition key (a small integer here) is hashed to 32 bits by a fixed
 *   mixer (MurmurHash3's finaliser, a bijection), and the shards split that
 *   hash space into equal ranges, as Kinesis splits the MD5 hash-key space.
 * - Within a shard, the key picks one of the `parallelizationFactor` lanes of
 *   the event source mapping by a second, independent hash, so a key always
 *   lands in the same lane (never two of its batches at once, order kept).
 * - Write limits: per shard, at most 1,000 records and 1 MiB in each whole
 *   simulated second ([k s, (k+1) s) windows, the same for every shard). A
 *   record that would pass either limit is refused whole, taking nothing.
 *   Fixed windows were chosen over token buckets because AWS states the
 *   limits per second and a window never lets more than the limit through in
 *   any second it counts (a 1-s bucket would admit up to 2× across an edge).
 */

/** Per shard per second. */
export const SHARD_WRITE_RECORDS_PER_SECOND = 1000;
/** Per shard per second: 1 MiB. */
export const SHARD_WRITE_BYTES_PER_SECOND = 1024 * 1024;
/** Largest record (data blob): 1 MiB. */
export const MAX_RECORD_BYTES = 1024 * 1024;

const TWO_32 = 4294967296;

/** MurmurHash3's 32-bit finaliser: a fixed, well-mixing bijection of 32-bit integers. */
export function mix32(x: number): number {
  let h = x >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** The shard owning key `key`: equal ranges of the 32-bit hash space. */
export function shardOfKey(key: number, shards: number): number {
  return Math.floor((mix32(key) / TWO_32) * shards);
}

/** The lane (of `lanes` per shard) that carries key `key`. */
export function laneOfKey(key: number, lanes: number): number {
  return lanes === 1 ? 0 : mix32(mix32(key) ^ 0x5bd1e995) % lanes;
}

/** Per-shard write windows: records and bytes accepted in the current second. */
export class WriteLimits {
  private readonly second: Float64Array;
  private readonly records: Uint32Array;
  private readonly bytes: Float64Array;

  constructor(shards: number) {
    this.second = new Float64Array(shards).fill(-1);
    this.records = new Uint32Array(shards);
    this.bytes = new Float64Array(shards);
  }

  /** True (and counted) when shard `shard` may take a record of `bytes` at `now`; false: refused. */
  admit(shard: number, bytes: number, now: number): boolean {
    const second = Math.floor(now / 1000);
    if (this.second[shard] !== second) {
      this.second[shard] = second;
      this.records[shard] = 0;
      this.bytes[shard] = 0;
    }
    if (this.records[shard]! >= SHARD_WRITE_RECORDS_PER_SECOND || this.bytes[shard]! + bytes > SHARD_WRITE_BYTES_PER_SECOND) return false;
    this.records[shard]!++;
    this.bytes[shard]! += bytes;
    return true;
  }
}
