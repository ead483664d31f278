/**
 * `slsim sweep` and `slsim merge` (docs/cli.md, docs/sweeps.md).
 *
 * sweep: every point of the grid (or of one `--shard i/N` slice of it) is
 * loaded and checked first, so a bad value stops the sweep before anything
 * runs (exit 2); then the points run in parallel, one per worker thread of a
 * piscina pool (one thread per core; with one thread, on this thread), each a
 * whole run with the same seed
 * (same traffic: the engine derives every source's and function's random
 * stream from the seed and the component's name). A line of progress per
 * finished point on standard error; the table on standard output.
 *
 * merge: joins shard reports into the whole sweep's report and table.
 *
 * Both exit 0 when they finished, whatever the points' expectations (the
 * table shows them): a sweep explores, it does not gate.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { createRegistry } from '../../adapters/index.js';
import { prepareRun } from '../../core/engine/run-scenario.js';
import { InputError } from '../../core/errors.js';
import { loadScenario } from '../../core/scenario/load.js';
import { paletteFor } from '../colour.js';
import { gridPoint, parseGrid, parseShard, shardIndexes, type GridPoint } from '../sweep/grid.js';
import { sweepPage } from '../sweep/html.js';
import { buildSweepReport, mergeSweepReports, readSweepReport, type SweepPointReport, type SweepReport } from '../sweep/sweep-report.js';
import { axisLabel, display, formatSweepTable, ms, usd } from '../sweep/table.js';
import { loadScenarioAdapters } from '../scenario-adapters.js';
import { parseMaxEvents, parseSeed } from './run.js';
import runPoint, { errorOf, type PointOutcome, type PointTask } from '../sweep/worker.js';
import { standardOutput } from '../standard-output.js';

export interface SweepArgs {
  file: string;
  set: string[];
  adapters: string[];
  seed?: string | undefined;
  shard?: string | undefined;
  threads?: number | undefined;
  /** `--max-events`, as typed: applies to each point. */
  maxEvents?: string | undefined;
  json?: string | undefined;
  html?: string | undefined;
  quiet: boolean;
}

export async function sweepCommand(args: SweepArgs): Promise<number> {
  const seed = parseSeed(args.seed);
  const maxEvents = parseMaxEvents(args.maxEvents);
  const grid = parseGrid(args.set);
  if (grid.axes.length === 0) {
    throw new InputError('SLSIM_ERR_SET', 'sweep needs at least one --set with several values: --set PATH=V1,V2,... (e.g. functions.resize.memory=512,1024,2048)');
  }
  const shard = parseShard(args.shard);
  const threads = parseThreads(args.threads);
  const registry = await createRegistry(args.adapters);
  await loadScenarioAdapters(args.file, registry);
  const points = shardIndexes(grid.size, shard).map((i) => gridPoint(grid, i));

  // Every point of this shard is loaded and checked before any runs (errors name the --set).
  const warnings = new Set<string>();
  let scenarioName = '';
  let scenarioSeed = 0;
  for (const point of points.length > 0 ? points : [gridPoint(grid, 0)]) {
    const loaded = loadScenario(args.file, registry, { set: point.set, seed, maxEvents });
    prepareRun(loaded, registry);
    for (const warning of loaded.warnings) warnings.add(warning);
    for (const fn of loaded.scenario.functions) {
      if (fn.handler === null) continue;
      // A sweep compares designs by the model; real code runs with `slsim run` (docs/handlers.md).
      const where = loaded.locate(`/functions/${fn.name}/handler`);
      warnings.add(`${where.file}:${where.line} /functions/${fn.name}/handler: sweeps do not run handler code: "${fn.name}"'s outcomes come from its duration and errorRate`);
    }
    if (scenarioName === '') {
      scenarioName = loaded.scenario.name;
      scenarioSeed = loaded.scenario.seed;
    }
  }
  if (!args.quiet) for (const warning of warnings) process.stderr.write(`slsim: warning: ${warning}\n`);

  const header = {
    scenario: scenarioName,
    file: args.file,
    seed: scenarioSeed,
    sets: grid.sets,
    axes: grid.axes,
    pointCount: grid.size,
    definition: definitionOf(args.file, grid.sets, seed, args.adapters),
  };
  const results = await runPoints(points, { file: args.file, seed, maxEvents, adapters: args.adapters, threads, quiet: args.quiet });
  const report = buildSweepReport(header, shard, results);
  return writeOutputs(report, args);
}

