/**
 * The billing rules at their edges, each expected value worked out by hand
 * from the published rates (arithmetic in the comments): tier boundaries,
 * the free tier (larger than the use, shared x86_64 first then arm64, never on
 * provisioned concurrency, pro-rated for a short run by default), 5-minute rounding of provisioned concurrency,
 * ephemeral storage, 1 ms and 64 KB request rounding, months, monthlyUsd,
 * source services.
 */
import { describe, expect, it } from 'vitest';
import { priceRun } from '../core/cost/price-run.js';
import type { CostReport, RunUsage, ServiceUsage } from '../core/cost/usage.js';
import { asyncRequestUnits } from '../core/lambda/function-spec.js';
import { billedMs } from '../core/lambda/function-spec.js';
import { DAY, HOUR, MINUTE, fn, line, usage } from './cost-fixtures.js';

const KB = 1024;


/** One 1,024 MB function: billed ms = GB-s × 1000. */
function onDemand(architecture: 'x86_64' | 'arm64', gbSeconds: number, over: Partial<RunUsage> = {}): CostReport {
  return priceRun(usage({ ...over, functions: [fn('f', { architecture, billedMsOnDemand: gbSeconds * 1000 })] }));
}

function services(list: ServiceUsage[], over: Partial<RunUsage> = {}): CostReport {
  return priceRun(usage({ ...over, services: list }));
}

describe('duration tiers (monthly, per architecture)', () => {
  it('x86_64: exactly 6 B GB-s is all first tier', () => {
    // 6,000,000,000 × $0.0000166667 = $100,000.20
    const report = onDemand('x86_64', 6e9);
    expect(line(report, 'duration (x86_64)').usd).toBeCloseTo(100_000.2, 6);
    expect(report.totalUsd).toBe(100_000.2);
  });

  it('x86_64: the GB-s after 6 B is at the second tier', () => {
    // $100,000.20 + 1 × $0.000015 = $100,000.200015
    expect(line(onDemand('x86_64', 6e9 + 1), 'duration (x86_64)').usd).toBeCloseTo(100_000.200015, 6);
  });

  it('x86_64: 20 B GB-s crosses 15 B into the third tier', () => {
    // 6 B × $0.0000166667 + 9 B × $0.000015 + 5 B × $0.0000133334
    // = $100,000.20 + $135,000 + $66,667 = $301,667.20
    expect(onDemand('x86_64', 20e9).totalUsd).toBe(301_667.2);
  });

  it('arm64: exactly 7.5 B GB-s is all first tier', () => {
    // 7,500,000,000 × $0.0000133334 = $100,000.50
    expect(onDemand('arm64', 7.5e9).totalUsd).toBe(100_000.5);
  });

  it('arm64: 20 B GB-s crosses 7.5 B and 18.75 B', () => {
    // 7.5 B × $0.0000133334 + 11.25 B × $0.0000120001 + 1.25 B × $0.0000106667
    // = $100,000.50 + $135,001.125 + $13,333.375 = $248,335.00
    expect(onDemand('arm64', 20e9).totalUsd).toBe(248_335);
  });

  it('tiers are per architecture: 6 B on each is all first tier', () => {
    // x86 6 B × $0.0000166667 = $100,000.20; arm 6 B × $0.0000133334 = $80,000.40
    const report = priceRun(usage({ functions: [fn('x', { billedMsOnDemand: 6e12 }), fn('a', { architecture: 'arm64', billedMsOnDemand: 6e12 })] }));
    expect(report.totalUsd).toBe(180_000.6);
  });
});

