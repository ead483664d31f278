/**
 * One API Gateway stage whose Lambda proxy integration calls one function
 * (docs/aws-model.md, rules 8, 17 and 23). Each arrival is a client's
 * request; each attempt of it is one API request (`Count`), answered:
 *
 * - 413 over 10 MB, and 429 when the stage's or the account's throttle
 *   refuses it (`4XXError`): API Gateway's own answers, not billed;
 * - else it goes to the integration (billed): 500 when Lambda refuses the
 *   invoke (a throttle, rules 3 and 17, or an event over its 6 MB), 502 when
 *   the run fails, 504 at `integrationTimeout` when the run takes longer (the
 *   function runs on and is billed; its end answers nobody), and 200 when the
 *   run succeeds in time.
 *
 * A 429, or the 500 of a Lambda throttle, is tried again by a client with
 * `clientRetries` (after backoff, 2 × backoff, …); any other answer ends the
 * request: `succeeded` for a 200, else `rejected` (docs/report.md).
 */
import type { FunctionHandle, InvocationCaller, SourceContext, SourceSeries, SourceTimer } from '../../core/engine/adapter-contract.js';
import { Outcome } from '../../core/engine/adapter-contract.js';
import { resolveDistribution, type Sampler } from '../../core/distributions.js';
import { LAMBDA_LIMITS } from '../../core/lambda/function-spec.js';
import { Histogram } from '../../core/metrics/histogram.js';
import { parseDuration, parseSize } from '../../core/units.js';
import type { ApiConfig } from './index.js';
import { API_GATEWAY_LIMITS, billedUnits, integrationTimeoutMs, Status, statusOfResponse, type Protocol } from './limits.js';
import { envelopeBytes } from './payload.js';
import { ApiRequest, DeadlineList, RequestState } from './requests.js';
import { accountBucketOf, RequestBucket, Throttle } from './throttle.js';

export class ApiGateway implements InvocationCaller {
  /** API requests received: every attempt of every client request. */
  count = 0;
  clientErrors = 0;
  serverErrors = 0;
  /** Billed requests: one per integration request (REST), one per started 512 KB of it (HTTP). */
  billedRequests = 0;
  /** From the request to the answer, of the requests passed to the integration (ms). */
  readonly latency = new Histogram();

  readonly protocol: Protocol;
  readonly timeoutMs: number;
  private readonly fn: FunctionHandle;
  private readonly throttle: Throttle;
  private readonly payload: Sampler;
  private readonly retries: number;
  private readonly backoffMs: number;
  /** A body over this makes an event over Lambda's 6 MB. */
  private readonly maxBodyForLambda: number;
  private readonly free: ApiRequest[] = [];
  private readonly waiting = new DeadlineList();
  private readonly deadline: SourceTimer;
  private readonly tryAgain = (request: ApiRequest, now: number) => this.attempt(request, now);
  private readonly series: { count: SourceSeries; clientErrors: SourceSeries; serverErrors: SourceSeries; latency: SourceSeries };

  constructor(private readonly ctx: SourceContext<ApiConfig>) {
    const config = ctx.config;
    this.protocol = config.protocol;
    this.timeoutMs = integrationTimeoutMs(config.protocol, config.integrationTimeout);
    this.fn = ctx.fn(config.targets[0]);
    const stage = config.throttle ? new RequestBucket(config.throttle.burstLimit, config.throttle.rateLimit) : null;
    this.throttle = new Throttle(accountBucketOf(ctx.scenario), stage);
    this.payload = ctx.sampler(resolveDistribution(config.payloadSize, parseSize));
    this.retries = config.clientRetries.attempts;
    this.backoffMs = parseDuration(config.clientRetries.backoff);
    this.maxBodyForLambda = LAMBDA_LIMITS.syncPayloadBytes - envelopeBytes(config.protocol, ctx.scenario.region, ctx.scenario.accountId, ctx.name);
    this.deadline = ctx.timer((now) => this.timeOut(now));
    this.series = {
      count: ctx.series('Count', 'sum'),
      clientErrors: ctx.series('4XXError', 'sum'),
      serverErrors: ctx.series('5XXError', 'sum'),
      latency: ctx.series('Latency', 'max'),
    };
  }

