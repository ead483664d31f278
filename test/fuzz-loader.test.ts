/**
 * Property-based tests (fast-check, fixed seeds) of everything a user types:
 * damaged scenario files (random edits of the text of real scenarios, random
 * values put anywhere in their trees), random YAML, and random `--set` paths
 * and values. Whatever the input, loading ends in a scenario or an
 * InputError whose message is one line: never another exception (which the
 * command line would report as an internal error, exit 3). Mutants that load
 * are also built into an engine and, when small, run. (The command line maps
 * an InputError to exit 2 and one line: cli.test.ts checks that end to end.)
 */
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { InputError } from '../core/errors.js';
import { prepareRun, runScenario } from '../core/engine/run-scenario.js';
import { loadFromSource } from '../core/scenario/load.js';
import { parseOverride } from '../core/scenario/overrides.js';
import { parseSourceText } from '../core/scenario/source-file.js';
import { registry as makeRegistry } from './helpers.js';

const root = join(import.meta.dirname, '..');
const registry = makeRegistry();
const bases = readdirSync(join(root, 'scenarios'))
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => ({ file: `scenarios/${f}`, text: readFileSync(join(root, 'scenarios', f), 'utf8') }));

/** A small scenario with a bit of everything routed, quick to run. */
const small = `name: small
duration: 20s
drain: 1m
functions:
  api: { memory: 256, duration: { dist: exponential, mean: 50ms }, reservedConcurrency: 5, outputs: [ { to: jobs, count: 0.5 } ] }
  worker: { memory: 512, duration: 30ms, errorRate: 0.1, async: { onFailure: dlq } }
sources:
  web:
    type: invoke
    targets: [api]
    clientRetries: { attempts: 2, backoff: 100ms }
    load: { phases: [ { duration: 10s, arrivalRate: 20, rampTo: 40 }, { burst: 30 } ] }
  jobs:
    type: sqs
    consumer: { function: worker, batchSize: 5 }
  dlq:
    type: sqs
  tick:
    type: schedule
    expression: rate(1 minute)
    targets: [worker]
expect:
  - functions.api.Throttles >= 0
`;

type Outcome = { ok: true } | { ok: false; error: InputError };

/** Loads (and builds the engine of) a scenario text; with `run`, runs it when small. Throws anything that is not an InputError. */
function attempt(text: string, set: string[] = [], run = false): Outcome {
  try {
    const loaded = loadFromSource(parseSourceText('fuzz.yaml', text), registry, set.map(parseOverride), undefined, { maxEvents: run ? 20_000 : undefined });
    if (run) runScenario(loaded, registry);
    else prepareRun(loaded, registry);
    return { ok: true };
  } catch (error) {
    if (error instanceof InputError) return { ok: false, error };
    throw error;
  }
}

/** The property: a scenario, or one clear line. */
function holds(outcome: Outcome): boolean {
  if (outcome.ok) return true;
  const message = outcome.error.message;
  return message.length > 0 && !message.includes('\n') && !/\bat .*\.(ts|js):\d+/.test(message);
}

/** Every path (as segments) of a parsed tree. */
function pathsOf(value: unknown, prefix: string[] = [], out: string[][] = []): string[][] {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, [...prefix, String(i)], out));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) pathsOf(v, [...prefix, k], out);
  return out;
}

const tricky = fc.constantFrom<unknown>(
  -1, 0, 0.5, 1, 7, 1e21, 2 ** 53, 1e308, -1e308, Number.MAX_SAFE_INTEGER, 1e12, 1_000_000_000,
  '', 'abc', '1s', '-5m', '0ms', '99999h', '1e400ms', '10GB', '7MB', 'rate(1 minute)', 'cron(0 12 * * ? *)', 'rate(0 minutes)',
  'api', 'worker', 'jobs', 'dlq', 'web', 'checkout', '__proto__', 'constructor',
  [], {}, null, true, false, ['api'], ['api', 'worker'], { dist: 'uniform', min: 5, max: 1 }, { dist: 'poisson', mean: 10000 },
  { phases: [{ burst: 1_000_000_000 }] }, { phases: [{ duration: '1h', arrivalRate: 1e12 }] }, { trace: 'no-such.csv' },
);
const anyValue = fc.oneof(tricky, fc.jsonValue({ maxDepth: 2 }));
const keyArb = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'load', 'targets', 'memory', 'outputs', '<<', 'type', 'x'), fc.string({ maxLength: 8 }));

/** YAML pieces that stress the parser: anchors, aliases, merges, tags, flow and block markers. */
const yamlToken = fc.constantFrom(
  '&a ', '*a', '*b', '<<: *a', '<<: ', '!!binary ', '!!str ', '!!int ', '!!float ', '!!set ', '!foo ', '! ', '%YAML 1.1\n---\n',
  '---\n', '...\n', '[', ']', '{', '}', ': ', ', ', '- ', '? ', '|', '>', '"', "'", '#', '\n', '\n  ', '\t', '1e400', '-1', '0x1F', '.inf', 'null', '~',
);
const yamlText = fc.array(fc.oneof(yamlToken, fc.string({ maxLength: 6 })), { maxLength: 30 }).map((parts) => parts.join(''));

