/**
 * AdapterTester: tables of valid and invalid configurations of a source
 * adapter, with the messages expected, turned into tests, in the manner of
 * ESLint's RuleTester. Each config is tried as one source of a small scenario
 * (the tester's functions and other sources around it) and loaded exactly as
 * `slsim run` loads it: the adapter's schema (defaults filled), its name
 * fields, its `check`. A valid config must load with the warnings listed (none
 * by default) and must build (`create`); an invalid one must fail with the
 * errors listed, in order. `runs` adds harness runs (checkAdapter).
 *
 * Tests are registered with `describe` and `it`: given in the options, or set
 * once on `AdapterTester.describe` / `AdapterTester.it`, or the test
 * framework's globals. Without any, each case runs at once and throws on failure.
 */
import { AssertionError } from 'node:assert';
import type { ConfigProblem, SourceAdapter } from '../core/engine/adapter-contract.js';
import { AdapterRegistry } from '../core/engine/registry.js';
import { prepareRun } from '../core/engine/run-scenario.js';
import { InputError } from '../core/errors.js';
import { loadFromSource } from '../core/scenario/load.js';
import { checkAdapter, type CheckOptions } from './check-adapter.js';
import { DEFAULT_SOURCE_NAME, registryWith, scenarioAround, sourceOf, type ScenarioOptions } from './scenario.js';

/**
 * An expected error or warning. A string is the message exactly, or
 * `path: message` exactly; a RegExp is tested against `path: message`; an
 * object says path and/or message. `path` is a JSON pointer inside the source
 * (`/visibilityTimeout`), or inside the scenario for a problem outside it.
 */
export type ExpectedProblem = string | RegExp | { path?: string; message?: string | RegExp };

/** A problem the tester found. */
export interface FoundProblem {
  path: string;
  message: string;
}

interface CaseOptions {
  /** The test's title. Default: the config as JSON. */
  name?: string;
  /** Run only this case (the framework's `it.only`). */
  only?: boolean;
  /** Overrides the tester's functions for this case. */
  functions?: Record<string, unknown>;
  /** Overrides the tester's other sources for this case. */
  sources?: Record<string, unknown>;
}

/** A source's configuration as a scenario writes it (before defaults); `type` may be left out. */
export type TestConfig = Record<string, unknown>;

export interface ValidCase extends CaseOptions {
  config: TestConfig;
  /** The warnings `check` must return, in order. Default none. */
  warnings?: readonly ExpectedProblem[];
}

export interface InvalidCase extends CaseOptions {
  config: TestConfig;
  /** The errors expected, in order: the schema's or a name's (one), or every error `check` returns. */
  errors: readonly ExpectedProblem[];
}

export interface RunCase extends CheckOptions {
  name?: string;
  only?: boolean;
}

export interface AdapterTests {
  /** Configs that must load (a bare config, or a case with expected warnings). */
  valid?: readonly (ValidCase | TestConfig)[];
  invalid?: readonly InvalidCase[];
  /** Harness runs (checkAdapter): ledgers balance, the payload fits the event schema, the same seed gives the same report. */
  runs?: readonly RunCase[];
}

type TestFunction = () => void | Promise<void>;
export type DescribeFunction = (name: string, body: () => void) => unknown;
export type ItFunction = ((name: string, body: TestFunction) => unknown) & { only?: (name: string, body: TestFunction) => unknown };

export interface AdapterTesterOptions extends ScenarioOptions {
  describe?: DescribeFunction;
  it?: ItFunction;
}

export class AdapterTester<Config = Record<string, unknown>> {
  /** The test framework's `describe`, for every tester (like RuleTester.describe). */
  static describe: DescribeFunction | undefined;
  /** The test framework's `it`, for every tester (like RuleTester.it). */
  static it: ItFunction | undefined;

  constructor(
    readonly adapter: SourceAdapter<Config>,
    readonly options: AdapterTesterOptions = {},
  ) {}

  /** Registers one test per case (and one for the adapter's meta), under a `describe` named after the adapter's type. */
  run(tests: AdapterTests): void {
    const { describe, it } = this.framework();
    const type = this.adapter?.meta?.type ?? '(no meta.type)';
    const test = (name: string, only: boolean | undefined, body: TestFunction) => (only && it.only ? it.only(name, body) : it(name, body));
    for (const c of tests.invalid ?? []) {
      if (!Array.isArray(c?.errors) || c.errors.length === 0) throw new TypeError(`an invalid case needs the errors it expects: ${title(c?.config)}`);
    }
    describe(`${type} adapter`, () => {
      test('is a well-formed adapter (meta, API version, schema, event schema)', false, () => {
        new AdapterRegistry().register(this.adapter as unknown as SourceAdapter, 'AdapterTester');
      });
      if (tests.valid?.length) {
        describe('valid', () => {
          for (const item of tests.valid!) {
            const c: ValidCase = isCase(item) ? item : { config: item };
            test(c.name ?? title(c.config), c.only, () => this.checkValid(c));
          }
        });
      }
      if (tests.invalid?.length) {
        describe('invalid', () => {
          for (const c of tests.invalid!) test(c.name ?? title(c.config), c.only, () => this.checkInvalid(c));
        });
      }
      if (tests.runs?.length) {
        describe('runs', () => {
          for (const r of tests.runs!) {
            const { name, only, ...check } = r;
            test(name ?? 'ledgers balance, the payload fits the event schema, the same seed gives the same report', only, () => {
              checkAdapter(this.adapter as SourceAdapter<any>, { ...this.scenarioOptions(), ...check });
            });
          }
        });
      }
    });
  }

