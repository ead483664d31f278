/**
 * The work estimate made at load (work-estimate.ts): arrivals integrated from
 * the phases as calculus gives them, invocations as the routing and AWS's
 * recursive loop limit make them (checked against the engine itself), and
 * the refusal of scenarios estimated over --max-events, with the estimate.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import type { LoadSpec, Phase } from '../core/load/load-spec.js';
import { arrivalsOf, formatEventCount } from '../core/scenario/work-estimate.js';
import { loadFromSource } from '../core/scenario/load.js';
import { parseSourceText } from '../core/scenario/source-file.js';
import { load, registry, run } from './helpers.js';

const phases = (...list: Phase[]): LoadSpec => ({ mode: 'phases', arrivals: 'poisson', phases: list });

describe('arrivals of a load within the window', () => {
  it.each([
    ['a constant rate: rate × time', phases({ kind: 'rate', durationMs: 60_000, from: 10, to: 10 }), 60_000, 600],
    ['a ramp from 0 to 100/s over 100 s: the area of the triangle', phases({ kind: 'rate', durationMs: 100_000, from: 0, to: 100 }), 100_000, 5000],
    ['the same ramp cut at 50 s: ∫₀⁵⁰ t dt', phases({ kind: 'rate', durationMs: 100_000, from: 0, to: 100 }), 50_000, 1250],
    ['a falling ramp 100 → 0 cut at 50 s: 5000 − 1250', phases({ kind: 'rate', durationMs: 100_000, from: 100, to: 0 }), 50_000, 3750],
    ['a count spread over 10 s, cut at 5 s', phases({ kind: 'count', durationMs: 10_000, count: 1000 }), 5000, 500],
    ['a burst after a pause inside the window', phases({ kind: 'pause', durationMs: 30_000 }, { kind: 'burst', count: 7 }), 60_000, 7],
    ['a burst after a pause that outlasts the window', phases({ kind: 'pause', durationMs: 90_000 }, { kind: 'burst', count: 7 }), 60_000, 0],
    ['phases one after another', phases({ kind: 'rate', durationMs: 10_000, from: 5, to: 5 }, { kind: 'burst', count: 3 }, { kind: 'count', durationMs: 10_000, count: 40 }), 60_000, 93],
    ['a trace: the lines before the end', { mode: 'trace', file: 't.csv', times: [0, 10, 59_999, 60_000, 70_000], sizes: [-1, -1, -1, -1, -1] } as LoadSpec, 60_000, 3],
  ])('%s', (_what, spec, durationMs, expected) => {
    expect(arrivalsOf(spec, durationMs)).toBeCloseTo(expected, 9);
  });
});

const scenario = (load: string, duration = '1m', extra = '') => `name: estimate
duration: ${duration}
functions:
  f: { memory: 128, duration: 10ms }
${extra}sources:
  api:
    type: invoke
    targets: [f]
    load: ${load}
`;

function refusal(yaml: string, maxEvents?: number): InputError {
  try {
    loadFromSource(parseSourceText('big.yaml', yaml), registry(), [], undefined, { maxEvents });
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('the estimate of a run', () => {
  it('counts each arrival once and each invocation twice, and leans above what the engine fires', () => {
    const { report, engine } = run(scenario('{ phases: [ { duration: 1m, arrivalRate: 50 } ] }'));
    const loaded = load(scenario('{ phases: [ { duration: 1m, arrivalRate: 50 } ] }'));
    expect(loaded.estimate.events).toBeCloseTo(3 * 3000, 6);
    expect(loaded.estimate.invocations).toBeCloseTo(3000, 6);
    // The engine's own count: an arrival and the end of its run.
    expect(report.engine.events).toBe(engine.sim.events);
    expect(loaded.estimate.events).toBeGreaterThanOrEqual(report.engine.events);
    expect(loaded.estimate.events).toBeLessThan(2 * report.engine.events);
  });

  it('follows outputs through a queue to its consumer, count by count', () => {
    const yaml = `name: fan
duration: 100s
functions:
  f: { memory: 128, duration: 10ms, outputs: [ { to: q, count: 2 } ] }
  g: { memory: 128, duration: 10ms }
sources:
  api:
    type: invoke
    targets: [f]
    load: { phases: [ { duration: 100s, arrivalCount: 1000 } ] }
  q:
    type: sqs
    consumer: { function: g, batchSize: 1 }
`;
    const loaded = load(yaml);
    expect(loaded.estimate.invocations).toBeCloseTo(1000 + 2000, 6);
    const { report } = run(yaml);
    expect(report.functions.f!.Invocations + report.functions.g!.Invocations).toBe(3000);
  });

  it('stops a loop where Lambda does: 16 invocations of each chain, as the engine runs it', () => {
    const yaml = `name: loop
duration: 10s
functions:
  f: { memory: 128, duration: 10ms, outputs: [ { to: q, count: 1 } ] }
sources:
  q:
    type: sqs
    consumer: { function: f, batchSize: 1 }
    load: { phases: [ { duration: 10s, arrivalCount: 100 } ] }
`;
    expect(load(yaml).estimate.invocations).toBeCloseTo(1600, 6);
    expect(run(yaml).report.functions.f!.Invocations).toBe(1600);
  });

  it('counts retries an error rate implies, and leaves dead-letter paths out', () => {
    const yaml = scenario('{ phases: [ { duration: 1m, arrivalCount: 1000 } ] }', '1m', '  g: { memory: 128 }\n').replace(
      'f: { memory: 128, duration: 10ms }',
      'f: { memory: 128, duration: 10ms, errorRate: 0.5, async: { maximumRetryAttempts: 2, onFailure: g } }',
    );
    // 1 + 0.5 + 0.25 attempts per event; the failures (a share 0.5 of events, as counted) go to g.
    expect(load(yaml).estimate.invocations).toBeCloseTo(1000 * 1.75 + 1000 * 0.5, 6);
  });

  it('refuses arrivalRate: 1000000000000 at load, with the estimate and the flag', () => {
    const error = refusal(scenario('{ phases: [ { duration: 1m, arrivalRate: 1000000000000 } ] }'));
    expect(error.code).toBe('SLSIM_ERR_TOO_BIG');
    expect(error.message).toBe(
      'big.yaml:9 /sources/api/load: the run is estimated at 180,000,000,000,000 events (arrivals, invocations and the messages they cause), over --max-events 2,000,000,000: shorten duration, lower the traffic, or raise --max-events',
    );
  });

  it('refuses burst: 1000000000, and takes it when --max-events allows', () => {
    const yaml = scenario('{ phases: [ { burst: 1000000000 } ] }');
    expect(refusal(yaml).message).toMatch(/estimated at 3,000,000,000 events .* over --max-events 2,000,000,000/);
    expect(loadFromSource(parseSourceText('big.yaml', yaml), registry(), [], undefined, { maxEvents: 3e9 }).estimate.events).toBe(3e9);
  });

  it('refuses a loop that multiplies, even from a small load', () => {
    const yaml = `name: storm
duration: 1m
functions:
  f: { memory: 128, outputs: [ { to: q, count: 100 } ] }
sources:
  q:
    type: sqs
    consumer: { function: f }
    load: { phases: [ { burst: 1 } ] }
`;
    expect(refusal(yaml).message).toMatch(/^big\.yaml:9 \/sources\/q\/load: the run is estimated at 1\.0e\+32 events/);
  });

  it('writes big numbers readably', () => {
    expect(formatEventCount(2e9)).toBe('2,000,000,000');
    expect(formatEventCount(6e18)).toBe('6.0e+18');
    expect(formatEventCount(Infinity)).toBe('more than 1e+300');
  });
});

describe('handler code', () => {
  const scenario = (fn: string) => `
name: with handler
duration: 1m
functions:
  f: ${fn}
sources:
  api: { type: invoke, targets: [f], load: { phases: [ { duration: 1m, arrivalRate: 1 } ] } }
`;
  const file = join(import.meta.dirname, 'fixtures', 'handlers', 'scenario.yaml');

  it('an errorRate beside handler: is named as unused (the code decides which runs fail)', () => {
    const { warnings } = load(scenario('{ handler: ./echo.mjs, errorRate: 0.1 }'), { file });
    expect(warnings.filter((w) => w.includes('/functions/f/errorRate'))).toHaveLength(1);
    expect(warnings.join('\n')).toMatch(/errorRate is not used: "f" runs its handler code/);
  });

  it('a poisonRate on a source whose consumer runs handler code is named as unused', () => {
    const yaml = `
name: poison
duration: 1m
functions:
  f: { handler: ./echo.mjs }
sources:
  jobs: { type: sqs, poisonRate: 0.01, consumer: { function: f }, load: { phases: [ { duration: 1m, arrivalRate: 1 } ] } }
`;
    const { warnings } = load(yaml, { file });
    expect(warnings.filter((w) => w.includes('/sources/jobs/poisonRate'))).toHaveLength(1);
    expect(warnings.join('\n')).toMatch(/poisonRate is not used: "f" runs its handler code/);
  });

  it('measured time needs handler code, and durationScale needs measured time', () => {
    expect(() => load(scenario('{ durationFrom: measured }'))).toThrow(/\/functions\/f\/durationFrom: durationFrom: measured needs handler/);
    expect(() => load(scenario('{ handler: ./echo.mjs, durationScale: 2 }'), { file })).toThrow(/\/functions\/f\/durationScale: durationScale applies to durationFrom: measured only/);
  });

  it('a handler file that does not exist is refused at load', () => {
    expect(() => load(scenario('{ handler: ./handlers/f.mjs }'))).toThrow(/\/functions\/f\/handler: no handler file .*handlers[\/\\]f\.mjs/);
  });
});
