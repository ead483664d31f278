/**
 * Bad input is reported as one line naming the file, the line and the JSON
 * path of the bad value, whatever the mistake: YAML syntax, schema, unknown
 * names, impossible values, bad overrides and expectations.
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../core/errors.js';
import { load, registry } from './helpers.js';
import { prepareRun } from '../core/engine/run-scenario.js';

const base = (fn: string, source = 'type: invoke\n    targets: [f]\n    load: { phases: [ { burst: 1 } ] }', extra = '') => `name: errors
duration: 1m
functions:
  f:
${fn}
sources:
  api:
    ${source}
${extra}`;

function errorOf(yaml: string, set: string[] = []): InputError {
  try {
    prepareRun(load(yaml, { set }), registry());
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('scenario errors name file, line and path', () => {
  it.each([
    ['a value over its maximum', base('    memory: 20000'), 'test.yaml:5 /functions/f/memory: must be <= 10240'],
    ['a mistyped key, with a hint', base('    memroy: 256'), 'test.yaml:5 /functions/f/memroy: unknown key "memroy" (did you mean "memory"?)'],
    ['a duration without a unit', base('    timeout: 3 sec'), 'test.yaml:5 /functions/f/timeout: must be a duration: a number of seconds, or a string such as 250ms, 30s, 10m, 1h30m, 1d'],
    ['a timeout over 15 minutes', base('    timeout: 20m'), 'test.yaml:5 /functions/f/timeout: must be more than 0 and at most 900s (15 minutes)'],
    ['a lognormal without p99', base('    duration: { dist: lognormal, median: 120ms }'), 'test.yaml:5 /functions/f/duration: lognormal takes either median and p99, or mean and stddev'],
    ['a lognormal p99 below its median', base('    duration: { dist: lognormal, median: 800ms, p99: 100ms }'), 'test.yaml:5 /functions/f/duration/p99: must be greater than median'],
    ['an unknown distribution', base('    duration: { dist: weibull, mean: 1s }'), /test\.yaml:5 \/functions\/f\/duration\/dist: .*constant/],
    ['an event age out of range', base('    async: { maximumEventAge: 30s }'), 'test.yaml:5 /functions/f/async/maximumEventAge: must be between 60s and 6h'],
    ['a target that does not exist', base('    memory: 256', 'type: invoke\n    targets: [g]\n    load: { phases: [ { burst: 1 } ] }'), 'test.yaml:9 /sources/api/targets/0: "g" is not a function of this scenario (did you mean "f"?)'],
    ['an unknown source type', base('    memory: 256', 'type: invok\n    targets: [f]'), /test\.yaml:8 \/sources\/api\/type: unknown source type "invok" \(did you mean "invoke"\?\)/],
    ['a phase of two shapes', base('    memory: 256', 'type: invoke\n    targets: [f]\n    load: { phases: [ { burst: 1, pause: 2s } ] }'), 'test.yaml:10 /sources/api/load/phases/0: a phase is one of { duration, arrivalRate [, rampTo] }, { duration, arrivalCount }, { burst } or { pause }'],
    ['an onFailure that names nothing', base('    async: { onFailure: dlq }'), 'test.yaml:5 /functions/f/async/onFailure: "dlq" is not a function or an sqs or sns source of this scenario (known: f)'],
    ['a bad expectation path', base('    memory: 256', undefined, 'expect:\n  - functions.f.Throttle == 0'), /test\.yaml:12 \/expect\/0: "functions\.f\.Throttle == 0": functions\.f has no field "Throttle" \(fields: Invocations, Errors, Throttles/],
    ['an expectation on an object', base('    memory: 256', undefined, 'expect:\n  - functions.f.Duration < 5'), /\/expect\/0: .*functions\.f\.Duration is not a number; choose one of its fields: mean, p50, p90, p99, max/],
    ['a malformed expectation', base('    memory: 256', undefined, 'expect:\n  - functions.f.Throttles is zero'), /test\.yaml:12 \/expect\/0: "functions\.f\.Throttles is zero" is not an expectation/],
    ['a missing required key', 'name: x\nfunctions: { f: {} }\nsources: { s: { type: invoke, targets: [f], load: { phases: [ { burst: 1 } ] } } }\n', 'test.yaml:1: missing required key "duration"'],
    ['a missing trace file', base('    memory: 256', 'type: invoke\n    targets: [f]\n    load: { trace: ./no-such.csv }'), /test\.yaml:10 \/sources\/api\/load: cannot read \.\/no-such\.csv: no such file/],
  ])('%s', (_what, yaml, message) => {
    const error = errorOf(yaml);
    if (typeof message === 'string') expect(error.message).toBe(message);
    else expect(error.message).toMatch(message);
  });

  it('reports YAML syntax errors with their line', () => {
    expect(() => load('name: x\nduration: 1m\nfunctions:\n  f: { memory: 128\nsources: {}\n')).toThrow(/^test\.yaml:\d+: not valid YAML: /);
  });

  it('names the --set that made a bad value', () => {
    const error = errorOf(base('    memory: 256'), ['functions.f.memory=99999']);
    expect(error.message).toBe('--set functions.f.memory=99999 /functions/f/memory: must be <= 10240');
  });

  it('rejects reserving concurrency beyond what AWS allows', () => {
    expect(errorOf(base('    reservedConcurrency: 901')).message).toMatch(/test\.yaml:5 \/functions\/f\/reservedConcurrency: .*at least 100/);
    expect(errorOf(base('    reservedConcurrency: 5\n    provisionedConcurrency: 6')).message).toMatch(/test\.yaml:6 \/functions\/f\/provisionedConcurrency: provisionedConcurrency \(6\) cannot exceed reservedConcurrency \(5\)/);
  });

  it('applies --set overrides before validation', () => {
    const loaded = load(base('    memory: 256'), { set: ['functions.f.memory=2048', 'seed=9'] });
    expect(loaded.scenario.functions[0]!.memoryMb).toBe(2048);
    expect(loaded.scenario.seed).toBe(9);
    expect(() => load(base('    memory: 256'), { set: ['functions.f.memory'] })).toThrow(/--set functions\.f\.memory: expected PATH=VALUE/);
  });

  it('fills defaults and freezes the scenario', () => {
    const { scenario } = load(base('    memory: 256'));
    expect(scenario.functions[0]).toMatchObject({ timeoutMs: 3000, architecture: 'x86_64', idleTimeoutMs: 600_000, async: { maximumRetryAttempts: 2, maximumEventAgeMs: 21_600_000 } });
    expect(scenario).toMatchObject({ seed: 1, region: 'us-east-1', drainMs: 3_600_000, account: { concurrencyLimit: 1000, scalingRate: 1000 } });
    expect(Object.isFrozen(scenario.functions[0])).toBe(true);
    expect(() => {
      (scenario as { name: string }).name = 'changed';
    }).toThrow();
  });
});

describe('--set mistakes', () => {
  it('refuses a name the scenario does not have, with a hint', () => {
    expect(() => load(base('    memory: 256'), { set: ['functions.g.memory=512'] })).toThrow(
      /^--set functions\.g\.memory=512: the scenario has no function "g" \(did you mean "f"\?\)$/,
    );
    expect(() => load(base('    memory: 256'), { set: ['sources.ap.mode=async'] })).toThrow(/the scenario has no source "ap" \(did you mean "api"\?\)/);
  });

  it('blames an unknown key it introduced on the --set, not on the file', () => {
    expect(errorOf(base('    memory: 256'), ['functions.f.memroy=512']).message).toBe(
      '--set functions.f.memroy=512 /functions/f/memroy: unknown key "memroy" (did you mean "memory"?)',
    );
  });

  it('names the unknown key inside a phase', () => {
    expect(errorOf(base('    memory: 256', 'type: invoke\n    targets: [f]\n    load: { phases: [ { duration: 1m, arrivalrate: 5 } ] }')).message).toMatch(
      /test\.yaml:10 \/sources\/api\/load\/phases\/0\/arrivalrate: unknown key "arrivalrate" \(did you mean "arrivalRate"\?\)/,
    );
  });
});

describe('load warnings', () => {
  it('warns when the phases end before the duration or run past it', () => {
    const short = load(base('    memory: 256', 'type: invoke\n    targets: [f]\n    load: { phases: [ { duration: 20s, arrivalRate: 1 } ] }'));
    expect(short.warnings).toStrictEqual(['test.yaml:10 /sources/api/load: the phases last 20s but duration is 1m00s: no traffic after 20s']);
    const long = load(base('    memory: 256', 'type: invoke\n    targets: [f]\n    load: { phases: [ { duration: 2m, arrivalRate: 1 } ] }'));
    expect(long.warnings).toStrictEqual(['test.yaml:10 /sources/api/load: the phases last 2m00s; traffic stops at duration (1m00s)']);
    expect(load(base('    memory: 256', 'type: invoke\n    targets: [f]\n    load: { phases: [ { duration: 1m, arrivalRate: 1 } ] }')).warnings).toStrictEqual([]);
  });
});
