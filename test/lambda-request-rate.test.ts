/**
 * Lambda's request-rate limit (docs/aws-model.md rule 17): synchronous requests
 * a second are capped at 10 × the concurrency available, the account's or a
 * function's reservation, so very short handlers are throttled with
 * environments free. The cap is a token bucket of one second's requests,
 * full at t = 0: over a run of T seconds at a rate above the cap, exactly
 * cap × (1 + T) requests pass.
 */
import { describe, expect, it } from 'vitest';
import { run } from './helpers.js';

const scenario = (fn: string, rate: number, seconds: number, mode = 'sync') => `
name: request rate
duration: ${seconds}s
account: { concurrencyLimit: 1000 }
functions:
  tiny: { duration: 5ms, coldStart: { init: 1ms }, ${fn} }
sources:
  callers:
    type: invoke
    mode: ${mode}
    targets: [tiny]
    load: { phases: [ { duration: ${seconds}s, arrivalRate: ${rate} } ] }
`;

describe('request rate: 10 × concurrency a second', () => {
  it('a 5 ms function at 15,000 requests a second under a 1,000 limit is throttled about a third of the time', () => {
    const { report } = run(scenario('', 15_000, 30));
    const offered = report.sources.callers!.delivery.generated;
    const tiny = report.functions.tiny!;
    // Concurrency is never the limit: 15,000/s × 5 ms = 75 busy on average.
    expect(tiny.ConcurrentExecutions.max).toBeLessThan(200);
    // The bucket holds 10,000 at t = 0 and refills 10,000 a second: 310,000 pass in 30 s.
    expect(tiny.Invocations).toBeGreaterThan(310_000 - 50);
    expect(tiny.Invocations).toBeLessThanOrEqual(310_000);
    expect(tiny.Throttles).toBe(offered - tiny.Invocations);
    expect(tiny.Throttles / offered).toBeGreaterThan(0.3);
    expect(tiny.Throttles / offered).toBeLessThan(0.35);
  });

  it('a reserved function gets 10 × its reservation', () => {
    const { report } = run(scenario('reservedConcurrency: 100,', 2_000, 10));
    const tiny = report.functions.tiny!;
    // 1,000 at t = 0 + 1,000 a second for 10 s.
    expect(tiny.Invocations).toBeGreaterThan(11_000 - 20);
    expect(tiny.Invocations).toBeLessThanOrEqual(11_000);
    expect(tiny.ConcurrentExecutions.max).toBeLessThan(100);
  });

  it('below the cap nothing is throttled', () => {
    const { report } = run(scenario('', 9_000, 20));
    expect(report.functions.tiny!.Throttles).toBe(0);
  });

  it('async invokes are not capped: Lambda runs them from its internal queue', () => {
    const { report } = run(scenario('', 15_000, 10, 'async'));
    expect(report.functions.tiny!.Throttles).toBe(0);
    expect(report.functions.tiny!.Invocations).toBe(report.sources.callers!.delivery.generated);
  });
});