describe('free tier', () => {
  it('larger than the use: every line is there, at $0', () => {
    // 500,000 requests < 1M free; 100,000 GB-s < 400,000 free
    const report = onDemandWithRequests(500_000, 100_000);
    expect(report.lines.map((l) => [l.item, l.quantity, l.usd])).toEqual([
      ['requests', 500_000, 0],
      ['duration (x86_64)', 100_000, 0],
    ]);
    expect(report.totalUsd).toBe(0);
    expect(report.perMillionRequestsUsd).toBe(0);
    expect(report.notes).toContain('The Lambda free tier covered 500,000 requests and 100,000 GB-s of on-demand duration (x86_64 first, then arm64).');
  });

  it('the free GB-s cover x86_64 first, then arm64', () => {
    // x86 300,000 GB-s: all free; arm gets the 100,000 left: 200,000 × $0.0000133334 = $2.66668
    const a = priceRun(
      usage({ freeTier: true, functions: [fn('x', { billedMsOnDemand: 300_000_000 }), fn('a', { architecture: 'arm64', billedMsOnDemand: 300_000_000 })] }),
    );
    expect(line(a, 'duration (x86_64)').usd).toBe(0);
    expect(line(a, 'duration (arm64)').usd).toBeCloseTo(2.66668, 6);
    expect(a.totalUsd).toBe(2.67);
    // x86 500,000: 100,000 × $0.0000166667 = $1.66667; arm 100,000 × $0.0000133334 = $1.33334; $3.00001
    // (arm first would give 200,000 × $0.0000166667 = $3.33)
    const b = priceRun(
      usage({ freeTier: true, functions: [fn('x', { billedMsOnDemand: 500_000_000 }), fn('a', { architecture: 'arm64', billedMsOnDemand: 100_000_000 })] }),
    );
    expect(b.totalUsd).toBe(3.0);
  });

  it('never covers provisioned concurrency, but does cover the requests of PC functions', () => {
    // PC example 2 with the free tier: PC $10.08008064 + on PC $21.777728 unchanged,
    // requests (2M − 1M) × $0.20/M = $0.20; total $32.05780864
    const report = priceRun(
      usage({
        spanMs: DAY,
        provisionedSpanMs: DAY,
        freeTier: true,
        functions: [fn('nlp', { memoryMb: 4096, provisionedConcurrency: 7, requests: 2_000_000, billedMsProvisioned: 2_000_000 * 280 })],
      }),
    );
    expect(line(report, 'requests').usd).toBeCloseTo(0.2, 9);
    expect(line(report, 'provisioned concurrency (x86_64)').usd).toBeCloseTo(10.08008064, 6);
    expect(line(report, 'duration on provisioned concurrency (x86_64)').usd).toBeCloseTo(21.777728, 6);
    expect(report.totalUsd).toBe(32.06);
  });

  it('freeTier: true gives a run shorter than a month the whole monthly free tier, and a note says so', () => {
    const report = priceRun(usage({ spanMs: HOUR, provisionedSpanMs: HOUR, freeTier: true, functions: [fn('f', { requests: 100_000, billedMsOnDemand: 100_000 * 100 })] }));
    expect(report.totalUsd).toBe(0);
    expect(report.notes.some((n) => n.includes('pricing.freeTier: true') && n.includes('whole monthly free tier') && n.includes('monthlyUsd'))).toBe(true);
    const without = priceRun(usage({ spanMs: HOUR, provisionedSpanMs: HOUR, freeTier: false, functions: [fn('f', { requests: 100_000 })] }));
    expect(without.notes.some((n) => n.includes('free tier') && !n.startsWith('monthlyUsd'))).toBe(false);
  });
});

