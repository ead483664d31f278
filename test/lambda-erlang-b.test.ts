/**
 * A function capped by reserved concurrency c under Poisson sync traffic is
 * an Erlang loss system M/G/c/c: the share of requests throttled equals
 * Erlang B(c, λ·E[S]) whatever the shape of the duration distribution
 * (insensitivity). INIT is set to 0 so that occupancy is the handler alone.
 */
import { describe, expect, it } from 'vitest';
import { erlangB, run } from './helpers.js';

const shapes = {
  constant: { yaml: '100ms', meanMs: 100 },
  exponential: { yaml: '{ dist: exponential, mean: 100ms }', meanMs: 100 },
  // lognormal median 100 ms, p99 400 ms: sigma = ln 4 / 2.3263, mean = 100·e^(sigma²/2)
  lognormal: { yaml: '{ dist: lognormal, median: 100ms, p99: 400ms }', meanMs: 100 * Math.exp((Math.log(4) / 2.3263478740408408) ** 2 / 2) },
};

describe('throttling under reserved concurrency matches Erlang B', () => {
  it.each([
    [1, 0.5, 'exponential'],
    [5, 4, 'constant'],
    [5, 4, 'lognormal'],
    [20, 15, 'exponential'],
    [20, 15, 'lognormal'],
  ] as const)('c = %i, a = %s erlangs, %s durations', (c, a, shape) => {
    const { yaml, meanMs } = shapes[shape];
    const rate = (a * 1000) / meanMs;
    const seconds = Math.ceil(150_000 / rate);
    const { report } = run(`
name: erlang
seed: 5
duration: ${seconds}s
functions:
  f:
    reservedConcurrency: ${c}
    timeout: 900s
    duration: ${yaml}
    coldStart: { init: 0ms, idleTimeout: 1d }
sources:
  api:
    type: invoke
    targets: [f]
    load: { phases: [ { duration: ${seconds}s, arrivalRate: ${rate} } ] }
`);
    const f = report.functions.f!;
    const blocked = f.Throttles / (f.Throttles + f.Invocations);
    const expected = erlangB(c, a);
    expect(Math.abs(blocked - expected)).toBeLessThan(Math.max(0.006, 0.05 * expected));
    expect(f.ConcurrentExecutions.max).toBe(c);
    expect(report.sources.api!.delivery.rejected).toBe(f.Throttles);
  });

  it('the Erlang B helper itself matches published table values', () => {
    // Standard Erlang B tables: B(1, 1) = 0.5, B(5, 4) ≈ 0.1991, B(10, 5) ≈ 0.01838.
    expect(erlangB(1, 1)).toBeCloseTo(0.5, 10);
    expect(erlangB(5, 4)).toBeCloseTo(0.1991, 4);
    expect(erlangB(10, 5)).toBeCloseTo(0.01838, 5);
  });
});
