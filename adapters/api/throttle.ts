/**
 * API Gateway's throttles (docs/aws-model.md, rule 23): token buckets of `burst`
 * tokens refilled continuously at `rate` a second, full at t = 0. A request
 * passes when both its stage's bucket (the source's `throttle`, if any) and
 * the account's bucket (5,000 refilled at 10,000 a second) hold a token; it
 * then takes one from each. A refused request takes none (AWS does not say
 * whether a request refused by the account limit used a stage token).
 *
 * The account's bucket is shared by every api source of a run: it is kept per
 * run, keyed by the run's `ScenarioFacts` object, which the engine hands
 * every source of one run (docs/adapters.md).
 */
import type { ScenarioFacts } from '../../core/engine/adapter-contract.js';
import { API_GATEWAY_LIMITS } from './limits.js';

export class RequestBucket {
  private tokens: number;
  private refilledAt = 0;
  private readonly perMs: number;

  constructor(
    readonly burst: number,
    readonly ratePerSecond: number,
  ) {
    this.tokens = burst;
    this.perMs = ratePerSecond / 1000;
  }

  /** Refills the bucket up to `now`; true when it holds a whole token. */
  hasToken(now: number): boolean {
    if (now > this.refilledAt) {
      const tokens = this.tokens + (now - this.refilledAt) * this.perMs;
      this.tokens = tokens > this.burst ? this.burst : tokens;
      this.refilledAt = now;
    }
    return this.tokens >= 1;
  }

  /** Takes the token `hasToken` found. */
  take(): void {
    this.tokens -= 1;
  }
}

/** The account's bucket of each run, shared by its api sources. */
const accountBuckets = new WeakMap<ScenarioFacts, RequestBucket>();

export function accountBucketOf(run: ScenarioFacts): RequestBucket {
  let bucket = accountBuckets.get(run);
  if (!bucket) {
    bucket = new RequestBucket(API_GATEWAY_LIMITS.accountBurst, API_GATEWAY_LIMITS.accountRatePerSecond);
    accountBuckets.set(run, bucket);
  }
  return bucket;
}

/** A stage's limit, then the account's. */
export class Throttle {
  constructor(
    private readonly account: RequestBucket,
    private readonly stage: RequestBucket | null,
  ) {}

  /** True when the request passes (it takes a token of each bucket); false for a 429. */
  admit(now: number): boolean {
    const stage = this.stage;
    if (stage !== null && !stage.hasToken(now)) return false;
    if (!this.account.hasToken(now)) return false;
    stage?.take();
    this.account.take();
    return true;
  }
}
