/**
 * The cost model against outside truth: AWS's worked examples from the Lambda
 * pricing page (https://aws.amazon.com/lambda/pricing/), reproduced from their
 * inputs with each example's own free-tier choice, every line and the total
 * checked to the cent as the page prints them. Then Arm variants and the
 * course-slide correction, computed by hand from the published rates.
 */
import { describe, expect, it } from 'vitest';
import { priceRun } from '../core/cost/price-run.js';
import type { RunUsage } from '../core/cost/usage.js';
import { DAY, HOUR, fn, line, usage as baseUsage } from './cost-fixtures.js';


/** The pricing page's examples apply the free tier unless they say otherwise. */
const usage = (over: Partial<RunUsage>): RunUsage => baseUsage({ freeTier: true, ...over });

describe('AWS worked examples (Lambda pricing page), as printed', () => {
  it('mobile backend: 3M × 120 ms at 1,536 MB, free tier → $2.73', () => {
    // 3M × 0.12 s × 1.5 GB = 540,000 GB-s − 400,000 free = 140,000 × $0.0000166667 = $2.33
    // (3M − 1M) requests × $0.20/M = $0.40; total $2.73
    const report = priceRun(usage({ freeTier: true, functions: [fn('api', { memoryMb: 1536, requests: 3_000_000, billedMsOnDemand: 3_000_000 * 120 })] }));
    expect(line(report, 'requests').usd).toBeCloseTo(0.4, 2);
    expect(line(report, 'requests').quantity).toBe(3_000_000);
    expect(line(report, 'duration (x86_64)').usd).toBeCloseTo(2.33, 2);
    expect(line(report, 'duration (x86_64)').quantity).toBe(540_000);
    expect(report.lines).toHaveLength(2);
    expect(report.totalUsd).toBe(2.73);
  });

  it('streaming telemetry: 7.44M × 2 s at 1,024 MB, no free tier → $249.49', () => {
    // 10,000 vehicles × 24 × 31 = 7,440,000 messages (a 31-day month)
    // requests 7.44M × $0.20/M = $1.488 ≈ $1.49; 14,880,000 GB-s × $0.0000166667 = $248.000496 ≈ $248.00
    const report = priceRun(
      usage({ spanMs: 31 * DAY, provisionedSpanMs: 31 * DAY, freeTier: false, functions: [fn('telemetry', { memoryMb: 1024, requests: 7_440_000, billedMsOnDemand: 7_440_000 * 2000 })] }),
    );
    expect(line(report, 'requests').usd).toBeCloseTo(1.49, 2);
    expect(line(report, 'duration (x86_64)').usd).toBeCloseTo(248.0, 2);
    expect(line(report, 'duration (x86_64)').quantity).toBe(14_880_000);
    expect(report.totalUsd).toBe(249.49);
  });

  it('ML on support tickets: 6M × 280 ms at 4,096 MB with 2,048 MB /tmp, free tier → $106.41', () => {
    // 1,680,000 s × 4 GB = 6,720,000 − 400,000 = 6,320,000 GB-s × $0.0000166667 = $105.33
    // requests (6M − 1M) × $0.20/M = $1.00
    // storage (2,048 − 512) MB = 1.5 GB × 1,680,000 s = 2,520,000 GB-s × $0.0000000309 = $0.08
    const report = priceRun(
      usage({ freeTier: true, functions: [fn('classify', { memoryMb: 4096, ephemeralStorageMb: 2048, requests: 6_000_000, billedMsOnDemand: 6_000_000 * 280 })] }),
    );
    expect(line(report, 'duration (x86_64)').usd).toBeCloseTo(105.33, 2);
    expect(line(report, 'requests').usd).toBeCloseTo(1.0, 2);
    expect(line(report, 'ephemeral storage').usd).toBeCloseTo(0.08, 2);
    expect(line(report, 'ephemeral storage').quantity).toBe(2_520_000);
    expect(report.totalUsd).toBe(106.41);
  });

  // PC example 1: one function with PC = 100 for 8 h carrying 500,000 × 100 ms,
  // one without PC carrying 2,500,000 × 120 ms, both 1,536 MB, free tier on.
  const appLaunch = usage({
    spanMs: 8 * HOUR,
    provisionedSpanMs: 8 * HOUR,
    freeTier: true,
    functions: [
      fn('warm', { memoryMb: 1536, provisionedConcurrency: 100, requests: 500_000, billedMsProvisioned: 500_000 * 100 }),
      fn('cold', { memoryMb: 1536, requests: 2_500_000, billedMsOnDemand: 2_500_000 * 120 }),
    ],
  });

  it('provisioned concurrency example 1 (app launch) → $19.96', () => {
    // PC: 100 × 1.5 GB × 28,800 s = 4,320,000 GB-s × $0.0000041667 = $18.00
    // requests (3M − 1M) × $0.20/M = $0.40
    // on PC: 50,000 s × 1.5 = 75,000 GB-s × $0.0000097222 = $0.73
    // on-demand: 300,000 s × 1.5 = 450,000 − 400,000 = 50,000 GB-s × $0.0000166667 = $0.83
    const report = priceRun(appLaunch);
    expect(line(report, 'provisioned concurrency (x86_64)').usd).toBeCloseTo(18.0, 2);
    expect(line(report, 'provisioned concurrency (x86_64)').quantity).toBe(4_320_000);
    expect(line(report, 'requests').usd).toBeCloseTo(0.4, 2);
    expect(line(report, 'duration on provisioned concurrency (x86_64)').usd).toBeCloseTo(0.73, 2);
    expect(line(report, 'duration on provisioned concurrency (x86_64)').quantity).toBe(75_000);
    expect(line(report, 'duration (x86_64)').usd).toBeCloseTo(0.83, 2);
    expect(report.totalUsd).toBe(19.96);
  });

  it('provisioned concurrency example 1: each function carries its share, and the shares add up', () => {
    // warm: 1/6 of $0.40 + $18.000144 + $0.729165 = $18.79597567
    // cold: 5/6 of $0.40 + $0.833335 = $1.16666833
    const report = priceRun(appLaunch);
    expect(report.functions.warm).toMatchObject({ requests: 500_000, gbSeconds: 75_000 });
    expect(report.functions.cold).toMatchObject({ requests: 2_500_000, gbSeconds: 450_000 });
    expect(report.functions.warm!.usd).toBeCloseTo(18.795976, 5);
    expect(report.functions.cold!.usd).toBeCloseTo(1.166668, 5);
    expect(report.functions.warm!.usd + report.functions.cold!.usd).toBeCloseTo(19.962644, 5);
  });

  it('provisioned concurrency example 1: a month of the same traffic, PC configured all month → $2,407.77', () => {
    // 8 h × 90 = 30 days: 270M requests, warm 4.5M s on PC, cold 27M s on demand, PC 30 days
    // PC 100 × 1.5 GB × 2,592,000 s = 388,800,000 GB-s × $0.0000041667 = $1,620.01296
    // requests (270M − 1M) × $0.20/M = $53.80
    // on PC 6,750,000 GB-s × $0.0000097222 = $65.62485
    // on demand 40,500,000 − 400,000 = 40,100,000 GB-s × $0.0000166667 = $668.33467
    // total $2,407.77248
    expect(priceRun(appLaunch).monthlyUsd).toBe(2407.77);
  });

  it('provisioned concurrency example 2 (Cyber Monday NLP): PC 7 for 24 h, no free tier → $32.26', () => {
    // PC: 7 × 4 GB × 86,400 s = 2,419,200 GB-s × $0.0000041667 = $10.08008064 ≈ $10.08
    // on PC: 2M × 0.28 s × 4 GB = 2,240,000 GB-s × $0.0000097222 = $21.777728 ≈ $21.78
    // requests 2M × $0.20/M = $0.40
    const report = priceRun(
      usage({
        spanMs: DAY,
        provisionedSpanMs: DAY,
        freeTier: false,
        functions: [fn('nlp', { memoryMb: 4096, provisionedConcurrency: 7, requests: 2_000_000, billedMsProvisioned: 2_000_000 * 280 })],
      }),
    );
    expect(line(report, 'provisioned concurrency (x86_64)').usd).toBeCloseTo(10.08, 2);
    expect(line(report, 'duration on provisioned concurrency (x86_64)').usd).toBeCloseTo(21.78, 2);
    expect(line(report, 'requests').usd).toBeCloseTo(0.4, 2);
    expect(report.lines.map((l) => l.item)).toEqual(['requests', 'provisioned concurrency (x86_64)', 'duration on provisioned concurrency (x86_64)']);
    expect(report.totalUsd).toBe(32.26);
    // Lines keep 6 decimals: $10.08008064 → 10.080081.
    expect(line(report, 'provisioned concurrency (x86_64)').usd).toBe(10.080081);
  });
});

