/**
 * The console as a user meets it (docs/cli.md, "Progress and `--quiet`";
 * docs/report.md, "The console"): --quiet hides the summary but
 * never a failed expectation; --every prints a table over time, and refuses a
 * window that is not a whole number of the report's buckets (exit 2, one
 * line). Runs the built command (npm test builds first).
 */
import { describe, expect, it } from 'vitest';
import { slsim } from './command.js';



describe('slsim run, the console', () => {
  it('--quiet prints nothing when every expectation holds', () => {
    const r = slsim('run', 'test/fixtures/three-minutes.yaml', '--quiet');
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });

  it('--quiet still prints a failed expectation (standard error) and exits 1', () => {
    const r = slsim('run', 'test/fixtures/failing-expectation.yaml', '--quiet');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('✗ functions.f.Throttles == 0  (actual 4)\n');
  });

  it('--every 1m prints the table over time after the summary', () => {
    const r = slsim('run', 'test/fixtures/three-minutes.yaml', '--every', '1m');
    expect(r.code).toBe(0);
    const table = r.stdout.slice(r.stdout.indexOf('over time, every 1m'));
    expect(table.split('\n').slice(0, 6)).toEqual([
      'over time, every 1m',
      '  window  arrivals  invocations  throttles  cold starts  concurrency max   cost ≈',
      '  0s–1m        600          600          -            1                1  $0.0011',
      '  1m–2m      3,000        3,000          -            4                5  $0.0056',
      '  2m–3m          -            -          -            -                -        -',
      '  total      3,600        3,600          -            5                5  $0.0067',
    ]);
  });

  it('--every phase --quiet prints only the table', () => {
    const r = slsim('run', 'test/fixtures/three-minutes.yaml', '--every', 'phase', '--quiet');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^over time, per load phase\n {2}phase +window/);
    expect(r.stdout).toMatch(/warm-up +0s–1m +600/);
    expect(r.stdout).not.toMatch(/expectations/);
  });

  it('--every that is not a multiple of the bucket exits 2 with one line, before running', () => {
    const r = slsim('run', 'test/fixtures/three-minutes.yaml', '--every', '45s');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      "slsim: --every 45s: not a multiple of the report's bucket width (10s): use 10s, 20s, 30s, ..., or set report.bucket to 5s (--set report.bucket=5s)\n",
    );
    expect(slsim('run', 'test/fixtures/three-minutes.yaml', '--every', '45s', '--set', 'report.bucket=5s').code).toBe(0);
  });

  it('run --help explains --every and --quiet', () => {
    const help = slsim('run', '--help').stdout;
    expect(help).toMatch(/--every/);
    expect(help).toMatch(/failed expectations are still printed/);
  });
});
