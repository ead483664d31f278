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

describe('YAML anchors, aliases, merge keys and tags', () => {
  const scenario = (functions: string, extra = '') => `name: yaml
duration: 1m
functions:
${functions}
sources:
  api: { type: invoke, targets: [f], load: { phases: [ { duration: 1m, arrivalRate: 1 } ] } }
${extra}`;

  it('reads anchors, aliases and merge keys as YAML 1.1 merges say (keys beside << win)', () => {
    const { scenario: s } = load(scenario('  f: &base { memory: 512, timeout: 10s }\n  g: { <<: *base, memory: 2048 }\n  h: *base\n  i: { <<: [ *base, { errorRate: 0.5 } ] }'));
    const byName = Object.fromEntries(s.functions.map((f) => [f.name, f]));
    expect(byName.g).toMatchObject({ memoryMb: 2048, timeoutMs: 10_000 });
    expect(byName.h).toMatchObject({ memoryMb: 512, timeoutMs: 10_000 });
    expect(byName.i).toMatchObject({ memoryMb: 512, timeoutMs: 10_000, errorRate: 0.5 });
  });

  it('gives each alias a copy of its own: a --set on one leaves the anchor as it was', () => {
    const { scenario: s } = load(scenario('  f: &base { memory: 512 }\n  g: *base'), { set: ['functions.g.memory=1024'] });
    expect(s.functions.map((f) => f.memoryMb)).toStrictEqual([512, 1024]);
    expect(errorOf(scenario('  f: &base { memory: 512 }\n  g: *base'), ['functions.g.memory=99999']).message).toBe(
      '--set functions.g.memory=99999 /functions/g/memory: must be <= 10240',
    );
  });

  it('accepts the YAML 1.2 core tags', () => {
    const { scenario: s } = load(scenario('  f: { memory: !!int "256", description: !!str 42 }'));
    expect(s.functions[0]!.memoryMb).toBe(256);
  });

  it.each([
    ['an alias with no anchor', scenario('  f: *nope'), 'test.yaml:4: not valid YAML: the alias *nope has no anchor &nope before it'],
    ['an alias before its anchor', scenario('  f: *later\n  g: &later { memory: 256 }'), 'test.yaml:4: not valid YAML: the alias *later has no anchor &later before it'],
    ['an alias inside the node it names', scenario('  f: &loop { memory: 256, description: [ *loop ] }'), 'test.yaml:4: not valid YAML: the alias *loop is inside the node it names (a loop)'],
    ['a merge of a number', scenario('  f: { <<: 5 }'), 'test.yaml:4: not valid YAML: a merge key (<<) takes a mapping, an alias of one, or a list of them'],
    ['a merge of an alias of a list of numbers', scenario('  f: { memory: 256, description: &n [1, 2] }\n  g:\n    <<: *n'), 'test.yaml:6: not valid YAML: a merge key (<<) takes a mapping, an alias of one, or a list of them'],
    ['an unknown local tag', scenario('  f: { memory: !Ref size }'), 'test.yaml:4: not valid YAML: unknown tag !Ref (slsim reads the YAML 1.2 core tags: !!str, !!int, !!float, !!bool, !!null, !!map, !!seq)'],
    ['a YAML 1.1 tag', scenario('  f: { description: !!binary aGVsbG8= }'), 'test.yaml:4: not valid YAML: the tag !!binary is not supported (slsim reads the YAML 1.2 core tags: !!str, !!int, !!float, !!bool, !!null, !!map, !!seq)'],
    ['a value that does not fit its tag', scenario('  f: { memory: !!int lots }'), 'test.yaml:4: not valid YAML: the value does not fit its tag !!int'],
    ['a key that is a list', scenario('  f: { memory: 256 }\n  ? [a, b]\n  : 1'), 'test.yaml:5: not valid YAML: a key must be a plain value, not a list or a mapping'],
    ['a second document', scenario('  f: { memory: 256 }') + '---\nname: other\n', 'test.yaml:7: not valid YAML: a scenario is one YAML document (this file has a second one, after ---)'],
  ])('%s is an input error with its line', (_what, yaml, message) => {
    expect(() => load(yaml)).toThrow(InputError);
    expect(() => load(yaml)).toThrow(message);
  });

  it('refuses aliases that expand past 1,000 nodes ("billion laughs") at their line', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (const [i, name] of ['b', 'c', 'd', 'e'].entries()) lines.push(`${name}: &${name} [${Array(10).fill(`*${'abcd'[i]}`).join(', ')}]`);
    expect(() => load(lines.join('\n') + '\n')).toThrow(/^test\.yaml:2: not valid YAML: aliases expand to more than 1000 nodes$/);
  });
});