describe('Arm variants, computed by hand from the Arm rates', () => {
  it('mobile backend on arm64 → $2.27', () => {
    // 140,000 GB-s × $0.0000133334 = $1.866676; + requests $0.40 = $2.266676 → $2.27
    const report = priceRun(
      usage({ freeTier: true, functions: [fn('api', { architecture: 'arm64', memoryMb: 1536, requests: 3_000_000, billedMsOnDemand: 3_000_000 * 120 })] }),
    );
    expect(line(report, 'duration (arm64)').usd).toBeCloseTo(1.866676, 6);
    expect(report.lines.some((l) => l.item === 'duration (x86_64)')).toBe(false);
    expect(report.totalUsd).toBe(2.27);
  });

  it('streaming telemetry on arm64 → $199.89', () => {
    // 14,880,000 GB-s × $0.0000133334 = $198.400992; + $1.488 = $199.888992 → $199.89
    const report = priceRun(
      usage({
        spanMs: 31 * DAY,
        provisionedSpanMs: 31 * DAY,
        freeTier: false,
        functions: [fn('telemetry', { architecture: 'arm64', requests: 7_440_000, billedMsOnDemand: 7_440_000 * 2000 })],
      }),
    );
    expect(line(report, 'duration (arm64)').usd).toBeCloseTo(198.400992, 6);
    expect(report.totalUsd).toBe(199.89);
  });

  it('provisioned concurrency example 2 on arm64 → $25.89', () => {
    // PC: 2,419,200 GB-s × $0.0000033334 = $8.06416128
    // on PC: 2,240,000 GB-s × $0.0000077778 = $17.422272
    // requests $0.40; total $25.88643328 → $25.89
    const report = priceRun(
      usage({
        spanMs: DAY,
        provisionedSpanMs: DAY,
        freeTier: false,
        functions: [fn('nlp', { architecture: 'arm64', memoryMb: 4096, provisionedConcurrency: 7, requests: 2_000_000, billedMsProvisioned: 2_000_000 * 280 })],
      }),
    );
    expect(line(report, 'provisioned concurrency (arm64)').usd).toBeCloseTo(8.06416128, 6);
    expect(line(report, 'duration on provisioned concurrency (arm64)').usd).toBeCloseTo(17.422272, 6);
    expect(report.totalUsd).toBe(25.89);
  });
});

describe('the course slide "$1.00 for 600,000 GB-seconds" is wrong', () => {
  const gbSeconds = (architecture: 'x86_64' | 'arm64', gbS: number) =>
    priceRun(usage({ freeTier: false, functions: [fn('f', { architecture, memoryMb: 1024, billedMsOnDemand: gbS * 1000 })] }));

  it('$1 buys about 60,000 GB-s on x86_64', () => {
    // 60,000 × $0.0000166667 = $1.000002
    expect(gbSeconds('x86_64', 60_000).totalUsd).toBe(1.0);
  });

  it('600,000 GB-s cost $10.00 on x86_64 ($8.00 on arm64)', () => {
    // 600,000 × $0.0000166667 = $10.00002; 600,000 × $0.0000133334 = $8.00004
    expect(gbSeconds('x86_64', 600_000).totalUsd).toBe(10.0);
    expect(gbSeconds('arm64', 600_000).totalUsd).toBe(8.0);
  });

  it('$1 buys about 75,000 GB-s on arm64', () => {
    // 75,000 × $0.0000133334 = $1.000005
    expect(gbSeconds('arm64', 75_000).totalUsd).toBe(1.0);
  });
});