export interface MergeArgs {
  files: string[];
  json?: string | undefined;
  html?: string | undefined;
  quiet: boolean;
}

export async function mergeCommand(args: MergeArgs): Promise<number> {
  const shards = args.files.map(readSweepReport);
  const report = mergeSweepReports(shards, args.files);
  return writeOutputs(report, args);
}

interface RunContext {
  file: string;
  seed: number | undefined;
  maxEvents: number | undefined;
  adapters: string[];
  threads: number | undefined;
  quiet: boolean;
}

async function runPoints(points: GridPoint[], context: RunContext): Promise<SweepPointReport[]> {
  if (points.length === 0) return [];
  const threads = Math.max(1, Math.min(context.threads ?? availableParallelism(), points.length));
  // One thread: the points run one after another on this thread (a worker would only load the engine a second time).
  const pool =
    threads === 1 ? null : new Piscina<PointTask, PointOutcome>({ filename: workerUrl(), minThreads: threads, maxThreads: threads, idleTimeout: 1000 });
  const out: SweepPointReport[] = [];
  let finished = 0;
  const runOne = async (point: GridPoint): Promise<void> => {
    const task: PointTask = { file: context.file, set: point.set, seed: context.seed, maxEvents: context.maxEvents, adapters: context.adapters };
    const outcome = pool === null ? await runPoint(task) : await pool.run(task);
    if (!outcome.ok) throw errorOf(outcome);
    finished++;
    out.push({ index: point.index, settings: point.settings, set: point.set, ...outcome.summary });
    if (!context.quiet) {
      const where = Object.entries(point.settings)
        .map(([path, value]) => `${axisLabel(path)}=${display(value)}`)
        .join(' ');
      const { costUsd, latencyP99Ms } = outcome.summary;
      process.stderr.write(
        `  [${finished}/${points.length}] #${point.index + 1} ${where}: cost ${usd(costUsd)}, latency p99 ${ms(latencyP99Ms)} (${outcome.wallSeconds.toFixed(2)} s)\n`,
      );
    }
  };
  try {
    if (pool === null) for (const point of points) await runOne(point);
    else await Promise.all(points.map(runOne));
  } finally {
    await pool?.destroy();
  }
  return out;
}

/** The compiled worker (dist/cli/sweep/worker.js), also when this module runs from its TypeScript source. */
function workerUrl(): string {
  const here = new URL(import.meta.url);
  return here.pathname.endsWith('.ts') ? new URL('../../dist/cli/sweep/worker.js', here).href : new URL('../sweep/worker.js', here).href;
}

function writeOutputs(report: SweepReport, args: { json?: string | undefined; html?: string | undefined; quiet: boolean }): number {
  const jsonToStdout = args.json === '-';
  if (args.json !== undefined) {
    const text = JSON.stringify(report, null, 2) + '\n';
    if (jsonToStdout) standardOutput().write(text);
    else writeFile(args.json, text, 'sweep report');
  }
  if (args.html !== undefined) writeFile(args.html, sweepPage(report), 'sweep page');
  const stream = jsonToStdout ? process.stderr : standardOutput();
  if (!args.quiet) stream.write(formatSweepTable(report, paletteFor(stream)) + '\n');
  return 0;
}

/** Shards of one sweep share this: the scenario's bytes, the --set list, the seed and the adapters. */
function definitionOf(file: string, sets: string[], seed: number | undefined, adapters: string[]): string {
  const hash = createHash('sha256');
  hash.update(readFileSync(file));
  hash.update(JSON.stringify({ sets, seed: seed ?? null, adapters }));
  return `sha256:${hash.digest('hex').slice(0, 16)}`;
}

function parseThreads(value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < 1) throw new InputError('SLSIM_ERR_BAD_VALUE', `--threads must be a whole number of at least 1, got "${value}"`);
  return value;
}

function writeFile(path: string, text: string, what: string): void {
  try {
    writeFileSync(path, text);
  } catch (error) {
    throw new InputError('SLSIM_ERR_FILE', `cannot write the ${what}: ${(error as Error).message}`, { file: path });
  }
}
