/**
 * Loading a scenario, start to finish: read and parse (with line numbers),
 * apply `--set` overrides, validate the top level and each source against its
 * adapter's schema (defaults filled), convert units, resolve every name,
 * run the adapters' own checks, and freeze. Every problem becomes one
 * InputError naming the file, the line and the JSON path.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { AdapterRegistry } from '../engine/registry.js';
import { formatInputMessage, InputError, withPath, type InputLocation } from '../errors.js';
import { allocatePools } from '../lambda/concurrency.js';
import { resolveLoad, type LoadInput } from '../load/load-spec.js';
import { parseExpectation } from '../report/expectations.js';
import { reportBucketWidth } from '../metrics/time-series.js';
import { formatDuration, parseDuration } from '../units.js';
import scenarioSchema from '../../schemas/scenario.schema.json' with { type: 'json' };
import { validatorFor } from './ajv.js';
import { applyOverrides, parseOverride, type Override } from './overrides.js';
import { normalizeFunction } from './normalize-function.js';
import { resolveHandlerPath } from './handler-path.js';
import { deepFreeze, type Scenario, type SourceSpec } from './scenario.js';
import { schemaError } from './schema-errors.js';
import { readSourceFile, type SourceFile } from './source-file.js';
import { checkSources, type LocatedWarning } from './check-sources.js';
import { designWarnings } from './design-warnings.js';
import { DEFAULT_MAX_EVENTS, estimateWork, formatEventCount, type WorkEstimate } from './work-estimate.js';

/** The largest epoch ms a Date holds (ECMAScript: ±8.64e15). */
const MAX_DATE_MS = 8.64e15;

export interface LoadOptions {
  /** `--set PATH=VALUE` strings, applied in order. */
  set?: readonly string[];
  /** `--seed`: replaces the scenario's seed. */
  seed?: number;
  /** `--max-events`: a scenario estimated above this many events is refused (default 2 billion). */
  maxEvents?: number;
  /** The file, already read and parsed (cli/scenario-adapters.ts), its data not yet changed: not read again. */
  source?: SourceFile | undefined;
}

export interface LoadedScenario {
  scenario: Scenario;
  /** Things that are allowed but probably not meant, each located like an error. */
  warnings: string[];
  /** Where a JSON pointer of the scenario was written (file and line, or the --set that made it). */
  locate(pointer: string): InputLocation;
  /** The work the scenario implies (work-estimate.ts). */
  estimate: WorkEstimate;
}

export function loadScenario(file: string, registry: AdapterRegistry, options: LoadOptions = {}): LoadedScenario {
  const source = options.source ?? readSourceFile(file);
  const overrides = (options.set ?? []).map(parseOverride);
  return loadFromSource(source, registry, overrides, options.seed, { maxEvents: options.maxEvents });
}

export function loadFromSource(
  source: SourceFile,
  registry: AdapterRegistry,
  overrides: readonly Override[] = [],
  seed?: number,
  limits: { maxEvents?: number | undefined } = {},
): LoadedScenario {
  const touched = applyOverrides(source.data, overrides);
  const locate = (pointer: string, key?: string): InputLocation => {
    const full = key === undefined ? pointer : `${pointer}/${key}`;
    for (const [path, override] of touched) {
      if (full === path || full.startsWith(path + '/')) return { file: `--set ${override.text}`, path: full };
    }
    return { file: source.file, line: source.lineOf(pointer, key === undefined ? undefined : { key }), path: full };
  };
  try {
    const { scenario, adapterWarnings } = build(source, registry, seed);
    const estimate = estimateWork(scenario, registry);
    refuseTooBig(scenario, estimate, limits.maxEvents ?? DEFAULT_MAX_EVENTS);
    const warnings = [...adapterWarnings, ...loadWarnings(scenario), ...designWarnings(scenario, registry, estimate)].map(({ pointer, message }) =>
      formatInputMessage(message, locate(pointer)),
    );
    return { scenario, warnings, locate: (pointer) => locate(pointer), estimate };
  } catch (error) {
    if (error instanceof InputError && error.location.file === undefined) {
      const pointer = error.location.path ?? '';
      const key = error.detail.startsWith('unknown key') ? pointer.split('/').pop() : undefined;
      const parent = key === undefined ? pointer : pointer.slice(0, pointer.lastIndexOf('/'));
      const where = locate(parent, key);
      throw new InputError(error.code, error.detail, { ...where, path: pointer }, { cause: error.cause });
    }
    throw error;
  }
}

