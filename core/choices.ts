/**
 * A categorical choice among named values (numbers are read as their text): S3 key prefixes, SNS message
 * attribute values, S3 event names. A scenario writes either a list (each
 * value equally likely) or a map of value → share (shares need not add up to
 * 1: they are weights). Resolved once at a source's creation; a pick is one
 * draw of the run's generator and a walk over a few cumulative weights.
 */
import type { Random } from './random.js';

/** What a scenario may write: `[a, b]` or `{ a: 0.8, b: 0.2 }`. */
export type ChoicesInput = readonly (string | number)[] | Readonly<Record<string, number>>;

export interface Choice {
  readonly values: readonly string[];
  /** The share of each value, normalised to add up to 1. */
  readonly shares: readonly number[];
  pick(): string;
}

export function createChoice(input: ChoicesInput, random: Random): Choice {
  const values = Array.isArray(input) ? (input as readonly (string | number)[]).map(String) : Object.keys(input);
  const weights = Array.isArray(input) ? values.map(() => 1) : values.map((v) => (input as Record<string, number>)[v]!);
  const total = weights.reduce((sum, w) => sum + w, 0);
  if (values.length === 0 || !(total > 0)) throw new RangeError('a choice needs at least one value with a positive share');
  const shares = weights.map((w) => w / total);
  const cumulative = new Float64Array(values.length);
  let running = 0;
  for (let i = 0; i < values.length; i++) cumulative[i] = running += shares[i]!;
  cumulative[values.length - 1] = 1;
  const last = values.length - 1;
  return {
    values,
    shares,
    pick() {
      if (last === 0) return values[0]!;
      const u = random.next();
      let i = 0;
      while (i < last && u >= cumulative[i]!) i++;
      return values[i]!;
    },
  };
}
