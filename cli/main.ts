/**
 * The `slsim` command line (cli.md): run, validate, events, adapters.
 * Exit codes: 0 the run finished and every expectation held; 1 an expectation
 * failed; 2 the input is wrong (one line naming file, line and path, no stack
 * trace); 3 the simulator failed (a bug: the message says so).
 */
import yargs, { type Argv } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { readFileSync } from 'node:fs';
import { AdapterFault } from '../core/engine/adapter-fault.js';
import { InputError } from '../core/errors.js';
import { closest } from '../core/scenario/did-you-mean.js';
import { runCommand, validateCommand } from './commands/run.js';
import { adaptersCommand, eventsCommand } from './commands/inspect.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

/** Options every command that reads a scenario takes. */
function scenarioOptions<T>(y: Argv<T>) {
  return y
    .positional('file', { type: 'string', describe: 'scenario file (YAML or JSON)', demandOption: true })
    .option('set', { type: 'string', array: true, describe: 'override a value: PATH=VALUE (repeatable)', default: [] as string[] })
    .option('adapter', { type: 'string', array: true, describe: 'load a source adapter module by path (repeatable)', default: [] as string[] });
}

export async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  const cli = yargs(argv)
    .parserConfiguration({ 'parse-numbers': true, 'parse-positional-numbers': false })
    .scriptName('slsim')
    .usage('$0 <command> [options]\n\nReplays a serverless design in simulated time: concurrency, throttles, cold starts, latency, delivery and cost.')
    .command(
      'run <file>',
      'replay a scenario and print its summary',
      (y) =>
        scenarioOptions(y)
          .option('seed', { type: 'string', describe: "random seed, an integer (overrides the scenario's)" })
          .option('json', { type: 'string', nargs: 1, describe: 'write the JSON report to this file (- for standard output)' })
          .option('quiet', { type: 'boolean', alias: 'q', default: false, describe: 'no summary, no progress bar' })
          .example('$0 run scenarios/checkout-api.yaml', 'run the showcase')
          .example('$0 run my.yaml --seed 7 --json out.json', 'another seed, report to a file')
          .example('$0 run my.yaml --set functions.f.memory=2048', 'try another memory size'),
      async (args) => {
        exitCode = await runCommand({
          file: args.file!,
          set: args.set,
          adapters: args.adapter,
          seed: args.seed,
          json: args.json,
          quiet: args.quiet,
        });
      },
    )
    .command(
      'validate <file>',
      'load and check a scenario without running it',
      (y) => scenarioOptions(y).example('$0 validate my.yaml', 'check names, values, cron expressions and expect paths'),
      async (args) => {
        exitCode = await validateCommand({ file: args.file!, set: args.set, adapters: args.adapter });
      },
    )
    .command(
      'events <type>',
      'print one sample event payload of a source type, as AWS would send it',
      (y) =>
        y
          .positional('type', { type: 'string', demandOption: true, describe: 'source type, e.g. schedule' })
          .option('adapter', { type: 'string', array: true, default: [] as string[], describe: 'load a source adapter module by path' })
          .example('$0 events schedule', 'the Scheduled Event payload'),
      async (args) => {
        exitCode = await eventsCommand(args.type!, args.adapter);
      },
    )
    .command(
      'adapters',
      'list the source adapters that are loaded, with their versions',
      (y) => y.option('adapter', { type: 'string', array: true, default: [] as string[], describe: 'load a source adapter module by path' }),
      async (args) => {
        exitCode = await adaptersCommand(args.adapter);
      },
    )
    .demandCommand(1, 'Say which command to run: slsim run FILE, slsim validate FILE, slsim events TYPE, slsim adapters.')
    .strict()
    .version(pkg.version)
    .help()
    .alias('h', 'help')
    .wrap(Math.min(100, process.stdout.columns || 100))
    .fail((message, error) => {
      if (error) throw error;
      throw new InputError('SLSIM_ERR_BAD_VALUE', `${explainUsage(message, argv)} (see slsim --help)`);
    });
  await cli.parseAsync();
  return exitCode;
}

/** yargs' usage messages, said the way the rest of slsim says things. */
function explainUsage(message: string, argv: readonly string[]): string {
  if (message.startsWith('Not enough non-option arguments')) {
    const command = argv.find((a) => !a.startsWith('-')) ?? 'run';
    return `${command} needs a ${command === 'events' ? 'source TYPE' : 'scenario FILE'}: slsim ${command} ${command === 'events' ? 'TYPE' : 'FILE'}`;
  }
  const unknown = /^Unknown arguments?: (.+)$/.exec(message);
  if (unknown) {
    const names = unknown[1]!.split(', ');
    const hints = names.map((name) => {
      const hint = closest(name, KNOWN_OPTIONS);
      return hint ? `${name} (did you mean --${hint}?)` : name;
    });
    return `unknown argument${names.length > 1 ? 's' : ''}: ${hints.join(', ')}`;
  }
  return message;
}

const KNOWN_OPTIONS = ['seed', 'json', 'quiet', 'set', 'adapter', 'help', 'version'];

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

main(hideBin(process.argv)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.exitCode = reportError(error);
  },
);
