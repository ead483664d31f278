/**
 * The console and its numbers: the summary's formats (thousands separators,
 * one money precision, `-` for what did not happen, p50 / p90 / p99, long
 * times as `10m47s`, the simulated span once), the table over time
 * (`--every`: windows from the report's buckets, worked out by hand), the
 * report's bucket width (`report.bucket` and its default), progress lines
 * without a terminal, and the compact span format.
 */
import { describe, expect, it } from 'vitest';
import { paletteFor } from '../cli/colour.js';
import { progressBar } from '../cli/progress.js';
import { formatSummary, formatWindows } from '../cli/summary.js';
import { defaultBucketWidth } from '../core/metrics/time-series.js';
import { parseEvery, tabulate, windowsOf } from '../core/report/windows.js';
import { formatSpan } from '../core/units.js';
import { load, run } from './helpers.js';

const plain = paletteFor({ isTTY: false } as NodeJS.WriteStream, { NO_COLOR: '1' });

/**
 * 3 minutes, 10 s buckets, no free tier. Uniform arrivals: 600 in the first
 * minute (one every 100 ms), 3,000 in the second (one every 20 ms), none in
 * the third. Every run takes 100 ms at 1 GB: 0.1 GB-s.
 */
const threeMinutes = (extra = '') => `
name: three minutes
duration: 3m
report: { bucket: 10s }
pricing: { freeTier: false }
functions:
  f: { memory: 1024, duration: 100ms, coldStart: { init: 0ms } }
sources:
  api:
    type: invoke
    targets: [f]
    load:
      arrivals: uniform
      phases:
        - { duration: 1m, arrivalCount: 600, name: warm-up }
        - { duration: 1m, arrivalCount: 3000 }
        - { pause: 1m }
${extra}`;

describe('the table over time (--every)', () => {
  it('adds up each minute from the buckets, and spreads the bill by invocations and GB-s (by hand)', () => {
    const { report, engine } = run(threeMinutes());
    expect(report.series.bucketSeconds).toBe(10);
    const rows = tabulate(report, windowsOf(parseEvery('1m', engine.scenario), report.simulated.seconds * 1000), engine.scenario.durationMs);
    expect(rows.map((r) => [r.startMs, r.arrivals, r.invocations, r.throttles])).toEqual([
      [0, 600, 600, 0],
      [60_000, 3000, 3000, 0],
      [120_000, 0, 0, 0],
    ]);
    // One run in flight at a time in the first minute (a 100 ms run every 100 ms), five in the second (every 20 ms).
    expect(rows.map((r) => r.concurrencyMax)).toEqual([1, 5, 0]);
    expect(rows.map((r) => r.coldStarts)).toEqual([1, 4, 0]);
    // Bill: requests 3,600 × $0.20/M = $0.00072; duration 360 GB-s × $0.0000166667 = $0.006000012.
    // Minute 1: 600/3,600 of each = $0.00012 + $0.001000002 = $0.001120002
    // Minute 2: 3,000/3,600 of each = $0.0006 + $0.00500001 = $0.00560001
    expect(rows[0]!.usd).toBeCloseTo(0.001120002, 6);
    expect(rows[1]!.usd).toBeCloseTo(0.00560001, 6);
    expect(rows[2]!.usd).toBe(0);
    const bill = report.cost.lines.reduce((sum, l) => sum + l.usd, 0);
    expect(rows.reduce((sum, r) => sum + r.usd, 0)).toBeCloseTo(bill, 9);
  });

  it('per phase: windows at the phase boundaries, named as the file names them', () => {
    const { report, engine } = run(threeMinutes());
    const rows = tabulate(report, windowsOf(parseEvery('phase', engine.scenario), report.simulated.seconds * 1000), engine.scenario.durationMs);
    expect(rows.map((r) => [r.label, r.startMs, r.invocations])).toEqual([
      ['warm-up', 0, 600],
      ['phase 2', 60_000, 3000],
      ['phase 3', 120_000, 0],
    ]);
    const text = formatWindows(report, rows, plain, 'over time, per load phase');
    expect(text).toContain('phase    window  arrivals  invocations  throttles  cold starts  concurrency max   cost ≈');
    expect(text).toMatch(/warm-up +0s–1m +600 +600 +- +1 +1 +\$0\.0011/);
    expect(text).toMatch(/phase 3 +2m–3m +- +- +- +- +- +-\n/);
    expect(text).toMatch(/total +3,600 +3,600 +- +5 +5 +\$0\.0067/);
    expect(text).toContain('cost ≈: the bill spread over the windows');
  });

  it('a run past its traffic gets a drain window', () => {
    const { report, engine } = run(threeMinutes().replace('{ pause: 1m }', '{ duration: 1m, arrivalCount: 1 }').replace('duration: 100ms', 'duration: 50s, timeout: 60s'));
    const windows = windowsOf(parseEvery('phase', engine.scenario), report.simulated.seconds * 1000);
    expect(windows.map((w) => w.label)).toEqual(['warm-up', 'phase 2', 'phase 3', 'drain']);
    expect(windows.at(-1)!.startMs).toBe(180_000);
  });

  it('--every must be a whole number of buckets, and phases must fall on bucket edges', () => {
    const { scenario } = load(threeMinutes());
    expect(parseEvery('30s', scenario)).toEqual({ kind: 'duration', ms: 30_000 });
    expect(parseEvery('90', scenario)).toEqual({ kind: 'duration', ms: 90_000 });
    expect(() => parseEvery('45s', scenario)).toThrow(
      "--every 45s: not a multiple of the report's bucket width (10s): use 10s, 20s, 30s, ..., or set report.bucket to 5s (--set report.bucket=5s)",
    );
    expect(() => parseEvery('5s', scenario)).toThrow(/--every 5s: not a multiple/);
    expect(() => parseEvery('0s', scenario)).toThrow('--every 0s: must be more than 0');
    expect(() => parseEvery('soon', scenario)).toThrow(/--every soon: not a duration or "phase"/);
    expect(() => parseEvery('phase', load(threeMinutes(), { set: ['report.bucket=7s'] }).scenario)).toThrow(
      "--every phase: a phase boundary at 1m is not on an edge of the report's 7s buckets: set report.bucket to 1s (--set report.bucket=1s)",
    );
    const schedule = load(`
name: cron only
duration: 1h
functions: { f: {} }
sources: { tick: { type: schedule, expression: rate(5 minutes), targets: [f] } }
`).scenario;
    expect(() => parseEvery('phase', schedule)).toThrow(/--every phase: no source has load phases/);
  });
});

