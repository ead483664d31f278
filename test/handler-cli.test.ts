/**
 * `slsim run` with real handler code, as a user runs it (docs/handlers.md):
 * healthy and broken handlers side by side each give the documented counts
 * and ledgers while the healthy one loses nothing; the same seed and code give
 * the same report; handler output goes to --handler-logs, not the terminal;
 * a handler that cannot load is exit 2 with file, line and path.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Report } from '../core/report/build-report.js';
import { slsim } from './command.js';
import { expectBalanced } from './helpers.js';
import { FIXTURES } from './handler-runner.js';

const dir = mkdtempSync(join(tmpdir(), 'slsim-handlers-'));
const mixed = join(FIXTURES, 'mixed.yaml');

function runMixed(name: string, ...extra: string[]): { report: Report; stdout: string; stderr: string; code: number | null } {
  const out = join(dir, `${name}.json`);
  const result = slsim('run', mixed, '--workers', '2', '--json', out, ...extra);
  return { ...result, report: JSON.parse(readFileSync(out, 'utf8')) as Report };
}

describe('healthy and broken handlers side by side', () => {
  const logs = join(dir, 'handler.log');
  const { report, stdout, stderr, code } = runMixed('a', '--handler-logs', logs);

  it('each broken function fails every attempt, in its own way, and the healthy ones lose nothing', () => {
    expect(code).toBe(0);
    const f = report.functions;
    expect(f.throws!.Errors).toBe(f.throws!.Invocations);
    expect(f.throws!.Invocations).toBe(3 * report.sources.bad!.delivery.generated); // async: 1 + 2 retries
    expect(report.sources.bad!.delivery.dropped).toBe(report.sources.bad!.delivery.generated);
    expect(f.hangs!).toMatchObject({ Invocations: 2, Errors: 2, Timeouts: 2 });
    expect(f.exits!).toMatchObject({ Invocations: 2, Errors: 2 });
    for (const healthy of ['healthy', 'typed']) expect(f[healthy]!.Errors, healthy).toBe(0);
    for (const source of ['good', 'ts']) {
      const d = report.sources[source]!.delivery;
      expect(d.succeeded, source).toBe(d.generated);
    }
    expectBalanced(report);
  });

  it('the report and the summary say where the code ran', () => {
    expect(report.engine.handlerCode).toMatchObject({ workers: 2, reproducible: true, functions: ['healthy', 'throws', 'hangs', 'exits', 'typed'] });
    expect(stdout).toMatch(/handler code: healthy, throws, hangs, exits, typed on 2 workers · \d+ calls · \d+ log lines in /);
  });

  it('handler output is not printed; --handler-logs has each line with its simulated time, function, request id and level', () => {
    expect(stdout + stderr).not.toMatch(/first line|raw write/);
    const lines = readFileSync(logs, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(3 * report.functions.healthy!.Invocations);
    for (const line of lines) {
      expect(line).toMatch(/^2026-01-01T00:00:\d\d\.\d{3}Z\thealthy\t[0-9a-f-]{36}\t(INFO|ERROR)\t(first line 42|an error line|raw write)$/);
    }
  });

  it('the same seed and the same code give the same report', () => {
    const again = runMixed('b').report;
    report.engine.wallSeconds = again.engine.wallSeconds = 0;
    report.engine.handlerCode!.logLines = again.engine.handlerCode!.logLines;
    expect(JSON.stringify(again)).toBe(JSON.stringify(report));
  });
});

describe('the pool under load', () => {
  it("time a call waits in the queue is not its run time: 200 queued 20 ms calls under a 1 s timeout never time out, on 1 worker or 4", () => {
    const file = join(FIXTURES, 'queued.yaml');
    const reports = ['1', '4'].map((workers) => {
      const out = join(dir, `queued-${workers}.json`);
      expect(slsim('run', file, '--workers', workers, '--json', out, '--quiet').code).toBe(0);
      return JSON.parse(readFileSync(out, 'utf8')) as Report;
    });
    for (const report of reports) expect(report.functions.slow).toMatchObject({ Invocations: 200, Errors: 0, Timeouts: 0 });
    for (const report of reports) {
      report.engine.wallSeconds = 0;
      report.engine.handlerCode!.workers = 1;
    }
    expect(JSON.stringify(reports[1])).toBe(JSON.stringify(reports[0]));
  });

  it('a run the drain cuts while a call is still out ends with its report, exit 0', () => {
    const { code, stdout, stderr } = slsim('run', join(FIXTURES, 'cut-short.yaml'));
    // Only the scenario's own warning (a burst has no traffic after it): no error, no stack trace.
    expect(stderr.trim().split('\n')).toStrictEqual([expect.stringMatching(/^slsim: warning: .*no traffic after 0ms$/)]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/the drain ran out with work still in flight/);
  });
});

describe('handlers that cannot load', () => {
  const scenario = (handler: string) => {
    const file = join(dir, `cannot-load-${handler.replace(/\W/g, '_')}.yaml`);
    const text =
      `name: cannot-load\nduration: 1s\nfunctions:\n  f:\n    duration: 10ms\n    handler: ${join(FIXTURES, handler)}\n` +
      'sources:\n  calls: { type: invoke, targets: [f], load: { phases: [ { duration: 1s, arrivalRate: 1 } ] } }\n';
    writeFileSync(file, text);
    return file;
  };

  it.each([
    ['noexport.mjs', /:6 \/functions\/f\/handler: cannot load the handler: .*noexport\.mjs has no exported function "handler" \(it exports other\)$/],
    ['echo.mjs#missing', /:6 \/functions\/f\/handler: cannot load the handler: .*has no exported function "missing"/],
    ['loadthrow.mjs', /:6 \/functions\/f\/handler: cannot load the handler: cannot start: missing configuration$/],
    ['nothere.mjs', /:6 \/functions\/f\/handler: no handler file .*nothere\.mjs$/],
    ['echo.py', /:6 \/functions\/f\/handler: ".*echo\.py" is not a module slsim can load/],
  ])('%s: exit 2, one line naming file, line and path', (handler, message) => {
    const file = scenario(handler);
    for (const command of ['run', 'validate']) {
      const { code, stderr } = slsim(command, file);
      expect(code, command).toBe(2);
      expect(stderr.trim().split('\n'), command).toHaveLength(1);
      expect(stderr.trim(), command).toMatch(message);
    }
  });

  it('--workers must be a whole number from 1', () => {
    const { code, stderr } = slsim('run', mixed, '--workers', '0');
    expect(code).toBe(2);
    expect(stderr).toMatch(/--workers must be a whole number from 1 to 1024, got "0"/);
  });
});
