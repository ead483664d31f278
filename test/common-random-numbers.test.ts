/**
 * What-if comparisons are fair: each source and function draws from its own
 * stream derived from the seed, so changing one function's settings leaves
 * the traffic, and the other functions' draws, exactly as they were.
 */
import { describe, expect, it } from 'vitest';
import { Random } from '../core/random.js';
import { run } from './helpers.js';

const scenario = `
name: what-if
seed: 11
duration: 10m
pricing: { freeTier: false }   # no free allowance shared between the functions: each one's cost is its own use
functions:
  api: { reservedConcurrency: 20, duration: { dist: exponential, mean: 300ms } }
  other: { duration: { dist: lognormal, median: 50ms, p99: 400ms } }
sources:
  users: { type: invoke, targets: [api], load: { phases: [ { duration: 10m, arrivalRate: 80 } ] } }
  jobs: { type: invoke, targets: [other], load: { phases: [ { duration: 10m, arrivalRate: 5 } ] } }
`;

describe('common random numbers', () => {
  it('a change to one function keeps the arrivals and the other function identical', () => {
    const before = run(scenario).report;
    const after = run(scenario, { set: ['functions.api.reservedConcurrency=200', 'functions.api.memory=1024'] }).report;
    expect(after.sources.users!.delivery.generated).toBe(before.sources.users!.delivery.generated);
    expect(after.functions.api!.Throttles).toBeLessThan(before.functions.api!.Throttles);
    // Time-weighted means are over the whole run, whose end moves with api's last run. Busy time is the
    // same (mean × span, to the rounding of the mean); idle environments live on to the end, so their mean may not be.
    const { other: otherBefore } = before.functions;
    const { other: otherAfter } = after.functions;
    const busyBefore = otherBefore!.ConcurrentExecutions.mean * before.simulated.seconds;
    const busyAfter = otherAfter!.ConcurrentExecutions.mean * after.simulated.seconds;
    expect(Math.abs(busyBefore - busyAfter)).toBeLessThanOrEqual(0.0005 * (before.simulated.seconds + after.simulated.seconds));
    const withoutMeans = (f: typeof otherBefore) => ({ ...f, ConcurrentExecutions: { ...f!.ConcurrentExecutions, mean: 0 }, Environments: { ...f!.Environments, mean: 0 } });
    expect(withoutMeans(otherAfter)).toStrictEqual(withoutMeans(otherBefore));
    expect(after.sources.jobs).toStrictEqual(before.sources.jobs);
  });

  it('derives different, repeatable streams per label and seed', () => {
    const draw = (seed: number, label: string) => Array.from({ length: 5 }, ((r) => () => r.next())(Random.derived(seed, label)));
    expect(draw(1, 'source:a')).toStrictEqual(draw(1, 'source:a'));
    expect(draw(1, 'source:a')).not.toStrictEqual(draw(1, 'source:b'));
    expect(draw(1, 'source:a')).not.toStrictEqual(draw(2, 'source:a'));
  });
});
