/**
 * The adapter test kit (slsim/testing) catches what it promises to catch:
 * AdapterTester fails a case whose messages differ from the table's, a valid
 * config that does not load, an invalid one that does, an unexpected warning;
 * checkAdapter fails an unbalanced ledger, a payload outside the declared
 * event schema, a report that changes with the same seed, a run that never
 * exercised the adapter, a failed expectation.
 */
import { AssertionError } from 'node:assert';
import { describe, expect, it } from 'vitest';
import type { SourceAdapter, SourceContext } from '../core/engine/adapter-contract.js';
import { Outcome } from '../core/engine/adapter-contract.js';
import { AdapterTester, checkAdapter, type DescribeFunction, type ItFunction } from '../testing/index.js';

interface TickConfig {
  type: 'tick';
  every: number;
  targets: string[];
}

/** A small API 2 source: every `every` seconds, one async invoke of each target. `change` makes it misbehave. */
function tick(change: Partial<SourceAdapter<TickConfig>> & { random?: boolean; settleTwice?: boolean } = {}): SourceAdapter<TickConfig> {
  const adapter: SourceAdapter<TickConfig> = {
    meta: {
      type: 'tick',
      version: '1.0.0',
      apiVersion: 2,
      description: 'a tick every N seconds (test double)',
      invocation: ['async'],
      targetKinds: ['function', 'source'],
      schema: {
        type: 'object',
        additionalProperties: false,
        required: ['type', 'targets'],
        properties: { type: { const: 'tick' }, every: { type: 'number', exclusiveMinimum: 0, default: 10 }, targets: { $ref: 'defs.json#/$defs/targets' } },
      },
      eventSchema: { type: 'object', additionalProperties: false, required: ['id', 'source'], properties: { id: { type: 'string' }, source: { const: 'tick' } } },
    },
    check(config, facts) {
      if (config.every * 1000 > facts.durationMs) return [{ path: '/every', message: `longer than the scenario (${config.every} s)` }];
      if (config.every < 1) return [{ path: '/every', severity: 'warning', message: 'more than one tick a second' }];
      return [];
    },
    create(ctx: SourceContext<TickConfig>) {
      const router = ctx.router(ctx.config.targets);
      const caller = { settle: (outcome: Outcome, _tag: unknown, producedAt: number, now: number) => ctx.ledger.settle(outcome, producedAt, now) };
      let ticks = 0;
      const timer = ctx.timer((now) => {
        ticks++;
        ctx.ledger.produced();
        if (change.settleTwice) ctx.ledger.settle(Outcome.Succeeded, now, now);
        router.deliver(caller, undefined, now, 100);
        const every = ctx.config.every * 1000 * (change.random ? 0.5 + Math.random() : 1);
        if (now + every < ctx.scenario.durationMs) timer.arm(now + every);
      });
      return { start: () => timer.arm(0), report: () => ({ Ticks: ticks }) };
    },
    samplePayload(_config, facts) {
      return { id: `tick-${facts.random.int(1000)}`, source: 'tick' };
    },
  };
  return { ...adapter, ...change } as SourceAdapter<TickConfig>;
}

/** A describe/it pair that records the tests instead of running them. */
function recorder() {
  const tests = new Map<string, () => void | Promise<void>>();
  const path: string[] = [];
  const describe: DescribeFunction = (name, body) => {
    path.push(name);
    body();
    path.pop();
  };
  const it: ItFunction = (name, body) => void tests.set([...path, name].join(' > '), body);
  return { describe, it, tests };
}

const functions = { f: {} };

describe('AdapterTester', () => {
  it('registers one test per case, under the adapter type, and they pass', async () => {
    const { describe: d, it: i, tests } = recorder();
    new AdapterTester(tick(), { describe: d, it: i, functions }).run({
      valid: [{ targets: ['f'] }, { name: 'fast', config: { every: 0.5, targets: ['f'] }, warnings: ['/every: more than one tick a second'] }],
      invalid: [
        { config: { every: 120, targets: ['f'] }, errors: ['longer than the scenario (120 s)'] },
        { config: { every: 0, targets: ['f'] }, errors: [{ path: '/every', message: /must be > 0/ }] },
      ],
      runs: [{ config: { targets: ['f'] } }],
    });
    expect([...tests.keys()]).toStrictEqual([
      'tick adapter > is a well-formed adapter (meta, API version, schema, event schema)',
      'tick adapter > valid > {"targets":["f"]}',
      'tick adapter > valid > fast',
      'tick adapter > invalid > {"every":120,"targets":["f"]}',
      'tick adapter > invalid > {"every":0,"targets":["f"]}',
      'tick adapter > runs > ledgers balance, the payload fits the event schema, the same seed gives the same report',
    ]);
    for (const test of tests.values()) await test();
  });

  it.each([
    ['a valid config that does not load', { valid: [{ every: 120, targets: ['f'] }] }, /^should load, but: \/every: longer than the scenario \(120 s\)$/],
    ['an invalid config that loads', { invalid: [{ config: { targets: ['f'] }, errors: [/anything/] }] }, /^should have 1 error but had 0$/],
    ['another message', { invalid: [{ config: { every: 120, targets: ['f'] }, errors: ['too long'] }] }, /^error 1 should match "too long", but was "\/every: longer than the scenario \(120 s\)"$/],
    ['another path', { invalid: [{ config: { every: 120, targets: ['f'] }, errors: [{ path: '/targets', message: /longer/ }] }] }, /^error 1 should match \{ path: "\/targets", message: \/longer\/ \}/],
    ['a warning not listed', { valid: [{ every: 0.5, targets: ['f'] }] }, /^should have 0 warnings but had 1: \/every: more than one tick a second$/],
    ['a name that is wrong', { valid: [{ targets: ['g'] }] }, /^should load, but: \/targets\/0: "g" is not a function or a source of this scenario \(did you mean "f"\?\)$/],
  ])('fails %s', (_what, tests, message) => {
    const { describe: d, it: i, tests: registered } = recorder();
    new AdapterTester(tick(), { describe: d, it: i, functions }).run(tests);
    const [, failing] = [...registered.values()];
    expect(() => failing!()).toThrow(AssertionError);
    expect(() => failing!()).toThrow(message);
  });

  it('fails an adapter that is not well formed, as loading it would', () => {
    const { describe: d, it: i, tests } = recorder();
    new AdapterTester(tick({ meta: { ...tick().meta, apiVersion: 3 } }), { describe: d, it: i }).run({});
    expect(() => [...tests.values()][0]!()).toThrow(/adapter "tick" \(AdapterTester\): written for adapter API 3/);
  });

  it('refuses an invalid case without the errors it expects', () => {
    const { describe: d, it: i } = recorder();
    expect(() => new AdapterTester(tick(), { describe: d, it: i }).run({ invalid: [{ config: {}, errors: [] }] })).toThrow(/an invalid case needs the errors it expects/);
  });

  it('uses AdapterTester.describe and .it when set, and runs at once without a framework', () => {
    const { describe: d, it: i, tests } = recorder();
    try {
      AdapterTester.describe = d;
      AdapterTester.it = i;
      new AdapterTester(tick(), { functions }).run({ valid: [{ targets: ['f'] }] });
      expect(tests.size).toBe(2);
    } finally {
      AdapterTester.describe = undefined;
      AdapterTester.it = undefined;
    }
    // vitest sets no globals here: each case runs as run() is called, and throws.
    expect(() => new AdapterTester(tick(), { functions }).run({ valid: [{ every: 120, targets: ['f'] }] })).toThrow(/should load, but/);
  });
});