describe('report.bucket', () => {
  it('is the width of the report series when given', () => {
    expect(load(threeMinutes()).scenario.report.bucketMs).toBe(10_000);
    expect(run(threeMinutes(), { set: ['report.bucket=30s'] }).report.series.bucketSeconds).toBe(30);
  });

  it('defaults to a readable width for the run: about 360 buckets of traffic, at most 1,440 with the drain', () => {
    const MIN = 60_000;
    const HOUR = 60 * MIN;
    expect(defaultBucketWidth(5 * MIN, 10 * MIN)).toBe(1000); // 5-minute run, 5-minute drain: 1 s
    expect(defaultBucketWidth(5 * MIN, 5 * MIN + HOUR)).toBe(5000); // the default 1 h drain: 65 min / 5 s = 780 buckets
    expect(defaultBucketWidth(HOUR, 2 * HOUR)).toBe(10_000);
    expect(defaultBucketWidth(10 * HOUR, 11 * HOUR)).toBe(300_000); // 120 buckets of 5 minutes
    expect(defaultBucketWidth(30 * 24 * HOUR, 30 * 24 * HOUR + HOUR)).toBe(3 * HOUR);
    expect(load(threeMinutes().replace('report: { bucket: 10s }\n', '')).scenario.report.bucketMs).toBe(5000);
  });

  it('refuses a width that is not a duration, under 1 ms, or that makes more than 50,000 buckets', () => {
    expect(() => load(threeMinutes(), { set: ['report.bucket=0'] })).toThrow('--set report.bucket=0 /report/bucket: must be at least 1ms, got 0');
    expect(() => load(threeMinutes().replace('bucket: 10s', 'bucket: 1ms'))).toThrow(
      'test.yaml:4 /report/bucket: 1ms buckets over 1h03m00s (duration + drain) make 3,780,000 buckets; at most 50,000: use 1s or more',
    );
    expect(() => load(threeMinutes().replace('bucket: 10s', 'bucket: soon'))).toThrow(/test\.yaml:4 \/report\/bucket: must be a duration/);
    expect(() => load(threeMinutes().replace('bucket: 10s', 'width: 10s'))).toThrow(/\/report.*width/);
  });
});

describe('pricing.freeTier', () => {
  it('is prorated by default and takes true, false or prorated', () => {
    expect(load(threeMinutes().replace('pricing: { freeTier: false }\n', '')).scenario.pricing.freeTier).toBe('prorated');
    expect(load(threeMinutes(), { set: ['pricing.freeTier=true'] }).scenario.pricing.freeTier).toBe(true);
    expect(load(threeMinutes(), { set: ['pricing.freeTier=prorated'] }).scenario.pricing.freeTier).toBe('prorated');
    expect(() => load(threeMinutes(), { set: ['pricing.freeTier=monthly'] })).toThrow(/\/pricing\/freeTier: must be one of: "prorated", true, false/);
  });
});

