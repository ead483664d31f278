/**
 * A stand-in for the worker pool in the in-process tests of real handler code:
 * it answers each call at once with what the test's `answer` function says,
 * so a test states exactly what the "code" did and checks what the model made
 * of it. The real pool is tested in handler-pool.test.ts.
 */
import { join } from 'node:path';
import type { HandlerCall, HandlerLogLine, HandlerResult, HandlerRunner } from '../core/lambda/handler-calls.js';
import { runScenarioAsync } from '../core/engine/run-scenario.js';
import type { Report } from '../core/report/build-report.js';
import { load, registry } from './helpers.js';

export const FIXTURES = join(import.meta.dirname, 'fixtures', 'handlers');

export class ScriptedRunner implements HandlerRunner {
  readonly calls: HandlerCall[] = [];
  readonly logged: { startMs: number; requestId: string; text: string }[] = [];

  constructor(
    private readonly answer: (call: HandlerCall, index: number) => Partial<HandlerResult> = () => ({}),
    private readonly loadTime?: number,
  ) {}

  call(call: HandlerCall): Promise<HandlerResult> {
    const index = this.calls.length;
    this.calls.push(call);
    return Promise.resolve({ ok: true, measuredMs: 1, value: null, ...this.answer(call, index) });
  }

  loadMs(): number | undefined {
    return this.loadTime;
  }

  log(lines: readonly HandlerLogLine[], startMs: number, requestId: string): void {
    for (const [, , text] of lines) this.logged.push({ startMs, requestId, text });
  }
}

/** Runs inline YAML whose functions' `handler:` paths are relative to test/fixtures/handlers. */
export async function runWithCode(yaml: string, runner: HandlerRunner): Promise<Report> {
  const loaded = load(yaml, { file: join(FIXTURES, 'scenario.yaml') });
  return runScenarioAsync(loaded, registry(), { handlers: runner });
}
