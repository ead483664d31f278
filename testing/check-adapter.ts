/**
 * The harness of the adapter test kit: runs a small scenario with an adapter
 * and asserts what every adapter owes the engine (docs/adapters.md):
 *
 * - every source's delivery ledger balances: generated = succeeded + failed +
 *   dropped + rejected + inFlight, and nothing is left in flight unless it is
 *   held at rest (`pending()`) or the drain cut the run;
 * - the sources of the adapter produced events (the scenario exercised it);
 * - the scenario's `expect` lines hold;
 * - the adapter's sample payload (for an empty config, as `slsim events`
 *   asks, and for each config of the scenario) is JSON that validates against
 *   its declared `meta.eventSchema`, and the same generator gives the same payload;
 * - two runs with the same seed give byte-identical JSON reports (wall time aside).
 *
 * A failed assertion throws node's AssertionError, which any test framework reports.
 */
import { AssertionError } from 'node:assert';
import type { SourceAdapter } from '../core/engine/adapter-contract.js';
import type { Engine } from '../core/engine/engine.js';
import type { AdapterRegistry } from '../core/engine/registry.js';
import { runScenario } from '../core/engine/run-scenario.js';
import type { LedgerCounts } from '../core/metrics/ledger.js';
import { Random } from '../core/random.js';
import type { Report } from '../core/report/build-report.js';
import { validatorFor } from '../core/scenario/ajv.js';
import { loadFromSource } from '../core/scenario/load.js';
import { registryWith, scenarioAround, sourceOf, type ScenarioOptions } from './scenario.js';

export interface CheckOptions extends ScenarioOptions {
  /**
   * The scenario to run: YAML (or JSON) text, or the scenario as an object.
   * Its `adapters:` list is not read: the kit uses the adapter objects it is given.
   */
  scenario?: string | Record<string, unknown>;
  /** A scenario file to read when `scenario` is not given; also names the scenario in messages. */
  file?: string;
  /** Instead of a scenario: one source of the adapter with this config, in the small scenario of `ScenarioOptions`. */
  config?: Record<string, unknown>;
  /** The seed of both runs. Default: the scenario's. */
  seed?: number;
  /** Allow the adapter's sources to produce no event at all. Default false: a run that never exercised the adapter proves nothing. */
  allowIdle?: boolean;
}

/** One source's ledger at the end of the run, with what it held at rest. */
export interface LedgerCheck extends LedgerCounts {
  type: string;
  pending: number;
}

export interface CheckResult {
  /** The first run's report. */
  report: Report;
  /** The report as JSON, wall time set to 0: what two runs with the same seed must agree on. */
  json: string;
  /** Every source's ledger, by source name. */
  ledgers: Record<string, LedgerCheck>;
  /** The sample payload for an empty config (what `slsim events TYPE` prints), when the adapter has samplePayload. */
  payload: unknown;
  /** The scenario's load warnings, located. */
  warnings: string[];
}

/** Runs a small scenario with `adapter` (twice, same seed) and asserts the adapter contract. Throws AssertionError. */
export function checkAdapter(adapter: SourceAdapter<any>, options: CheckOptions = {}): CheckResult {
  const registry = registryWith(adapter, options.adapters ?? []);
  const type = adapter.meta.type;
  const scenario = options.scenario ?? (options.config !== undefined || options.file === undefined ? scenarioAround(type, options.config ?? {}, options) : undefined);

  const first = runOnce(adapter, registry, scenario, options);
  const { loaded, report, engine } = first;
  const mine = loaded.scenario.sources.filter((s) => s.type === type);
  if (mine.length === 0) fail(`the scenario has no source of type "${type}"`);

  const ledgers = ledgersOf(engine, report);
  for (const [name, ledger] of Object.entries(ledgers)) checkLedger(name, ledger, ledgers, report.simulated.cutByDrain);
  if (!options.allowIdle && mine.every((s) => ledgers[s.name]!.generated === 0)) {
    fail(`no source of type "${type}" produced an event (${mine.map((s) => s.name).join(', ')}): give the scenario some traffic, or pass allowIdle`);
  }

  const failed = report.expectations.filter((e) => !e.pass);
  if (failed.length > 0) fail(`expectations failed: ${failed.map((e) => `${e.expression} (actual ${e.actual})`).join('; ')}`);

  const payload = checkPayloads(adapter, [{}, ...mine.map((s) => s.config)], {
    region: loaded.scenario.region,
    accountId: loaded.scenario.account.id,
    sourceName: mine[0]!.name,
    epochMs: loaded.scenario.startEpochMs,
  });

  const json = reportJson(report);
  const again = reportJson(runOnce(adapter, registry, scenario, options).report);
  if (again !== json) {
    fail(`two runs with seed ${report.seed} gave different reports, first at ${firstDifference(JSON.parse(json), JSON.parse(again))}: keep to ctx.random and simulated time (no Math.random, no wall clock, no state shared between runs)`);
  }
  return { report, json, ledgers, payload, warnings: loaded.warnings };
}

