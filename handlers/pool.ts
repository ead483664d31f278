/**
 * The worker pool that runs real handler code (docs/handlers.md): piscina
 * threads running worker.ts. Before the run it loads every handler once (a
 * missing export or a module that throws is an input error); during the run it
 * takes calls and turns every way a call can end into an answer: a value, a
 * thrown error, a hang past the function's timeout (the worker is stopped and
 * piscina starts another), a worker that exits or runs out of memory. A call
 * never rejects, so the run never fails because of handler code.
 */
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Piscina } from 'piscina';
import type { HandlerCall, HandlerLogLine, HandlerResult, HandlerRunner } from '../core/lambda/handler-calls.js';
import type { FunctionSpec } from '../core/lambda/function-spec.js';
import type { HandlerLogSink } from './handler-logs.js';
import type { CallTask, ProbeResult, ProbeTask, WorkerFunction } from './worker.js';

export interface PoolOptions {
  /** Worker threads (default: the machine's cores). */
  workers?: number;
  /** The scenario's region and account (the functions' ARNs); defaults us-east-1, 123456789012. */
  region?: string;
  accountId?: string;
  /** Where handler log lines go; without one they are only counted. */
  logs?: HandlerLogSink;
}

/** Why a module failed to load, for the caller to place in the scenario. */
export interface HandlerLoadProblem {
  functionName: string;
  message: string;
}

export class HandlerPool implements HandlerRunner {
  readonly workers: number;
  /** Handler calls made, and log lines written by handlers. */
  calls = 0;
  logLines = 0;
  private readonly piscina: Piscina;
  private readonly loadTimes = new Map<string, number>();
  private readonly logs: HandlerLogSink | undefined;
  /** Index of each function with code in the workers' table. */
  private readonly indexOf = new Map<string, number>();

  constructor(functions: readonly FunctionSpec[], options: PoolOptions = {}) {
    this.workers = Math.max(1, options.workers ?? availableParallelism());
    this.logs = options.logs;
    // A worker's heap is capped at the largest memory size among the functions with code (Lambda's limit, roughly).
    const memoryMb = Math.max(128, ...functions.filter((f) => f.handler !== null).map((f) => f.memoryMb));
    // What every call of a function shares goes to the workers once (workerData); a call sends only what changes.
    const region = options.region ?? 'us-east-1';
    const accountId = options.accountId ?? '123456789012';
    const table: WorkerFunction[] = [];
    for (const fn of functions) {
      if (fn.handler === null) continue;
      this.indexOf.set(fn.name, table.length);
      table.push({
        functionName: fn.name,
        modulePath: fn.handler.modulePath,
        exportName: fn.handler.exportName,
        memoryLimitInMB: String(fn.memoryMb),
        invokedFunctionArn: `arn:aws:lambda:${region}:${accountId}:function:${fn.name}`,
        logGroupName: `/aws/lambda/${fn.name}`,
        timeoutMs: fn.timeoutMs,
      });
    }
    this.piscina = new Piscina({
      filename: new URL('./worker.js', import.meta.url).href,
      workerData: { functions: table },
      minThreads: this.workers,
      maxThreads: this.workers,
      idleTimeout: 60_000,
      resourceLimits: { maxOldGenerationSizeMb: memoryMb },
      // Workers keep their event loop running between calls (a handler's stray timers run then, as in Lambda between invokes).
      atomics: 'disabled',
    });
  }

  /** Loads every handler once (before the run): its load time, or why it cannot be loaded. */
  async prepare(functions: readonly FunctionSpec[]): Promise<HandlerLoadProblem[]> {
    const problems: HandlerLoadProblem[] = [];
    await Promise.all(
      functions.map(async (fn) => {
        if (fn.handler === null) return;
        const task: ProbeTask = { probe: true, modulePath: fn.handler.modulePath, exportName: fn.handler.exportName };
        let result: ProbeResult;
        try {
          result = (await this.piscina.run(task)) as ProbeResult;
        } catch (error) {
          result = { ok: false, message: `the module stopped its worker while loading: ${(error as Error)?.message ?? error}` };
        }
        if (result.ok) this.loadTimes.set(fn.name, result.loadMs);
        else problems.push({ functionName: fn.name, message: result.message });
      }),
    );
    return problems;
  }

  loadMs(functionName: string): number | undefined {
    return this.loadTimes.get(functionName);
  }

  call(call: HandlerCall): Promise<HandlerResult> {
    this.calls++;
    const abort = new AbortController();
    const started = performance.now();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      abort.abort();
    }, Math.max(1, call.wallLimitMs));
    const index = this.indexOf.get(call.functionName);
    if (index === undefined) throw new Error(`the pool was not built with function "${call.functionName}"`);
    const task: CallTask = [index, call.event, call.context.awsRequestId, call.context.logStreamName, call.scale];
    return (this.piscina.run(task, { signal: abort.signal }) as Promise<HandlerResult>).then(
      (result) => {
        clearTimeout(timer);
        return result;
      },
      (error: unknown) => {
        clearTimeout(timer);
        return workerLost(error, timedOut, performance.now() - started, call.wallLimitMs * call.scale);
      },
    );
  }

  log(lines: readonly HandlerLogLine[], startMs: number, requestId: string, functionName: string, scale: number): void {
    this.logLines += lines.length;
    this.logs?.write(lines, startMs, requestId, functionName, scale);
  }

  async close(): Promise<void> {
    await this.piscina.destroy();
    this.logs?.close();
  }
}

/** A call whose worker was stopped (timeout) or died: one failed attempt, as Lambda reports it. */
function workerLost(error: unknown, timedOut: boolean, measuredMs: number, timeoutMs: number): HandlerResult {
  if (timedOut) {
    return { ok: false, timedOut: true, measuredMs, errorType: 'Sandbox.Timedout', errorMessage: `Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds` };
  }
  const code = (error as { code?: string })?.code;
  const message = (error as Error)?.message ?? String(error);
  if (code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return { ok: false, measuredMs, errorType: 'Runtime.OutOfMemory', errorMessage: `the handler ran out of memory: ${message}` };
  }
  return { ok: false, measuredMs, errorType: 'Runtime.ExitError', errorMessage: `the handler's worker exited: ${message}` };
}
