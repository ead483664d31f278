/**
 * Checks that adapters share for what a JSON Schema cannot express: a duration
 * string within AWS's range, and a size distribution that resolves. Each
 * returns the ConfigProblem to report, located at its key, or null.
 */
import type { ConfigProblem } from '../engine/adapter-contract.js';
import { resolveDistribution, type DistributionInput } from '../distributions.js';
import { InputError } from '../errors.js';
import { formatDuration, parseDuration, parseSize } from '../units.js';
import type { Distribution } from '../distributions.js';

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

/**
 * A warning when a size distribution is sure to break a limit: every value
 * over it (its smallest is), most of them (its median is), or some (a bounded
 * distribution whose largest is). `what` names one item ("sync request").
 */
export function sizeLimitWarning(value: DistributionInput, path: string, limitBytes: number, what: string): ConfigProblem | null {
  let d: Distribution;
  try {
    d = resolveDistribution(value, parseSize);
  } catch {
    return null; // sizeDistributionProblem reports it
  }
  const [min, median, max] = sizeRange(d);
  const limit = formatBytes(limitBytes);
  const refused = (share: string) => ({ path, severity: 'warning' as const, message: `${share} over AWS's limit of ${limit} and refused` });
  if (min > limitBytes) return refused(`every ${what} is`);
  if (median > limitBytes) return refused(`most ${what}s are`);
  if (max > limitBytes) return refused(`some ${what}s (up to ${formatBytes(max)}) are`);
  return null;
}

/** Smallest, median and largest value of a size distribution (Infinity when unbounded). */
function sizeRange(d: Distribution): [number, number, number] {
  switch (d.dist) {
    case 'constant':
      return [d.value, d.value, d.value];
    case 'uniform':
      return [d.min, (d.min + d.max) / 2, d.max];
    case 'exponential':
      return [0, d.mean * Math.LN2, Infinity];
    case 'normal':
      return [0, d.mean, Infinity];
    case 'lognormal':
      return [0, Math.exp(d.mu), Infinity];
    case 'empirical': {
      const sorted = [...d.samples].sort((a, b) => a - b);
      return [sorted[0]!, sorted[Math.floor((sorted.length - 1) / 2)]!, sorted[sorted.length - 1]!];
    }
  }
}

/** 6291456 → "6 MB", 1536 → "1.5 KB" (1 KB = 1024 B, as scenario sizes are written). */
function formatBytes(bytes: number): string {
  const units: [string, number][] = [['GB', 1024 ** 3], ['MB', 1024 ** 2], ['KB', 1024]];
  for (const [unit, size] of units) if (bytes >= size) return `${+(bytes / size).toFixed(1)} ${unit}`;
  return `${Math.round(bytes)} B`;
}
