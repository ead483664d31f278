/**
 * The `slsim` command line (docs/cli.md): run, validate, sweep, merge, diff,
 * events, adapters. A plain run or validate line is read by quick-args.ts;
 * any other (help, other commands, mistakes) by yargs, loaded then
 * (yargs-args.ts). Exit codes: 0 the run finished and every expectation held;
 * 1 an expectation failed; 2 the input is wrong (one line naming file, line
 * and path, no stack trace); 3 the simulator failed (a bug: the message says
 * so).
 */
import { AdapterFault } from '../core/engine/adapter-fault.js';
import { InputError } from '../core/errors.js';
import { perform } from './invocation.js';
import { packageVersion } from './package-version.js';
import { standardOutput } from './standard-output.js';
import { quickParse } from './quick-args.js';

export async function main(argv: string[]): Promise<number> {
  // The one answer worth giving without yargs' 0.1 s: scripts ask for it.
  if (argv.length === 1 && argv[0] === '--version') {
    standardOutput().write(`${packageVersion()}\n`);
    return 0;
  }
  const invocation = quickParse(argv) ?? (await (await import('./yargs-args.js')).parseWithYargs(argv));
  // No invocation: yargs answered by itself (--help, --version).
  return invocation === null ? 0 : perform(invocation);
}

/** Maps any error to its exit code and one message on standard error. */
export function reportError(error: unknown): number {
  if (error instanceof InputError) {
    process.stderr.write(`slsim: ${error.message}\n`);
    return 2;
  }
  if (error instanceof AdapterFault) {
    process.stderr.write(`slsim: ${error.message}\n`);
    if (process.env.SLSIM_DEBUG && error.cause instanceof Error) process.stderr.write(`${error.cause.stack}\n`);
    return 3;
  }
  const detail = error instanceof Error ? error.message : String(error);
  process.stderr.write(`slsim: internal error (a bug in slsim, please report it): ${detail}\n`);
  if (process.env.SLSIM_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  return 3;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.exitCode = reportError(error);
  },
);

// Once nothing is left to do (every output written, every worker closed), exit at once: a natural exit
// first tears V8 down in full, about 10 ms after a long run (docs/performance.md).
process.once('beforeExit', () => process.exit());
