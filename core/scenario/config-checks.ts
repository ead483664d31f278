/**
 * Checks that adapters share for what a JSON Schema cannot express: a duration
 * string within AWS's range, and a size distribution that resolves. Each
 * returns the ConfigProblem to report, located at its key, or null.
 */
import type { ConfigProblem } from '../engine/adapter-contract.js';
import { resolveDistribution, type DistributionInput } from '../distributions.js';
import { InputError } from '../errors.js';
import { formatDuration, parseDuration, parseSize } from '../units.js';

/** A duration key: its pointer, how to read it (undefined: absent or not applicable), and its range in ms. */
export type DurationRange<Config> = [path: string, read: (config: Config) => number | string | undefined, minMs: number, maxMs: number];

/** The first duration out of its range, or null. */
export function durationRangeProblem<Config>(config: Config, ranges: readonly DurationRange<Config>[]): ConfigProblem | null {
  for (const [path, read, min, max] of ranges) {
    const value = read(config);
    if (value === undefined) continue;
    const ms = parseDuration(value);
    if (!(ms >= min && ms <= max)) return { path, message: `must be between ${formatDuration(min)} and ${formatDuration(max)}` };
  }
  return null;
}

/** A size distribution that does not resolve (e.g. min above max), located under `path`, or null. */
export function sizeDistributionProblem(value: DistributionInput, path: string): ConfigProblem | null {
  try {
    resolveDistribution(value, parseSize);
    return null;
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return { path: `${path}${error.location.path ?? ''}`, message: error.detail };
  }
}