function build(source: SourceFile, registry: AdapterRegistry, seedOverride?: number): { scenario: Scenario; adapterWarnings: LocatedWarning[] } {
  const data = source.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new InputError('SLSIM_ERR_SCHEMA', 'a scenario is a mapping with name, duration, functions and sources', { path: '' });
  }
  const validate = validatorFor(scenarioSchema);
  if (!validate(data)) throw schemaError(validate.errors!);
  const raw = data as Record<string, any>;
  const dir = dirname(resolve(source.file));
  const readText = (file: string) => readRelative(dir, file);
  const readSamples = (file: string) =>
    readText(file)
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l !== '' && !l.startsWith('#'))
      .map((l) => parseDuration(/^\d+(\.\d+)?$/.test(l) ? Number(l) : l));

  const functions = Object.entries(raw.functions as Record<string, any>).map(([name, f]) => normalizeFunction(name, f, readSamples, (written) => resolveHandlerPath(dir, written)));
  allocatePools(raw.account.concurrencyLimit, functions);

  const sources: SourceSpec[] = Object.entries(raw.sources as Record<string, any>).map(([name, config]) => ({
    name,
    type: config.type,
    config,
    load: null,
  }));
  const durationMs = withPath('/duration', () => parseDuration(raw.duration));
  if (!(durationMs > 0)) throw new InputError('SLSIM_ERR_BAD_VALUE', 'must be more than 0', { path: '/duration' });
  const startEpochMs = Date.parse(raw.start);
  const drainMs = withPath('/drain', () => parseDuration(raw.drain));
  // The simulated clock is shown as dates (payloads, the report): the run must end within what a Date holds.
  if (!(Math.abs(startEpochMs + durationMs + drainMs) <= MAX_DATE_MS)) {
    throw new InputError('SLSIM_ERR_BAD_VALUE', `start + duration + drain must end before the year 275760 (the last date JavaScript can hold)`, { path: '/duration' });
  }
  const facts = { name: raw.name, startEpochMs, durationMs, region: raw.region, accountId: raw.account.id };
  const adapterWarnings = checkSources(sources, functions, registry, facts);
  for (const spec of sources) {
    const load = spec.config.load as LoadInput | undefined;
    if (load) spec.load = withPath(`/sources/${spec.name}/load`, () => resolveLoad(load, readText));
  }

  const scenario: Scenario = {
    file: source.file,
    name: raw.name,
    seed: seedOverride ?? raw.seed,
    startEpochMs,
    durationMs,
    drainMs,
    region: raw.region,
    account: { ...raw.account },
    pricing: { ...raw.pricing },
    report: { bucketMs: reportBucketWidth(raw.report?.bucket, durationMs, durationMs + parseDuration(raw.drain)) },
    functions,
    sources,
    expect: ((raw.expect ?? []) as string[]).map((line, i) => parseExpectation(line, i)),
  };
  return { scenario: deepFreeze(scenario), adapterWarnings };
}

/** Refuses a scenario whose estimated work is over `maxEvents`, pointing at the source with the most traffic. */
function refuseTooBig(scenario: Scenario, estimate: WorkEstimate, maxEvents: number): void {
  if (!(estimate.events > maxEvents)) return;
  const largest = estimate.largest === null ? undefined : scenario.sources.find((s) => s.name === estimate.largest);
  throw new InputError(
    'SLSIM_ERR_TOO_BIG',
    `the run is estimated at ${formatEventCount(estimate.events)} events (arrivals, invocations and the messages they cause), ` +
      `over --max-events ${formatEventCount(maxEvents)}: shorten duration, lower the traffic, or raise --max-events`,
    { path: largest ? `/sources/${largest.name}${largest.load ? '/load' : ''}` : '' },
  );
}

/** Traffic that does not fill the scenario's window, or is cut by it: legal, rarely meant. */
function loadWarnings(scenario: Scenario): { pointer: string; message: string }[] {
  const warnings: { pointer: string; message: string }[] = [];
  const window = formatDuration(scenario.durationMs);
  for (const { name, load } of scenario.sources) {
    const pointer = `/sources/${name}/load`;
    if (load?.mode === 'phases') {
      const total = load.phases.reduce((sum, p) => sum + (p.kind === 'burst' ? 0 : p.durationMs), 0);
      if (total < scenario.durationMs) {
        warnings.push({ pointer, message: `the phases last ${formatDuration(total)} but duration is ${window}: no traffic after ${formatDuration(total)}` });
      } else if (total > scenario.durationMs) {
        warnings.push({ pointer, message: `the phases last ${formatDuration(total)}; traffic stops at duration (${window})` });
      }
    } else if (load?.mode === 'trace') {
      const late = load.times.filter((t) => t >= scenario.durationMs).length;
      if (late > 0) warnings.push({ pointer, message: `${late} arrival(s) of the trace come after duration (${window}) and are not replayed` });
    }
  }
  return warnings;
}

function readRelative(dir: string, file: string): string {
  try {
    return readFileSync(resolve(dir, file), 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new InputError('SLSIM_ERR_FILE', `cannot read ${file}: ${reason}`);
  }
}