describe('pro-rated free tier (pricing.freeTier: prorated, the default)', () => {
  const prorated = (spanMs: number, over: Partial<RunUsage>) => priceRun(usage({ spanMs, provisionedSpanMs: spanMs, freeTier: 'prorated', ...over }));

  it('half a month gets half of every monthly allowance', () => {
    // 15 days = 1/2 month: 500,000 free requests, 200,000 free GB-s
    // requests (1,500,000 − 500,000) × $0.20/M = $0.20; duration (300,000 − 200,000) × $0.0000166667 = $1.66667
    // total $1.86667 → $1.87 (the whole month's free tier would leave $0.10)
    const functions = [fn('f', { requests: 1_500_000, billedMsOnDemand: 300_000 * 1000 })];
    const report = prorated(15 * DAY, { functions });
    expect(line(report, 'requests').usd).toBeCloseTo(0.2, 9);
    expect(line(report, 'duration (x86_64)').usd).toBeCloseTo(1.66667, 9);
    expect(report.totalUsd).toBe(1.87);
    expect(report.notes).toContain('The Lambda free tier covered 500,000 requests and 200,000 GB-s of on-demand duration (x86_64 first, then arm64).');
    expect(report.notes[0]).toBe(
      'Free tier pro-rated: the run is 50% of a 30-day month, so it got that share of every monthly free allowance (Lambda: 500,000 of 1,000,000 requests and 200,000 of 400,000 GB-s).',
    );
    expect(priceRun(usage({ spanMs: 15 * DAY, provisionedSpanMs: 15 * DAY, freeTier: true, functions })).totalUsd).toBe(0.1);
  });

  it('a 1-hour run: 1/720 of the free tier; the month projection keeps one whole month of it', () => {
    // free 1,000,000 / 720 = 1,388.889 requests and 400,000 / 720 = 555.556 GB-s
    // requests (100,000 − 1,388.889) × $0.20/M = $0.0197222; duration (10,000 − 555.556) × $0.0000166667 = $0.1574077
    // total $0.1771299 → $0.18 (the whole month's free tier: $0)
    // monthlyUsd as with the whole free tier: $127.53 (see below)
    const report = prorated(HOUR, { functions: [fn('f', { requests: 100_000, billedMsOnDemand: 100_000 * 100 })] });
    expect(line(report, 'requests').usd).toBeCloseTo(0.0197222, 6);
    expect(line(report, 'duration (x86_64)').usd).toBeCloseTo(0.1574077, 6);
    expect(report.totalUsd).toBe(0.18);
    expect(report.monthlyUsd).toBe(127.53);
    expect(report.notes).toContain(
      "monthlyUsd assumes this traffic for 30 days: every quantity × 720 (30 days / the simulated span), provisioned concurrency configured all month, one month's free tier, applied once.",
    );
  });

  it("AWS's provisioned-concurrency example 1 with the default: the 8 hours get 1/90 of the free tier → $26.75", () => {
    // free 1,000,000 / 90 = 11,111.111 requests, 400,000 / 90 = 4,444.444 GB-s
    // requests (3,000,000 − 11,111.111) × $0.20/M = $0.597778; duration (450,000 − 4,444.444) × $0.0000166667 = $7.425941
    // PC $18.000144 and duration on PC $0.729165 as on AWS's page; total $26.753028 → $26.75 (AWS, whole free tier: $19.96)
    const report = prorated(8 * HOUR, {
      functions: [
        fn('warm', { memoryMb: 1536, provisionedConcurrency: 100, requests: 500_000, billedMsProvisioned: 500_000 * 100 }),
        fn('cold', { memoryMb: 1536, requests: 2_500_000, billedMsOnDemand: 2_500_000 * 120 }),
      ],
    });
    expect(line(report, 'requests').usd).toBeCloseTo(0.597778, 6);
    expect(line(report, 'duration (x86_64)').usd).toBeCloseTo(7.425941, 6);
    expect(report.totalUsd).toBe(26.75);
  });

  it("pro-rates the services' free allowances too", () => {
    // 15 days: 7M of the 14M free Scheduler invocations: (10M − 7M) × $1.00/M = $3.00
    const report = prorated(15 * DAY, { services: [{ priceKey: 'scheduler.invocations', quantity: 10_000_000 }] });
    expect(report.totalUsd).toBe(3);
  });

  it('a month or more: the same as the whole free tier', () => {
    for (const spanMs of [30 * DAY, 45 * DAY, 60 * DAY]) {
      const functions = [fn('f', { requests: 3_000_000, billedMsOnDemand: 2e9 })];
      expect(prorated(spanMs, { functions }).totalUsd).toBe(priceRun(usage({ spanMs, provisionedSpanMs: spanMs, freeTier: true, functions })).totalUsd);
    }
  });

  it('freeTier: false: no free allowance, and the month projection says so', () => {
    const report = priceRun(usage({ spanMs: HOUR, provisionedSpanMs: HOUR, functions: [fn('f', { requests: 100_000 })] }));
    expect(report.totalUsd).toBe(0.02);
    expect(report.notes.at(-1)).toMatch(/^monthlyUsd assumes this traffic for 30 days: .* no free tier\.$/);
  });
});

function onDemandWithRequests(requests: number, gbSeconds: number, over: Partial<RunUsage> = {}): CostReport {
  return priceRun(usage({ freeTier: true, ...over, functions: [fn('f', { requests, billedMsOnDemand: gbSeconds * 1000 })] }));
}

