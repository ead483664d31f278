/**
 * The seeded generator and the distributions against their textbook
 * moments and quantiles: the same seed repeats exactly, and large samples
 * match the mean, median and p99 each distribution is defined by.
 */
import { describe, expect, it } from 'vitest';
import { createSampler, resolveDistribution, Z99 } from '../core/distributions.js';
import { Random } from '../core/random.js';
import { parseDuration, parseSize } from '../core/units.js';

const N = 200_000;

function sample(spec: Parameters<typeof resolveDistribution>[0], seed = 1): number[] {
  const sampler = createSampler(resolveDistribution(spec, parseDuration), new Random(seed));
  return Array.from({ length: N }, () => sampler.sample());
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(q * (sorted.length - 1))]!;
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const min = (values: number[]) => values.reduce((a, b) => Math.min(a, b), Infinity);
const max = (values: number[]) => values.reduce((a, b) => Math.max(a, b), -Infinity);

describe('random generator', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const a = new Random(42);
    const b = new Random(42);
    const c = new Random(43);
    const seqA = Array.from({ length: 100 }, () => a.next());
    expect(Array.from({ length: 100 }, () => b.next())).toStrictEqual(seqA);
    expect(Array.from({ length: 100 }, () => c.next())).not.toStrictEqual(seqA);
  });

  it('draws uniformly in (0, 1): mean 1/2, variance 1/12, never 0 or 1', () => {
    const r = new Random(7);
    const xs = Array.from({ length: N }, () => r.next());
    expect(min(xs)).toBeGreaterThan(0);
    expect(max(xs)).toBeLessThan(1);
    expect(mean(xs)).toBeCloseTo(0.5, 2);
    const m = mean(xs);
    expect(mean(xs.map((x) => (x - m) ** 2))).toBeCloseTo(1 / 12, 3);
  });
});

describe('standard exponential (ziggurat)', () => {
  const draws = 1_000_000;
  const r = new Random(2024);
  const xs = Float64Array.from({ length: draws }, () => r.standardExponential()).sort();

  it('follows 1 - e^-x: Kolmogorov–Smirnov distance under the 0.1% critical value', () => {
    let d = 0;
    for (let i = 0; i < draws; i++) {
      const cdf = 1 - Math.exp(-xs[i]!);
      d = Math.max(d, Math.abs(cdf - i / draws), Math.abs((i + 1) / draws - cdf));
    }
    // 1.95 / √n is the 0.1% critical value of the KS statistic.
    expect(d).toBeLessThan(1.95 / Math.sqrt(draws));
  });

  it('has mean 1 and variance 1, and its tail beyond the last layer (x > 7.697) as often as e^-7.697 says', () => {
    const m = xs.reduce((a, b) => a + b, 0) / draws;
    const v = xs.reduce((a, b) => a + (b - m) ** 2, 0) / draws;
    // Standard errors: 1/√n for the mean, about √(8/n) for the variance.
    expect(Math.abs(m - 1)).toBeLessThan(4 / Math.sqrt(draws));
    expect(Math.abs(v - 1)).toBeLessThan(4 * Math.sqrt(8 / draws));
    const tail = xs.length - xs.findIndex((x) => x > 7.697117470131487);
    const expected = draws * Math.exp(-7.697117470131487); // about 453
    expect(Math.abs(tail - expected)).toBeLessThan(4 * Math.sqrt(expected));
  });

  it('is the same sequence for the same seed', () => {
    const a = new Random(5);
    const b = new Random(5);
    expect(Array.from({ length: 1000 }, () => a.standardExponential())).toStrictEqual(Array.from({ length: 1000 }, () => b.standardExponential()));
  });
});

describe('distributions', () => {
  it('constant, in any unit', () => {
    expect(sample('120ms').slice(0, 3)).toStrictEqual([120, 120, 120]);
    expect(sample(1.5)[0]).toBe(1500); // a number is seconds
    expect(sample({ dist: 'constant', value: '2m' })[0]).toBe(120_000);
  });

  it('uniform: mean (a+b)/2 and bounds', () => {
    const xs = sample({ dist: 'uniform', min: '50ms', max: '200ms' });
    expect(min(xs)).toBeGreaterThanOrEqual(50);
    expect(max(xs)).toBeLessThanOrEqual(200);
    expect(mean(xs)).toBeCloseTo(125, 0);
  });

  it('exponential: mean m and median m·ln 2', () => {
    const xs = sample({ dist: 'exponential', mean: '200ms' });
    expect(mean(xs) / 200).toBeCloseTo(1, 1);
    expect(quantile(xs, 0.5) / (200 * Math.LN2)).toBeCloseTo(1, 1);
  });

  it('normal: mean and stddev, negatives redrawn', () => {
    const xs = sample({ dist: 'normal', mean: '200ms', stddev: '40ms' });
    expect(mean(xs)).toBeCloseTo(200, 0);
    const m = mean(xs);
    expect(Math.sqrt(mean(xs.map((x) => (x - m) ** 2)))).toBeCloseTo(40, 0);
    expect(min(sample({ dist: 'normal', mean: '10ms', stddev: '20ms' }))).toBeGreaterThanOrEqual(0);
  });

  it('lognormal by median and p99 hits both quantiles', () => {
    const xs = sample({ dist: 'lognormal', median: '120ms', p99: '800ms' });
    expect(quantile(xs, 0.5) / 120).toBeCloseTo(1, 1);
    expect(quantile(xs, 0.99) / 800).toBeCloseTo(1, 1);
  });

  it('lognormal by mean and stddev hits both moments', () => {
    const xs = sample({ dist: 'lognormal', mean: '300ms', stddev: '150ms' });
    expect(mean(xs) / 300).toBeCloseTo(1, 1);
    const m = mean(xs);
    expect(Math.sqrt(mean(xs.map((x) => (x - m) ** 2))) / 150).toBeCloseTo(1, 1);
  });

  it('empirical draws only the given samples, each about equally often', () => {
    const xs = sample({ dist: 'empirical', samples: ['80ms', '95ms', '130ms'] });
    const counts = new Map<number, number>();
    for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
    expect([...counts.keys()].sort((a, b) => a - b)).toStrictEqual([80, 95, 130]);
    for (const c of counts.values()) expect(c / N).toBeCloseTo(1 / 3, 2);
  });

  it('uses the standard normal 99th percentile', () => {
    // Φ(2.3263478740408408) = 0.99 (tables of the normal distribution).
    expect(Z99).toBeCloseTo(2.326348, 6);
  });

  it('rejects impossible parameters with a path', () => {
    expect(() => resolveDistribution({ dist: 'lognormal', median: '800ms', p99: '120ms' }, parseDuration)).toThrow(/must be greater than median/);
    expect(() => resolveDistribution({ dist: 'uniform', min: '2s', max: '1s' }, parseDuration)).toThrow(/must be at least min/);
    expect(() => resolveDistribution({ dist: 'lognormal', median: '1s' }, parseDuration)).toThrow(/either median and p99, or mean and stddev/);
  });

  it('parses durations with one unit or several', () => {
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('3m50s')).toBe(230_000);
    expect(parseDuration(1.5)).toBe(1500); // a number is seconds
    expect(() => parseDuration('3 sec')).toThrow(/is not a duration/);
  });

  it('parses sizes with 1 KB = 1024 B', () => {
    expect(parseSize('2KB')).toBe(2048);
    expect(parseSize('1.5MB')).toBe(1.5 * 1024 * 1024);
    expect(parseSize(300)).toBe(300);
    expect(() => parseSize('2 kilobytes')).toThrow(/is not a size/);
  });
});
