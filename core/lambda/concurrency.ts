/**
 * Concurrency limits (docs/aws-model.md rules 1–3 and 5).
 *
 * - The account's concurrency limit is shared by every function of the Region.
 *   A function with reserved concurrency R gets its own pool of R that no other
 *   function can use and that it cannot exceed. Provisioned concurrency of a
 *   function without reserved concurrency is claimed from the account for the
 *   whole run (AWS's ClaimedAccountConcurrency). What is left is the unreserved
 *   pool, shared by all functions without reserved concurrency; at least 100
 *   must stay in it.
 * - Each function may add at most `scalingRate` new environments per 10 s:
 *   a token bucket of capacity `scalingRate`, refilled continuously at
 *   scalingRate / 10 per second, full at t = 0. Warm environments need no token.
 * - Synchronous requests per second are capped at 10 × the pool's concurrency
 *   (rule 17): the account's limit for the unreserved pool, the reservation
 *   for a reserved one. A token bucket of one second's requests, refilled
 *   continuously, full at t = 0; a request without a token is throttled even
 *   while environments are free (docs/aws-model.md).
 */
import { InputError } from '../errors.js';

/** AWS keeps this much of the account's concurrency unreserved. */
export const MINIMUM_UNRESERVED = 100;

/** Synchronous requests a second allowed per unit of concurrency (rule 17). */
export const REQUESTS_PER_SECOND_PER_CONCURRENCY = 10;

export class ConcurrencyPool {
  inUse = 0;
  /** Synchronous requests a second: 10 × `rateBasis` (rule 17). */
  readonly requestRate: TokenBucket;

  constructor(
    readonly capacity: number,
    /** The concurrency the request rate is 10 × of: the account's limit for the unreserved pool, else `capacity`. */
    rateBasis: number = capacity,
  ) {
    const perSecond = REQUESTS_PER_SECOND_PER_CONCURRENCY * rateBasis;
    this.requestRate = new TokenBucket(perSecond, perSecond / 1000);
  }

  tryAcquire(): boolean {
    if (this.inUse >= this.capacity) return false;
    this.inUse++;
    return true;
  }

  release(): void {
    this.inUse--;
  }
}

/**
 * A token bucket full at t = 0, refilled continuously at `perMs` tokens a
 * millisecond up to `capacity`.
 *
 * Most buckets sit full (a request-rate bucket far above the traffic): once a
 * bucket is surely full again, taking a token leaves exactly `capacity - 1`
 * whatever the time since the last take, so that case skips the refill
 * arithmetic. `fullFrom` is a time from which the refill is sure to reach the
 * capacity: the exact refill time padded by 1e-9 of itself and 1e-15 of the
 * clock, far beyond the rounding of the arithmetic it stands for, so the
 * bucket's state is bit for bit what the plain refill gives.
 */
export class TokenBucket {
  private tokens: number;
  private refilledAt = 0;
  private fullFrom: number;
  /** Milliseconds to refill one token, padded (see above). */
  private readonly msPerTokenPadded: number;
  private readonly oneTokenMs: number;
  private readonly afterFullTake: number;

  constructor(
    readonly capacity: number,
    private readonly perMs: number,
  ) {
    this.tokens = capacity;
    this.msPerTokenPadded = (1 / perMs) * (1 + 1e-9);
    this.afterFullTake = capacity - 1;
    this.oneTokenMs = (capacity - this.afterFullTake) * this.msPerTokenPadded;
    // A bucket that cannot hold one token never takes the shortcut.
    this.fullFrom = capacity >= 1 ? 0 : Infinity;
  }

  /** Takes one token if there is one at `now`. */
  tryTake(now: number): boolean {
    if (now >= this.fullFrom) {
      this.tokens = this.afterFullTake;
      this.refilledAt = now;
      this.fullFrom = (now + this.oneTokenMs) * FULL_FROM_PAD;
      return true;
    }
    let tokens = this.tokens + (now - this.refilledAt) * this.perMs;
    if (tokens > this.capacity) tokens = this.capacity;
    this.refilledAt = now;
    const took = tokens >= 1;
    if (took) tokens -= 1;
    this.tokens = tokens;
    if (this.capacity >= 1) this.fullFrom = (now + (this.capacity - tokens) * this.msPerTokenPadded) * FULL_FROM_PAD;
    return took;
  }
}

/** Pads `fullFrom` by 1e-15 of the clock, beyond the rounding of a sum of times. */
const FULL_FROM_PAD = 1 + 1e-15;

/**
 * New environments: `capacity` per 10 s (rule 2). A plain TokenBucket, not a
 * subclass, so that every bucket of a run shares one shape and `tryTake`
 * stays monomorphic on the hot path.
 */
export function scalingBucket(capacity: number): TokenBucket {
  return new TokenBucket(capacity, capacity / 10_000);
}

export interface ConcurrencyClaim {
  name: string;
  reservedConcurrency: number | null;
  provisionedConcurrency: number;
}

/**
 * Splits the account limit into per-function reserved pools and the shared
 * unreserved pool, and checks AWS's rules on the way. Paths in errors point at
 * the offending function.
 */
export function allocatePools(
  concurrencyLimit: number,
  claims: readonly ConcurrencyClaim[],
): { unreserved: ConcurrencyPool; reserved: Map<string, ConcurrencyPool> } {
  const reserved = new Map<string, ConcurrencyPool>();
  let claimed = 0;
  for (const claim of claims) {
    const path = `/functions/${claim.name}`;
    if (claim.reservedConcurrency !== null) {
      if (claim.provisionedConcurrency > claim.reservedConcurrency) {
        throw new InputError(
          'SLSIM_ERR_BAD_VALUE',
          `provisionedConcurrency (${claim.provisionedConcurrency}) cannot exceed reservedConcurrency (${claim.reservedConcurrency})`,
          { path: `${path}/provisionedConcurrency` },
        );
      }
      reserved.set(claim.name, new ConcurrencyPool(claim.reservedConcurrency));
      claimed += claim.reservedConcurrency;
    } else {
      claimed += claim.provisionedConcurrency;
    }
    if (concurrencyLimit - claimed < MINIMUM_UNRESERVED && claimed > 0) {
      throw new InputError(
        'SLSIM_ERR_BAD_VALUE',
        `reserved and provisioned concurrency add up to ${claimed}, but AWS keeps at least ${MINIMUM_UNRESERVED} of the account's ${concurrencyLimit} unreserved (raise account.concurrencyLimit or reserve less)`,
        { path: claim.reservedConcurrency !== null ? `${path}/reservedConcurrency` : `${path}/provisionedConcurrency` },
      );
    }
  }
  return { unreserved: new ConcurrencyPool(concurrencyLimit - claimed, concurrencyLimit), reserved };
}
