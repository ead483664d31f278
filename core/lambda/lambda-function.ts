/**
 * One Lambda function: where a request finds an environment or a throttle,
 * and how a run unfolds (cold start, handler time, error, timeout and reset),
 * counted in the metrics and billing counters it extends (function-metrics.ts)
 * (rules 1–6, 9, 14, 15, 21; docs/aws-model.md). A request takes, in order: an idle provisioned
 * environment; else concurrency from its pool and the newest idle on-demand
 * environment; else concurrency and a scaling token for a new environment
 * (cold start); lacking both, it is throttled. A batch (event source
 * mappings) runs `duration` + records × `recordDuration`; its poison records
 * fail it, or, with ReportBatchItemFailures, come back as failed items.
 */
import { createSampler, type Sampler } from '../distributions.js';
import type { Simulation } from '../kernel/simulation.js';
import type { SeriesSet } from '../metrics/time-series.js';
import type { Random } from '../random.js';
import { type ConcurrencyPool, scalingBucket, type TokenBucket } from './concurrency.js';
import { Environment, NO_FAILED_ITEMS, type InvocationBatch, type InvocationCaller } from './environment.js';
import { IdlePool } from './environment-pool.js';
import { FunctionMetrics } from './function-metrics.js';
import { billedMs, LAMBDA_LIMITS, type Destination, type EnvironmentIds, type FunctionSpec } from './function-spec.js';
import type { FunctionOutput } from './outputs.js';
import type { HandlerRuns } from './handler-runs.js';

export class LambdaFunction extends FunctionMetrics {
  readonly provisioned: Environment[] = [];
  private readonly idle: IdlePool;
  private readonly bucket: TokenBucket;
  private readonly duration: Sampler;
  private readonly init: Sampler;
  private readonly recordDuration: Sampler | null;
  private readonly reserved: boolean;

  /** Async destinations, resolved by the engine (docs/aws-model.md rule 18). */
  successDestination: Destination | null = null;
  failureDestination: Destination | null = null;
  /** Real handler code (docs/handlers.md), wired by the engine when the function has `handler:` and a runner is given. */
  handler: HandlerRuns | null = null;
  /** What each successful run sends on (`outputs`), resolved by the engine; null when none. */
  outputs: readonly FunctionOutput[] | null = null;
  private readonly stopsLoops: boolean;
  /** The pool's request-rate bucket (rule 17), held here for the sync hot path. */
  readonly requestRate: TokenBucket;

  /** Optional trace hook for tests and tools: called at each run's start with the environment's creation id. */
  onRunStart: ((now: number, coldStart: boolean, environmentId: number) => void) | null = null;

  constructor(
    readonly spec: FunctionSpec,
    readonly sim: Simulation,
    private readonly random: Random,
    readonly pool: ConcurrencyPool,
    private readonly ids: EnvironmentIds,
    series: SeriesSet,
    /** New environments this function may add per 10 s (account.scalingRate). */
    scalingRate: number,
  ) {
    super(spec, series);
    this.reserved = spec.reservedConcurrency !== null;
    this.stopsLoops = spec.recursiveLoop !== 'Allow';
    this.requestRate = pool.requestRate;
    this.bucket = scalingBucket(scalingRate);
    this.duration = createSampler(spec.duration, random);
    this.init = createSampler(spec.init, random);
    this.recordDuration = spec.recordDuration === null ? null : createSampler(spec.recordDuration, random);
    this.idle = new IdlePool(sim, spec.idleTimeoutMs, (_env, now) => this.environments.add(-1, now));
    for (let i = 0; i < spec.provisionedConcurrency; i++) this.provisioned.push(this.newEnvironment(true));
  }

  /**
   * Starts one run for `caller` if concurrency allows; false means throttled
   * (counted in Throttles). The caller hears back through `invocationEnded`.
   */
  tryStart(
    caller: InvocationCaller,
    tag: unknown,
    producedAt: number,
    now: number,
    batch: InvocationBatch | null = null,
    chain = 0,
  ): boolean {
    let env: Environment | null;
    let cold = false;
    let holdsPool = false;
    if (this.provisioned.length > 0) {
      if (this.reserved) {
        if (!this.pool.tryAcquire()) return this.throttle(now);
        holdsPool = true;
      }
      env = this.provisioned.pop()!;
      this.provisionedInvocations++;
    } else {
      if (!this.pool.tryAcquire()) return this.throttle(now);
      holdsPool = true;
      env = this.idle.takeNewest();
      if (env === null) {
        if (!this.bucket.tryTake(now)) {
          this.pool.release();
          return this.throttle(now);
        }
        env = this.newEnvironment(false);
        this.environments.add(1, now);
        cold = true;
      }
      if (this.spec.provisionedConcurrency > 0) this.spilloverInvocations++;
    }
    env.caller = caller;
    env.tag = tag;
    env.producedAt = producedAt;
    env.batch = batch;
    env.holdsPool = holdsPool;
    env.chain = chain;
    this.begin(env, cold, now, batch);
    return true;
  }

