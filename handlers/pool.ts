/**
 * The worker pool that runs real handler code (docs/handlers.md): piscina
 * threads running worker.ts. Before the run it loads every handler once (a
 * missing export or a module that throws is an input error); during the run it
 * takes calls and turns every way a call can end into an answer: a value, a
 * thrown error, a hang past the function's timeout (the workers are stopped
 * and fresh ones start), a worker that exits or runs out of memory. A call
 * never rejects, so the run never fails because of handler code.
 */
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Piscina } from 'piscina';
import type { HandlerCall, HandlerLogLine, HandlerResult, HandlerRunner } from '../core/lambda/handler-calls.js';
import type { FunctionSpec } from '../core/lambda/function-spec.js';
import type { HandlerLogSink } from './handler-logs.js';
import { RunBoard } from './run-board.js';
import type { BatchTask, CallTask, ProbeResult, ProbeTask, WorkerFunction } from './worker.js';

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

/** A task sent to the pool and not answered yet. */
interface InFlight {
  /** The task's number, which workers write on the run board (run-board.ts) while they run it. */
  seq: number;
  task: CallTask | BatchTask | ProbeTask;
  /** performance.now() when the task was sent. */
  started: number;
  /** The limit in the task's own terms (simulated ms), for the message. */
  timeoutMs: number;
  /** The pool generation the task was last sent to (a restart sends it again). */
  generation: number;
  resolve(result: Answer): void;
}

type Answer = HandlerResult | HandlerResult[] | ProbeResult;

/** A call waiting for the next batch to go out. */
interface PendingCall {
  task: CallTask;
  wallLimitMs: number;
  timeoutMs: number;
  resolve(result: HandlerResult): void;
}

/** The most calls one message carries. */
const MAX_BATCH = 64;

/** How often the watchdog looks for hung calls, ms. */
const WATCHDOG_EVERY_MS = 50;
/** A module that takes longer than this to load is reported as not loading. */
const LOAD_LIMIT_MS = 30_000;

