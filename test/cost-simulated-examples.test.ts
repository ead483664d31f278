/**
 * AWS's worked pricing examples (aws.amazon.com/lambda/pricing, us-east-1),
 * reproduced to the cent by simulating their traffic as scenarios, each with
 * the free-tier choice the page makes. INIT is set to 0 because the examples
 * predate INIT billing. Printed results: mobile backend $2.73, streaming
 * telemetry $249.49, ephemeral-storage ML $106.41, provisioned-concurrency
 * examples $19.96 and $32.26.
 */
import { describe, expect, it } from 'vitest';
import type { Report } from '../core/report/build-report.js';
import { run } from './helpers.js';

function line(report: Report, item: string): number {
  const found = report.cost.lines.find((l) => l.item === item);
  if (!found) throw new Error(`no cost line "${item}" in ${report.cost.lines.map((l) => l.item).join(', ')}`);
  return Math.round(found.usd * 100) / 100;
}

const oneFunction = (o: { days: number; requests: number; ms: number; memory: number; freeTier: boolean; arch?: string; storage?: number }) => `
name: pricing example
duration: ${o.days}d
pricing: { freeTier: ${o.freeTier} }
functions:
  f:
    memory: ${o.memory}
    architecture: ${o.arch ?? 'x86_64'}
    ephemeralStorage: ${o.storage ?? 512}
    timeout: 10s
    duration: ${o.ms}ms
    coldStart: { init: 0ms }
sources:
  traffic: { type: invoke, targets: [f], load: { phases: [ { duration: ${o.days}d, arrivalCount: ${o.requests} } ] } }
`;

describe("AWS's pricing examples, simulated", () => {
  it('mobile backend: 3M requests × 120 ms at 1,536 MB with the free tier = $2.73', () => {
    const { report } = run(oneFunction({ days: 30, requests: 3_000_000, ms: 120, memory: 1536, freeTier: true }));
    expect(report.functions.f!.Invocations).toBe(3_000_000);
    expect(line(report, 'duration (x86_64)')).toBe(2.33);
    expect(line(report, 'requests')).toBe(0.4);
    expect(report.cost.totalUsd).toBe(2.73);
  });

  it('the same on arm64 (by hand: 140,000 GB-s × $0.0000133334 = $1.87, + $0.40) = $2.27', () => {
    const { report } = run(oneFunction({ days: 30, requests: 3_000_000, ms: 120, memory: 1536, freeTier: true, arch: 'arm64' }));
    expect(line(report, 'duration (arm64)')).toBe(1.87);
    expect(report.cost.totalUsd).toBe(2.27);
  });

  it('streaming telemetry: 7.44M × 2 s at 1,024 MB without free tier = $249.49', () => {
    const { report } = run(oneFunction({ days: 31, requests: 7_440_000, ms: 2000, memory: 1024, freeTier: false }));
    expect(line(report, 'requests')).toBe(1.49);
    expect(line(report, 'duration (x86_64)')).toBe(248.0);
    expect(report.cost.totalUsd).toBe(249.49);
  });

  it('ML with ephemeral storage: 6M × 280 ms at 4,096 MB and 2,048 MB /tmp = $106.41', () => {
    const { report } = run(oneFunction({ days: 30, requests: 6_000_000, ms: 280, memory: 4096, freeTier: true, storage: 2048 }));
    expect(line(report, 'duration (x86_64)')).toBe(105.33);
    expect(line(report, 'requests')).toBe(1.0);
    expect(line(report, 'ephemeral storage')).toBe(0.08);
    expect(report.cost.totalUsd).toBe(106.41);
  });

  it('provisioned concurrency example 1: 100 PC for 8 h plus on-demand traffic = $19.96', () => {
    // The page's one function with PC enabled noon to 8 pm is two functions here: the
    // 500,000 requests served by PC, and the 2.5M served on demand, over the same 8 h.
    const { report } = run(`
name: app launch
duration: 8h
pricing: { freeTier: true }
functions:
  on-pc: { memory: 1536, provisionedConcurrency: 100, duration: 100ms, coldStart: { init: 0ms } }
  on-demand: { memory: 1536, duration: 120ms, coldStart: { init: 0ms } }
sources:
  launch: { type: invoke, targets: [on-pc], load: { phases: [ { duration: 8h, arrivalCount: 500000 } ] } }
  regular: { type: invoke, targets: [on-demand], load: { phases: [ { duration: 8h, arrivalCount: 2500000 } ] } }
`);
    expect(report.functions['on-pc']!.ProvisionedConcurrencySpilloverInvocations).toBe(0);
    expect(line(report, 'provisioned concurrency (x86_64)')).toBe(18.0);
    expect(line(report, 'requests')).toBe(0.4);
    expect(line(report, 'duration on provisioned concurrency (x86_64)')).toBe(0.73);
    expect(line(report, 'duration (x86_64)')).toBe(0.83);
    expect(report.cost.totalUsd).toBe(19.96);
  });

  it('provisioned concurrency example 2: 2M × 280 ms at 4,096 MB on 7 PC for 24 h, no free tier = $32.26', () => {
    // Evenly spaced arrivals every 43.2 ms with 280 ms runs never need more than 7 environments.
    const { report } = run(`
name: cyber monday
duration: 24h
pricing: { freeTier: false }
functions:
  nlp: { memory: 4096, provisionedConcurrency: 7, duration: 280ms }
sources:
  tickets: { type: invoke, targets: [nlp], load: { arrivals: uniform, phases: [ { duration: 24h, arrivalCount: 2000000 } ] } }
`);
    expect(report.functions.nlp!.ProvisionedConcurrencySpilloverInvocations).toBe(0);
    expect(line(report, 'provisioned concurrency (x86_64)')).toBe(10.08);
    expect(line(report, 'duration on provisioned concurrency (x86_64)')).toBe(21.78);
    expect(line(report, 'requests')).toBe(0.4);
    expect(report.cost.totalUsd).toBe(32.26);
  });
});

