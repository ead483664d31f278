/**
 * A function's internal async queue (docs/aws-model.md rule 7,
 * "Asynchronous invocation").
 *
 * Accepted at once; each attempt runs when concurrency allows. A throttled
 * attempt goes back on the queue and is retried after a back-off of 1 s,
 * doubling, capped at 5 min; throttles use up no retry attempts. A function
 * error is retried `maximumRetryAttempts` times, about 1 min and 2 min after
 * the failures. An event older than `maximumEventAge`, or out of attempts, is
 * given up: sent to `onFailure` when set (delivery `failed`), else dropped.
 * With reserved concurrency 0 an event is given up at once. A handled event
 * also sends an invocation record to `onSuccess` when set (docs/aws-model.md
 * rule 18).
 *
 * Waiting events are compact runs (core/kernel/run-queue.ts): a burst of
 * millions of events throttled together waits as one run per back-off step,
 * and each event still fires in the order it would have on its own. While an
 * event runs, its slot number is the run's tag.
 */
import { RunQueue } from '../kernel/run-queue.js';
import type { Simulation } from '../kernel/simulation.js';
import { Outcome } from '../metrics/ledger.js';
import type { InvocationCaller } from './environment.js';
import { PayloadTag } from './handler-calls.js';
import { LAMBDA_LIMITS, type Destination, type GiveUpCondition, type InvocationRecordFacts } from './function-spec.js';
import type { LambdaFunction } from './lambda-function.js';
import { grown } from '../typed-arrays.js';

/** Who hears the final state of a delivery (a source, or an upstream delivery). */
export interface DeliveryCaller {
  settle(outcome: Outcome, tag: unknown, producedAt: number, now: number): void;
}

/** Size of the invocation record a destination receives (request and response context, the event), bytes. */
export const DESTINATION_RECORD_BYTES = 1024;

export class AsyncEventQueue extends RunQueue implements InvocationCaller {
  /** When the event was first produced (end-to-end latency), ms. */
  private producedAt = new Float64Array(0);
  /** When Lambda accepted the event (its age, AsyncEventAge), ms. */
  private acceptedAt = new Float64Array(0);
  /** The next throttle back-off, ms. */
  private backoffMs = new Float64Array(0);
  /** Invocations of the event's chain before it (recursive loop detection). */
  private chain = new Float64Array(0);
  /** Retries after function errors made so far. */
  private retriesDone = new Uint8Array(0);
  /** Requests billed per attempt (payloads over 256 KB count more; at most 13). */
  private requestUnits = new Uint8Array(0);
  /** Who hears the event's final state, and the tag it gave. */
  private callers: (DeliveryCaller | undefined)[] = [];
  private tags: unknown[] = [];

  constructor(
    readonly fn: LambdaFunction,
    sim: Simulation,
  ) {
    super(sim);
  }

  /** A new event, accepted now: its first attempt is made at once. */
  accept(caller: DeliveryCaller, tag: unknown, producedAt: number, now: number, requestUnits: number, chain: number): void {
    const slot = this.alloc();
    this.producedAt[slot] = producedAt;
    this.acceptedAt[slot] = now;
    this.backoffMs[slot] = LAMBDA_LIMITS.asyncBackoffFirstMs;
    this.chain[slot] = chain;
    this.retriesDone[slot] = 0;
    this.requestUnits[slot] = requestUnits;
    this.callers[slot] = caller;
    this.tags[slot] = tag;
    this.attempt(slot, now);
  }

  protected fireItem(slot: number, now: number): void {
    this.attempt(slot, now);
  }

  private attempt(slot: number, now: number): void {
    const fn = this.fn;
    const acceptedAt = this.acceptedAt[slot]!;
    const expiresAt = acceptedAt + fn.spec.async.maximumEventAgeMs;
    if (now >= expiresAt) {
      this.giveUp(slot, now, 'EventAgeExceeded');
      return;
    }
    // Real handler code: the attempt carries the event's payload and request id (handler-runs.ts).
    const handler = fn.handler;
    if (handler !== null) handler.payloadTag = this.tags[slot] as PayloadTag;
    const started = fn.tryStart(this, slot, this.producedAt[slot]!, now, null, this.chain[slot]!);
    if (handler !== null) handler.payloadTag = null;
    if (started) {
      fn.asyncEventAgeMs.record(now - acceptedAt);
      const units = this.requestUnits[slot]!;
      if (units > 1) fn.extraRequests += units - 1;
      this.backoffMs[slot] = LAMBDA_LIMITS.asyncBackoffFirstMs;
      return;
    }
    if (fn.spec.reservedConcurrency === 0) {
      this.giveUp(slot, now, 'ZeroReservedConcurrency');
      return;
    }
    const backoff = this.backoffMs[slot]!;
    this.backoffMs[slot] = Math.min(backoff * 2, LAMBDA_LIMITS.asyncBackoffMaxMs);
    this.schedule(slot, Math.min(now + backoff, expiresAt));
  }

