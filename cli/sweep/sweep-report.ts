/**
 * The sweep report (`slsim sweep --json`, `slsim merge --json`): the grid,
 * one summary per point, and the cheapest and fastest points. A shard's
 * report holds its own points and says which shard it is; `merge` checks
 * that the shards belong to one sweep (same definition, same N, each i once)
 * and builds the report of the whole sweep, byte for byte the one an
 * unsharded run writes.
 *
 * Cheapest: the lowest `costUsd`, then the lowest latency, then the first
 * in the grid (`monthlyUsd` is not compared: it scales by the span each run
 * covered, longer where the handler is slower). Fastest: the lowest
 * `latencyP99Ms`, then the lowest cost, then the first in the grid.
 */
import { readFileSync } from 'node:fs';
import { InputError } from '../../core/errors.js';
import type { Axis, GridPoint, Shard } from './grid.js';
import type { PointSummary } from './point.js';

export const SWEEP_REPORT_VERSION = 1;

export interface SweepPointReport extends PointSummary {
  index: number;
  settings: GridPoint['settings'];
  /** The `--set` strings of this point's run (`slsim run FILE --set ...` repeats it). */
  set: string[];
}

export interface SweepReport {
  sweepVersion: number;
  kind: 'slsim-sweep';
  scenario: string;
  file: string;
  seed: number;
  /** Every `--set` as typed. */
  sets: string[];
  axes: { path: string; values: unknown[] }[];
  /** Points of the whole grid. */
  pointCount: number;
  /** A digest of the scenario file, the --set list, the seed and the adapters: shards of one sweep share it. */
  definition: string;
  /** null for a whole sweep (unsharded, or merged). */
  shard: Shard | null;
  /** In grid order; a shard holds only its own. */
  points: SweepPointReport[];
  /** Grid index of the cheapest and the fastest point (of the points held), null when none. */
  cheapest: number | null;
  fastest: number | null;
}

export interface SweepHeader {
  scenario: string;
  file: string;
  seed: number;
  sets: string[];
  axes: Axis[];
  pointCount: number;
  definition: string;
}

export function buildSweepReport(header: SweepHeader, shard: Shard | null, points: SweepPointReport[]): SweepReport {
  const sorted = [...points].sort((a, b) => a.index - b.index);
  return {
    sweepVersion: SWEEP_REPORT_VERSION,
    kind: 'slsim-sweep',
    scenario: header.scenario,
    file: header.file,
    seed: header.seed,
    sets: [...header.sets],
    axes: header.axes.map((a) => ({ path: a.path, values: [...a.values] })),
    pointCount: header.pointCount,
    definition: header.definition,
    shard,
    points: sorted,
    cheapest: best(sorted, cheaper),
    fastest: best(sorted, faster),
  };
}

function cheaper(a: SweepPointReport, b: SweepPointReport): number {
  return a.costUsd - b.costUsd || a.latencyP99Ms - b.latencyP99Ms || a.index - b.index;
}

function faster(a: SweepPointReport, b: SweepPointReport): number {
  return a.latencyP99Ms - b.latencyP99Ms || a.costUsd - b.costUsd || a.index - b.index;
}

function best(points: SweepPointReport[], compare: (a: SweepPointReport, b: SweepPointReport) => number): number | null {
  if (points.length === 0) return null;
  return points.reduce((x, y) => (compare(y, x) < 0 ? y : x)).index;
}

/** Reads a sweep report written by `slsim sweep --json` (a shard, or a whole sweep). */
export function readSweepReport(file: string): SweepReport {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new InputError('SLSIM_ERR_FILE', `cannot read the sweep report: ${reason}`, { file });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new InputError('SLSIM_ERR_PARSE', `not JSON: ${(error as Error).message}`, { file });
  }
  const report = data as SweepReport;
  if (report === null || typeof report !== 'object' || report.kind !== 'slsim-sweep' || !Array.isArray(report.points)) {
    throw new InputError('SLSIM_ERR_BAD_VALUE', 'not a sweep report (write one with slsim sweep FILE --set ... --json OUT)', { file });
  }
  if (report.sweepVersion !== SWEEP_REPORT_VERSION) {
    throw new InputError('SLSIM_ERR_BAD_VALUE', `sweep report version ${report.sweepVersion}; this slsim reads version ${SWEEP_REPORT_VERSION}`, { file });
  }
  return report;
}

/**
 * Joins the shards of one sweep (`files[i]` is where `shards[i]` was read,
 * for messages) into the report of the whole sweep. A whole sweep counts as
 * its own single shard.
 */
export function mergeSweepReports(shards: SweepReport[], files: string[]): SweepReport {
  if (shards.length === 0) throw new InputError('SLSIM_ERR_BAD_VALUE', 'merge needs the shard reports of a sweep: slsim merge SHARD.json ...');
  const first = shards[0]!;
  const count = first.shard?.count ?? 1;
  const seen = new Map<number, string>();
  shards.forEach((report, i) => {
    const file = files[i]!;
    if (report.definition !== first.definition) {
      throw new InputError(
        'SLSIM_ERR_BAD_VALUE',
        `${file} is from another sweep than ${files[0]} (another scenario file, --set list, seed or adapter); merge joins the shards of one sweep`,
      );
    }
    const n = report.shard?.count ?? 1;
    const index = report.shard?.index ?? 1;
    if (n !== count) throw new InputError('SLSIM_ERR_BAD_VALUE', `${file} is shard ${index}/${n} but ${files[0]} is of ${count} shards`);
    const other = seen.get(index);
    if (other !== undefined) throw new InputError('SLSIM_ERR_BAD_VALUE', `shard ${index}/${count} is given twice: ${other} and ${file}`);
    seen.set(index, file);
  });
  const missing: number[] = [];
  for (let i = 1; i <= count; i++) if (!seen.has(i)) missing.push(i);
  if (missing.length > 0) {
    throw new InputError(
      'SLSIM_ERR_BAD_VALUE',
      `shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count}`).join(', ')} missing: merge needs all ${count} shards of the sweep`,
    );
  }
  const points = shards.flatMap((s) => s.points);
  const indexes = new Set(points.map((p) => p.index));
  if (indexes.size !== points.length || points.length !== first.pointCount) {
    throw new InputError('SLSIM_ERR_BAD_VALUE', `the shards hold ${points.length} points (${indexes.size} distinct) but the sweep has ${first.pointCount}`);
  }
  return buildSweepReport(
    {
      scenario: first.scenario,
      file: first.file,
      seed: first.seed,
      sets: first.sets,
      axes: first.axes.map((a) => ({ path: a.path, values: a.values, texts: [] })),
      pointCount: first.pointCount,
      definition: first.definition,
    },
    null,
    points,
  );
}
