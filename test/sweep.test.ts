/**
 * Sweeps against outside truths, in process (the command line is tested in
 * sweep-cli.test.ts):
 *
 * - Memory changes speed (`durationAt`): Lambda gives CPU in proportion to
 *   memory, one vCPU at 1,769 MB (docs/aws-model.md, "Memory and CPU"), so
 *   a CPU-bound handler's time scales as 1,769 / memory below 1,769 MB and
 *   stays put above (single-threaded code).
 * - Cost by hand with AWS's list prices (us-east-1, x86): $0.20 per million
 *   requests, $0.0000166667 per GB-s, every run rounded up to 1 ms, GB =
 *   MB / 1024. The free tier is off and INIT takes 0 ms, so the bill is
 *   exactly requests + Σ runs' billed GB-s.
 * - The grid, the shard slices and the ranking of points.
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import { gridPoint, parseGrid, parseShard, shardIndexes, splitValues } from '../cli/sweep/grid.js';
import { summarisePoint } from '../cli/sweep/point.js';
import { buildSweepReport, mergeSweepReports, type SweepPointReport } from '../cli/sweep/sweep-report.js';
import { load, run } from './helpers.js';

const REQUEST_USD = 0.2 / 1e6;
const GB_SECOND_USD = 0.0000166667;

/** One function behind sync invokes: `count` calls spread evenly over `seconds`. */
function scenario(fn: string, count: number, seconds: number): string {
  return `
name: memory sweep
duration: ${seconds}s
drain: 5m
pricing: { freeTier: false }
functions:
  f:
    timeout: 60s
    coldStart: { init: 0ms }
${fn
  .trim()
  .split('\n')
  .map((l) => `    ${l}`)
  .join('\n')}
sources:
  calls:
    type: invoke
    targets: [f]
    load: { arrivals: uniform, phases: [ { duration: ${seconds}s, arrivalCount: ${count} } ] }
`;
}

/** Runs one point per memory size (the sweep's way: the same file, one --set each) and ranks them. */
function sweepMemory(yaml: string, sizes: number[]) {
  const grid = parseGrid([`functions.f.memory=${sizes.join(',')}`]);
  const points: SweepPointReport[] = sizes.map((_, i) => {
    const point = gridPoint(grid, i);
    const { report } = run(yaml, { set: point.set });
    return { index: point.index, settings: point.settings, set: point.set, ...summarisePoint(report) };
  });
  const header = { scenario: 'memory sweep', file: 'test.yaml', seed: 1, sets: grid.sets, axes: grid.axes, pointCount: grid.size, definition: 'x' };
  return buildSweepReport(header, null, points);
}

/** The hand calculation: n runs of `billedMs` each at `memoryMb`. */
function handCost(n: number, billedMs: number, memoryMb: number): { gbSeconds: number; usd: number } {
  const gbSeconds = (n * billedMs * memoryMb) / 1000 / 1024;
  return { gbSeconds, usd: n * REQUEST_USD + gbSeconds * GB_SECOND_USD };
}

describe('memory sweep, fixed durations', () => {
  it('cost grows with memory: requests + GB-s × price, by hand', () => {
    const sizes = [128, 256, 512, 1024, 2048];
    const sweep = sweepMemory(scenario('duration: 100ms', 1000, 100), sizes);
    sizes.forEach((memory, i) => {
      const point = sweep.points[i]!;
      const hand = handCost(1000, 100, memory);
      expect(point.settings).toStrictEqual({ 'functions.f.memory': memory });
      expect(point.invocations).toBe(1000);
      expect(point.functions.f!.cost.gbSeconds).toBeCloseTo(hand.gbSeconds, 6);
      expect(point.costUsd).toBeCloseTo(hand.usd, 5);
      expect(point.durationP99Ms).toBeCloseTo(100, 0);
      if (i > 0) expect(point.costUsd).toBeGreaterThan(sweep.points[i - 1]!.costUsd);
    });
    // 128 MB: 1,000 × $0.0000002 + 12.5 GB-s × $0.0000166667 = $0.000408
    expect(sweep.points[0]!.costUsd).toBeCloseTo(0.000408, 6);
    expect(sweep.cheapest).toBe(0);
  });
});

