/**
 * The runs of one function whose `handler:` is real code (docs/handlers.md).
 * At a run's start the payload is built (by the invoking source) and the call
 * goes to the runner; the model's run time places the completion, and the loop
 * awaits the call's answer only when that completion is due. With
 * `durationFrom: measured` the measured time (× `durationScale`) is the run
 * time, so the loop waits for the answer before the clock moves on. At the
 * completion the answer decides the outcome: an error fails the attempt (and
 * retries, destinations and ledgers follow as for `errorRate`), a partial batch
 * response fails its records, and the returned value goes back to the caller.
 */
import type { Random } from '../random.js';
import { NO_FAILED_ITEMS, type Environment, type InvocationBatch } from './environment.js';
import { awsRequestIdOf } from '../ids.js';
import {
  failedRecordIndices,
  type BuiltPayload,
  type HandlerRunner,
  type PayloadSource,
  PayloadTag,
} from './handler-calls.js';
import type { LambdaFunction } from './lambda-function.js';

export interface HandlerRunsOptions {
  modulePath: string;
  exportName: string;
  /** Where the run time comes from: the function's `duration` model, or the measured time × scale. */
  durationFrom: 'model' | 'measured';
  scale: number;
  /** INIT from the module's measured load time (`initFrom: measured`), when the runner measured it. */
  measuredInitMs: number | null;
  /** Epoch ms of t = 0 (log stream names carry the date). */
  startEpochMs: number;
}

/** The payload of a run nobody described (a destination's invoke): an empty event. */
const EMPTY_PAYLOAD: BuiltPayload = Object.freeze({ event: {}, recordIds: null });

export class HandlerRuns {
  /** Set by the invoking source's handle just before a synchronous start (sync invoke, batch). */
  payloadSource: PayloadSource | null = null;
  /** Set by an async event before its attempt: the payload and request id it keeps across retries. */
  payloadTag: PayloadTag | null = null;
  readonly measuredInitMs: number | null;
  private readonly measured: boolean;
  private readonly logDate: string;
  /** Request ids are numbered per function and mixed with this salt (awsRequestIdOf): no string per call. */
  private readonly requestSalt: number;
  private requests = 0;

  constructor(
    private readonly fn: LambdaFunction,
    private readonly runner: HandlerRunner,
    /** The function's own random stream (its request ids' salt), so real code changes none of the model's draws. */
    random: Random,
    private readonly options: HandlerRunsOptions,
  ) {
    this.measured = options.durationFrom === 'measured';
    this.measuredInitMs = options.measuredInitMs;
    this.requestSalt = random.int(2 ** 32);
    this.logDate = new Date(options.startEpochMs).toISOString().slice(0, 10).replaceAll('-', '/');
  }

  /** The request id of an async event `wrapAsync` wrapped. */
  requestIdOf(tag: PayloadTag): string {
    return awsRequestIdOf(this.requestSalt, tag.requestNumber);
  }

  /** An async event's tag, wrapped with its payload and request id (built once, at acceptance). */
  wrapAsync(tag: unknown): PayloadTag {
    const source = this.payloadSource;
    this.payloadSource = null;
    return new PayloadTag(tag, source === null ? EMPTY_PAYLOAD : source.build(1), this.requests++);
  }

  /** A run began on `env` at `now`: dispatch the call, and place the completion (or wait to, measured). */
  start(env: Environment, batch: InvocationBatch | null, now: number, initMs: number, modelRunMs: number, resetMs: number): void {
    const fn = this.fn;
    const spec = fn.spec;
    let payload: BuiltPayload;
    const asyncTag = this.payloadTag;
    if (asyncTag !== null) {
      payload = asyncTag.payload;
      env.requestNumber = asyncTag.requestNumber;
      this.payloadTag = null;
    } else {
      const source = this.payloadSource;
      payload = source === null ? EMPTY_PAYLOAD : source.build(batch === null ? 1 : batch.records);
      env.requestNumber = this.requests++;
    }
    this.payloadSource = null;
    env.recordIds = payload.recordIds;
    env.startedAt = now;
    env.initMs = initMs;
    env.result = null;
    env.failed = false;
    const scale = this.measured ? this.options.scale : 1;
    const call = this.runner.call({
      functionName: fn.name,
      modulePath: this.options.modulePath,
      exportName: this.options.exportName,
      event: payload.event,
      requestSalt: this.requestSalt,
      requestNumber: env.requestNumber,
      environmentId: env.id,
      logDate: this.logDate,
      wallLimitMs: spec.timeoutMs / scale,
      scale,
    });
    const bucket = fn.series.index(now);
    if (this.measured) {
      fn.sim.hold(
        call.then((result) => {
          env.result = result;
          const runMs = Math.min(result.measuredMs * scale + resetMs, spec.timeoutMs);
          if (result.timedOut || result.measuredMs * scale + resetMs > spec.timeoutMs) this.timedOut(env);
          fn.bill(env, runMs, bucket);
          env.runMs = runMs;
          fn.sim.at(env.startedAt + initMs + runMs, env);
          fn.sim.release();
        }),
      );
      return;
    }
    let runMs = modelRunMs;
    if (runMs > spec.timeoutMs) {
      // The model says the run times out: whatever the code answers, the attempt fails at the timeout.
      runMs = spec.timeoutMs;
      this.timedOut(env);
    }
    fn.bill(env, runMs, bucket);
    env.runMs = runMs;
    env.blocker = call.then((result) => {
      env.result = result;
      env.blocker = null;
    });
    fn.sim.at(now + initMs + runMs, env);
  }

  /**
   * The run's completion is due and the answer is in: decide the outcome
   * (env.failed, the batch's failed items), count the error, hand the log on,
   * and return what goes back to the caller: the handler's value, or Lambda's
   * error response ({ errorType, errorMessage }) for a failed run.
   */
  settle(env: Environment, batch: InvocationBatch | null): unknown {
    const result = env.result!;
    env.result = null;
    const fn = this.fn;
    if (result.logs !== undefined && result.logs.length > 0) {
      const requestId = awsRequestIdOf(this.requestSalt, env.requestNumber);
      this.runner.log(result.logs, env.startedAt + env.initMs, requestId, fn.name, this.measured ? this.options.scale : 0);
    }
    if (!env.failed && result.timedOut) this.timedOut(env);
    if (!env.failed && !result.ok) env.failed = true;
    if (batch !== null) {
      batch.failedItems = NO_FAILED_ITEMS;
      if (!env.failed && batch.reportBatchItemFailures && env.recordIds !== null) {
        const failed = failedRecordIndices(result.value, env.recordIds);
        if (failed === null) env.failed = true;
        else if (failed.length > 0) batch.failedItems = failed;
      }
    }
    env.recordIds = null;
    if (!env.failed) return result.value;
    fn.countError(fn.series.index(env.startedAt));
    // Lambda's error response (what a sync caller reads, and an async destination's responsePayload).
    const timedOut = env.reset;
    return {
      errorType: result.errorType ?? (timedOut ? 'Sandbox.Timedout' : 'Error'),
      errorMessage: result.errorMessage ?? (timedOut ? `Task timed out after ${(fn.spec.timeoutMs / 1000).toFixed(2)} seconds` : 'Unhandled'),
    };
  }

  private timedOut(env: Environment): void {
    env.failed = true;
    env.reset = true;
    this.fn.timeouts++;
  }
}
