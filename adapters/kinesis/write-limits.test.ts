/**
 * Keys, shards and lanes, and the per-shard write limits on their own: keys
 * spread evenly over shards and lanes and always land in the same place; a
 * shard takes at most 1,000 records and 1 MiB in each second, refusing a
 * record whole, and starts afresh in the next second.
 */
import { describe, expect, it } from 'vitest';
import { laneOfKey, shardOfKey, WriteLimits } from './write-limits.js';

describe('partition key hashing', () => {
  it('spreads 100,000 keys evenly over 8 shards and 5 lanes (chi-square well under its 0.1 % critical value)', () => {
    const chiSquare = (counts: number[], total: number) => counts.reduce((s, c) => s + (c - total / counts.length) ** 2 / (total / counts.length), 0);
    const shards = new Array(8).fill(0);
    const lanes = new Array(5).fill(0);
    for (let key = 0; key < 100_000; key++) {
      shards[shardOfKey(key, 8)]++;
      lanes[laneOfKey(key, 5)]++;
    }
    expect(chiSquare(shards, 100_000)).toBeLessThan(24.3); // 7 degrees of freedom
    expect(chiSquare(lanes, 100_000)).toBeLessThan(18.5); // 4 degrees of freedom
  });

  it('is fixed: a key always maps to the same shard and lane, in range', () => {
    for (const key of [0, 1, 17, 999, 123_456_789]) {
      const shard = shardOfKey(key, 7);
      expect(shard).toBe(shardOfKey(key, 7));
      expect(shard).toBeGreaterThanOrEqual(0);
      expect(shard).toBeLessThan(7);
      expect(laneOfKey(key, 10)).toBe(laneOfKey(key, 10));
      expect(laneOfKey(key, 1)).toBe(0);
      expect(shardOfKey(key, 1)).toBe(0);
    }
  });
});

describe('per-shard write limits', () => {
  it('takes 1,000 records in a second, refuses the 1,001st, and takes more in the next second', () => {
    const limits = new WriteLimits(2);
    let taken = 0;
    for (let i = 0; i < 1500; i++) if (limits.admit(0, 10, 2000 + i * 0.5)) taken++;
    expect(taken).toBe(1000);
    expect(limits.admit(1, 10, 2999)).toBe(true); // another shard has its own limit
    expect(limits.admit(0, 10, 2999.9)).toBe(false);
    expect(limits.admit(0, 10, 3000)).toBe(true);
  });

  it('takes at most 1 MiB in a second, refusing a record that would pass it', () => {
    const limits = new WriteLimits(1);
    expect(limits.admit(0, 600 * 1024, 0)).toBe(true);
    expect(limits.admit(0, 500 * 1024, 1)).toBe(false); // 1,100 KiB > 1,024 KiB: refused whole
    expect(limits.admit(0, 424 * 1024, 2)).toBe(true); // exactly 1 MiB
    expect(limits.admit(0, 1, 999)).toBe(false);
    expect(limits.admit(0, 1024 * 1024, 1000)).toBe(true);
  });
});
