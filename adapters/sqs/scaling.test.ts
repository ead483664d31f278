/**
 * How an SQS mapping scales (docs/aws-model.md rules 14, 19, 20): under a
 * backlog the standard mode follows its ramp (at most 5 + 5·t batches after t
 * seconds) and never exceeds maximumConcurrency; provisioned mode starts at
 * 10 × minimum, grows by at most 1,000 a minute, never above 10 × maximum,
 * and bills its minimum pollers for the whole run even when idle. Idle
 * pollers long-poll: 20 s a call.
 */
import { describe, expect, it } from 'vitest';
import { run, type RunStart } from '../../test/helpers.js';

/** Runs in progress at time t, for runs of a fixed length. */
function concurrencyAt(starts: readonly RunStart[], t: number, runMs: number): number {
  return starts.filter((s) => s.t <= t && t < s.t + runMs).length;
}

const backlog = (consumer: string, seconds = 60) => `
name: backlog
duration: ${seconds}s
account: { concurrencyLimit: 10000 }
functions:
  worker: { duration: 10s, timeout: 20s, coldStart: { init: 0ms } }
sources:
  jobs:
    type: sqs
    visibilityTimeout: 2m
    consumer: ${consumer}
    load: { phases: [ { burst: 100000 } ] }
`;

describe('standard mode', () => {
  it('starts at 5 batches and adds at most 5 a second while messages wait', () => {
    const { starts } = run(backlog('{ function: worker, batchSize: 10 }'), { trace: true });
    for (let t = 0; t < 60_000; t += 250) {
      const c = concurrencyAt(starts, t, 10_000);
      expect(c, `t = ${t} ms`).toBeLessThanOrEqual(5 + 5 * Math.floor(t / 1000));
    }
    expect(concurrencyAt(starts, 0, 10_000)).toBe(5);
    // It does ramp: after 30 s, 5 + 5·30 = 155 are allowed and the backlog fills them.
    expect(concurrencyAt(starts, 30_000, 10_000)).toBe(155);
  });

  it('never exceeds maximumConcurrency', () => {
    const { report, starts } = run(backlog('{ function: worker, batchSize: 10, maximumConcurrency: 40 }'), { trace: true });
    expect(report.functions.worker!.ConcurrentExecutions.max).toBe(40);
    expect(concurrencyAt(starts, 50_000, 10_000)).toBe(40);
  });

  it('throttles back it off, and every throttled batch is retried or returned: nothing is lost', () => {
    const { report } = run(backlog('{ function: worker, batchSize: 10 }', 120).replace('coldStart', 'reservedConcurrency: 3, coldStart').replace('burst: 100000', 'burst: 300'));
    const jobs = report.sources.jobs!;
    expect(report.functions.worker!.ConcurrentExecutions.max).toBe(3);
    expect(report.functions.worker!.Throttles).toBeGreaterThan(0);
    expect(jobs.ThrottledBatches).toBe(report.functions.worker!.Throttles);
    expect(jobs.delivery).toMatchObject({ generated: 300, succeeded: 300, inFlight: 0 });
  });

  it('an idle mapping long-polls: 5 pollers × one empty receive per 20 s, billed as SQS requests', () => {
    const { report } = run(`
name: idle queue
duration: 1h
functions:
  worker: {}
sources:
  jobs: { type: sqs, consumer: { function: worker } }
`);
    expect(report.sources.jobs!.NumberOfEmptyReceives).toBe((5 * 3600) / 20);
    expect(report.cost.lines.find((l) => l.service === 'Amazon SQS')!.quantity).toBe(900);
  });
});

describe('provisioned mode', () => {
  const provisioned = (pollers: string, seconds = 120) => backlog(`{ function: worker, batchSize: 10, provisionedPollers: ${pollers} }`, seconds);

  it('starts at 10 × minimum, grows by at most 1,000 a minute, never above 10 × maximum', () => {
    const { starts } = run(provisioned('{ minimum: 5, maximum: 40 }'), { trace: true });
    expect(concurrencyAt(starts, 0, 10_000)).toBe(50);
    for (let t = 0; t < 120_000; t += 500) {
      const c = concurrencyAt(starts, t, 10_000);
      expect(c, `t = ${t} ms`).toBeLessThanOrEqual(Math.min(400, 50 + (1000 / 60) * Math.floor(t / 1000) + 1e-9));
    }
    expect(concurrencyAt(starts, 100_000, 10_000)).toBe(400);
  });

  it('an idle mapping bills its minimum pollers for the whole run, at AWS price', () => {
    const { report } = run(`
name: idle provisioned queue
duration: 10h
functions:
  worker: {}
sources:
  jobs: { type: sqs, consumer: { function: worker, provisionedPollers: { minimum: 2, maximum: 10 } } }
`);
    const line = report.cost.lines.find((l) => l.item === 'SQS provisioned event pollers')!;
    expect(line.quantity).toBe(20); // 2 pollers × 10 h
    expect(line.usd).toBeCloseTo(20 * 0.00925, 6); // $0.00925 per EPU-hour
    expect(report.sources.jobs!.Pollers).toStrictEqual({ max: 2, mean: 2 });
  });
});

describe('after a burst', () => {
  it('a provisioned mapping scales back down to its minimum, so a quiet hour bills about the minimum', () => {
    const { report } = run(`
name: burst then quiet
duration: 1h
functions:
  worker: { duration: 100ms, recordDuration: 50ms, timeout: 30s }
sources:
  jobs:
    type: sqs
    visibilityTimeout: 3m
    consumer: { function: worker, batchSize: 10, provisionedPollers: { minimum: 10, maximum: 100 } }
    load: { phases: [ { duration: 1m, arrivalCount: 300000 }, { pause: 59m } ] }
`);
    const line = report.cost.lines.find((l) => l.item === 'SQS provisioned event pollers')!;
    // 10 pollers for the hour, plus at most 90 more for the burst's few minutes (up, and 1,000 batches a minute down).
    expect(line.quantity).toBeGreaterThan(10);
    expect(line.quantity).toBeLessThan(10 + (90 * 4) / 60);
    const pollers = report.sources.jobs!.Pollers as { max: number };
    expect(pollers.max).toBeGreaterThan(10); // it did scale up for the burst
    expect(pollers.max).toBeLessThanOrEqual(100);
  });
});

describe('FIFO', () => {
  it('never runs more batches than message groups', () => {
    const { report } = run(`
name: fifo
duration: 60s
functions:
  worker: { duration: 2s, timeout: 10s }
sources:
  orders:
    type: sqs
    fifo: true
    messageGroups: 3
    consumer: { function: worker, batchSize: 10 }
    load: { phases: [ { duration: 60s, arrivalRate: 50 } ] }
`);
    expect(report.functions.worker!.ConcurrentExecutions.max).toBe(3);
    expect(report.sources.orders!.ConcurrentBatches).toMatchObject({ max: 3 });
    expect(report.sources.orders!.delivery).toMatchObject({ succeeded: report.sources.orders!.delivery.generated, inFlight: 0 });
  });
});