  /** A client sends a request (its size from the trace, else drawn). */
  arrive = (now: number, traceSize: number): void => {
    this.ctx.ledger.produced();
    const request = this.free.pop() ?? new ApiRequest(this.tryAgain);
    request.producedAt = now;
    request.sizeBytes = traceSize >= 0 ? traceSize : this.payload.sample();
    request.attempts = 0;
    this.attempt(request, now);
  };

  private attempt(request: ApiRequest, now: number): void {
    request.attempts++;
    this.count++;
    this.series.count.record(now, 1);
    if (request.sizeBytes > API_GATEWAY_LIMITS.payloadBytes) return this.refuse(request, Status.PayloadTooLarge, false, false, now);
    if (!this.throttle.admit(now)) return this.refuse(request, Status.TooManyRequests, true, false, now);
    this.billedRequests += billedUnits(this.protocol, request.sizeBytes);
    if (request.sizeBytes > this.maxBodyForLambda) return this.refuse(request, Status.InternalServerError, false, true, now);
    if (!this.fn.invokeSync(this, request, request.producedAt)) return this.refuse(request, Status.InternalServerError, true, true, now);
    request.state = RequestState.Waiting;
    request.sentAt = now;
    request.deadline = now + this.timeoutMs;
    this.waiting.push(request);
    if (!this.deadline.armed) this.deadline.arm(request.deadline);
  }

  /** An answer without a run: the client tries again when it may, else the request ends `rejected`. */
  private refuse(request: ApiRequest, status: Status, retryable: boolean, integrated: boolean, now: number): void {
    this.answer(status, now, integrated ? 0 : -1);
    if (retryable && request.attempts <= this.retries) {
      request.state = RequestState.BackingOff;
      this.ctx.at(now + this.backoffMs * 2 ** (request.attempts - 1), request);
      return;
    }
    this.finish(request, Outcome.Rejected, now);
  }

  /** The function's run ended: its answer, unless the integration timed out first. */
  invocationEnded(ok: boolean, tag: unknown, _producedAt: number, now: number, response?: unknown): void {
    const request = tag as ApiRequest;
    if (request.state === RequestState.TimedOut) {
      this.release(request);
      return;
    }
    this.waiting.remove(request);
    if (this.waiting.length === 0) this.deadline.cancel();
    // Handler code's own 5xx answers count as server errors, like a failed run.
    const status = ok ? statusOfResponse(this.protocol, response) : Status.BadGateway;
    this.answer(status, now, now - request.sentAt);
    this.finish(request, status < 500 ? Outcome.Succeeded : Outcome.Rejected, now);
  }

  /** 504 for every request whose deadline has come; the timer moves on to the next deadline. */
  private timeOut(now: number): void {
    let request = this.waiting.head;
    while (request !== null && request.deadline <= now) {
      this.waiting.remove(request);
      request.state = RequestState.TimedOut;
      this.answer(Status.GatewayTimeout, now, this.timeoutMs);
      this.ctx.ledger.settle(Outcome.Rejected, request.producedAt, now);
      request = this.waiting.head;
    }
    if (request !== null) this.deadline.arm(request.deadline);
  }

  /** Counts an answer; `latencyMs` < 0 leaves it out of `Latency` (API Gateway's own refusals). */
  private answer(status: number, now: number, latencyMs: number): void {
    if (status >= 500) {
      this.serverErrors++;
      this.series.serverErrors.record(now, 1);
    } else if (status >= 400) {
      this.clientErrors++;
      this.series.clientErrors.record(now, 1);
    }
    if (latencyMs >= 0) {
      this.latency.record(latencyMs);
      this.series.latency.record(now, latencyMs);
    }
  }

  private finish(request: ApiRequest, outcome: Outcome, now: number): void {
    this.ctx.ledger.settle(outcome, request.producedAt, now);
    this.release(request);
  }

  private release(request: ApiRequest): void {
    request.state = RequestState.Free;
    this.free.push(request);
  }
}