  /** Loads one config: the problems found (errors, or warnings when it loaded). Exposed for custom assertions. */
  load(config: Record<string, unknown>, overrides: CaseOptions = {}): { errors: FoundProblem[]; warnings: FoundProblem[]; build: () => void } {
    const options = { ...this.scenarioOptions(), ...definedOf(overrides) };
    const sourceName = options.sourceName ?? DEFAULT_SOURCE_NAME;
    const recorded: { problems: readonly ConfigProblem[] } = { problems: [] };
    const adapter = this.recording(sourceName, recorded);
    const registry = registryWith(adapter, options.adapters ?? []);
    const source = sourceOf(scenarioAround(this.adapter.meta.type, config, options), undefined, `${this.adapter.meta.type}.test.json`);
    const prefix = `/sources/${sourceName}`;
    const relative = (path: string) => (path === prefix ? '' : path.startsWith(prefix + '/') ? path.slice(prefix.length) : path);
    const warningsOf = () => recorded.problems.filter((p) => p.severity === 'warning').map(({ path, message }) => ({ path, message }));
    try {
      const loaded = loadFromSource(source, registry);
      return { errors: [], warnings: warningsOf(), build: () => void prepareRun(loaded, registry) };
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      const path = relative(error.location.path ?? '');
      const fromCheck = recorded.problems.filter((p) => p.severity !== 'warning');
      const errors = fromCheck.some((p) => p.path === path && p.message === error.detail)
        ? fromCheck.map(({ path, message }) => ({ path, message }))
        : [{ path, message: error.detail }];
      return { errors, warnings: warningsOf(), build: () => {} };
    }
  }

  private checkValid(c: ValidCase): void {
    const { errors, warnings, build } = this.load(c.config, c);
    if (errors.length > 0) fail(`should load, but: ${errors.map(show).join('; ')}`);
    expectProblems('warning', warnings, c.warnings ?? []);
    build();
  }

  private checkInvalid(c: InvalidCase): void {
    const { errors } = this.load(c.config, c);
    expectProblems('error', errors, c.errors);
  }

  /** The adapter, with `check` wrapped to record what it returns for the source under test. */
  private recording(sourceName: string, recorded: { problems: readonly ConfigProblem[] }): SourceAdapter<Config> {
    const adapter = this.adapter;
    const check = adapter.check;
    if (!check) return adapter;
    const wrapped = Object.create(adapter) as SourceAdapter<Config>;
    wrapped.check = (config, facts, name) => {
      const problems = check.call(adapter, config, facts, name);
      if (name === sourceName) recorded.problems = problems ?? [];
      return problems;
    };
    return wrapped;
  }

  private scenarioOptions(): ScenarioOptions {
    const { describe: _d, it: _i, ...rest } = this.options;
    return rest;
  }

  private framework(): { describe: DescribeFunction; it: ItFunction } {
    const globals = globalThis as { describe?: DescribeFunction; it?: ItFunction };
    const describe = this.options.describe ?? AdapterTester.describe ?? globals.describe ?? ((_name: string, body: () => void) => body());
    const it = this.options.it ?? AdapterTester.it ?? globals.it ?? ((_name: string, body: TestFunction) => body());
    return { describe, it };
  }
}

function isCase(item: unknown): item is ValidCase {
  return item !== null && typeof item === 'object' && 'config' in item && typeof (item as { config: unknown }).config === 'object';
}

function definedOf(overrides: CaseOptions): Partial<ScenarioOptions> {
  const out: Partial<ScenarioOptions> = {};
  if (overrides.functions !== undefined) out.functions = overrides.functions;
  if (overrides.sources !== undefined) out.sources = overrides.sources;
  return out;
}

function expectProblems(kind: 'error' | 'warning', found: readonly FoundProblem[], expected: readonly ExpectedProblem[]): void {
  const plural = (n: number) => `${n} ${kind}${n === 1 ? '' : 's'}`;
  if (found.length !== expected.length) {
    fail(`should have ${plural(expected.length)} but had ${found.length}${found.length ? `: ${found.map(show).join('; ')}` : ''}`);
  }
  expected.forEach((e, i) => {
    if (!matches(found[i]!, e)) fail(`${kind} ${i + 1} should match ${describeExpected(e)}, but was "${show(found[i]!)}"`);
  });
}

function matches(problem: FoundProblem, expected: ExpectedProblem): boolean {
  const full = show(problem);
  if (typeof expected === 'string') return expected === problem.message || expected === full;
  if (expected instanceof RegExp) return expected.test(full);
  if (expected.path !== undefined && expected.path !== problem.path) return false;
  if (typeof expected.message === 'string') return expected.message === problem.message;
  if (expected.message instanceof RegExp) return expected.message.test(problem.message);
  return true;
}

function describeExpected(e: ExpectedProblem): string {
  if (typeof e === 'string') return JSON.stringify(e);
  if (e instanceof RegExp) return String(e);
  return `{ ${e.path !== undefined ? `path: ${JSON.stringify(e.path)}, ` : ''}message: ${e.message instanceof RegExp ? String(e.message) : JSON.stringify(e.message)} }`;
}

const show = (p: FoundProblem) => `${p.path || '/'}: ${p.message}`;

function title(config: unknown): string {
  const text = JSON.stringify(config) ?? String(config);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

function fail(message: string): never {
  throw new AssertionError({ message });
}