export class HandlerPool implements HandlerRunner {
  readonly workers: number;
  /** Handler calls made, log lines written by handlers, and restarts after a hung call. */
  calls = 0;
  logLines = 0;
  restarts = 0;
  private piscina: Piscina;
  private readonly createPiscina: () => Piscina;
  private readonly loadTimes = new Map<string, number>();
  private readonly logs: HandlerLogSink | undefined;
  /** Index of each function with code in the workers' table. */
  private readonly indexOf = new Map<string, number>();
  private readonly inFlight = new Map<number, InFlight>();
  private generation = 0;
  private nextSeq = 0;
  /** The run board of the current workers. */
  private board!: RunBoard;
  private pending: PendingCall[] = [];
  private watchdog: NodeJS.Timeout | null = null;

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
    this.createPiscina = () => {
      this.board = new RunBoard();
      const piscina = new Piscina({
        filename: new URL('./worker.js', import.meta.url).href,
        workerData: { functions: table, board: this.board.buffer },
        minThreads: this.workers,
        maxThreads: this.workers,
        idleTimeout: 60_000,
        resourceLimits: { maxOldGenerationSizeMb: memoryMb },
        // Workers keep their event loop running between calls (a handler's stray timers run then, as in Lambda between invokes).
        atomics: 'disabled',
      });
      // A late answer to a task of workers being stopped (a restart, close) is no one's: not an error of the run.
      piscina.on('error', () => {});
      return piscina;
    };
    this.piscina = this.createPiscina();
  }

  /** Loads every handler once (before the run): its load time, or why it cannot be loaded. */
  async prepare(functions: readonly FunctionSpec[]): Promise<HandlerLoadProblem[]> {
    const problems: HandlerLoadProblem[] = [];
    await Promise.all(
      functions.map(async (fn) => {
        if (fn.handler === null) return;
        const task: ProbeTask = { probe: true, modulePath: fn.handler.modulePath, exportName: fn.handler.exportName, seq: 0, wallLimitMs: LOAD_LIMIT_MS };
        const answer = await new Promise<Answer>((resolve) => this.submit(task, LOAD_LIMIT_MS, resolve));
        // A worker that died or hung while loading answers as a call would (with an errorType).
        const result: ProbeResult =
          'errorType' in answer ? { ok: false, message: `the module stopped its worker while loading: ${answer.errorMessage}` } : (answer as ProbeResult);
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
    const index = this.indexOf.get(call.functionName);
    if (index === undefined) throw new Error(`the pool was not built with function "${call.functionName}"`);
    const task: CallTask = [index, call.event, call.requestSalt, call.requestNumber, call.environmentId, call.logDate, call.scale, 0, call.wallLimitMs];
    return new Promise((resolve) => {
      this.pending.push({ task, wallLimitMs: call.wallLimitMs, timeoutMs: call.wallLimitMs * call.scale, resolve });
      if (this.pending.length === 1) queueMicrotask(this.flush);
    });
  }

  /**
   * The calls made while the simulation ran without pausing go out together
   * when it pauses: in about twice as many messages as there are workers, at
   * most MAX_BATCH calls each (one message per call costs more than a no-op
   * handler). A batch that hangs or loses its worker is sent again call by
   * call, so that only the call at fault fails.
   */
  private readonly flush = (): void => {
    const calls = this.pending;
    this.pending = [];
    const size = Math.min(this.batchSize(calls), Math.max(1, Math.ceil(calls.length / (2 * this.workers))));
    for (let i = 0; i < calls.length; i += size) this.sendCalls(calls.slice(i, i + size));
  };

  /**
   * How many calls one message may carry: so many that, at the calls' mean
   * measured time so far, a batch runs within a quarter of the smallest wall
   * limit among them; one until enough calls have been timed.
   */
  private batchSize(calls: readonly PendingCall[]): number {
    if (this.timedCalls < 16) return 1;
    let limit = Infinity;
    for (const call of calls) if (call.wallLimitMs < limit) limit = call.wallLimitMs;
    const perCall = Math.max(this.meanCallMs, 0.001);
    return Math.max(1, Math.min(MAX_BATCH, Math.floor(limit / (4 * perCall))));
  }

  /** Mean measured time of the calls answered so far (for batch sizes), and how many. */
  private meanCallMs = 0;
  private timedCalls = 0;

  private timed(result: HandlerResult): HandlerResult {
    this.timedCalls++;
    this.meanCallMs += (result.measuredMs - this.meanCallMs) / Math.min(this.timedCalls, 1000);
    return result;
  }

  private sendCalls(calls: PendingCall[]): void {
    if (calls.length === 1) {
      const call = calls[0]!;
      this.submit(call.task, call.timeoutMs, (answer) => call.resolve(this.timed(answer as HandlerResult)));
      return;
    }
    // Each call of the batch has its own wall limit on the run board; a batch that hangs or dies is sent again call by call.
    this.submit({ batch: calls.map((c) => c.task) }, 0, (answer) => {
      if (Array.isArray(answer)) {
        for (let i = 0; i < calls.length; i++) calls[i]!.resolve(this.timed(answer[i]!));
        return;
      }
      for (const call of calls) this.submit(call.task, call.timeoutMs, (one) => call.resolve(this.timed(one as HandlerResult)));
    });
  }

  log(lines: readonly HandlerLogLine[], startMs: number, requestId: string, functionName: string, scale: number): void {
    this.logLines += lines.length;
    this.logs?.write(lines, startMs, requestId, functionName, scale);
  }

  /**
   * Stops the workers. Calls still out (a run the drain cut while they ran)
   * are abandoned: their answers, if any come, are ignored.
   */
  async close(): Promise<void> {
    if (this.watchdog !== null) clearInterval(this.watchdog);
    this.watchdog = null;
    this.generation++;
    this.inFlight.clear();
    this.pending = [];
    await this.piscina.destroy().catch(() => {});
    this.logs?.close();
  }

  /** Sends a task; `resolve` hears when it is answered, hung or lost (it is always called, once). */
  private submit(task: CallTask | BatchTask | ProbeTask, timeoutMs: number, resolve: (answer: Answer) => void): void {
    this.watchdog ??= setInterval(() => this.stopHungCalls(), WATCHDOG_EVERY_MS);
    const seq = ++this.nextSeq;
    if (Array.isArray(task)) task[7] = seq;
    else if ('batch' in task) for (const call of task.batch) call[7] = seq;
    else task.seq = seq;
    const entry: InFlight = { seq, task, started: performance.now(), timeoutMs, generation: 0, resolve };
    this.inFlight.set(seq, entry);
    this.dispatch(entry);
  }

  private dispatch(entry: InFlight): void {
    const generation = (entry.generation = this.generation);
    (this.piscina.run(entry.task) as Promise<Answer>).then(
      (result) => {
        if (entry.generation === generation && this.inFlight.delete(entry.seq)) entry.resolve(result);
      },
      (error: unknown) => {
        if (entry.generation === generation && this.inFlight.delete(entry.seq)) entry.resolve(workerLost(error, performance.now() - entry.started));
      },
    );
  }

  /**
   * The watchdog: a call that runs past its wall limit (read on the run
   * board, from when its worker began it) holds its worker: a busy loop, a
   * promise that never settles. Piscina stops a worker only through a signal
   * given with each task, which costs every call; instead, on the rare hang,
   * every worker is stopped, fresh ones start, and the other tasks in flight
   * are sent again (their module state is lost, as when Lambda resets).
   */
  private stopHungCalls(): void {
    if (this.inFlight.size === 0) return;
    const hung: InFlight[] = [];
    for (const seq of this.board.overdue(Date.now())) {
      const entry = this.inFlight.get(seq);
      if (entry !== undefined) hung.push(entry);
    }
    if (hung.length === 0) return;
    for (const entry of hung) this.inFlight.delete(entry.seq);
    const old = this.piscina;
    this.piscina = this.createPiscina();
    this.generation++;
    this.restarts++;
    for (const entry of this.inFlight.values()) this.dispatch(entry);
    // Answered after the restart, so that what they send again goes to the fresh workers, once.
    const now = performance.now();
    for (const entry of hung) entry.resolve(timedOut(now - entry.started, entry.timeoutMs));
    old.destroy().catch(() => {});
  }
}

function timedOut(measuredMs: number, timeoutMs: number): HandlerResult {
  return { ok: false, timedOut: true, measuredMs, errorType: 'Sandbox.Timedout', errorMessage: `Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds` };
}

/** A call whose worker died (process.exit, out of memory): one failed attempt, as Lambda reports it. */
function workerLost(error: unknown, measuredMs: number): HandlerResult {
  const code = (error as { code?: string })?.code;
  const message = (error as Error)?.message ?? String(error);
  if (code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return { ok: false, measuredMs, errorType: 'Runtime.OutOfMemory', errorMessage: `the handler ran out of memory: ${message}` };
  }
  return { ok: false, measuredMs, errorType: 'Runtime.ExitError', errorMessage: `the handler's worker exited: ${message}` };
}
