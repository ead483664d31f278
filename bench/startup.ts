/**
 * The figures of docs/performance.md that include the start of the process: each
 * runs the built `slsim` command (bin/slsim.cjs) in a child process and times
 * it from spawn to exit, as a user waits for it. Times are the best of a few
 * runs, the usual way to take noise from other processes out of a start-up
 * time. Each figure returns its line for `npm run bench` and whether it meets
 * its target.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { referenceYaml } from './reference-scenario.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const slsim = join(root, 'bin', 'slsim.cjs');

export interface Figure {
  line: string;
  met: boolean;
}

/** docs/performance.md, `bench start-up`: a one-minute scenario, small enough that the run is all start-up. */
const ONE_MINUTE = `name: one minute
duration: 1m
functions:
  f: { memory: 128, duration: 100ms }
sources:
  api:
    type: invoke
    targets: [f]
    load: { phases: [ { duration: 1m, arrivalRate: 10 } ] }
`;

/** Seconds from spawn to exit of `node ARGS`; throws if it fails. */
function timed(args: readonly string[]): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return seconds;
}

/** The best of `runs` times of each command, run in turns so that both see the same load. */
function best(commands: readonly (readonly string[])[], runs: number): number[] {
  const times = commands.map(() => Infinity);
  for (let i = 0; i < runs; i++) commands.forEach((args, c) => (times[c] = Math.min(times[c]!, timed(args))));
  return times;
}

function withScratch<T>(body: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'slsim-bench-'));
  try {
    return body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `slsim run` of a one-minute scenario, minus a bare `node -e 0` (target: within 150 ms). */
export function startupFigure(runs = 9): Figure {
  return withScratch((dir) => {
    const file = join(dir, 'one-minute.yaml');
    writeFileSync(file, ONE_MINUTE);
    const [bare, run] = best([['-e', '0'], [slsim, 'run', file, '--quiet']], runs);
    const extraMs = (run! - bare!) * 1000;
    const met = extraMs <= 150;
    return {
      met,
      line: `bench start-up: slsim run of a one-minute scenario in ${run!.toFixed(3)} s, node -e 0 in ${bare!.toFixed(3)} s: +${extraMs.toFixed(0)} ms (best of ${runs}; target ≤ +150 ms ${met ? 'met' : 'MISSED'})`,
    };
  });
}

/** The reference workload through the command line, start-up and report included, as a share of the floor (target: 35%). */
export function cliReferenceFigure(floorPerSecond: number, invocations = 5_000_000, runs = 2): Figure {
  return withScratch((dir) => {
    const file = join(dir, 'reference.yaml');
    const json = join(dir, 'report.json');
    writeFileSync(file, referenceYaml(invocations));
    const [seconds] = best([[slsim, 'run', file, '--quiet', '--json', json]], runs);
    const fn = (JSON.parse(readFileSync(json, 'utf8')) as { functions: Record<string, { Invocations: number; Throttles: number }> }).functions.f!;
    const count = fn.Invocations + fn.Throttles;
    const perSecond = Math.round(count / seconds!);
    const ratio = perSecond / floorPerSecond;
    const met = ratio >= 0.35;
    return {
      met,
      line: `bench command line: ${count} invocations of the reference workload by slsim run in ${seconds!.toFixed(2)} s, whole process = ${perSecond}/s (${(ratio * 100).toFixed(0)}% of the floor; best of ${runs}; target ≥ 35% ${met ? 'met' : 'MISSED'})`,
    };
  });
}

/**
 * SimFaaS's own README example (scenarios/simfaas-readme.yaml, about 900,000
 * requests), whole process (target: under 0.4 s). A bare `node -e 0`, timed in
 * turns with it, says how fast the machine was at the time.
 */
export function simfaasFigure(runs = 5): Figure {
  const [bare, seconds] = best([['-e', '0'], [slsim, 'run', join(root, 'scenarios', 'simfaas-readme.yaml'), '--quiet']], runs);
  const met = seconds! < 0.4;
  return {
    met,
    line: `bench SimFaaS example: slsim run scenarios/simfaas-readme.yaml (0.9 requests/s for 1e6 s) in ${seconds!.toFixed(3)} s, whole process; node -e 0 in ${bare!.toFixed(3)} s (best of ${runs}; target < 0.4 s ${met ? 'met' : 'MISSED'})`,
  };
}
