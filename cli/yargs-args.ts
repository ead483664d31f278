/**
 * The whole command line (docs/cli.md) as yargs reads it: every command and
 * option, --help and --version, and yargs' usage errors reworded the way the
 * rest of slsim speaks. Loaded only when quick-args.ts does not recognise the
 * command line (yargs alone costs about 0.1 s to import).
 */
import type { Argv } from 'yargs';
import { InputError } from '../core/errors.js';
import { closest } from '../core/scenario/did-you-mean.js';
import type { Invocation } from './invocation.js';
import { packageVersion } from './package-version.js';


/** Options every command that reads a scenario takes. */
function scenarioOptions<T>(y: Argv<T>) {
  return y
    .positional('file', { type: 'string', describe: 'scenario file (YAML or JSON)', demandOption: true })
    .option('set', { type: 'string', array: true, describe: 'override a value: PATH=VALUE (repeatable)', default: [] as string[] })
    .option('adapter', { type: 'string', array: true, describe: 'load a source adapter module by path (repeatable)', default: [] as string[] });
}

/** `--max-events` of run and validate (docs/scenario-format.md, "How big a run may be"). */
const MAX_EVENTS_OPTION = { type: 'string', describe: 'refuse a scenario whose work is estimated above this many events (default 2000000000)' } as const;