describe('provisioned concurrency is billed in 5-minute steps', () => {
  const configured = (spanMs: number) =>
    line(priceRun(usage({ spanMs, provisionedSpanMs: spanMs, functions: [fn('f', { provisionedConcurrency: 1 })] })), 'provisioned concurrency (x86_64)');

  it('8h00m01s bills 8h05m', () => {
    // 1 × 1 GB × 29,100 s = 29,100 GB-s × $0.0000041667 = $0.12125097
    const l = configured(8 * HOUR + 1000);
    expect(l.quantity).toBe(29_100);
    expect(l.usd).toBeCloseTo(0.121251, 6);
  });

  it('exactly 10 min bills 10 min; one ms more bills 15 min', () => {
    // 600 GB-s × $0.0000041667 = $0.00250002; 900 GB-s × $0.0000041667 = $0.00375003
    expect(configured(10 * MINUTE).quantity).toBe(600);
    expect(configured(10 * MINUTE).usd).toBeCloseTo(0.0025, 6);
    expect(configured(10 * MINUTE + 1).quantity).toBe(900);
  });

  it('scales with PC units and memory', () => {
    // 3 × 2 GB × 3,600 s = 21,600 GB-s
    const report = priceRun(usage({ spanMs: HOUR, provisionedSpanMs: HOUR, functions: [fn('f', { provisionedConcurrency: 3, memoryMb: 2048 })] }));
    expect(line(report, 'provisioned concurrency (x86_64)').quantity).toBe(21_600);
  });
});

describe('ephemeral storage', () => {
  it('bills the GB above 512 MB for the seconds of all runs, on-demand and on PC, with no free tier', () => {
    // (10,240 − 512) / 1,024 = 9.5 GB × (1,000 s + 1,000 s) = 19,000 GB-s × $0.0000000309 = $0.0005871
    const report = priceRun(
      usage({
        freeTier: true,
        functions: [fn('f', { ephemeralStorageMb: 10_240, provisionedConcurrency: 1, billedMsOnDemand: 1_000_000, billedMsProvisioned: 1_000_000 })],
      }),
    );
    expect(line(report, 'ephemeral storage').quantity).toBe(19_000);
    expect(line(report, 'ephemeral storage').usd).toBe(0.000587);
  });

  it('512 MB or less: no storage line', () => {
    const report = priceRun(usage({ functions: [fn('f', { ephemeralStorageMb: 512, billedMsOnDemand: 1_000_000 })] }));
    expect(report.lines.map((l) => l.item)).toEqual(['duration (x86_64)']);
  });
});

describe('request and duration rounding the engine applies', () => {
  it('billed duration is rounded up to 1 ms', () => {
    expect(billedMs(120)).toBe(120);
    expect(billedMs(120.0001)).toBe(121);
    expect(billedMs(0.2)).toBe(1);
  });

  it('an async payload is 1 request up to 256 KB, then 1 more per 64 KB', () => {
    expect(asyncRequestUnits(256 * KB)).toBe(1);
    expect(asyncRequestUnits(256 * KB + 1)).toBe(2);
    expect(asyncRequestUnits(1024 * KB)).toBe(13);
  });

  it('1,000 async events of 1 MB bill 13,000 requests', () => {
    // 13,000 × $0.20 / 1M = $0.0026
    const requests = 1000 * asyncRequestUnits(1024 * KB);
    const report = priceRun(usage({ functions: [fn('f', { requests })] }));
    expect(line(report, 'requests').quantity).toBe(13_000);
    expect(line(report, 'requests').usd).toBeCloseTo(0.0026, 9);
  });
});

describe('months', () => {
  // 3M requests, 12 B GB-s (1,024 MB), free tier on.
  const heavy = (spanMs: number) =>
    priceRun(usage({ spanMs, provisionedSpanMs: spanMs, freeTier: true, functions: [fn('f', { requests: 3_000_000, billedMsOnDemand: 12e12 })] }));

  it('a 60-day run gets two months of free tier and of tier boundaries', () => {
    // free 2M requests: 1M × $0.20/M = $0.20
    // free 800,000 GB-s; first tier up to 12 B: 11,999,200,000 × $0.0000166667 = $199,987.06664
    // total $199,987.26664
    const report = heavy(60 * DAY);
    expect(line(report, 'requests').usd).toBeCloseTo(0.2, 9);
    expect(report.totalUsd).toBe(199_987.27);
    expect(report.notes.some((n) => n.includes('2 months of 30 days'))).toBe(true);
  });

  it('the same use in 30 days crosses into the second tier', () => {
    // 2M requests × $0.20/M = $0.40
    // 11,999,600,000 GB-s: 6 B × $0.0000166667 = $100,000.20 + 5,999,600,000 × $0.000015 = $89,994
    // total $189,994.60
    expect(heavy(30 * DAY).totalUsd).toBe(189_994.6);
  });
});

