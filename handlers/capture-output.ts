/**
 * Handler output is captured, never interleaved with slsim's own (docs/handlers.md):
 * console methods and process.stdout/stderr writes of the worker go into the
 * log of the call in progress, each line with its measured offset and level
 * (console.log and info → INFO, warn → WARN, error → ERROR, debug → DEBUG,
 * trace → TRACE, raw writes → INFO/ERROR). Output outside any call is dropped.
 */
import { performance } from 'node:perf_hooks';
import { format } from 'node:util';
import type { HandlerLogLine } from '../core/lambda/handler-calls.js';

export interface CallLog {
  /** performance.now() when the call began. */
  start: number;
  lines: HandlerLogLine[];
}

/** Lines kept per call; a handler that logs more has the rest counted in one last line. */
const MAX_LINES_PER_CALL = 1000;

export function captureOutput(currentLog: () => CallLog | null): void {
  const write = (level: string, text: string) => {
    const log = currentLog();
    if (log === null) return;
    if (log.lines.length < MAX_LINES_PER_CALL) {
      log.lines.push([performance.now() - log.start, level, text]);
    } else if (log.lines.length === MAX_LINES_PER_CALL) {
      log.lines.push([performance.now() - log.start, 'WARN', `slsim: more than ${MAX_LINES_PER_CALL} log lines in one call; the rest are dropped`]);
    }
  };
  const levels: [keyof Console, string][] = [
    ['log', 'INFO'],
    ['info', 'INFO'],
    ['warn', 'WARN'],
    ['error', 'ERROR'],
    ['debug', 'DEBUG'],
    ['trace', 'TRACE'],
  ];
  for (const [method, level] of levels) {
    (console as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => write(level, format(...args));
  }
  const rawWrite = (level: string) =>
    function (chunk: unknown, encoding?: unknown, callback?: unknown): boolean {
      write(level, String(chunk).replace(/\n$/, ''));
      const done = typeof encoding === 'function' ? encoding : callback;
      if (typeof done === 'function') queueMicrotask(() => (done as () => void)());
      return true;
    };
  process.stdout.write = rawWrite('INFO') as typeof process.stdout.write;
  process.stderr.write = rawWrite('ERROR') as typeof process.stderr.write;
}
