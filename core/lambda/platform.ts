/**
 * The Lambda service of one account and Region: its functions, the shared
 * concurrency pools, and the two ways to invoke (docs/aws-model.md rules 7
 * and 8).
 *
 * - `invokeSync` (RequestResponse): starts a run now or returns false for a
 *   429 throttle (no concurrency, no scaling token, or over the request rate
 *   of 10 × the concurrency, rule 17). Lambda never retries; the caller decides.
 * - `invokeAsync` (Event): accepts the event at once (202) onto the
 *   function's internal queue; retries, back-off and give-up follow rule 7.
 *   An event at the end of a recursive loop is stopped instead (rule 22).
 */
import { InputError } from '../errors.js';
import type { Simulation } from '../kernel/simulation.js';
import type { SeriesSet } from '../metrics/time-series.js';
import type { Random } from '../random.js';
import { Outcome } from '../metrics/ledger.js';
import { AsyncEventQueue, DESTINATION_RECORD_BYTES, type DeliveryCaller } from './async-invocation.js';
import { allocatePools } from './concurrency.js';
import type { InvocationBatch, InvocationCaller } from './environment.js';
import { asyncRequestUnits, LAMBDA_LIMITS, type FunctionSpec, type InvocationRecordFacts } from './function-spec.js';
import { LambdaFunction } from './lambda-function.js';

/** The record facts of an event stopped by recursive loop detection (rule 22): it never ran, and its payload is not built. */
const LOOP_STOPPED_RECORD: InvocationRecordFacts = Object.freeze({
  condition: 'RetriesExhausted',
  requestId: null,
  approximateInvokeCount: 0,
  requestPayload: Object.freeze({}),
  responsePayload: null,
});

export interface AccountSpec {
  concurrencyLimit: number;
  /** New environments a function may add per 10 s. */
  scalingRate: number;
}

export class LambdaPlatform {
  readonly functions = new Map<string, LambdaFunction>();
  /** Creation ids of environments, shared by all functions. */
  nextEnvironmentId = 0;
  /** Each function's internal async queue, created by its first async event. */
  readonly asyncQueues = new Map<LambdaFunction, AsyncEventQueue>();

  constructor(
    private readonly sim: Simulation,
    /** The random stream of a component of the run, by label. */
    streamFor: (label: string) => Random,
    account: AccountSpec,
    specs: readonly FunctionSpec[],
    series: SeriesSet,
  ) {
    const pools = allocatePools(account.concurrencyLimit, specs);
    for (const spec of specs) {
      const pool = pools.reserved.get(spec.name) ?? pools.unreserved;
      const random = streamFor(`function:${spec.name}`);
      this.functions.set(spec.name, new LambdaFunction(spec, sim, random, pool, this, series, account.scalingRate));
    }
  }

  /** The function called `name` (names are checked at load). */
  fn(name: string): LambdaFunction {
    const fn = this.functions.get(name);
    if (!fn) throw new InputError('SLSIM_ERR_UNKNOWN_NAME', `no function called "${name}"`);
    return fn;
  }

  /** RequestResponse (a batch for event source mappings): true when a run started, false for a 429. */
  invokeSync(fn: LambdaFunction, caller: InvocationCaller, tag: unknown, producedAt: number, batch: InvocationBatch | null = null): boolean {
    const now = this.sim.now;
    if (batch === null) {
      // Request rate (rule 17): direct synchronous requests only; event source mappings' batches are not counted.
      if (!fn.requestRate.tryTake(now)) return fn.throttle(now);
      return fn.tryStart(caller, tag, producedAt, now);
    }
    return fn.tryStart(caller, tag, producedAt, now, batch, batch.chain);
  }

  /**
   * Event: true when accepted (AsyncEventsReceived); false when refused
   * because the payload is over the async limit (the caller sees an error).
   */
  invokeAsync(fn: LambdaFunction, caller: DeliveryCaller, tag: unknown, producedAt: number, sizeBytes: number, chain = 0): boolean {
    if (sizeBytes > LAMBDA_LIMITS.asyncPayloadBytes) return false;
    const now = this.sim.now;
    if (fn.stopsChain(chain)) {
      // Recursive loop detection (rule 22): not run; to the on-failure destination, else dropped.
      const destination = fn.failureDestination;
      // A record of an event that never ran; AWS does not document the condition it names here.
      destination?.send(now, DESTINATION_RECORD_BYTES, chain, destination.wantsRecord ? LOOP_STOPPED_RECORD : undefined);
      caller.settle(destination ? Outcome.Failed : Outcome.Dropped, tag, producedAt, now);
      return true;
    }
    fn.asyncEventsReceived++;
    let queue = this.asyncQueues.get(fn);
    if (queue === undefined) this.asyncQueues.set(fn, (queue = new AsyncEventQueue(fn, this.sim)));
    // Real handler code: the event keeps its payload and request id across retries (handler-runs.ts).
    const carried = fn.handler === null ? tag : fn.handler.wrapAsync(tag);
    queue.accept(caller, carried, producedAt, now, asyncRequestUnits(sizeBytes), chain);
    return true;
  }
}
