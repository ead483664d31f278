/**
 * What a command line asks slsim to do, once parsed (by quick-args.ts or by
 * yargs, yargs-args.ts), and doing it. Only `run` and `validate` are loaded
 * up front: the other commands load on demand, so start-up pays only for what
 * it runs.
 */
import { runCommand, validateCommand, type RunArgs, type ValidateArgs } from './commands/run.js';
import type { MergeArgs, SweepArgs } from './commands/sweep.js';

export type Invocation =
  | { command: 'run'; args: RunArgs }
  | { command: 'validate'; args: ValidateArgs }
  | { command: 'events'; type: string; adapters: string[] }
  | { command: 'adapters'; adapters: string[] }
  | { command: 'sweep'; args: SweepArgs }
  | { command: 'merge'; args: MergeArgs }
  | { command: 'diff'; args: { a: string; b: string } };

/** Runs the command; resolves to its exit code (cli/main.ts). */
export async function perform(invocation: Invocation): Promise<number> {
  switch (invocation.command) {
    case 'run':
      return runCommand(invocation.args);
    case 'validate':
      return validateCommand(invocation.args);
    case 'events':
      return (await import('./commands/inspect.js')).eventsCommand(invocation.type, invocation.adapters);
    case 'adapters':
      return (await import('./commands/inspect.js')).adaptersCommand(invocation.adapters);
    case 'sweep':
      return (await import('./commands/sweep.js')).sweepCommand(invocation.args);
    case 'merge':
      return (await import('./commands/sweep.js')).mergeCommand(invocation.args);
    case 'diff':
      return (await import('./commands/diff.js')).diffCommand(invocation.args);
  }
}