describe('billing of simulated runs', () => {
  const small = (body: string, fn: string) => `
name: billing
duration: 1h
pricing: { freeTier: false }
functions:
  f: ${fn}
sources:
  api: ${body}
`;

  it('rounds each run up to 1 ms: 1,000 runs of 120.2 ms at 1 GB bill 121 GB-s', () => {
    const { report } = run(small('{ type: invoke, targets: [f], load: { arrivals: uniform, phases: [ { duration: 1h, arrivalCount: 1000 } ] } }', '{ memory: 1024, duration: 120.2ms, coldStart: { init: 0ms } }'));
    expect(report.functions.f!.cost.gbSeconds).toBeCloseTo(121, 9);
  });

  it('bills the INIT of on-demand cold starts (since 1 Aug 2025), but not of provisioned environments', () => {
    const onDemand = run(small('{ type: invoke, targets: [f], load: { phases: [ { burst: 1 } ] } }', '{ memory: 1024, duration: 100ms, coldStart: { init: 400ms } }')).report;
    expect(onDemand.functions.f!.cost.gbSeconds).toBeCloseTo(0.5, 9); // 400 ms INIT + 100 ms run
    const provisioned = run(small('{ type: invoke, targets: [f], load: { phases: [ { burst: 1 } ] } }', '{ memory: 1024, provisionedConcurrency: 1, duration: 100ms, coldStart: { init: 400ms } }')).report;
    expect(provisioned.functions.f!.cost.gbSeconds).toBeCloseTo(0.1, 9);
  });

  it('bills spillover beyond provisioned concurrency at the on-demand rate', () => {
    const { report } = run(small('{ type: invoke, targets: [f], load: { phases: [ { burst: 3 } ] } }', '{ memory: 1024, provisionedConcurrency: 1, duration: 1s, coldStart: { init: 0ms } }'));
    expect(report.cost.lines.find((l) => l.item === 'duration on provisioned concurrency (x86_64)')!.quantity).toBeCloseTo(1, 9);
    expect(report.cost.lines.find((l) => l.item === 'duration (x86_64)')!.quantity).toBeCloseTo(2, 9);
  });

  it('prices a schedule as EventBridge Scheduler invocations', () => {
    const { report } = run(small('{ type: schedule, expression: rate(1 minute), targets: [f] }', '{ duration: 10ms }'));
    expect(report.cost.lines.find((l) => l.service === 'Amazon EventBridge Scheduler')).toMatchObject({ quantity: 60, unit: 'invocations' });
  });

  it('an unknown region is an input error naming the line', () => {
    expect(() => run(small('{ type: invoke, targets: [f], load: { phases: [ { burst: 1 } ] } }', '{}').replace('pricing:', 'region: eu-west-9\npricing:'))).toThrow(
      /test\.yaml:4 \/region: no price table for region "eu-west-9"; available: us-east-1/,
    );
  });
});