describe('monthlyUsd', () => {
  it('a 1-hour run is priced as the same traffic over 30 days, free tier once', () => {
    // 1 h: 100,000 requests × 100 ms at 1 GB = 10,000 GB-s: all free → $0
    // × 720: 72M requests → 71M × $0.20/M = $14.20; 7,200,000 − 400,000 = 6,800,000 GB-s × $0.0000166667 = $113.33356
    // = $127.53356
    const hour = onDemandWithRequests(100_000, 10_000, { spanMs: HOUR, provisionedSpanMs: HOUR });
    expect(hour.totalUsd).toBe(0);
    expect(hour.monthlyUsd).toBe(127.53);
    const month = onDemandWithRequests(72_000_000, 7_200_000);
    expect(month.totalUsd).toBe(127.53);
    expect(month.monthlyUsd).toBe(127.53);
    expect(month.notes.some((n) => n.includes('less than a month'))).toBe(false);
  });

  it('provisioned concurrency is configured for the whole 30 days', () => {
    // 1 h: 1 × 1 GB × 3,600 s × $0.0000041667 = $0.0150001 → $0.02
    // 30 days: 2,592,000 GB-s × $0.0000041667 = $10.8000864 → $10.80
    const report = priceRun(usage({ spanMs: HOUR, provisionedSpanMs: HOUR, functions: [fn('f', { provisionedConcurrency: 1 })] }));
    expect(report.totalUsd).toBe(0.02);
    expect(report.monthlyUsd).toBe(10.8);
  });

  it('scales service quantities too', () => {
    // 1 h: 4 shards = 4 shard-hours × $0.015 = $0.06; 30 days: 2,880 × $0.015 = $43.20
    const report = services([{ priceKey: 'kinesis.shardHours', quantity: 4 }], { spanMs: HOUR, provisionedSpanMs: HOUR });
    expect(report.totalUsd).toBe(0.06);
    expect(report.monthlyUsd).toBe(43.2);
  });
});

