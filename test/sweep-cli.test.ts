/**
 * `slsim sweep`, `slsim merge` and `slsim diff` as a user meets them: the
 * built command (npm test builds first), run as a process. N shards merged
 * equal the unsharded sweep byte for byte; a run diffed against itself shows
 * no change, against another memory size the cost lines and nothing else.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { slsim, slsimAsync } from './command.js';




const SCENARIO = `
name: sweep fixture
seed: 7
duration: 60s
drain: 5m
pricing: { freeTier: false }
functions:
  f:
    memory: 1769
    timeout: 30s
    duration: { dist: lognormal, median: 300ms, p99: 900ms }
    durationAt: 1769
sources:
  calls:
    type: invoke
    targets: [f]
    load: { phases: [ { duration: 60s, arrivalRate: 5 } ] }
expect:
  - functions.f.Throttles == 0
`;

/** Not CPU-bound: memory changes only the bill. */
const PLAIN = SCENARIO.replace('    durationAt: 1769\n', '').replace('{ dist: lognormal, median: 300ms, p99: 900ms }', '200ms');

let dir: string;
let file: string;
let plain: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'slsim-sweep-'));
  file = join(dir, 'fixture.yaml');
  plain = join(dir, 'plain.yaml');
  writeFileSync(file, SCENARIO);
  writeFileSync(plain, PLAIN);
});

describe('slsim sweep', () => {
  it('--help names the grid, --shard, merge and diff', () => {
    const help = slsim('--help').stdout;
    for (const command of ['sweep <file>', 'merge <shards..>', 'diff <a> <b>']) expect(help).toContain(command);
    const sweepHelp = slsim('sweep', '--help').stdout;
    for (const option of ['--set', '--shard', '--json', '--html', '--seed']) expect(sweepHelp).toContain(option);
  });

  it('runs every point, prints the table with the cheapest and fastest marked, progress on stderr', () => {
    const r = slsim('sweep', file, '--set', 'functions.f.memory=256,1769,3008', '--threads', '2');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/sweep fixture · sweep of 3 points · seed 7/);
    const rows = r.stdout.split('\n').filter((l) => /^\s+\d\s+[\d,]+\s+\$/.test(l));
    expect(rows).toHaveLength(3);
    // CPU-bound: 1,769 MB is as fast as 3,008 MB (single-threaded code), and cheaper.
    expect(rows[1]).toMatch(/1,769 .*fastest$/);
    expect(rows.filter((row) => /← .*cheapest/.test(row))).toHaveLength(1);
    expect(rows[2]).not.toMatch(/←/);
    expect(r.stderr.match(/^ {2}\[\d\/3\] #\d f\.memory=/gm)).toHaveLength(3);
  });

  it('N shards merged equal the unsharded sweep, byte for byte; a missing shard is refused', async () => {
    const sets = ['--set', 'functions.f.memory=512,1024,1769', '--set', 'functions.f.reservedConcurrency=5,50', '--set', 'pricing.freeTier=false'];
    const whole = join(dir, 'whole.json');
    const shards = [1, 2, 3].map((i) => join(dir, `shard-${i}.json`));
    const runs = await Promise.all([
      // The whole sweep on two worker threads, the shards on their main thread: both paths write the same bytes.
      slsimAsync('sweep', file, ...sets, '--threads', '2', '--quiet', '--json', whole),
      ...shards.map((out, i) => slsimAsync('sweep', file, ...sets, '--shard', `${i + 1}/3`, '--threads', '1', '--quiet', '--json', out)),
    ]);
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const shard1 = JSON.parse(readFileSync(shards[0]!, 'utf8'));
    expect(shard1.shard).toStrictEqual({ index: 1, count: 3 });
    expect(shard1.points.map((p: { index: number }) => p.index)).toStrictEqual([0, 3]);

    const merged = join(dir, 'merged.json');
    const m = slsim('merge', shards[2]!, shards[0]!, shards[1]!, '--json', merged, '--html', join(dir, 'merged.html'));
    expect(m.code, m.stderr).toBe(0);
    expect(readFileSync(merged, 'utf8')).toBe(readFileSync(whole, 'utf8'));
    const report = JSON.parse(readFileSync(whole, 'utf8'));
    expect(report.points).toHaveLength(6);
    expect(report.points[3].settings).toStrictEqual({ 'functions.f.memory': 1024, 'functions.f.reservedConcurrency': 50 });
    expect(m.stdout).toMatch(/sweep of 6 points/);
    expect(readFileSync(join(dir, 'merged.html'), 'utf8')).toMatch(/<div id="chart-scatter"/);

    const missing = slsim('merge', shards[0]!, shards[2]!);
    expect(missing.stderr).toBe('slsim: shard 2/3 missing: merge needs all 3 shards of the sweep\n');
    expect(missing.code).toBe(2);
  });

  it('a bad value at one point stops the sweep before it runs: exit 2, naming the --set', () => {
    const r = slsim('sweep', file, '--set', 'functions.f.memory=512,64');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('slsim: --set functions.f.memory=64 /functions/f/memory: must be >= 128\n');
    const none = slsim('sweep', file, '--set', 'functions.f.memory=512');
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/sweep needs at least one --set with several values/);
  });
});

describe('slsim diff', () => {
  let a: string;
  let b: string;

  beforeAll(async () => {
    a = join(dir, 'a.json');
    b = join(dir, 'b.json');
    await Promise.all([
      slsimAsync('run', plain, '--quiet', '--json', a, '--set', 'functions.f.memory=512'),
      slsimAsync('run', plain, '--quiet', '--json', b, '--set', 'functions.f.memory=1024'),
    ]);
  });

  it('a run against itself: no change, exit 0', () => {
    const r = slsim('diff', a, a);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^no change: every metric and cost line is the same \(\d[\d,]* values compared\)$/m);
  });

  it('against another memory size: the GB-s and cost lines change, with the change; the traffic and timings do not', () => {
    const r = slsim('diff', a, b);
    expect(r.code).toBe(0);
    const A = JSON.parse(readFileSync(a, 'utf8'));
    const gbS = A.functions.f.cost.gbSeconds as number;
    expect(r.stdout).toContain('functions.f');
    expect(r.stdout).toMatch(new RegExp(`cost\\.gbSeconds\\s+${fmt(gbS)}\\s+${fmt(gbS * 2)}\\s+\\+${fmt(gbS)} \\(\\+100\\.0%\\)`));
    expect(r.stdout).toMatch(/AWS Lambda · duration \(x86_64\) \(GB-s\)\s+[\d,.]+\s+[\d,.]+\s+\+[\d,.]+ \(\+100\.0%\)/);
    expect(r.stdout).toMatch(/AWS Lambda · duration \(x86_64\) \(usd\)/);
    expect(r.stdout).not.toMatch(/Invocations|Duration\.|EndToEndLatency|AWS Lambda · requests/);
  });

  it('refuses a file that is not a run report: exit 2', () => {
    writeFileSync(join(dir, 'not.json'), '{"hello": 1}');
    writeFileSync(join(dir, 'sweep.json'), '{"kind": "slsim-sweep", "sweepVersion": 1, "points": []}');
    const not = slsim('diff', a, join(dir, 'not.json'));
    expect(not.code).toBe(2);
    expect(not.stderr).toMatch(/not\.json: not a run report/);
    expect(slsim('diff', join(dir, 'sweep.json'), a).stderr).toMatch(/sweep\.json: a sweep report; diff compares two run reports/);
    expect(slsim('diff', a, join(dir, 'nope.json')).code).toBe(2);
  });
});

function fmt(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: 6 }).replace(/[.]/g, '\\.');
}
