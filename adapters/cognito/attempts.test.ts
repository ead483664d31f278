/**
 * Cognito waits 5 s for a trigger and makes 3 attempts in all (Amazon Cognito
 * developer guide, Lambda triggers; docs/aws-model.md rule 16): a trigger that
 * always takes 6 s fails every request after exactly 3 invocations, 5 s apart,
 * all of them run to the end and billed; one that takes 100 ms answers at the
 * first attempt. A function error, the function's own timeout and a Lambda
 * throttle are failed attempts too, so a run failing with probability p fails
 * a request with probability p³. Ledgers balance and a seed gives one report.
 */
import { describe, expect, it } from 'vitest';
import { run } from '../../test/helpers.js';

const scenario = (fn: string, source = '', load = '{ phases: [ { duration: 10s, arrivalCount: 10 } ] }', duration = '10s') => `
name: cognito attempts
duration: ${duration}
drain: 10m
functions:
  check: ${fn}
sources:
  signups:
    type: cognito
    targets: [check]${source}
    load: ${load}
`;

describe('a trigger slower than 5 s', () => {
  const { report, starts } = run(scenario('{ duration: 6s, timeout: 10s, memory: 1024 }'), { trace: true });
  const signups = report.sources.signups!;
  const check = report.functions.check!;

  it('fails every request after exactly 3 attempts: rejected', () => {
    expect(signups.delivery).toStrictEqual({ generated: 10, succeeded: 0, failed: 0, dropped: 0, rejected: 10, inFlight: 0 });
    expect(signups.TriggerAttempts).toBe(30);
    expect(signups.TriggerTimeouts).toBe(30);
    expect(signups.FailedRequests).toBe(10);
    expect(signups.TriggerErrors).toBe(0);
    expect(signups.MonthlyActiveUsers).toBe(0);
  });

  it('starts each retry when the previous attempt times out, 5 s apart', () => {
    const arrivals = Array.from({ length: 10 }, (_, k) => 500 + 1000 * k); // arrivalCount spreads evenly: (k + ½) s
    const expected = arrivals.flatMap((t) => [t, t + 5000, t + 10_000]).sort((a, b) => a - b);
    expect(starts.map((s) => s.t).sort((a, b) => a - b)).toStrictEqual(expected);
  });

  it('lets every run go on to its end and bills it (30 invocations of 6 s, INITs included)', () => {
    expect(check.Invocations).toBe(30);
    expect(check.Errors).toBe(0);
    expect(check.Duration.max).toBe(6000);
    expect(check.Duration.mean).toBe(6000);
    const billedSeconds = 30 * 6 + check.ColdStarts * 0.25; // default INIT 250ms, billed on demand
    expect(check.cost.gbSeconds).toBeCloseTo(billedSeconds * 1, 6);
  });
});

describe('a trigger that answers in 100 ms', () => {
  it('succeeds at the first attempt, latency counted from the request', () => {
    const { report } = run(scenario('{ duration: 100ms, coldStart: { init: 0ms } }'));
    const signups = report.sources.signups!;
    expect(signups.delivery).toMatchObject({ generated: 10, succeeded: 10, rejected: 0, inFlight: 0 });
    expect(signups.TriggerAttempts).toBe(10);
    expect(signups.TriggerTimeouts).toBe(0);
    expect(signups.Latency).toStrictEqual({ mean: 100, p50: 100, p90: 100, p99: 100, max: 100 });
    expect(report.functions.check!.Invocations).toBe(10);
  });

  it('succeeds when the reply comes at 5 s exactly, fails just after', () => {
    const at = run(scenario('{ duration: 5s, timeout: 10s, coldStart: { init: 0ms } }')).report.sources.signups!;
    expect(at.delivery).toMatchObject({ succeeded: 10, rejected: 0 });
    const after = run(scenario('{ duration: 5001ms, timeout: 10s, coldStart: { init: 0ms } }')).report.sources.signups!;
    expect(after.delivery).toMatchObject({ succeeded: 0, rejected: 10 });
  });
});

describe('failed attempts', () => {
  it("a function's own timeout (3 s default) is an error: 3 attempts back to back, 9 s", () => {
    const { report } = run(scenario('{ duration: 4s, coldStart: { init: 0ms } }'));
    const signups = report.sources.signups!;
    expect(signups).toMatchObject({ TriggerAttempts: 30, TriggerErrors: 30, TriggerTimeouts: 0, FailedRequests: 10 });
    expect(report.functions.check!.Timeouts).toBe(30);
  });

  it('a Lambda throttle fails the attempt at once: the function never runs', () => {
    const { report } = run(scenario('{ reservedConcurrency: 0 }'));
    const signups = report.sources.signups!;
    expect(signups.delivery).toMatchObject({ generated: 10, rejected: 10 });
    expect(signups).toMatchObject({ TriggerAttempts: 30, TriggerThrottles: 30, FailedRequests: 10 });
    expect(report.functions.check!.Throttles).toBe(30);
    expect(report.functions.check!.Invocations).toBe(0);
  });

  it('errorRate p fails a request with probability p³ (Binomial bound, ±5 sd)', () => {
    const n = 2000;
    const p = 0.5;
    const { report } = run(scenario('{ duration: 50ms, errorRate: 0.5 }', '', '{ phases: [ { duration: 100s, arrivalCount: 2000 } ] }', '100s'));
    const signups = report.sources.signups!;
    const q = p ** 3;
    const sd = Math.sqrt(n * q * (1 - q));
    expect(signups.FailedRequests).toBeGreaterThan(n * q - 5 * sd);
    expect(signups.FailedRequests).toBeLessThan(n * q + 5 * sd);
    // Attempts: 1 + p + p² per request on average; every failed request made exactly 3.
    const attempts = signups.TriggerAttempts as number;
    expect(attempts).toBe(report.functions.check!.Invocations);
    expect(attempts).toBe(n + (signups.TriggerErrors as number) - (signups.FailedRequests as number));
    expect(Math.abs(attempts - n * (1 + p + p * p))).toBeLessThan(5 * Math.sqrt(n * 1.0));
    expect(signups.delivery).toMatchObject({ generated: n, succeeded: n - (signups.FailedRequests as number), inFlight: 0 });
  });
});

describe('runs', () => {
  const yaml = scenario('{ duration: { dist: lognormal, median: 1s, p99: 8s }, timeout: 10s, errorRate: 0.1 }', '', '{ phases: [ { duration: 1m, arrivalRate: 20 } ] }', '1m');

  it('balance the ledger: generated = succeeded + rejected', () => {
    const signups = run(yaml).report.sources.signups!;
    const d = signups.delivery;
    expect(d.generated).toBe(signups.Requests);
    expect(d.generated).toBe(d.succeeded + d.rejected + d.failed + d.dropped + d.inFlight);
    expect(d.rejected).toBe((signups.TooManyRequests as number) + (signups.FailedRequests as number));
    expect(d.failed + d.dropped + d.inFlight).toBe(0);
  });

  it('give the same report for the same seed', () => {
    const strip = (r: ReturnType<typeof run>['report']) => ({ ...r, engine: { ...r.engine, wallSeconds: 0 } });
    expect(strip(run(yaml).report)).toStrictEqual(strip(run(yaml).report));
  });
});