  invocationEnded(ok: boolean, tag: unknown, producedAt: number, now: number, response?: unknown): void {
    const slot = tag as number;
    if (ok) {
      const caller = this.callers[slot]!;
      const callerTag = this.callerTag(slot);
      const chain = this.chain[slot]!;
      const destination = this.fn.successDestination;
      const record = this.recordFor(destination, slot, 'Success', response);
      this.release(slot);
      destination?.send(now, DESTINATION_RECORD_BYTES, chain + 1, record);
      caller.settle(Outcome.Succeeded, callerTag, producedAt, now);
      return;
    }
    const retriesDone = this.retriesDone[slot]!;
    if (retriesDone < this.fn.spec.async.maximumRetryAttempts) {
      // Handler code: the error goes with the event, for a record if it ages out before its retry runs.
      const carried = this.tags[slot];
      if (carried instanceof PayloadTag) carried.lastError = response ?? null;
      this.retriesDone[slot] = retriesDone + 1;
      this.schedule(slot, now + LAMBDA_LIMITS.asyncRetryDelaysMs[retriesDone]!);
      return;
    }
    this.giveUp(slot, now, 'RetriesExhausted', response);
  }

  /** Gives the event up: out of retries after a failed run (with its error), too old, or never to run (reserved concurrency 0). */
  private giveUp(slot: number, now: number, condition: GiveUpCondition, lastError: unknown = null): void {
    const caller = this.callers[slot]!;
    const callerTag = this.callerTag(slot);
    const producedAt = this.producedAt[slot]!;
    const chain = this.chain[slot]!;
    const destination = this.fn.failureDestination;
    const record = this.recordFor(destination, slot, condition, lastError);
    this.release(slot);
    this.fn.asyncEventsDropped++;
    destination?.send(now, DESTINATION_RECORD_BYTES, chain + 1, record);
    caller.settle(destination ? Outcome.Failed : Outcome.Dropped, callerTag, producedAt, now);
  }

  /**
   * The invocation record's facts of the event in `slot`, for a destination
   * that uses them (a function with handler code), else undefined: nothing
   * is gathered per event otherwise.
   */
  private recordFor(destination: Destination | null, slot: number, condition: InvocationRecordFacts['condition'], response: unknown): InvocationRecordFacts | undefined {
    if (destination === null || !destination.wantsRecord) return undefined;
    const tag = this.tags[slot];
    const carried = tag instanceof PayloadTag ? tag : null;
    const retriesDone = this.retriesDone[slot]!;
    // Every retry followed a failed run; Success and RetriesExhausted end with one more run, the others with none.
    const ran = condition === 'Success' || condition === 'RetriesExhausted';
    return {
      condition,
      requestId: carried === null ? null : this.fn.handler!.requestIdOf(carried),
      approximateInvokeCount: ran ? retriesDone + 1 : retriesDone,
      requestPayload: carried === null ? {} : carried.payload.event,
      responsePayload: ran ? (response ?? null) : (carried?.lastError ?? null),
    };
  }

  /** The tag the caller gave (unwrapped when the event carries a handler's payload). */
  private callerTag(slot: number): unknown {
    const tag = this.tags[slot];
    return tag instanceof PayloadTag ? tag.tag : tag;
  }

  protected sameItem(a: number, b: number): boolean {
    return (
      this.producedAt[a] === this.producedAt[b] &&
      this.acceptedAt[a] === this.acceptedAt[b] &&
      this.backoffMs[a] === this.backoffMs[b] &&
      this.chain[a] === this.chain[b] &&
      this.retriesDone[a] === this.retriesDone[b] &&
      this.requestUnits[a] === this.requestUnits[b] &&
      this.callers[a] === this.callers[b] &&
      this.tags[a] === this.tags[b]
    );
  }

  protected copyItem(from: number, to: number): void {
    this.producedAt[to] = this.producedAt[from]!;
    this.acceptedAt[to] = this.acceptedAt[from]!;
    this.backoffMs[to] = this.backoffMs[from]!;
    this.chain[to] = this.chain[from]!;
    this.retriesDone[to] = this.retriesDone[from]!;
    this.requestUnits[to] = this.requestUnits[from]!;
    this.callers[to] = this.callers[from];
    this.tags[to] = this.tags[from];
  }

  protected clearItem(slot: number): void {
    this.callers[slot] = undefined;
    this.tags[slot] = undefined;
  }

  protected growItems(capacity: number): void {
    this.producedAt = grown(this.producedAt, capacity);
    this.acceptedAt = grown(this.acceptedAt, capacity);
    this.backoffMs = grown(this.backoffMs, capacity);
    this.chain = grown(this.chain, capacity);
    this.retriesDone = grown(this.retriesDone, capacity);
    this.requestUnits = grown(this.requestUnits, capacity);
    this.callers.length = capacity;
    this.tags.length = capacity;
  }
}
