/**
 * Concurrency limits (aws-rules.md rules 1–3 and 5).
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

/** A token bucket full at t = 0, refilled continuously at `perMs` tokens a millisecond up to `capacity`. */
export class TokenBucket {
  private tokens: number;
  private refilledAt = 0;

  constructor(
    readonly capacity: number,
    private readonly perMs: number,
  ) {
    this.tokens = capacity;
  }

  /** Takes one token if there is one at `now`. */
  tryTake(now: number): boolean {
    let tokens = this.tokens + (now - this.refilledAt) * this.perMs;
    if (tokens > this.capacity) tokens = this.capacity;
    this.refilledAt = now;
    if (tokens >= 1) {
      this.tokens = tokens - 1;
      return true;
    }
    this.tokens = tokens;
    return false;
  }
}

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
