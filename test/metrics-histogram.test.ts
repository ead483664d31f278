/**
 * The fixed-size histogram reports percentiles within 1% of the exact
 * order statistics, over values spanning many orders of magnitude, and its
 * mean and max are exact.
 */
import { describe, expect, it } from 'vitest';
import { Histogram } from '../core/metrics/histogram.js';
import { TimeWeighted } from '../core/metrics/time-weighted.js';
import { Random } from '../core/random.js';

function exactQuantile(sorted: number[], q: number): number {
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)]!;
}

describe('histogram', () => {
  it('reports a value that most samples share exactly: runs cut at a 1,250 ms timeout', () => {
    const random = new Random(5);
    const h = new Histogram();
    const values: number[] = [];
    for (let i = 0; i < 50_000; i++) {
      // 70% time out at exactly 1,250 ms; the rest spread up to it, some in the timeout's own bucket.
      const v = random.next() < 0.7 ? 1250 : 1150 + random.next() * 100;
      values.push(v);
      h.record(v);
    }
    values.sort((a, b) => a - b);
    expect(exactQuantile(values, 0.5)).toBe(1250);
    expect(h.percentile(0.5)).toBe(1250);
    expect(h.percentile(0.99)).toBe(1250);
    // Below the shared value the 1% bound still holds.
    expect(Math.abs(h.percentile(0.1) - exactQuantile(values, 0.1)) / exactQuantile(values, 0.1)).toBeLessThan(0.01);
  });

  it.each([
    ['lognormal ms', (r: Random) => Math.exp(Math.log(120) + 0.8 * r.normal())],
    ['exponential', (r: Random) => r.exponential(100)],
    ['uniform over 6 decades', (r: Random) => 10 ** (r.next() * 6 - 2)],
  ])('percentiles of %s are within 1%% of the exact ones', (_name, draw) => {
    const random = new Random(11);
    const h = new Histogram();
    const values: number[] = [];
    for (let i = 0; i < 100_000; i++) {
      const v = draw(random);
      values.push(v);
      h.record(v);
    }
    values.sort((a, b) => a - b);
    for (const q of [0.5, 0.9, 0.99, 0.999]) {
      const exact = exactQuantile(values, q);
      expect(Math.abs(h.percentile(q) - exact) / exact).toBeLessThan(0.01);
    }
    expect(h.max).toBe(values[values.length - 1]);
    expect(h.mean).toBeCloseTo(values.reduce((a, b) => a + b, 0) / values.length, 6);
  });

  it('is empty-safe and counts zeros', () => {
    const h = new Histogram();
    expect(h.summary()).toStrictEqual({ mean: 0, p50: 0, p90: 0, p99: 0, max: 0 });
    h.record(0);
    h.record(0);
    h.record(10);
    expect(h.percentile(0.5)).toBe(0);
    expect(Math.abs(h.percentile(0.99) - 10) / 10).toBeLessThan(0.01);
  });
});

describe('time-weighted level', () => {
  it('integrates a step function exactly', () => {
    // Level 0 on [0,10), 3 on [10,20), 1 on [20,40): area 30 + 20 = 50 over 40 → mean 1.25.
    const level = new TimeWeighted();
    level.add(3, 10);
    level.add(-2, 20);
    expect(level.mean(40)).toBe(1.25);
    expect(level.max).toBe(3);
  });
});

describe('histogram of a constant', () => {
  it('reports the constant itself at every percentile, not its bucket midpoint', () => {
    const h = new Histogram();
    for (let i = 0; i < 100; i++) h.record(300);
    expect(h.summary()).toStrictEqual({ mean: 300, p50: 300, p90: 300, p99: 300, max: 300 });
  });
});