/** The invocation `argv` asks for, parsed by yargs; null when yargs answered itself (--help, --version). */
export async function parseWithYargs(argv: string[]): Promise<Invocation | null> {
  let invocation: Invocation | null = null;
  // An ES module only: imported, so that the command's CommonJS bundle (tools/bundle-cli.mjs) never require()s it.
  const { default: yargs } = await import('yargs');
  const cli = yargs(argv)
    .parserConfiguration({ 'parse-numbers': true, 'parse-positional-numbers': false })
    .scriptName('slsim')
    .usage('$0 <command> [options]\n\nReplays a serverless design in simulated time: concurrency, throttles, cold starts, latency, delivery and cost.')
    .command(
      'run <file>',
      'replay a scenario and print its summary',
      (y) =>
        scenarioOptions(y)
          .option('seed', { type: 'string', describe: "random seed, an integer from 0 to 4294967295 (overrides the scenario's)" })
          .option('max-events', MAX_EVENTS_OPTION)
          .option('json', { type: 'string', nargs: 1, describe: 'write the JSON report to this file (- for standard output)' })
          .option('html', {
            type: 'string',
            nargs: 1,
            describe: 'write the HTML report to this file: one self-contained page (works offline) with charts over simulated time, the tables, the cost and the expectations',
          })
          .option('quiet', {
            type: 'boolean',
            alias: 'q',
            default: false,
            describe: 'no summary, no progress, no warnings; failed expectations are still printed (standard error) and exit 1',
          })
          .option('every', {
            type: 'string',
            nargs: 1,
            describe:
              "a table over time: arrivals, invocations, throttles, cold starts, concurrency and an approximate cost per window of this duration (a multiple of the report's buckets, report.bucket), or per load phase: --every phase",
          })
          .option('workers', {
            type: 'string',
            nargs: 1,
            describe: "worker threads for functions' real handler code (handler: in the scenario); default: the cores",
          })
          .option('handler-logs', {
            type: 'string',
            nargs: 1,
            describe: 'write what handler code logged to this file, each line with its simulated time, function and request id',
          })
          .example('$0 run scenarios/checkout-api.yaml', 'run the showcase')
          .example('$0 run my.yaml --seed 7 --json out.json', 'another seed, report to a file')
          .example('$0 run my.yaml --html report.html', 'the report as a page with charts, to open in a browser')
          .example('$0 run my.yaml --set functions.f.memory=2048', 'try another memory size')
          .example('$0 run my.yaml --every 1m', 'the run minute by minute (or --every phase)')
          .epilogue(
            'Without a terminal (CI, a pipe) a long run prints a line of progress to standard error every 5 s. ' +
              'Costs use pricing.freeTier (default prorated: a run shorter than a month gets its share of the monthly free tier); see docs/cost.md.',
          ),
      (args) => {
        invocation = {
          command: 'run',
          args: {
            file: args.file!,
            set: args.set,
            adapters: args.adapter,
            seed: args.seed,
            json: args.json,
            html: args.html,
            quiet: args.quiet,
            maxEvents: args.maxEvents,
            every: args.every,
            workers: args.workers,
            handlerLogs: args.handlerLogs,
          },
        };
      },
    )
    .command(
      'validate <file>',
      'load and check a scenario without running it: warnings for designs sure to fail, the work it implies',
      (y) =>
        scenarioOptions(y)
          .option('max-events', MAX_EVENTS_OPTION)
          .example('$0 validate my.yaml', 'check names, values, cron expressions and expect paths, estimate the work'),
      (args) => {
        invocation = { command: 'validate', args: { file: args.file!, set: args.set, adapters: args.adapter, maxEvents: args.maxEvents } };
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
      (args) => {
        invocation = { command: 'events', type: args.type!, adapters: args.adapter };
      },
    )
    .command(
      'adapters',
      'list the source adapters that are loaded, with their versions',
      (y) => y.option('adapter', { type: 'string', array: true, default: [] as string[], describe: 'load a source adapter module by path' }),
      (args) => {
        invocation = { command: 'adapters', adapters: args.adapter };
      },
    )
    .command(
      'sweep <file>',
      'run the scenario once per point of a grid of --set values, in parallel; a table of cost and latency',
      (y) =>
        scenarioOptions(y)
          .option('seed', { type: 'string', describe: "random seed for every point (the same traffic at each); overrides the scenario's" })
          .option('shard', { type: 'string', describe: 'run only the i-th of N slices of the grid: i/N, i from 1 (Kubernetes Indexed Jobs, CI matrices)' })
          .option('threads', { type: 'number', describe: 'worker threads (default: the cores)' })
          .option('max-events', MAX_EVENTS_OPTION)
          .option('json', { type: 'string', nargs: 1, describe: 'write the sweep report to this file (- for standard output); slsim merge joins shards' })
          .option('html', { type: 'string', nargs: 1, describe: 'write a page with cost against latency (one file, works offline)' })
          .option('quiet', { type: 'boolean', alias: 'q', default: false, describe: 'no progress, no table' })
          .example('$0 sweep fn.yaml --set functions.f.memory=128,256,512,1024,1769,3008', 'which memory size? (like AWS Lambda Power Tuning)')
          .example('$0 sweep fn.yaml --set functions.f.memory=512,1024 --set functions.f.reservedConcurrency=10,50', 'a grid of 4 points')
          .example('$0 sweep fn.yaml --set functions.f.memory=128,512,2048 --shard 2/3 --json shard-2.json', 'one slice of a bigger sweep')
          .epilogue(
            'A --set with several values (comma-separated) is an axis of the grid; a --set with one value applies to every point. ' +
              'Every point runs with the same seed. Exit 0 when the sweep finished, whatever the expectations of its points. See docs/sweeps.md.',
          ),
      (args) => {
        invocation = {
          command: 'sweep',
          args: {
            file: args.file!,
            set: args.set,
            adapters: args.adapter,
            seed: args.seed,
            shard: args.shard,
            threads: args.threads,
            maxEvents: args.maxEvents,
            json: args.json,
            html: args.html,
            quiet: args.quiet,
          },
        };
      },
    )
    .command(
      'merge <shards..>',
      'join the shard reports of a sweep (slsim sweep --shard i/N --json) into the whole sweep',
      (y) =>
        y
          .positional('shards', { type: 'string', array: true, demandOption: true, describe: 'the sweep reports of the shards, one per shard' })
          .option('json', { type: 'string', nargs: 1, describe: 'write the whole sweep report to this file (- for standard output)' })
          .option('html', { type: 'string', nargs: 1, describe: 'write a page with cost against latency (one file, works offline)' })
          .option('quiet', { type: 'boolean', alias: 'q', default: false, describe: 'no table' })
          .example('$0 merge shard-*.json --json sweep.json --html sweep.html', 'the whole sweep, as if it had run in one go'),
      (args) => {
        invocation = { command: 'merge', args: { files: args.shards as string[], json: args.json, html: args.html, quiet: args.quiet } };
      },
    )
    .command(
      'diff <a> <b>',
      'two run reports side by side: every metric and cost line that changed, with the change',
      (y) =>
        y
          .positional('a', { type: 'string', demandOption: true, describe: 'a run report (slsim run FILE --json OUT)' })
          .positional('b', { type: 'string', demandOption: true, describe: 'another run report' })
          .example('$0 diff before.json after.json', 'what changed between two runs'),
      (args) => {
        invocation = { command: 'diff', args: { a: args.a!, b: args.b! } };
      },
    )
    .demandCommand(1, 'Say which command to run: slsim run FILE, slsim validate FILE, slsim events TYPE, slsim adapters.')
    .strict()
    .version(packageVersion())
    .help()
    .alias('h', 'help')
    .wrap(Math.min(100, process.stdout.columns || 100))
    .fail((message, error) => {
      // yargs' own usage errors (a flag without its value) are the user's, not a bug.
      if (error && error.name !== 'YError') throw error;
      if (error) message = error.message;
      throw new InputError('SLSIM_ERR_BAD_VALUE', `${explainUsage(message, argv)} (see slsim --help)`);
    });
  await cli.parseAsync();
  return invocation;
}

/** yargs' usage messages, said the way the rest of slsim says things. */
function explainUsage(message: string, argv: readonly string[]): string {
  if (message.startsWith('Not enough non-option arguments')) {
    const command = argv.find((a) => !a.startsWith('-')) ?? 'run';
    return `${command} needs a ${command === 'events' ? 'source TYPE' : 'scenario FILE'}: slsim ${command} ${command === 'events' ? 'TYPE' : 'FILE'}`;
  }
  const missing = /^Not enough arguments following: (.+)$/.exec(message);
  if (missing) return `--${missing[1]} needs a value${missing[1] === 'json' ? ': a file, or - for standard output' : ''}`;
  const unknown = /^Unknown arguments?: (.+)$/.exec(message);
  if (unknown) {
    const listed = unknown[1]!.split(', ');
    // yargs names a dashed flag twice (max-event, maxEvent): keep the one typed.
    const camel = (name: string) => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    const names = listed.filter((name) => !listed.some((other) => other !== name && other.includes('-') && camel(other) === name));
    const hints = names.map((name) => {
      const hint = closest(name, KNOWN_OPTIONS);
      return hint ? `${name} (did you mean --${hint}?)` : name;
    });
    return `unknown argument${names.length > 1 ? 's' : ''}: ${hints.join(', ')}`;
  }
  return message;
}

const KNOWN_OPTIONS = ['seed', 'json', 'html', 'quiet', 'set', 'adapter', 'max-events', 'every', 'help', 'version', 'shard', 'threads', 'workers', 'handler-logs'];
