/**
 * The common command lines of `slsim run` and `slsim validate`, read without
 * yargs, whose import alone costs about 0.1 s of every start
 * (docs/performance.md, "bench start-up"). Only plain forms are recognised: the command first, one scenario
 * file, and each known option written `--name value` (or `--quiet`, `-q`) at
 * most once, `--set` and `--adapter` as often as wanted. Anything else (help,
 * `--name=value`, an unknown option, a value that starts with a dash, a
 * missing file) returns null and yargs reads the line (yargs-args.ts), so
 * every error and message stays yargs'. For the lines recognised here, both
 * give the same invocation (test/quick-args.test.ts).
 */
import type { Invocation } from './invocation.js';

/** How an option takes its value: one value, repeatable (yargs `array`), or none (a flag). */
type Kind = 'value' | 'repeatable' | 'flag';

const SCENARIO_OPTIONS: Record<string, Kind> = { '--set': 'repeatable', '--adapter': 'repeatable', '--max-events': 'value' };
const RUN_OPTIONS: Record<string, Kind> = {
  ...SCENARIO_OPTIONS,
  '--seed': 'value',
  '--json': 'value',
  '--html': 'value',
  '--every': 'value',
  '--workers': 'value',
  '--handler-logs': 'value',
  '--quiet': 'flag',
  '-q': 'flag',
};
/** Options whose value may be a lone dash (standard output). */
const DASH_VALUE = new Set(['--json', '--html']);

/** The invocation of `argv` (the arguments after the script) when it is a plain run or validate line, else null. */
export function quickParse(argv: readonly string[]): Invocation | null {
  const [command, ...rest] = argv;
  if (command !== 'run' && command !== 'validate') return null;
  const known = command === 'run' ? RUN_OPTIONS : SCENARIO_OPTIONS;
  let file: string | undefined;
  const values = new Map<string, string>();
  const lists: Record<string, string[]> = { '--set': [], '--adapter': [] };
  let quiet = false;
  for (let i = 0; i < rest.length; i++) {
    const token = rest[i]!;
    const kind = Object.hasOwn(known, token) ? known[token] : undefined;
    if (kind === undefined) {
      if (token.startsWith('-') || file !== undefined) return null;
      file = token;
    } else if (kind === 'flag') {
      // yargs would read a following true/false as the flag's value, and a second --quiet as a list.
      if (quiet || rest[i + 1] === 'true' || rest[i + 1] === 'false') return null;
      quiet = true;
    } else {
      const value = rest[++i];
      if (value === undefined || (value.startsWith('-') && !(value === '-' && DASH_VALUE.has(token)))) return null;
      if (kind === 'repeatable') {
        // yargs' lists take every value up to the next option: a file after `--set x=1` would be one of them.
        const next = rest[i + 1];
        if (next !== undefined && !next.startsWith('-')) return null;
        lists[token]!.push(value);
      } else {
        if (values.has(token)) return null;
        values.set(token, value);
      }
    }
  }
  if (file === undefined) return null;
  const scenario = { file, set: lists['--set']!, adapters: lists['--adapter']! };
  if (command === 'validate') return { command, args: { ...scenario, maxEvents: values.get('--max-events') } };
  return {
    command,
    args: {
      ...scenario,
      seed: values.get('--seed'),
      json: values.get('--json'),
      html: values.get('--html'),
      quiet,
      maxEvents: values.get('--max-events'),
      every: values.get('--every'),
      workers: values.get('--workers'),
      handlerLogs: values.get('--handler-logs'),
    },
  };
}
