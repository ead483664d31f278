/**
 * The grid of a sweep: every `--set PATH=V1,V2,...` with more than one value
 * is an axis, every single-valued `--set` applies to all points. Points are
 * the axes' values combined, the first axis varying slowest (nested loops in
 * the order the axes were given). Each point is the list of `--set` strings
 * of one run, in the order they were typed, so an override is applied and
 * checked exactly as `slsim run --set` would.
 *
 * `--shard i/N` keeps the points whose grid index k has k mod N = i - 1
 * (round robin: slow and fast corners of the grid spread over the shards).
 */
import { InputError } from '../../core/errors.js';
import { parseOverride } from '../../core/scenario/overrides.js';

export interface Axis {
  /** The dotted path, as typed. */
  path: string;
  /** The values as typed (text), and as parsed (YAML scalars: 512 is a number). */
  texts: string[];
  values: unknown[];
}

export interface Grid {
  /** Every `--set` as typed. */
  sets: string[];
  axes: Axis[];
  /** Number of points of the whole grid. */
  size: number;
}

export interface GridPoint {
  /** Position in the whole grid, from 0. */
  index: number;
  /** Axis path → value (parsed). */
  settings: Record<string, unknown>;
  /** The `--set` strings of this run, single-valued ones included, in the order typed. */
  set: string[];
}

export interface Shard {
  /** 1..count */
  index: number;
  count: number;
}

export function parseGrid(sets: readonly string[]): Grid {
  const axes: Axis[] = [];
  const seen = new Set<string>();
  for (const text of sets) {
    const eq = text.indexOf('=');
    if (eq <= 0) throw new InputError('SLSIM_ERR_SET', `--set ${text}: expected PATH=VALUE or PATH=V1,V2,..., e.g. functions.resize.memory=512,1024,2048`);
    const path = text.slice(0, eq).trim();
    const texts = splitValues(text.slice(eq + 1));
    if (texts.length < 2) continue;
    if (seen.has(path)) throw new InputError('SLSIM_ERR_SET', `--set ${text}: ${path} is already swept by another --set`);
    seen.add(path);
    if (texts.some((t) => t.trim() === '')) throw new InputError('SLSIM_ERR_SET', `--set ${text}: an empty value in the list`);
    const values = texts.map((t) => parseOverride(`${path}=${t}`).value);
    axes.push({ path, texts, values });
  }
  const size = axes.reduce((n, axis) => n * axis.texts.length, 1);
  return { sets: [...sets], axes, size };
}

/** The point at grid position `index`. */
export function gridPoint(grid: Grid, index: number): GridPoint {
  const choice = new Map<string, number>();
  let rest = index;
  for (let a = grid.axes.length - 1; a >= 0; a--) {
    const axis = grid.axes[a]!;
    choice.set(axis.path, rest % axis.texts.length);
    rest = Math.floor(rest / axis.texts.length);
  }
  const settings: Record<string, unknown> = {};
  for (const axis of grid.axes) settings[axis.path] = axis.values[choice.get(axis.path)!];
  const set = grid.sets.map((text) => {
    const path = text.slice(0, text.indexOf('=')).trim();
    const i = choice.get(path);
    return i === undefined ? text : `${path}=${grid.axes.find((a) => a.path === path)!.texts[i]!.trim()}`;
  });
  return { index, settings, set };
}

/** The grid indexes a shard runs (all of them without a shard). */
export function shardIndexes(size: number, shard: Shard | null): number[] {
  const out: number[] = [];
  for (let k = 0; k < size; k++) if (shard === null || k % shard.count === shard.index - 1) out.push(k);
  return out;
}

/** `--shard i/N`, i from 1 to N. */
export function parseShard(text: string | undefined): Shard | null {
  if (text === undefined) return null;
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!match) throw new InputError('SLSIM_ERR_BAD_VALUE', `--shard ${text}: expected i/N, e.g. --shard 2/4 (the 2nd of 4 slices)`);
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || index < 1 || index > count) {
    throw new InputError(
      'SLSIM_ERR_BAD_VALUE',
      `--shard ${text}: i must be 1 to N (shards count from 1; a Kubernetes JOB_COMPLETION_INDEX counts from 0, so add 1)`,
    );
  }
  return { index, count };
}

/**
 * `512,1024` → ['512', '1024']; commas inside [...], {...} or quotes do not
 * split (`[a, b],[c]` is two values).
 */
export function splitValues(raw: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (quote !== null) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"') i++;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth = Math.max(0, depth - 1);
    else if (c === ',' && depth === 0) {
      out.push(raw.slice(start, i));
      start = i + 1;
    }
  }
  out.push(raw.slice(start));
  return out;
}