describe('fuzz: damaged scenarios load or fail with one line', () => {
  it('random edits of the text of every shipped scenario', () => {
    const edit = fc.record({
      base: fc.constantFrom(...bases),
      at: fc.nat(),
      cut: fc.nat({ max: 40 }),
      insert: fc.oneof(yamlText, fc.string({ maxLength: 12 })),
    });
    fc.assert(
      fc.property(edit, ({ base, at, cut, insert }) => {
        const i = at % (base.text.length + 1);
        return holds(attempt(base.text.slice(0, i) + insert + base.text.slice(i + cut)));
      }),
      { seed: 11, numRuns: 80 },
    );
  });

  it('random values, deletions and keys anywhere in the tree of every shipped scenario', () => {
    const trees = bases.map((b) => parseSourceText(b.file, b.text).data);
    const mutation = fc.record({
      tree: fc.nat({ max: trees.length - 1 }),
      pick: fc.nat(),
      op: fc.constantFrom('replace', 'delete', 'add'),
      key: keyArb,
      value: anyValue,
    });
    fc.assert(
      fc.property(mutation, ({ tree, pick, op, key, value }) => {
        const data = structuredClone(trees[tree]);
        const paths = pathsOf(data);
        const path = paths[pick % paths.length]!;
        mutate(data, path, op, key, value);
        return holds(attempt(stringify(data)));
      }),
      { seed: 12, numRuns: 100 },
    );
  });

  it('mutants of a small routed scenario that load also run, or are refused with one line', () => {
    const tree = parseSourceText('small.yaml', small).data;
    const mutation = fc.record({ pick: fc.nat(), op: fc.constantFrom('replace', 'delete', 'add'), key: keyArb, value: anyValue });
    fc.assert(
      fc.property(mutation, ({ pick, op, key, value }) => {
        const data = structuredClone(tree);
        const paths = pathsOf(data);
        mutate(data, paths[pick % paths.length]!, op, key, value);
        return holds(attempt(stringify(data), [], true));
      }),
      { seed: 13, numRuns: 40 },
    );
  });

  it('random YAML', () => {
    fc.assert(
      fc.property(yamlText, (text) => holds(attempt(text))),
      { seed: 14, numRuns: 200 },
    );
  });
});

describe('fuzz: --set takes any path and value', () => {
  const segment = fc.oneof(
    fc.constantFrom('functions', 'sources', 'api', 'worker', 'web', 'jobs', 'load', 'phases', '0', '1', '5', '01', '-1', 'length', 'memory', 'targets', 'expect', 'seed', 'duration', 'consumer', '__proto__', 'constructor', 'prototype', 'toString', '<<'),
    fc.string({ maxLength: 6 }),
  );
  const text = fc.oneof(fc.constantFrom('', '-1', '1e30', '4294967296', '1.5', 'abc', '[a, b]', '{a: 1}', '*a', '&a x', '!!binary aGk=', '!foo x', '<<: *a', '---', '[', '1e400', 'null', '~'), yamlText);
  const override = fc.tuple(fc.array(segment, { minLength: 1, maxLength: 5 }), fc.constantFrom('=', '=', '==', ''), text).map(([path, eq, value]) => `${path.join('.')}${eq}${value}`);

  it('random overrides of the small scenario load or fail with one line', () => {
    fc.assert(
      fc.property(fc.array(override, { minLength: 1, maxLength: 3 }), (set) => {
        let outcome: Outcome;
        try {
          outcome = attempt(small, set);
        } catch (error) {
          if (error instanceof InputError) outcome = { ok: false, error }; // parseOverride itself refused
          else throw error;
        }
        return holds(outcome) && Object.getPrototypeOf({}) === Object.prototype && !('polluted' in {});
      }),
      { seed: 15, numRuns: 150 },
    );
  });

  it('never touches Object.prototype', () => {
    const outcome = attempt(small, ['__proto__.polluted=1', 'functions.__proto__.polluted=1', 'constructor.prototype.polluted=1']);
    expect(outcome.ok).toBe(false);
    expect('polluted' in {}).toBe(false);
  });
});

function mutate(data: unknown, path: string[], op: string, key: string, value: unknown): void {
  if (path.length === 0) return;
  let parent = data as Record<string, unknown>;
  for (const segment of path.slice(0, -1)) parent = parent[segment] as Record<string, unknown>;
  const last = path[path.length - 1]!;
  if (op === 'delete') {
    if (Array.isArray(parent)) parent.splice(Number(last), 1);
    else delete parent[last];
  } else if (op === 'add') {
    const target = parent[last];
    if (target !== null && typeof target === 'object' && !Array.isArray(target)) Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
    else if (Array.isArray(target)) target.push(value);
    else parent[last] = value;
  } else {
    parent[last] = value;
  }
}
