/**
 * A scenario after loading: validated, defaults filled, units converted,
 * names resolved, deep-frozen. This is all the engine reads; it is plain data
 * (no class instances), so it can cross a worker boundary as it is.
 */
import type { FreeTierSetting } from '../cost/usage.js';
import type { FunctionSpec } from '../lambda/function-spec.js';
import type { LoadSpec } from '../load/load-spec.js';
import type { Expectation } from '../report/expectations.js';

export interface SourceSpec {
  name: string;
  type: string;
  /** The adapter's configuration: schema-valid, defaults filled (scenario units). */
  config: Readonly<Record<string, unknown>>;
  /** The resolved `load:` of the source, or null. */
  load: LoadSpec | null;
}

export interface Scenario {
  /** The file it came from, as given. */
  file: string;
  name: string;
  seed: number;
  /** Epoch ms of t = 0. */
  startEpochMs: number;
  /** Traffic window, ms. */
  durationMs: number;
  /** How long in-flight work may run after the window, ms. */
  drainMs: number;
  region: string;
  account: { concurrencyLimit: number; scalingRate: number; id: string };
  pricing: { freeTier: FreeTierSetting };
  /** Report options: the width of the time series' buckets, ms (report.bucket, or the default for the run's length). */
  report: { bucketMs: number };
  functions: readonly FunctionSpec[];
  sources: readonly SourceSpec[];
  expect: readonly Expectation[];
}

/** Freezes an object graph (plain data only). */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}
