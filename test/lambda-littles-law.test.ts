/**
 * Little's law, L = λ·W: with no throttling the time-weighted mean of
 * ConcurrentExecutions equals the arrival rate times the mean time a request
 * holds an environment, and the source's mean end-to-end latency is that W.
 */
import { describe, expect, it } from 'vitest';
import { run } from './helpers.js';

describe("mean concurrency obeys Little's law", () => {
  it.each([
    ['exponential 250 ms at 200/s', '{ dist: exponential, mean: 250ms }', 250, 200],
    ['lognormal median 80 ms p99 600 ms at 500/s', '{ dist: lognormal, median: 80ms, p99: 600ms }', 80 * Math.exp((Math.log(7.5) / 2.3263478740408408) ** 2 / 2), 500],
  ])('%s', (_label, duration, meanMs, rate) => {
    const seconds = 2000;
    const { report } = run(`
name: little
duration: ${seconds}s
functions:
  f:
    timeout: 900s
    duration: ${duration}
    coldStart: { init: 0ms }
sources:
  api:
    type: invoke
    targets: [f]
    load: { phases: [ { duration: ${seconds}s, arrivalRate: ${rate} } ] }
`);
    const f = report.functions.f!;
    expect(f.Throttles).toBe(0);
    const L = rate * (meanMs / 1000);
    // The mean is taken over the simulated span, which ends a few seconds after the traffic.
    const span = report.simulated.seconds;
    expect(Math.abs(f.ConcurrentExecutions.mean * span - L * seconds) / (L * seconds)).toBeLessThan(0.02);
    expect(Math.abs(report.sources.api!.EndToEndLatency.mean! - meanMs) / meanMs).toBeLessThan(0.02);
  });
});
