/**
 * `slsim run` and `slsim validate`: load a scenario (errors located in the
 * file), then either run it, print the summary and write the JSON report, or
 * stop after every load-time check has passed.
 */
import { writeFileSync } from 'node:fs';
import { createRegistry } from '../../adapters/index.js';
import { prepareRun, runScenario } from '../../core/engine/run-scenario.js';
import { InputError } from '../../core/errors.js';
import { loadScenario } from '../../core/scenario/load.js';
import { formatDuration } from '../../core/units.js';
import { paletteFor } from '../colour.js';
import { progressBar } from '../progress.js';
import { formatSummary } from '../summary.js';

export interface RunArgs {
  file: string;
  set: string[];
  adapters: string[];
  seed?: string | undefined;
  json?: string | undefined;
  quiet: boolean;
}

export async function runCommand(args: RunArgs): Promise<number> {
  const seed = args.seed === undefined ? undefined : Number(args.seed);
  if (seed !== undefined && (!/^-?\d+$/.test(args.seed!.trim()) || !Number.isSafeInteger(seed))) {
    throw new InputError('SLSIM_ERR_BAD_VALUE', `--seed must be an integer, got "${args.seed}"`);
  }
  const registry = await createRegistry(args.adapters);
  const loaded = loadScenario(args.file, registry, { set: args.set, seed });
  if (!args.quiet) for (const warning of loaded.warnings) process.stderr.write(`slsim: warning: ${warning}\n`);
  const jsonToStdout = args.json === '-';
  const summaryStream = jsonToStdout ? process.stderr : process.stdout;
  const bar = progressBar(process.stderr, loaded.scenario.durationMs, !args.quiet);
  let report;
  try {
    report = runScenario(loaded, registry, { onProgress: (now, events) => bar.update(now, events) });
  } finally {
    bar.done();
  }
  if (args.json !== undefined) {
    const text = JSON.stringify(report, null, 2) + '\n';
    if (jsonToStdout) process.stdout.write(text);
    else writeReport(args.json, text);
  }
  if (!args.quiet) summaryStream.write(formatSummary(report, paletteFor(summaryStream)) + '\n');
  return report.expectations.every((e) => e.pass) ? 0 : 1;
}

export async function validateCommand(args: { file: string; set: string[]; adapters: string[] }): Promise<number> {
  const registry = await createRegistry(args.adapters);
  const loaded = loadScenario(args.file, registry, { set: args.set });
  prepareRun(loaded, registry);
  for (const warning of loaded.warnings) process.stderr.write(`slsim: warning: ${warning}\n`);
  const { scenario } = loaded;
  process.stdout.write(
    `${args.file}: valid · ${scenario.functions.length} function(s), ${scenario.sources.length} source(s), ` +
      `${scenario.expect.length} expectation(s) · ${formatDuration(scenario.durationMs)} of traffic\n`,
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
