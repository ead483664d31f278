/**
 * One event on a function's internal async queue (aws-rules.md rule 7).
 *
 * Accepted at once; each attempt runs when concurrency allows. A throttled
 * attempt goes back on the queue and is retried after a back-off of 1 s,
 * doubling, capped at 5 min; throttles use up no retry attempts. A function
 * error is retried `maximumRetryAttempts` times, about 1 min and 2 min after
 * the failures. An event older than `maximumEventAge`, or out of attempts, is
 * given up: sent to `onFailure` when set (delivery `failed`), else dropped.
 * With reserved concurrency 0 an event is given up at once. A handled event
 * also sends an invocation record to `onSuccess` when set (aws-rules.md rule 18).
 */
import type { Schedulable, Simulation } from '../kernel/simulation.js';
import { Outcome } from '../metrics/ledger.js';
import type { InvocationCaller } from './environment.js';
import { PayloadTag } from './handler-calls.js';
import { LAMBDA_LIMITS } from './function-spec.js';
import type { LambdaFunction } from './lambda-function.js';

/** Who hears the final state of a delivery (a source, or an upstream delivery). */
export interface DeliveryCaller {
  settle(outcome: Outcome, tag: unknown, producedAt: number, now: number): void;
}

/** Why an async event was given up (the on-failure record's `condition`). */
export type GiveUpCondition = 'RetriesExhausted' | 'EventAgeExceeded';

/** Size of the invocation record a destination receives (request and response context, the event), bytes. */
export const DESTINATION_RECORD_BYTES = 1024;

export class AsyncInvocation implements Schedulable, InvocationCaller {
  private retriesDone = 0;
  private backoffMs: number = LAMBDA_LIMITS.asyncBackoffFirstMs;
  private readonly expiresAt: number;
  /** Attempts made so far (AWS's approximateInvokeCount). */
  attempts = 0;

  constructor(
    readonly fn: LambdaFunction,
    private readonly caller: DeliveryCaller,
    readonly tag: unknown,
    readonly producedAt: number,
    readonly acceptedAt: number,
    /** Requests billed per attempt (payloads over 256 KB count more). */
    private readonly requestUnits: number,
    private readonly sim: Simulation,
    /** Invocations of the event's chain before it (recursive loop detection). */
    readonly chain = 0,
  ) {
    this.expiresAt = acceptedAt + fn.spec.async.maximumEventAgeMs;
  }

  /** The tag the caller gave (unwrapped when the event carries a handler's payload). */
  private get callerTag(): unknown {
    return this.tag instanceof PayloadTag ? this.tag.tag : this.tag;
  }

  /** Retry timer: the next attempt is due. */
  fire(now: number): void {
    this.attempt(now);
  }

  attempt(now: number): void {
    if (now >= this.expiresAt) {
      this.giveUp('EventAgeExceeded', now);
      return;
    }
    const fn = this.fn;
    // Real handler code: the attempt carries the event's payload and request id (handler-runs.ts).
    if (fn.handler !== null) fn.handler.payloadTag = this.tag as PayloadTag;
    const started = fn.tryStart(this, undefined, this.producedAt, now, null, this.chain);
    if (fn.handler !== null) fn.handler.payloadTag = null;
    if (started) {
      this.attempts++;
      fn.asyncEventAgeMs.record(now - this.acceptedAt);
      if (this.requestUnits > 1) fn.extraRequests += this.requestUnits - 1;
      this.backoffMs = LAMBDA_LIMITS.asyncBackoffFirstMs;
      return;
    }
    if (fn.spec.reservedConcurrency === 0) {
      this.giveUp('RetriesExhausted', now);
      return;
    }
    const next = Math.min(now + this.backoffMs, this.expiresAt);
    this.backoffMs = Math.min(this.backoffMs * 2, LAMBDA_LIMITS.asyncBackoffMaxMs);
    this.sim.at(next, this);
  }

  invocationEnded(ok: boolean, _tag: unknown, _producedAt: number, now: number): void {
    if (ok) {
      this.fn.successDestination?.send(now, DESTINATION_RECORD_BYTES, this.chain + 1);
      this.caller.settle(Outcome.Succeeded, this.callerTag, this.producedAt, now);
      return;
    }
    if (this.retriesDone < this.fn.spec.async.maximumRetryAttempts) {
      const delay = LAMBDA_LIMITS.asyncRetryDelaysMs[this.retriesDone]!;
      this.retriesDone++;
      this.sim.at(now + delay, this);
      return;
    }
    this.giveUp('RetriesExhausted', now);
  }

  private giveUp(_condition: GiveUpCondition, now: number): void {
    this.fn.asyncEventsDropped++;
    const destination = this.fn.failureDestination;
    destination?.send(now, DESTINATION_RECORD_BYTES, this.chain + 1);
    this.caller.settle(destination ? Outcome.Failed : Outcome.Dropped, this.callerTag, this.producedAt, now);
  }
}
