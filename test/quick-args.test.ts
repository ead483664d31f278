/**
 * The quick reading of plain `run` and `validate` lines (cli/quick-args.ts)
 * against yargs, which reads every other line (cli/yargs-args.ts): whenever
 * the quick reader accepts a command line, yargs reads it as the same
 * invocation; lines it is not sure of (help, unknown options, values that
 * look like options, a file swallowed by a list) are left to yargs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quickParse } from '../cli/quick-args.js';
import { parseWithYargs } from '../cli/yargs-args.js';

const tokens = fc.constantFrom(
  'a.yaml', 'scenarios/checkout-api.yaml', 'b.json', '7', 'true', 'false', '', '-', '--', 'out.json', 'x=1', 'functions.f.memory=2048,4096',
  '007', '1e3', '5e9', '-1', '1m', 'phase', 'seed=9',
  '--set', '--adapter', '--seed', '--json', '--html', '--every', '--max-events', '--quiet', '-q',
  '--help', '-h', '--version', '--set=x=1', '--no-quiet', '--maxEvents', '--jsn', '-x', '--threads', '--shard',
);
const lines = fc.tuple(fc.constantFrom('run', 'validate'), fc.array(tokens, { maxLength: 9 })).map(([command, rest]) => [command, ...rest]);

describe('quick reading of run and validate', () => {
  it('reads the documented lines as yargs does', async () => {
    for (const line of [
      ['run', 'scenarios/checkout-api.yaml'],
      ['run', 'my.yaml', '--seed', '7', '--json', 'out.json'],
      ['run', 'my.yaml', '--json', '-', '--quiet'],
      ['run', 'my.yaml', '--html', 'report.html', '-q'],
      ['run', 'my.yaml', '--set', 'functions.f.memory=2048', '--set', 'seed=3'],
      ['run', '--every', '1m', 'my.yaml', '--max-events', '5e9'],
      ['run', 'my.yaml', '--adapter', './bus.mjs', '--every', 'phase'],
      ['validate', 'my.yaml', '--set', 'functions.f.memory=2048', '--max-events', '100'],
    ]) {
      const quick = quickParse(line);
      expect(quick, line.join(' ')).not.toBeNull();
      expect(quick).toStrictEqual(await parseWithYargs(line));
    }
  });

  it('leaves help, other commands and doubtful lines to yargs', () => {
    for (const line of [
      [], ['--help'], ['run', '--help'], ['run', 'a.yaml', '-h'], ['--version'], ['sweep', 'a.yaml'], ['events', 'sqs'], ['adapters'],
      ['run'], ['run', 'a.yaml', 'b.yaml'], ['run', 'a.yaml', '--json'], ['run', 'a.yaml', '--jsn', 'x'], ['run', 'a.yaml', '--set=x=1'],
      ['run', '--set', 'x=1', 'a.yaml'], ['run', 'a.yaml', '--quiet', 'true'], ['run', 'a.yaml', '--seed', '-1'], ['run', 'a.yaml', '--seed', '1', '--seed', '2'],
      ['validate', 'a.yaml', '--json', 'out.json'], ['run', 'a.yaml', '--'],
    ]) {
      expect(quickParse(line), line.join(' ')).toBeNull();
    }
  });

  it('never reads a line otherwise than yargs (random lines)', async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(lines, async (line) => {
        const quick = quickParse(line);
        if (quick === null) return;
        accepted++;
        expect(quick).toStrictEqual(await parseWithYargs(line));
      }),
      { seed: 31, numRuns: 3000 },
    );
    expect(accepted).toBeGreaterThan(100);
  });
});