describe('memory sweep, CPU-bound durations (durationAt)', () => {
  it('1 s at 1,769 MB: time grows as 1,769 / memory below, GB-s flat but for ms rounding; 1,769 MB is cheapest and fastest', () => {
    // Billed ms per run: ceil(1000 × 1769 / m) below 1,769 MB, 1,000 at and above:
    //   128 → 13,821 (13,820.3125)   512 → 3,456 (3,455.08)   1024 → 1,728 (1,727.54)   1769, 2048, 3008 → 1,000
    // MB·ms per run: 1,769,088 · 1,769,472 · 1,769,472 · 1,769,000 · 2,048,000 · 3,008,000: the least at 1,769 MB.
    const sizes = [128, 512, 1024, 1769, 2048, 3008];
    const billed = [13821, 3456, 1728, 1000, 1000, 1000];
    const n = 10_000;
    const sweep = sweepMemory(scenario('memory: 1769\nduration: 1s\ndurationAt: 1769', n, 1000), sizes);
    sizes.forEach((memory, i) => {
      const point = sweep.points[i]!;
      const hand = handCost(n, billed[i]!, memory);
      expect(point.invocations).toBe(n);
      expect(point.throttles).toBe(0);
      expect(point.functions.f!.Duration.p50 / ((1000 * 1769) / Math.min(memory, 1769))).toBeCloseTo(1, 2);
      expect(point.functions.f!.cost.gbSeconds).toBeCloseTo(hand.gbSeconds, 5);
      expect(point.costUsd).toBeCloseTo(hand.usd, 5);
    });
    // 1,769 MB: 10,000 × $0.0000002 + 17,275.390625 GB-s × $0.0000166667 = $0.289929...
    expect(sweep.points[3]!.costUsd).toBeCloseTo(0.002 + 17275.390625 * GB_SECOND_USD, 6);
    expect(sweep.points[sweep.cheapest!]!.settings['functions.f.memory']).toBe(1769);
    expect(sweep.points[sweep.fastest!]!.settings['functions.f.memory']).toBe(1769);
  });

  it('2.5 ms at 1,769 MB: ms rounding makes 128 MB the cheapest (its duration charge 16% below 1,769 MB\'s) and 1,769 MB the fastest', () => {
    // Run time 2.5 × 1769 / m ms, billed rounded up:
    //   128 → 34.55 → 35 ms (4,480 MB·ms)    512 → 8.64 → 9 ms (4,608)    1024 → 4.32 → 5 ms (5,120)
    //   1769 → 2.5 → 3 ms (5,307)            2048 → 3 ms (6,144)
    const sizes = [128, 512, 1024, 1769, 2048];
    const billed = [35, 9, 5, 3, 3];
    const n = 10_000;
    const sweep = sweepMemory(scenario('duration: 2.5ms\ndurationAt: 1769', n, 1000), sizes);
    const hands = sizes.map((memory, i) => handCost(n, billed[i]!, memory));
    sizes.forEach((_, i) => expect(sweep.points[i]!.costUsd).toBeCloseTo(hands[i]!.usd, 6));
    // By hand: 128 MB costs 10,000 × ($0.0000002 + 0.035 s × 0.125 GB × $0.0000166667) = $0.00272917
    expect(hands[0]!.usd).toBeCloseTo(0.00272917, 8);
    expect(sweep.points[sweep.cheapest!]!.settings['functions.f.memory']).toBe(128);
    expect(sweep.points[sweep.fastest!]!.settings['functions.f.memory']).toBe(1769);
    // Duration charge 5,307 / 4,480 MB·ms = 1.1846×; with the request charge, the same at every size, the bill is 1.0493×.
    expect(hands[3]!.usd / hands[0]!.usd).toBeCloseTo(1.0493, 4);
    expect(sweep.points[3]!.costUsd / sweep.points[0]!.costUsd).toBeCloseTo(1.0493, 3);
  });

  it('scales the same draws: a lognormal handler at half the CPU takes twice as long, run for run, with the same traffic (constant INIT)', () => {
    // A constant INIT draws nothing, so every run gets the draw it had at 1,769 MB; a random INIT would interleave its draws differently where cold starts differ.
    const yaml = scenario('memory: 1769\nduration: { dist: lognormal, median: 200ms, p99: 900ms }\ndurationAt: 1769', 2000, 200);
    const full = run(yaml).report;
    const half = run(yaml, { set: ['functions.f.memory=884'] }).report; // 1,769 / 884 = 2.00113×
    const k = 1769 / 884;
    expect(half.sources.calls!.delivery.generated).toBe(full.sources.calls!.delivery.generated);
    expect(half.functions.f!.Duration.mean / full.functions.f!.Duration.mean).toBeCloseTo(k, 3);
    expect(half.functions.f!.Duration.max / full.functions.f!.Duration.max).toBeCloseTo(k, 3);
  });

  it('cpuThreads: multi-threaded code speeds up to cpuThreads × 1,769 MB, and no further', () => {
    const yaml = scenario('memory: 1769\nduration: 1s\ndurationAt: 1769\ncpuThreads: 2', 10, 10);
    const p50 = (memory: number) => run(yaml, { set: [`functions.f.memory=${memory}`] }).report.functions.f!.Duration.p50!;
    expect(p50(3538)).toBeCloseTo(500, 0);
    expect(p50(7076)).toBeCloseTo(500, 0);
    expect(p50(885)).toBeCloseTo(1000 * (1769 / 885), 0);
  });

  it('without durationAt, memory leaves durations alone; cpuThreads alone is an error', () => {
    const yaml = scenario('duration: 1s', 10, 10);
    expect(run(yaml, { set: ['functions.f.memory=128'] }).report.functions.f!.Duration.p50).toBeCloseTo(1000, 0);
    expect(() => load(scenario('duration: 1s\ncpuThreads: 2', 10, 10))).toThrow(/cpuThreads needs durationAt/);
    expect(() => load(scenario('duration: 1s\ndurationAt: 64', 10, 10))).toThrow(/durationAt: must be >= 128/);
  });
});