  /**
   * Recursive loop detection (docs/aws-model.md rule 22): true when a request
   * whose chain has had `chain` invocations may not run (16 or more, and the
   * function is not `Allow`); counted in RecursiveInvocationsDropped.
   */
  stopsChain(chain: number): boolean {
    if (chain < LAMBDA_LIMITS.recursiveChainInvocations || !this.stopsLoops) return false;
    this.recursiveInvocationsDropped++;
    return true;
  }

  /** A run starts on `env`, its request's fields set. Rare cases (cold start, reset, handler code, failures) live in methods of their own, so that V8 inlines this one into `tryStart`. */
  private begin(env: Environment, cold: boolean, now: number, batch: InvocationBatch | null): void {
    const bucket = this.series.index(now);
    let runMs = this.duration.sample();
    if (batch !== null && this.recordDuration !== null) runMs += batch.records * this.recordDuration.sample();
    let initMs = 0;
    if (cold) {
      initMs = this.coldStart(bucket);
      if (initMs > LAMBDA_LIMITS.initLimitMs) {
        // Suppressed init: INIT is cut at 10 s, then re-run inside the invoke.
        runMs += initMs;
        initMs = LAMBDA_LIMITS.initLimitMs;
      }
    }
    // After a timeout the environment was reset: INIT runs again, inside this invoke (billed and timed with it).
    const resetMs = env.reset ? this.reset(env) : 0;
    runMs += resetMs;
    this.invocations++;
    this.seriesInvocations[bucket]!++;
    this.concurrency.add(1, now);
    const busy = this.concurrency.value;
    if (busy > this.seriesConcurrency[bucket]!) this.seriesConcurrency[bucket] = busy;
    if (this.onRunStart !== null) this.onRunStart(now, cold, env.id);
    // Real handler code decides the outcome (and, measured, the run time): handler-runs.ts.
    if (this.handler !== null) return this.handler.start(env, batch, now, initMs, runMs, resetMs);
    let failed = false;
    if (runMs > this.spec.timeoutMs) {
      runMs = this.timedOut(env);
      failed = true;
    } else if (this.spec.errorRate > 0 || batch !== null) {
      failed = this.fails(batch);
    }
    this.bill(env, runMs, bucket);
    if (failed) this.countError(bucket);
    env.runMs = runMs;
    env.failed = failed;
    this.sim.at(now + initMs + runMs, env);
  }

  /** Counts a cold start in series bucket `bucket` and draws its INIT (ms); bills and records an INIT within the limit. */
  private coldStart(bucket: number): number {
    const initMs = this.handler?.measuredInitMs ?? this.init.sample();
    this.coldStarts++;
    this.seriesColdStarts[bucket]!++;
    if (initMs <= LAMBDA_LIMITS.initLimitMs) {
      this.initDurationMs.record(initMs);
      this.billedMsOnDemand += billedMs(initMs);
      this.seriesGbSeconds[bucket]! += billedMs(initMs) * this.gbPerMs;
    }
    return initMs;
  }

  /** The INIT (ms) a reset environment runs again inside its next invoke. */
  private reset(env: Environment): number {
    env.reset = false;
    return this.init.sample();
  }

  /** A run cut at the timeout: the environment is reset; returns the time it ran (ms). */
  private timedOut(env: Environment): number {
    env.reset = true;
    this.timeouts++;
    return this.spec.timeoutMs;
  }

  /** Whether a run that did not time out fails: the error rate, or a poison record without ReportBatchItemFailures. */
  private fails(batch: InvocationBatch | null): boolean {
    const errorRate = this.spec.errorRate;
    if (errorRate > 0 && this.random.next() < errorRate) return true;
    return batch !== null && batch.poison.length > 0 && !batch.reportBatchItemFailures;
  }

  /** The run on `env` is over: free the environment, then tell the caller. */
  complete(env: Environment, now: number): void {
    const caller = env.caller!;
    const tag = env.tag;
    const response = env.result !== null || env.batch !== null || this.outputs !== null ? this.settleRun(env) : undefined;
    const ok = !env.failed;
    env.caller = null;
    env.tag = undefined;
    this.concurrency.add(-1, now);
    if (env.holdsPool) this.pool.release();
    this.durationMs.record(env.runMs);
    if (env.provisioned) {
      this.provisioned.push(env);
    } else {
      this.idle.add(env, now);
    }
    caller.invocationEnded(ok, tag, env.producedAt, now, response);
  }

  /** What a run with handler code, a batch or outputs leaves when it ends: the handler's response, the batch's failed items, the outputs' sends. */
  private settleRun(env: Environment): unknown {
    const batch = env.batch;
    let response: unknown;
    if (env.result !== null) {
      response = this.handler!.settle(env, batch);
    } else if (batch !== null) {
      batch.failedItems = !env.failed && batch.poison.length > 0 ? batch.poison : NO_FAILED_ITEMS;
    }
    if (batch !== null) env.batch = null;
    if (!env.failed && this.outputs !== null) {
      const handled = batch === null ? 1 : batch.records - batch.failedItems.length;
      for (const output of this.outputs) output.emit(handled, env.producedAt, env.chain + 1);
    }
    return response;
  }

  private newEnvironment(provisioned: boolean): Environment {
    const env = new Environment(this.ids.nextEnvironmentId++, provisioned, this);
    if (!provisioned) this.idle.register(env);
    return env;
  }
}