describe('the summary', () => {
  it('writes counts with separators, `-` for nothing, p50 / p90 / p99, and every amount to one precision', () => {
    const { report, engine } = run(threeMinutes());
    const text = formatSummary(report, plain, { trafficMs: engine.scenario.durationMs });
    expect(text).toContain('duration p50 / p90 / p99');
    expect(text).toContain('latency p50 / p90 / p99');
    expect(text).toMatch(/ f +3,600 +- +- +5 +5 \/ 2\.0 +100ms \/ 100ms \/ 100ms +\$0\.0067/);
    expect(text).toMatch(/api \(invoke\) +3,600 +3,600 +- +- +- +- +100ms \/ 100ms \/ 100ms/);
    // The bill is under $0.10: every amount to 4 decimals (monthly: 14,400 × the bill = $96.77).
    const amounts = [...text.matchAll(/\$[\d,]+\.(\d+)/g)].map((m) => m[1]!.length);
    expect(amounts.length).toBeGreaterThan(4);
    expect(new Set(amounts)).toEqual(new Set([4]));
    expect(text).toContain('cost $0.0067 · $1.8667 per million requests · $96.7700 a month at this rate');
  });

  it('uses cents when the bill is $0.10 or more, and shows an amount too small to see as <$0.01', () => {
    const { report } = run(threeMinutes().replace('arrivalCount: 3000', 'arrivalCount: 60000').replace('memory: 1024', 'memory: 10240'));
    // 60,600 runs × 0.1 s × 10 GB = 60,600 GB-s × $0.0000166667 = $1.010002; requests 60,600 × $0.20/M = $0.01212; $1.022122
    const text = formatSummary(report, plain);
    expect(text).toMatch(/^cost \$1\.02 · /m);
    expect(new Set([...text.matchAll(/\$[\d,]+\.(\d+)/g)].map((m) => m[1]!.length))).toEqual(new Set([2]));
  });

  it('states the simulated span once, writes long times as 10m47s and says - where nothing succeeded', () => {
    const { report, engine } = run(`
name: long job
duration: 1m
drain: 1h
pricing: { freeTier: false }
functions:
  slow: { duration: 646.96s, timeout: 900s, coldStart: { init: 0ms } }
  never: { reservedConcurrency: 0 }
sources:
  jobs: { type: invoke, targets: [slow], load: { phases: [ { burst: 1 } ] } }
  refused: { type: invoke, targets: [never], load: { phases: [ { burst: 2 } ] } }
`);
    const text = formatSummary(report, plain, { trafficMs: engine.scenario.durationMs });
    expect(text.split('\n')[0]).toMatch(/^long job · seed 1 · 10m47s simulated \(1m00s of traffic, then the drain\) · [\d,]+ events in [\d.]+ s/);
    expect(text.match(/10m47s simulated|simulated 10m47s/g)).toHaveLength(1);
    expect(text).not.toMatch(/646\.96s/);
    expect(text).toMatch(/slow +1 +- +- +1 +1 \/ 1\.0 +10m47s \/ 10m47s \/ 10m47s/);
    expect(text).toMatch(/never +- +- +2 +- +- +- +-/);
    expect(text).toMatch(/refused \(invoke\) +2 +- +- +- +2 +- +-$/m);
  });
});

describe('progress without a terminal', () => {
  it('prints one line every 5 s of wall time to the stream, none before, none with --quiet', () => {
    const lines: string[] = [];
    const stream = { isTTY: false, write: (s: string) => lines.push(s) } as unknown as NodeJS.WriteStream;
    let wall = 1000;
    const bar = progressBar(stream, 3_600_000, true, { clock: () => wall });
    wall += 4999;
    bar.update(600_000, 1_000_000);
    expect(lines).toEqual([]);
    wall += 1;
    bar.update(900_000, 2_500_000);
    expect(lines).toEqual(['slsim: simulated 15m00s of 1h00m00s (25%) · 2,500,000 events · 500k events/s\n']);
    wall += 1000;
    bar.update(1_200_000, 3_000_000);
    expect(lines).toHaveLength(1);
    wall += 4000;
    bar.update(3_700_000, 5_000_000);
    expect(lines[1]).toBe('slsim: simulated 1h01m40s, draining after 1h00m00s of traffic · 5,000,000 events · 500k events/s\n');
    bar.done();
    expect(lines).toHaveLength(2);

    const quiet: string[] = [];
    const quietBar = progressBar({ isTTY: false, write: (s: string) => quiet.push(s) } as unknown as NodeJS.WriteStream, 1000, false, { clock: () => (wall += 10_000) });
    quietBar.update(500, 10);
    quietBar.update(900, 20);
    expect(quiet).toEqual([]);
  });
});

describe('progress on a terminal', () => {
  it('keeps the bar, redrawn in place, and clears it at the end', () => {
    const out: string[] = [];
    let wall = 0;
    const bar = progressBar({ isTTY: true, write: (s: string) => out.push(s) } as unknown as NodeJS.WriteStream, 3_600_000, true, { clock: () => wall });
    wall = 500;
    bar.update(1_800_000, 1_000_000);
    expect(out).toEqual(['\r  sim    30m00s / 1h00m00s [############............] 2.0M events/s ']);
    bar.done();
    expect(out[1]).toBe('\r\x1b[2K');
  });
});

describe('formatSpan', () => {
  it.each([
    [0, '0s'],
    [250, '250ms'],
    [1500, '1.5s'],
    [60_000, '1m'],
    [90_000, '1m30s'],
    [646_960, '10m47s'],
    [3_600_000, '1h'],
    [3_660_000, '1h01m'],
    [3_725_000, '1h02m05s'],
    [86_400_000, '1d'],
    [90_061_000, '1d01h01m01s'],
  ])('%d ms is %s', (ms, text) => {
    expect(formatSpan(ms)).toBe(text);
  });
});