describe('seeds, names, dates and list indexes', () => {
  it.each([
    ['seed=-1', '--set seed=-1 /seed: must be >= 0'],
    ['seed=4294967296', '--set seed=4294967296 /seed: must be <= 4294967295'],
    ['seed=1e30', '--set seed=1e30 /seed: must be <= 4294967295'],
    ['seed=1.5', '--set seed=1.5 /seed: must be integer'],
  ])('refuses --set %s: seeds are 32-bit', (set, message) => {
    expect(errorOf(base('    memory: 256'), [set]).message).toBe(message);
  });

  it('takes the largest seed', () => {
    expect(load(base('    memory: 256'), { set: ['seed=4294967295'] }).scenario.seed).toBe(4294967295);
  });

  it('caps the account at a million concurrent environments: slsim holds one object for each', () => {
    expect(errorOf(base('    memory: 256'), ['account.concurrencyLimit=1000000000']).message).toBe(
      '--set account.concurrencyLimit=1000000000 /account/concurrencyLimit: must be <= 1000000',
    );
  });

  it('refuses __proto__ as a name: a JavaScript object would drop it', () => {
    expect(errorOf(base('    memory: 256').replace('  f:\n', '  __proto__:\n')).message).toBe(
      'test.yaml:5 /functions/__proto__: "__proto__" is reserved (JavaScript objects give it a meaning): choose another name',
    );
  });

  it('refuses a run that would end past the last date JavaScript holds', () => {
    expect(errorOf(base('    memory: 256').replace('duration: 1m', 'duration: 100000000d')).message).toBe(
      'test.yaml:2 /duration: start + duration + drain must end before the year 275760 (the last date JavaScript can hold)',
    );
  });

  it('indexes lists with a number up to their length, and never touches Object.prototype', () => {
    const yaml = base('    memory: 256', undefined, 'expect:\n  - functions.f.Invocations >= 0');
    expect(load(yaml, { set: ['expect.1=functions.f.Errors == 0'] }).scenario.expect).toHaveLength(2);
    expect(() => load(yaml, { set: ['expect.length=0'] })).toThrow(/^--set expect\.length=0: expect is a list of 1: index it with a number from 0 to 1 \(1 adds an item\)$/);
    expect(() => load(yaml, { set: ['expect.5=x'] })).toThrow(/expect is a list of 1/);
    expect(() => load(yaml, { set: ['__proto__.polluted=1'] })).toThrow(InputError);
    expect(() => load(yaml, { set: ['functions.f.constructor.x=1'] })).toThrow(InputError);
    expect('polluted' in {}).toBe(false);
  });

  it('keeps every message on one line, whatever was typed', () => {
    expect(() => load(base('    memory: 256'), { set: ['.functions=a\nb'] })).toThrow(/^--set \.functions=a\\nb: "\.functions" is not a dotted path$/);
  });
});

describe('designs sure to fail', () => {
  const design = (functions: string, sources: string) => `name: design\nduration: 1m\nfunctions:\n${functions}\nsources:\n${sources}\n`;
  const api = (extra = '') => `  api: { type: invoke, targets: [f], load: { phases: [ { duration: 1m, arrivalRate: 1 } ] }${extra} }`;

  it.each([
    ['a sync payload over 6 MB', api(', payloadSize: 7MB'), 'test.yaml:6 /sources/api/payloadSize: every sync request is over AWS\'s limit of 6 MB and refused'],
    ['an async payload mostly over 1 MB', api(', mode: async, payloadSize: { dist: uniform, min: 900KB, max: 2MB }'), 'test.yaml:6 /sources/api/payloadSize: most async events are over AWS\'s limit of 1 MB and refused'],
    ['a sync payload sometimes over 6 MB', api(', payloadSize: { dist: empirical, samples: [1KB, 2KB, 8MB] }'), 'test.yaml:6 /sources/api/payloadSize: some sync requests (up to 8 MB) are over AWS\'s limit of 6 MB and refused'],
  ])('%s', (_what, source, warning) => {
    expect(load(design('  f: { memory: 128 }', source)).warnings).toStrictEqual([warning]);
  });

  it('a function nothing invokes and a source with no traffic', () => {
    const warnings = load(design('  f: { memory: 128 }\n  lonely: { memory: 128 }', `${api()}\n  idle: { type: sqs }`)).warnings;
    expect(warnings).toStrictEqual([
      'test.yaml:5 /functions/lonely: nothing invokes "lonely": no source targets or consumes with it and no destination names it',
      'test.yaml:8 /sources/idle: "idle" has no traffic: it has no load, and no source or function sends to it',
    ]);
  });

  it('not a dead-letter queue, a destination, a consumer or a schedule: something sends to them or they make their own traffic', () => {
    const warnings = load(
      design(
        '  f: { memory: 128, async: { onFailure: failed } }\n  worker: { memory: 128 }\n  nightly: { memory: 128 }',
        `${api(', mode: async')}\n  jobs: { type: sqs, consumer: { function: worker }, redrive: { deadLetterTarget: dead }, load: { phases: [ { duration: 1m, arrivalRate: 1 } ] } }\n  dead: { type: sqs }\n  failed: { type: sqs }\n  cron: { type: schedule, expression: "rate(1 hour)", targets: [nightly] }`,
      ),
    ).warnings;
    expect(warnings).toStrictEqual([]);
  });

  it('a run estimated to take minutes', () => {
    const warnings = load(design('  f: { memory: 128 }', api().replace('arrivalRate: 1', 'arrivalRate: 2000000'))).warnings;
    expect(warnings).toStrictEqual(['test.yaml:6 /sources/api/load: the run is estimated at 360,000,000 events: about 2 minutes of computing']);
  });
});