describe('the month projection', () => {
  it('scales by the span the run actually covered, past the traffic window', async () => {
    const { run } = await import('./helpers.js');
    // 10 requests at t = 0 that each run 15 minutes: the work outlasts the 10-minute window.
    const { report } = run(`
name: long runs
duration: 10m
pricing: { freeTier: false }
functions:
  f: { memory: 128, duration: 900s, timeout: 900s, coldStart: { init: 0ms } }
sources:
  jobs: { type: invoke, targets: [f], load: { phases: [ { burst: 10 } ] } }
`);
    expect(report.simulated.seconds).toBe(900);
    // By hand, × 30 days / 15 min = 2,880: 28,800 requests × $0.20/M + 3,240,000 GB-s × $0.0000166667 = $54.01.
    expect(report.cost.monthlyUsd).toBeCloseTo(28_800 * 0.2e-6 + 3_240_000 * 0.0000166667, 2);
  });
});

describe('the pro-rated free tier (pricing.freeTier: prorated, the default)', () => {
  const halfHour = (pricing: string) => `
name: half an hour
duration: 30m
${pricing}
functions:
  f: { memory: 1024, duration: 200ms, coldStart: { init: 0ms } }
sources:
  api: { type: invoke, targets: [f], load: { arrivals: uniform, phases: [ { duration: 30m, arrivalCount: 180000 } ] } }
`;

  it('a 30-minute run is billed with 1/1,440 of the monthly free tier, to the cent', () => {
    // By hand. 30 min / 30 days = 1/1,440 of a month:
    //   free requests 1,000,000 / 1,440 = 694.444; free GB-s 400,000 / 1,440 = 277.778
    // requests: (180,000 − 694.444) × $0.20 / 1M = 179,305.556 × $0.0000002 = $0.0358611
    // duration: 180,000 × 0.2 s × 1 GB = 36,000 GB-s; (36,000 − 277.778) × $0.0000166667 = 35,722.222 × $0.0000166667 = $0.5953716
    // total $0.6312327 → $0.63 (no free tier: $0.6360012 → $0.64; the whole month's: $0.00)
    const { report } = run(halfHour(''));
    expect(report.functions.f!.Invocations).toBe(180_000);
    expect(report.cost.lines.find((l) => l.item === 'requests')!.usd).toBeCloseTo(0.0358611, 6);
    expect(report.cost.lines.find((l) => l.item === 'duration (x86_64)')!.quantity).toBe(36_000);
    expect(report.cost.lines.find((l) => l.item === 'duration (x86_64)')!.usd).toBeCloseTo(0.5953716, 6);
    expect(report.cost.totalUsd).toBe(0.63);
    expect(report.cost.notes[0]).toBe(
      'Free tier pro-rated: the run is 0.0694% of a 30-day month, so it got that share of every monthly free allowance (Lambda: 694.444 of 1,000,000 requests and 277.778 of 400,000 GB-s).',
    );
  });

  it('the same run with freeTier: true is free, with false a cent dearer; the month projection is the same for prorated and true', () => {
    const prorated = run(halfHour('')).report.cost;
    const whole = run(halfHour('pricing: { freeTier: true }')).report.cost;
    const none = run(halfHour('pricing: { freeTier: false }')).report.cost;
    expect(whole.totalUsd).toBe(0);
    expect(none.totalUsd).toBe(0.64);
    // A month: the run covered 1,800.195 s (the last run ends 195 ms after the window), so k = 2,592,000 / 1,800.195 = 1,439.844;
    // 180,000 k = 259.172M requests, 36,000 k = 51.834M GB-s, one month's free tier:
    // (259.172M − 1M) × $0.20/M = $51.634; (51.834M − 400,000) × $0.0000166667 = $857.242; $908.876 → $908.88
    expect(prorated.monthlyUsd).toBe(908.88);
    expect(whole.monthlyUsd).toBe(908.88);
  });
});