function runOnce(adapter: SourceAdapter<any>, registry: AdapterRegistry, scenario: CheckOptions['scenario'], options: CheckOptions) {
  const source = sourceOf(scenario, options.file, `${adapter.meta.type}.scenario.yaml`);
  if (options.seed !== undefined && source.data !== null && typeof source.data === 'object') (source.data as Record<string, unknown>).seed = options.seed;
  const loaded = loadFromSource(source, registry);
  let engine!: Engine;
  const report = runScenario(loaded, registry, { onEngine: (e) => (engine = e) });
  return { loaded, report, engine };
}

function ledgersOf(engine: Engine, report: Report): Record<string, LedgerCheck> {
  const ledgers: Record<string, LedgerCheck> = {};
  for (const [name, runtime] of engine.sources) {
    ledgers[name] = { type: runtime.spec.type, ...report.sources[name]!.delivery, pending: runtime.pending() };
  }
  return ledgers;
}

function checkLedger(name: string, l: LedgerCheck, all: Record<string, LedgerCheck>, cutByDrain: boolean): void {
  const who = `source "${name}" (${l.type})`;
  const settled = l.succeeded + l.failed + l.dropped + l.rejected;
  if (l.generated !== settled + l.inFlight) {
    fail(`${who}: its ledger does not balance: generated ${l.generated} ≠ succeeded ${l.succeeded} + failed ${l.failed} + dropped ${l.dropped} + rejected ${l.rejected} + inFlight ${l.inFlight}`);
  }
  if (l.inFlight < 0) fail(`${who} settled an event more than once (inFlight ${l.inFlight})`);
  if (cutByDrain) return; // what the drain cut is reported in flight
  const heldAnywhere = Object.values(all).reduce((sum, other) => sum + other.pending, 0);
  if (l.inFlight > 0 && heldAnywhere === 0) fail(`${who} left ${l.inFlight} events in flight although nothing is pending: settle every event once`);
  if (l.inFlight < l.pending) fail(`${who} says ${l.pending} events are held at rest but has ${l.inFlight} in flight`);
  if (l.inFlight > heldAnywhere) fail(`${who} has ${l.inFlight} events in flight, more than the ${heldAnywhere} held at rest in the whole run`);
}

/** Sample payloads for each config: JSON, valid against meta.eventSchema, the same for the same generator. Returns the first. */
function checkPayloads(adapter: SourceAdapter<any>, configs: readonly object[], base: { region: string; accountId: string; sourceName: string; epochMs: number }): unknown {
  const sample = adapter.samplePayload;
  if (!sample) return undefined;
  const type = adapter.meta.type;
  const eventSchema = adapter.meta.eventSchema;
  if (eventSchema === undefined) fail(`the ${type} adapter has samplePayload but declares no meta.eventSchema (the JSON Schema of its payload)`);
  const validate = validatorFor(eventSchema);
  let firstPayload: unknown;
  configs.forEach((config, i) => {
    const which = i === 0 ? 'the sample payload for an empty config (slsim events)' : 'the sample payload for the scenario\'s config';
    const make = () => sample.call(adapter, config, { ...base, random: new Random(1) });
    const payload = make();
    let json: string | undefined;
    try {
      json = JSON.stringify(payload);
    } catch (error) {
      fail(`${which} is not JSON: ${(error as Error).message}`);
    }
    if (json === undefined) fail(`${which} is not JSON (got ${String(payload)})`);
    if (JSON.stringify(make()) !== json) fail(`${which} differs between two calls with the same generator: draw from facts.random only`);
    const data: unknown = JSON.parse(json);
    if (!validate(data)) {
      const problems = (validate.errors ?? []).slice(0, 3).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is not valid'}`);
      fail(`${which} does not validate against meta.eventSchema: ${problems.join('; ')}`);
    }
    if (i === 0) firstPayload = payload;
  });
  return firstPayload;
}

/** The report as JSON with the wall time (the one figure that may differ between equal runs) set to 0. */
export function reportJson(report: Report): string {
  return JSON.stringify({ ...report, engine: { ...report.engine, wallSeconds: 0 } });
}

/** JSON pointer of the first value that differs between two JSON values. */
function firstDifference(a: unknown, b: unknown, path = ''): string {
  if (a === b) return '';
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object' || Array.isArray(a) !== Array.isArray(b)) {
    return `${path || '/'} (${JSON.stringify(a)} then ${JSON.stringify(b)})`;
  }
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    const inner = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}/${key}`);
    if (inner !== '') return inner;
  }
  return '';
}

function fail(message: string): never {
  throw new AssertionError({ message });
}