describe('checkAdapter', () => {
  const config = { targets: ['f'] };

  it('passes a well-behaved adapter, returning its ledgers, report and sample payload', () => {
    const result = checkAdapter(tick(), { config, functions, seed: 3 });
    expect(result.ledgers.source).toStrictEqual({ type: 'tick', generated: 6, succeeded: 6, failed: 0, dropped: 0, rejected: 0, inFlight: 0, pending: 0 });
    expect(result.report.seed).toBe(3);
    expect(result.payload).toMatchObject({ source: 'tick' });
    expect(JSON.parse(result.json).engine.wallSeconds).toBe(0);
  });

  it('fails a source that settles an event twice', () => {
    expect(() => checkAdapter(tick({ settleTwice: true }), { config, functions })).toThrow(/source "source" settled an event more than once/);
  });

  it('fails a report that changes with the same seed', () => {
    expect(() => checkAdapter(tick({ random: true }), { config, functions, scenarioKeys: { duration: '10m' } })).toThrow(
      /^two runs with seed 1 gave different reports, first at \/.+: keep to ctx\.random and simulated time/,
    );
  });

  it('fails a payload outside the declared event schema, or without one', () => {
    const wrong = tick({ samplePayload: () => ({ id: 7, source: 'tick' }) });
    expect(() => checkAdapter(wrong, { config, functions })).toThrow(/^the sample payload for an empty config \(slsim events\) does not validate against meta\.eventSchema: \/id must be string/);
    const undeclared = tick();
    delete undeclared.meta.eventSchema;
    expect(() => checkAdapter(undeclared, { config, functions })).toThrow(/the tick adapter has samplePayload but declares no meta\.eventSchema/);
    const drifting = tick({ samplePayload: () => ({ id: String(Math.random()), source: 'tick' }) });
    expect(() => checkAdapter(drifting, { config, functions })).toThrow(/differs between two calls with the same generator/);
  });

  it('fails a run that never exercised the adapter, unless told', () => {
    const idle = { scenarioKeys: { duration: '1m' }, functions, scenario: { name: 'idle', duration: '1m', functions, sources: { a: { type: 'invoke', targets: ['f'], load: { phases: [{ duration: '1m', arrivalRate: 1 }] } } } } };
    expect(() => checkAdapter(tick(), idle)).toThrow(/the scenario has no source of type "tick"/);
    const silent = tick({ create: () => ({}) });
    expect(() => checkAdapter(silent, { config, functions })).toThrow(/no source of type "tick" produced an event \(source\)/);
    expect(checkAdapter(silent, { config, functions, allowIdle: true }).ledgers.source!.generated).toBe(0);
  });

  it("fails when the scenario's expectations do not hold", () => {
    expect(() => checkAdapter(tick(), { config, functions, scenarioKeys: { expect: ['sources.source.Ticks == 7'] } })).toThrow(/^expectations failed: sources\.source\.Ticks == 7 \(actual 6\)$/);
  });

  it('reads a scenario as YAML text, and built-in adapters beside the one checked', () => {
    const { ledgers } = checkAdapter(tick(), {
      scenario: 'name: t\nduration: 1m\nfunctions: { f: {}, g: { timeout: 5s } }\nsources:\n  ticks: { type: tick, targets: [q] }\n  q: { type: sqs, visibilityTimeout: 1m, consumer: { function: g } }\n',
    });
    expect(ledgers).toMatchObject({ ticks: { generated: 6, succeeded: 6 }, q: { type: 'sqs', generated: 6, succeeded: 6 } });
  });
});
