/**
 * SNS's delivery policy for AWS-managed endpoints (Lambda functions and SQS
 * queues), which only HTTP/S subscriptions may change: after a hand-off
 * attempt fails server-side, 3 immediate retries, 2 retries 1 s apart, 10
 * retries with exponential back-off from 1 s to 20 s, then 100,000 retries
 * 20 s apart: 100,015 retries over about 23 days. After the last one the copy
 * goes to the subscription's dead-letter queue, or is discarded. A client-side
 * error is never retried. (adapters/sns/README.md says where AWS is vague.)
 */

export const IMMEDIATE_RETRIES = 3;
export const PRE_BACKOFF_RETRIES = 2;
export const PRE_BACKOFF_DELAY_MS = 1000;
export const BACKOFF_RETRIES = 10;
export const BACKOFF_MIN_DELAY_MS = 1000;
export const BACKOFF_MAX_DELAY_MS = 20_000;
export const POST_BACKOFF_RETRIES = 100_000;
export const POST_BACKOFF_DELAY_MS = 20_000;

/** Retries after the first attempt: AWS's table calls these 100,015 its "total attempts". */
export const TOTAL_RETRIES = IMMEDIATE_RETRIES + PRE_BACKOFF_RETRIES + BACKOFF_RETRIES + POST_BACKOFF_RETRIES;

/**
 * The waits of the back-off phase: exponential from the minimum to the
 * maximum delay, both ends included (1 s, 1.39 s, 1.95 s, … 14.3 s, 20 s).
 * AWS names the function and its ends, not the steps between.
 */
export const BACKOFF_DELAYS_MS: readonly number[] = Array.from({ length: BACKOFF_RETRIES }, (_, k) =>
  Math.round(BACKOFF_MIN_DELAY_MS * (BACKOFF_MAX_DELAY_MS / BACKOFF_MIN_DELAY_MS) ** (k / (BACKOFF_RETRIES - 1))),
);

/** The wait before retry number `retry` (1 = the first retry), ms; -1 when the policy has no such retry. */
export function retryDelayMs(retry: number): number {
  let n = retry;
  if (n < 1) return -1;
  if (n <= IMMEDIATE_RETRIES) return 0;
  n -= IMMEDIATE_RETRIES;
  if (n <= PRE_BACKOFF_RETRIES) return PRE_BACKOFF_DELAY_MS;
  n -= PRE_BACKOFF_RETRIES;
  if (n <= BACKOFF_RETRIES) return BACKOFF_DELAYS_MS[n - 1]!;
  n -= BACKOFF_RETRIES;
  if (n <= POST_BACKOFF_RETRIES) return POST_BACKOFF_DELAY_MS;
  return -1;
}