describe('source services', () => {
  it('EventBridge Scheduler: $1.00/M after 14M free, one line for all schedules', () => {
    // (10M + 10M − 14M) × $1.00/M = $6.00; without free tier $20.00
    const list = [
      { priceKey: 'scheduler.invocations', quantity: 10_000_000 },
      { priceKey: 'scheduler.invocations', quantity: 10_000_000 },
    ];
    const report = services(list, { freeTier: true });
    expect(report.lines).toEqual([
      { service: 'Amazon EventBridge Scheduler', item: 'invocations', quantity: 20_000_000, unit: 'invocations', usd: 6 },
    ]);
    expect(services(list).totalUsd).toBe(20);
  });

  it('SQS: standard and FIFO share the 1M free requests', () => {
    // standard 600,000: free; FIFO gets 400,000 free: 600,000 × $0.50/M = $0.30
    const report = services(
      [
        { priceKey: 'sqs.fifo.requests', quantity: 1_000_000 },
        { priceKey: 'sqs.standard.requests', quantity: 600_000 },
      ],
      { freeTier: true },
    );
    expect(report.lines.map((l) => [l.service, l.item, l.usd])).toEqual([
      ['Amazon SQS', 'standard queue requests', 0],
      ['Amazon SQS', 'FIFO queue requests', 0.3],
    ]);
  });

  it('SQS standard tiers: $0.40/M to 100 B, $0.30/M to 200 B, $0.24/M beyond', () => {
    // 150 B: 100 B × $0.40/M + 50 B × $0.30/M = $40,000 + $15,000 = $55,000
    expect(services([{ priceKey: 'sqs.standard.requests', quantity: 150e9 }]).totalUsd).toBe(55_000);
    // 250 B: $40,000 + $30,000 + 50 B × $0.24/M = $82,000
    expect(services([{ priceKey: 'sqs.standard.requests', quantity: 250e9 }]).totalUsd).toBe(82_000);
  });

  it('SNS publishes after 1M free; deliveries to Lambda and SQS are listed at $0', () => {
    // (3M − 1M) × $0.50/M = $1.00
    const report = services(
      [
        { priceKey: 'sns.publishes', quantity: 3_000_000 },
        { priceKey: 'sns.deliveries.lambda', quantity: 3_000_000 },
        { priceKey: 'sns.deliveries.sqs', quantity: 3_000_000 },
      ],
      { freeTier: true },
    );
    expect(report.lines.map((l) => l.usd)).toEqual([1, 0, 0]);
    expect(report.totalUsd).toBe(1);
  });

  it('Kinesis shard-hours and PUT payload units, S3 PUT requests', () => {
    // 96 shard-hours × $0.015 = $1.44; 1M units × $0.014/M = $0.014; 10,000 PUT × $0.005/1,000 = $0.05
    const report = services([
      { priceKey: 'kinesis.shardHours', quantity: 96 },
      { priceKey: 'kinesis.putPayloadUnits', quantity: 1_000_000 },
      { priceKey: 's3.putRequests', quantity: 10_000 },
    ]);
    expect(report.lines.map((l) => l.usd)).toEqual([1.44, 0.014, 0.05]);
    expect(report.totalUsd).toBe(1.5);
  });

  it('Cognito: Lite and Essentials share 10,000 free MAUs; Plus has none', () => {
    // lite 6,000: free; essentials 6,000 − 4,000 left free = 2,000 × $0.015 = $30; plus 1,000 × $0.02 = $20
    const report = services(
      [
        { priceKey: 'cognito.mau.lite', quantity: 6000 },
        { priceKey: 'cognito.mau.essentials', quantity: 6000 },
        { priceKey: 'cognito.mau.plus', quantity: 1000 },
      ],
      { freeTier: true },
    );
    expect(report.lines.map((l) => l.usd)).toEqual([0, 30, 20]);
    // essentials alone: 25,000 − 10,000 = 15,000 × $0.015 = $225
    expect(services([{ priceKey: 'cognito.mau.essentials', quantity: 25_000 }], { freeTier: true }).totalUsd).toBe(225);
  });

  it('an unknown priceKey is a bug: a plain Error, not an InputError', () => {
    const call = () => services([{ priceKey: 'sqs.standard.requestz', quantity: 1 }]);
    expect(call).toThrow(/sqs\.standard\.requestz/);
    try {
      call();
    } catch (error) {
      expect((error as { code?: string }).code).toBeUndefined();
    }
  });

  it('service lines come after the Lambda lines and count in the total, not in the functions', () => {
    // Lambda: 2M requests × $0.20/M = $0.40; Scheduler 1M × $1.00/M = $1.00
    const report = priceRun(usage({ functions: [fn('f', { requests: 2_000_000 })], services: [{ priceKey: 'scheduler.invocations', quantity: 1_000_000 }] }));
    expect(report.lines.map((l) => l.service)).toEqual(['AWS Lambda', 'Amazon EventBridge Scheduler']);
    expect(report.totalUsd).toBe(1.4);
    expect(report.functions.f!.usd).toBeCloseTo(0.4, 9);
    // per million Lambda requests: $1.40 / 2M × 1M = $0.70
    expect(report.perMillionRequestsUsd).toBeCloseTo(0.7, 9);
  });
});

describe('report shape', () => {
  it('no usage: no lines, $0, every function listed at zero', () => {
    const report = priceRun(usage({ functions: [fn('idle', {})] }));
    expect(report).toMatchObject({ totalUsd: 0, lines: [], perMillionRequestsUsd: 0, monthlyUsd: 0 });
    expect(report.functions).toEqual({ idle: { requests: 0, gbSeconds: 0, usd: 0 } });
  });

  it('per million requests: the mobile backend costs $2.733338 for 3M requests', () => {
    // $2.733338 / 3 = $0.911112(67) per million
    const report = onDemandWithRequests(3_000_000, 540_000, { freeTier: true });
    expect(report.perMillionRequestsUsd).toBeCloseTo(0.911113, 6);
  });

  it('the default price table is the usage region’s', () => {
    expect(() => priceRun(usage({ region: 'eu-west-9' }))).toThrow(/no price table for region "eu-west-9"/);
  });
});
