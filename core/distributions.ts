/**
 * Probability distributions of durations and sizes. A scenario writes them in
 * the forms of docs/scenario-format.md ("Values"); `resolveDistribution` turns that into a
 * plain, serialisable `Distribution` in engine units (ms or bytes), checked
 * once at load; `createSampler` binds one to the run's generator.
 *
 * Lognormal by median and p99: mu = ln(median), sigma = (ln(p99) - mu) / z99
 * with z99 = 2.3263478740408408, the standard normal's 99th percentile.
 * Lognormal by mean and stddev: sigma² = ln(1 + sd²/mean²), mu = ln(mean) - sigma²/2.
 */
import { InputError, withPath } from './errors.js';
import type { Random } from './random.js';

/** z such that P(Z <= z) = 0.99 for a standard normal Z. */
export const Z99 = 2.3263478740408408;

/** A distribution in engine units, ready to sample. */
export type Distribution =
  | { dist: 'constant'; value: number }
  | { dist: 'uniform'; min: number; max: number }
  | { dist: 'exponential'; mean: number }
  | { dist: 'normal'; mean: number; stddev: number }
  | { dist: 'lognormal'; mu: number; sigma: number }
  | { dist: 'empirical'; samples: readonly number[] };

/** What a scenario may write (values still in scenario units). */
export type DistributionInput =
  | number
  | string
  | { dist: 'constant'; value: number | string }
  | { dist: 'uniform'; min: number | string; max: number | string }
  | { dist: 'exponential'; mean: number | string }
  | { dist: 'normal'; mean: number | string; stddev: number | string }
  | { dist: 'lognormal'; median?: number | string; p99?: number | string; mean?: number | string; stddev?: number | string }
  | { dist: 'empirical'; samples?: (number | string)[]; file?: string };

export interface Sampler {
  sample(): number;
  readonly mean: number;
}

/**
 * Checks a distribution and converts it to engine units. `parse` converts one
 * value (parseDuration or parseSize); `readSamples` loads an empirical file.
 * Errors carry a JSON path relative to the distribution.
 */
export function resolveDistribution(
  input: DistributionInput,
  parse: (value: number | string) => number,
  readSamples?: (file: string) => number[],
): Distribution {
  if (typeof input === 'number' || typeof input === 'string') return { dist: 'constant', value: parse(input) };
  switch (input.dist) {
    case 'constant':
      return { dist: 'constant', value: withPath('/value', () => parse(input.value)) };
    case 'uniform': {
      const min = withPath('/min', () => parse(input.min));
      const max = withPath('/max', () => parse(input.max));
      if (max < min) throw bad('/max', 'must be at least min');
      return { dist: 'uniform', min, max };
    }
    case 'exponential':
      return { dist: 'exponential', mean: withPath('/mean', () => parse(input.mean)) };
    case 'normal':
      return { dist: 'normal', mean: withPath('/mean', () => parse(input.mean)), stddev: withPath('/stddev', () => parse(input.stddev)) };
    case 'lognormal':
      return resolveLognormal(input, parse);
    case 'empirical': {
      let samples: number[];
      if (input.samples !== undefined) samples = input.samples.map((v, i) => withPath(`/samples/${i}`, () => parse(v)));
      else if (input.file !== undefined && readSamples) samples = withPath('/file', () => readSamples(input.file!));
      else throw bad('', 'empirical needs samples or file');
      if (samples.length === 0) throw bad('', 'empirical needs at least one sample');
      return { dist: 'empirical', samples };
    }
  }
}

function resolveLognormal(
  input: Extract<DistributionInput, { dist: 'lognormal' }>,
  parse: (value: number | string) => number,
): Distribution {
  if (input.median !== undefined && input.p99 !== undefined) {
    const median = withPath('/median', () => parse(input.median!));
    const p99 = withPath('/p99', () => parse(input.p99!));
    if (!(median > 0)) throw bad('/median', 'must be greater than 0');
    if (!(p99 > median)) throw bad('/p99', 'must be greater than median');
    const mu = Math.log(median);
    return { dist: 'lognormal', mu, sigma: (Math.log(p99) - mu) / Z99 };
  }
  if (input.mean !== undefined && input.stddev !== undefined) {
    const mean = withPath('/mean', () => parse(input.mean!));
    const stddev = withPath('/stddev', () => parse(input.stddev!));
    if (!(mean > 0)) throw bad('/mean', 'must be greater than 0');
    const sigma2 = Math.log(1 + (stddev * stddev) / (mean * mean));
    return { dist: 'lognormal', mu: Math.log(mean) - sigma2 / 2, sigma: Math.sqrt(sigma2) };
  }
  throw bad('', 'lognormal needs either median and p99, or mean and stddev');
}

/** The expected value of a distribution (used by reports and sanity checks). */
export function meanOf(d: Distribution): number {
  switch (d.dist) {
    case 'constant':
      return d.value;
    case 'uniform':
      return (d.min + d.max) / 2;
    case 'exponential':
      return d.mean;
    case 'normal':
      return d.mean; // ignores the redraw of negatives, which matters only for stddev ~ mean
    case 'lognormal':
      return Math.exp(d.mu + (d.sigma * d.sigma) / 2);
    case 'empirical':
      return d.samples.reduce((a, b) => a + b, 0) / d.samples.length;
  }
}

/** Binds a distribution to the run's generator. */
export function createSampler(d: Distribution, random: Random): Sampler {
  const mean = meanOf(d);
  switch (d.dist) {
    case 'constant': {
      const value = d.value;
      return { mean, sample: () => value };
    }
    case 'uniform': {
      const { min } = d;
      const span = d.max - d.min;
      return { mean, sample: () => min + span * random.next() };
    }
    case 'exponential': {
      const m = d.mean;
      return { mean, sample: () => m * random.standardExponential() };
    }
    case 'normal': {
      const { mean: mu, stddev } = d;
      return {
        mean,
        sample: () => {
          for (;;) {
            const x = mu + stddev * random.normal();
            if (x >= 0) return x;
          }
        },
      };
    }
    case 'lognormal': {
      const { mu, sigma } = d;
      return { mean, sample: () => Math.exp(mu + sigma * random.normal()) };
    }
    case 'empirical': {
      const samples = d.samples;
      const n = samples.length;
      return { mean, sample: () => samples[Math.floor(random.next() * n)]! };
    }
  }
}


/**
 * `d` with every value multiplied by `k` (> 0): the same draws from the same
 * generator give k times the sample, so a scaled handler time keeps the run's
 * random streams as they were. Used for CPU-bound durations (`durationAt`).
 */
export function scaleDistribution(d: Distribution, k: number): Distribution {
  if (k === 1) return d;
  switch (d.dist) {
    case 'constant':
      return { dist: 'constant', value: d.value * k };
    case 'uniform':
      return { dist: 'uniform', min: d.min * k, max: d.max * k };
    case 'exponential':
      return { dist: 'exponential', mean: d.mean * k };
    case 'normal':
      return { dist: 'normal', mean: d.mean * k, stddev: d.stddev * k };
    case 'lognormal':
      return { dist: 'lognormal', mu: d.mu + Math.log(k), sigma: d.sigma };
    case 'empirical':
      return { dist: 'empirical', samples: d.samples.map((v) => v * k) };
  }
}


function bad(path: string, detail: string): InputError {
  return new InputError('SLSIM_ERR_BAD_VALUE', detail, { path });
}
