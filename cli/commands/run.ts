/**
 * `slsim run` and `slsim validate`: load a scenario (errors located in the
 * file), then either run it, print the summary and write the JSON report, or
 * stop after every load-time check has passed. The console summary, the
 * progress bar and the table over time are loaded only when they are shown:
 * `run --quiet` needs none of them (start-up time, README "Development").
 */
import { writeFileSync } from 'node:fs';
import { createRegistry } from '../../adapters/built-in.js';
import { prepareRun } from '../../core/engine/run-scenario.js';
import { checkHandlers, runWithHandlers } from '../handler-run.js';
import { InputError } from '../../core/errors.js';
import { loadScenario } from '../../core/scenario/load.js';
import { formatEventCount } from '../../core/scenario/work-estimate.js';
import { formatDuration } from '../../core/units.js';
import type { ProgressBar } from '../progress.js';
import { loadScenarioAdapters } from '../scenario-adapters.js';
import { standardOutput } from '../standard-output.js';

export interface RunArgs {
  file: string;
  set: string[];
  adapters: string[];
  seed?: string | undefined;
  json?: string | undefined;
  /** Write the HTML report (charts, tables, expectations) to this file. */
  html?: string | undefined;
  quiet: boolean;
  /** `--max-events`, as typed. */
  maxEvents?: string | undefined;
  /** `--every`: a table over time in windows of this duration (`1m`), or per load phase (`phase`). */
  every?: string | undefined;
  /** `--workers` and `--handler-logs`: the worker pool for real handler code (cli/handler-run.ts). */
  workers?: string | undefined;
  handlerLogs?: string | undefined;
}

/** The largest seed: seeds are 32-bit (core/random.ts), as the scenario schema says. */
const MAX_SEED = 2 ** 32 - 1;

/** `--seed`: a whole number from 0 to 2^32 − 1, written in digits. */
export function parseSeed(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const trimmed = String(text).trim();
  const seed = Number(trimmed);
  if (!/^\d+$/.test(trimmed) || !(seed <= MAX_SEED)) {
    throw new InputError('SLSIM_ERR_BAD_VALUE', `--seed must be an integer from 0 to ${MAX_SEED}, got "${text}"`);
  }
  return seed;
}

/** `--max-events`: a positive whole number (digits, or with an exponent such as 5e9). */
export function parseMaxEvents(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const trimmed = String(text).trim();
  const n = Number(trimmed);
  if (!/^\d+(e\d+)?$/i.test(trimmed) || !Number.isSafeInteger(n) || n < 1) {
    throw new InputError('SLSIM_ERR_BAD_VALUE', `--max-events must be a whole number of events, at least 1 (e.g. 5000000000 or 5e9), got "${text}"`);
  }
  return n;
}

export async function runCommand(args: RunArgs): Promise<number> {
  const seed = parseSeed(args.seed);
  const maxEvents = parseMaxEvents(args.maxEvents);
  if (args.html !== undefined && (args.html === '-' || args.html.trim() === '')) {
    throw new InputError('SLSIM_ERR_BAD_VALUE', '--html needs a file name, e.g. --html report.html');
  }
  const registry = await createRegistry(args.adapters, []);
  const source = await loadScenarioAdapters(args.file, registry, args.set);
  const loaded = loadScenario(args.file, registry, { set: args.set, seed, maxEvents, source });
  if (!args.quiet) for (const warning of loaded.warnings) process.stderr.write(`slsim: warning: ${warning}\n`);
  const windows = args.every === undefined ? undefined : await import('../../core/report/windows.js');
  const every = windows?.parseEvery(args.every!, loaded.scenario);
  const jsonToStdout = args.json === '-';
  const bar: ProgressBar = args.quiet ? NO_PROGRESS : (await import('../progress.js')).progressBar(process.stderr, loaded.scenario.durationMs, true);
  let report;
  try {
    report = await runWithHandlers(loaded, registry, { onProgress: (now, events) => bar.update(now, events) }, args);
  } finally {
    bar.done();
  }
  if (args.json !== undefined) {
    const text = JSON.stringify(report, null, 2) + '\n';
    if (jsonToStdout) standardOutput().write(text);
    else writeReport(args.json, text);
  }
  if (args.html !== undefined) {
    // Loaded only when asked for (start-up).
    const [{ renderHtmlReport }, { concurrencyLimits }] = await Promise.all([import('../html/render-page.js'), import('../html/limits.js')]);
    writeReport(args.html, renderHtmlReport(report, { limits: concurrencyLimits(loaded.scenario) }));
  }
  const failed = report.expectations.some((e) => !e.pass);
  // Nothing to print: --quiet, no --every, every expectation held.
  if (args.quiet && every === undefined && !failed) return 0;
  const [{ paletteFor }, { expectationLines, formatSummary, formatWindows }] = await Promise.all([import('../colour.js'), import('../summary.js')]);
  // Touched only now: a standard stream loads Node's stream modules (start-up of `run --quiet`).
  const summaryStream = jsonToStdout ? process.stderr : standardOutput();
  const palette = paletteFor(summaryStream);
  if (!args.quiet) summaryStream.write(formatSummary(report, palette, { trafficMs: loaded.scenario.durationMs, handlerLogs: args.handlerLogs }) + '\n');
  if (windows !== undefined && every !== undefined) {
    // Asked for by name, so shown with --quiet too.
    const rows = windows.tabulate(report, windows.windowsOf(every, report.simulated.seconds * 1000), loaded.scenario.durationMs);
    const title = every.kind === 'phase' ? 'over time, per load phase' : `over time, every ${args.every!.trim()}`;
    summaryStream.write(`${args.quiet ? '' : '\n'}${formatWindows(report, rows, palette, title)}\n`);
  }
  // --quiet hides the summary, never a failed expectation.
  if (args.quiet) for (const line of expectationLines(report, paletteFor(process.stderr), true)) process.stderr.write(`${line}\n`);
  if (args.html !== undefined && !args.quiet) summaryStream.write(`HTML report: ${args.html}\n`);
  return failed ? 1 : 0;
}

/** `--quiet`: no progress shown (cli/progress.ts shows none either when disabled). */
const NO_PROGRESS: ProgressBar = { update() {}, done() {} };

/** What `slsim validate` takes: the scenario options of `run` without the outputs. */
export type ValidateArgs = Pick<RunArgs, 'file' | 'set' | 'adapters' | 'maxEvents'>;

export async function validateCommand(args: ValidateArgs): Promise<number> {
  const maxEvents = parseMaxEvents(args.maxEvents);
  const registry = await createRegistry(args.adapters, []);
  const source = await loadScenarioAdapters(args.file, registry, args.set);
  const loaded = loadScenario(args.file, registry, { set: args.set, maxEvents, source });
  prepareRun(loaded, registry);
  await checkHandlers(loaded);
  for (const warning of loaded.warnings) process.stderr.write(`slsim: warning: ${warning}\n`);
  const { scenario } = loaded;
  standardOutput().write(
    `${args.file}: valid · ${scenario.functions.length} function(s), ${scenario.sources.length} source(s), ` +
      `${scenario.expect.length} expectation(s) · ${formatDuration(scenario.durationMs)} of traffic · ` +
      `about ${formatEventCount(loaded.estimate.events)} events\n`,
  );
  return 0;
}

function writeReport(path: string, text: string): void {
  try {
    writeFileSync(path, text);
  } catch (error) {
    throw new InputError('SLSIM_ERR_FILE', `cannot write the report: ${(error as Error).message}`, { file: path });
  }
}