describe('the grid', () => {
  it('several --set with lists make a grid, the first varying slowest; single values apply to every point', () => {
    const grid = parseGrid(['functions.f.memory=512,1024', 'pricing.freeTier=false', 'functions.f.reservedConcurrency=10,20,30']);
    expect(grid.size).toBe(6);
    expect(grid.axes.map((a) => a.path)).toStrictEqual(['functions.f.memory', 'functions.f.reservedConcurrency']);
    expect(gridPoint(grid, 0).set).toStrictEqual(['functions.f.memory=512', 'pricing.freeTier=false', 'functions.f.reservedConcurrency=10']);
    expect(gridPoint(grid, 4)).toStrictEqual({
      index: 4,
      settings: { 'functions.f.memory': 1024, 'functions.f.reservedConcurrency': 20 },
      set: ['functions.f.memory=1024', 'pricing.freeTier=false', 'functions.f.reservedConcurrency=20'],
    });
  });

  it('commas inside brackets, braces and quotes do not split values', () => {
    expect(splitValues('[a, b],[c]')).toStrictEqual(['[a, b]', '[c]']);
    expect(splitValues('{ dist: uniform, min: 1ms, max: 2ms },5ms')).toStrictEqual(['{ dist: uniform, min: 1ms, max: 2ms }', '5ms']);
    expect(splitValues('"a,b",c')).toStrictEqual(['"a,b"', 'c']);
    expect(parseGrid(['functions.f.duration={ dist: constant, value: 1s },2s']).axes[0]!.values).toStrictEqual([{ dist: 'constant', value: '1s' }, '2s']);
  });

  it('refuses a path swept twice and an empty value', () => {
    expect(() => parseGrid(['a.b=1,2', 'a.b=3,4'])).toThrow(/already swept/);
    expect(() => parseGrid(['a.b=1,,2'])).toThrow(/empty value/);
  });

  it('--shard i/N slices the grid round robin: every point in exactly one shard', () => {
    expect(shardIndexes(7, { index: 1, count: 3 })).toStrictEqual([0, 3, 6]);
    expect(shardIndexes(7, { index: 3, count: 3 })).toStrictEqual([2, 5]);
    expect(shardIndexes(2, { index: 4, count: 4 })).toStrictEqual([]);
    const all = [1, 2, 3].flatMap((index) => shardIndexes(7, { index, count: 3 })).sort((a, b) => a - b);
    expect(all).toStrictEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(parseShard('2/4')).toStrictEqual({ index: 2, count: 4 });
    for (const bad of ['0/4', '5/4', '1/0', 'two/4']) expect(() => parseShard(bad)).toThrow(InputError);
  });

  it('merge refuses shards of another sweep, a shard twice, or a missing shard', () => {
    const header = { scenario: 's', file: 'f', seed: 1, sets: ['a=1,2'], axes: [], pointCount: 2, definition: 'd1' };
    const shard = (index: number, definition = 'd1') => buildSweepReport({ ...header, definition }, { index, count: 2 }, []);
    expect(() => mergeSweepReports([shard(1), shard(2, 'd2')], ['a.json', 'b.json'])).toThrow(/b\.json is from another sweep/);
    expect(() => mergeSweepReports([shard(1), shard(1)], ['a.json', 'b.json'])).toThrow(/shard 1\/2 is given twice: a\.json and b\.json/);
    expect(() => mergeSweepReports([shard(2)], ['b.json'])).toThrow(/shard 1\/2 missing/);
  });
});
