/**
 * Bucketed time series: an event at time t lands in bucket ⌊t / width⌋, also
 * exactly on bucket boundaries, and the report's arrays cover [0, end) without
 * a trailing empty bucket.
 */
import { describe, expect, it } from 'vitest';
import { chooseBucketWidth, SeriesSet } from '../core/metrics/time-series.js';

describe('time series', () => {
  it('puts events on a boundary into the bucket that starts there', () => {
    const set = new SeriesSet(7 * 86_400_000);
    expect(set.bucketMs).toBe(1_800_000);
    const counts = set.define('fires', 'sum');
    // A fire every 5 minutes for a week: 6 per 30-minute bucket, every bucket.
    for (let t = 0; t < 7 * 86_400_000; t += 300_000) counts[set.index(t)]!++;
    const { series } = set.toJSON(7 * 86_400_000);
    expect(series.fires!.length).toBe(336);
    expect(new Set(series.fires)).toStrictEqual(new Set([6]));
  });

  it('keeps a last bucket only when something landed in it', () => {
    const set = new SeriesSet(3_600_000);
    const counts = set.define('x', 'sum');
    counts[set.index(3_600_000)]!++;
    expect(set.toJSON(3_600_000).series.x!.length).toBe(set.toJSON(3_600_000).series.x!.indexOf(1) + 1);
  });

  it('chooses readable widths: at most 360 buckets', () => {
    expect(chooseBucketWidth(60_000)).toBe(1000);
    expect(chooseBucketWidth(3_600_000)).toBe(10_000);
    expect(chooseBucketWidth(30 * 86_400_000)).toBe(3 * 3_600_000);
  });
});

describe('level series', () => {
  it('holds a level through the buckets after it until it changes, and keeps each bucket max', () => {
    const set = new SeriesSet(10_000, 10); // 1 s buckets
    const depth = set.writer('sources.q.Depth', 'level');
    depth.record(500, 3);
    depth.record(700, 5);
    depth.record(3_200, 1);
    depth.record(3_300, 0);
    expect(set.toJSON(6_000).series['sources.q.Depth']).toStrictEqual([5, 5, 5, 5, 0, 0]); // bucket 3 starts at level 5; from 3.3 s on it is 0
  });
});
