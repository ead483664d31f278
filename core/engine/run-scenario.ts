/**
 * The whole of one run, as the command line and tests use it: build the
 * engine, check the `expect` paths and the region's price table before
 * anything runs, run, price, evaluate expectations, build the report.
 * Wall time is measured here, around the run, never inside it.
 */
import { collectUsage } from '../cost/collect-usage.js';
import { priceRun } from '../cost/price-run.js';
import { priceTableFor } from '../cost/price-table.js';
import { InputError } from '../errors.js';
import { buildReport, type Report } from '../report/build-report.js';
import { checkExpectationPaths, evaluateExpectations } from '../report/expectations.js';
import type { LoadedScenario } from '../scenario/load.js';
import { Engine, type EngineOptions } from './engine.js';
import type { AdapterRegistry } from './registry.js';

export interface RunOptions {
  /** Called every 65,536 events with the simulated time reached (ms) and events so far. */
  onProgress?: (nowMs: number, events: number) => void;
  /** Called once the engine is built, before it runs (trace hooks, tools). */
  onEngine?: (engine: Engine) => void;
  /** Runs functions' real handler code (the worker pool, docs/handlers.md); needs `runScenarioAsync`. */
  handlers?: EngineOptions['handlers'];
}

/** Builds the engine and makes every check that needs it; errors are located in the scenario file. */
export function prepareRun(loaded: LoadedScenario, registry: AdapterRegistry, engineOptions: EngineOptions = {}): Engine {
  const { scenario } = loaded;
  try {
    priceTableFor(scenario.region);
    const engine = new Engine(scenario, registry, engineOptions);
    const skeleton = buildReport(engine, priceRun(collectUsage(engine)));
    checkExpectationPaths(scenario.expect, skeleton);
    return engine;
  } catch (error) {
    if (error instanceof InputError && error.location.file === undefined && error.location.path !== undefined) {
      throw new InputError(error.code, error.detail, loaded.locate(error.location.path), { cause: error });
    }
    throw error;
  }
}

export function runScenario(loaded: LoadedScenario, registry: AdapterRegistry, options: RunOptions = {}): Report {
  const engine = start(loaded, registry, options);
  const started = process.hrtime.bigint();
  engine.run();
  return finish(engine, loaded, secondsSince(started));
}

/** `runScenario` with real handler code: the loop awaits the worker pool's answers as runs end. */
export async function runScenarioAsync(loaded: LoadedScenario, registry: AdapterRegistry, options: RunOptions = {}): Promise<Report> {
  const engine = start(loaded, registry, options);
  const started = process.hrtime.bigint();
  if (engine.runsCode) await engine.runAsync();
  else engine.run();
  return finish(engine, loaded, secondsSince(started));
}

/** Wall seconds since `started` (process.hrtime: no perf_hooks to load at start-up). */
function secondsSince(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e9;
}

function start(loaded: LoadedScenario, registry: AdapterRegistry, options: RunOptions): Engine {
  const engine = prepareRun(loaded, registry, options.handlers ? { handlers: options.handlers } : {});
  if (options.onProgress) engine.on('run:progress', options.onProgress);
  options.onEngine?.(engine);
  return engine;
}

function finish(engine: Engine, loaded: LoadedScenario, wallSeconds: number): Report {
  const report = buildReport(engine, priceRun(collectUsage(engine)), wallSeconds);
  report.expectations = evaluateExpectations(loaded.scenario.expect, report);
  return report;
}
