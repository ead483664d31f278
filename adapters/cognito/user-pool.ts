/**
 * One user pool and its trigger in a run: each user request (sign-up,
 * sign-in, ...) passes the pool's per-second quota, then waits for the
 * trigger, a synchronous invoke of one function (docs/aws-model.md rules 16
 * and 24).
 *
 * - Over the quota: TooManyRequestsException, `rejected`, before the trigger
 *   runs (the function never sees it).
 * - Cognito waits 5 s for each attempt. A reply after that, a function error
 *   (the function's own timeout included) or a Lambda throttle is a failed
 *   attempt; the next starts at once. After 3 failed attempts the user's
 *   request fails: `rejected`. A run Cognito stopped waiting for goes on and
 *   is billed; its late reply is ignored.
 * - A reply within 5 s without error: `succeeded`, its latency counted from
 *   the request; the user is active this month (active-users.ts).
 *
 * Each attempt is a pooled TriggerAttempt, the tag of its invoke, with a timer
 * made once per object; an attempt whose reply is late stays out of the pool
 * until the reply comes, so a late reply never reaches a newer request.
 * Nothing is kept of a settled request but counters and a fixed histogram.
 */
import type { FunctionHandle, InvocationCaller, SourceContext, SourceSeries, SourceTimer } from '../../core/engine/adapter-contract.js';
import { Outcome } from '../../core/engine/adapter-contract.js';
import { Histogram } from '../../core/metrics/histogram.js';
import { ActiveUsers } from './active-users.js';
import type { CognitoConfig } from './index.js';
import { PerSecondQuota } from './request-quota.js';
import { defaultQuota, resolveTriggerSource, type TriggerSource } from './triggers.js';

/** How long Cognito waits for a trigger's reply; AWS does not let it be changed. */
export const TRIGGER_TIMEOUT_MS = 5000;
/** Attempts per user request: the first and two retries. */
export const TRIGGER_ATTEMPTS = 3;

/** One invoke of the trigger for one user request. */
class TriggerAttempt {
  /** When the user's request arrived. */
  producedAt = 0;
  /** Attempts made for the request so far, this one included (1..3). */
  number = 0;
  /** Cognito still waits for this attempt's reply. */
  waiting = false;
  readonly timer: SourceTimer;

  constructor(pool: UserPool) {
    this.timer = pool.ctx.timer((now) => pool.timedOut(this, now));
  }
}

export class UserPool implements InvocationCaller {
  requests = 0;
  tooManyRequests = 0;
  attempts = 0;
  timeouts = 0;
  errors = 0;
  /** Handler code that did not give the event back (InvalidLambdaResponseException); also counted in errors. */
  invalidResponses = 0;
  throttles = 0;
  failed = 0;
  readonly latency = new Histogram();
  readonly triggerSource: TriggerSource;
  readonly activeUsers: ActiveUsers;
  private readonly fn: FunctionHandle;
  private readonly quota: PerSecondQuota;
  private readonly free: TriggerAttempt[] = [];
  private readonly series: Record<'requests' | 'tooManyRequests' | 'timeouts' | 'failed', SourceSeries>;

  constructor(readonly ctx: SourceContext<CognitoConfig>) {
    const config = ctx.config;
    this.triggerSource = resolveTriggerSource(config.trigger, config.triggerSource)!;
    this.fn = ctx.fn(config.targets[0]);
    this.quota = new PerSecondQuota(config.quota ?? defaultQuota(this.triggerSource));
    this.activeUsers = new ActiveUsers(config.users ?? (this.triggerSource.createsUser ? 'new' : 'none'), ctx.random);
    this.series = {
      requests: ctx.series('Requests', 'sum'),
      tooManyRequests: ctx.series('TooManyRequests', 'sum'),
      timeouts: ctx.series('TriggerTimeouts', 'sum'),
      failed: ctx.series('FailedRequests', 'sum'),
    };
  }

  /** One user request at `now`. */
  arrive = (now: number): void => {
    this.ctx.ledger.produced();
    this.requests++;
    this.series.requests.record(now, 1);
    if (!this.quota.admit(now)) {
      this.tooManyRequests++;
      this.series.tooManyRequests.record(now, 1);
      this.ctx.ledger.settle(Outcome.Rejected, now, now);
      return;
    }
    const attempt = this.free.pop() ?? new TriggerAttempt(this);
    attempt.producedAt = now;
    attempt.number = 0;
    this.attempt(attempt, now);
  };

  /** The request's next attempts, until a run starts or all three failed (a throttled attempt fails at once). */
  private attempt(attempt: TriggerAttempt, now: number): void {
    while (attempt.number < TRIGGER_ATTEMPTS) {
      attempt.number++;
      this.attempts++;
      if (this.fn.invokeSync(this, attempt, attempt.producedAt)) {
        attempt.waiting = true;
        attempt.timer.arm(now + TRIGGER_TIMEOUT_MS);
        return;
      }
      this.throttles++;
    }
    this.fail(attempt.producedAt, now);
    this.free.push(attempt);
  }

  invocationEnded(ok: boolean, tag: unknown, producedAt: number, now: number, response?: unknown): void {
    const attempt = tag as TriggerAttempt;
    if (!attempt.waiting) {
      this.free.push(attempt); // a late reply: Cognito gave up on this attempt at its timeout
      return;
    }
    attempt.waiting = false;
    attempt.timer.cancel();
    if (ok && !isTriggerResponse(response)) {
      // Handler code must give the event back: anything else is Cognito's InvalidLambdaResponseException.
      this.invalidResponses++;
      ok = false;
    }
    if (ok) {
      this.latency.record(now - producedAt);
      this.activeUsers.active(now);
      this.ctx.ledger.settle(Outcome.Succeeded, producedAt, now);
      this.free.push(attempt);
      return;
    }
    this.errors++;
    this.attempt(attempt, now);
  }

  /** No reply within 5 s: the attempt failed, its run goes on; the request tries again with another attempt. */
  timedOut(attempt: TriggerAttempt, now: number): void {
    attempt.waiting = false;
    this.timeouts++;
    this.series.timeouts.record(now, 1);
    if (attempt.number >= TRIGGER_ATTEMPTS) {
      this.fail(attempt.producedAt, now);
      return;
    }
    const next = this.free.pop() ?? new TriggerAttempt(this);
    next.producedAt = attempt.producedAt;
    next.number = attempt.number;
    this.attempt(next, now);
  }

  private fail(producedAt: number, now: number): void {
    this.failed++;
    this.series.failed.record(now, 1);
    this.ctx.ledger.settle(Outcome.Rejected, producedAt, now);
  }
}

/** A trigger's answer Cognito accepts: the event object (with its `response`); no answer at all is a run without handler code. */
function isTriggerResponse(response: unknown): boolean {
  return response === undefined || (response !== null && typeof response === 'object' && !Array.isArray(response));
}
