/**
 * The delivery policy for AWS-managed endpoints against AWS's table (Amazon
 * SNS developer guide, "Amazon SNS message delivery retries"): 3 immediate
 * retries, 2 retries 1 s apart, 10 retries with exponential back-off from 1 s
 * to 20 s, 100,000 retries 20 s apart: 100,015 retries over 23 days.
 */
import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './delivery-policy.js';

/** Times (ms after the first attempt) of every attempt the policy makes, the first included. */
function attemptTimes(): number[] {
  const times = [0];
  for (let retry = 1; ; retry++) {
    const delay = retryDelayMs(retry);
    if (delay < 0) return times;
    times.push(times.at(-1)! + delay);
  }
}

const times = attemptTimes();
const attemptsBy = (t: number) => times.filter((x) => x <= t).length;
const DAY = 86_400_000;

describe('SNS delivery policy (AWS-managed endpoints)', () => {
  it('makes the first attempt and 100,015 retries', () => {
    expect(times).toHaveLength(1 + 3 + 2 + 10 + 100_000);
  });

  it('retries 3 times at once, then twice 1 s apart', () => {
    expect(attemptsBy(0)).toBe(4);
    expect(attemptsBy(999)).toBe(4);
    expect(attemptsBy(1000)).toBe(5);
    expect(attemptsBy(2000)).toBe(6);
  });

  it('then backs off exponentially from 1 s to 20 s over 10 retries', () => {
    const waits = times.slice(5, 16).map((t, i, all) => (i === 0 ? null : t - all[i - 1]!)).slice(1);
    expect(waits).toHaveLength(10);
    expect(waits[0]).toBe(1000);
    expect(waits[9]).toBe(20_000);
    // Exponential: a constant ratio between successive waits, 20^(1/9) (within the 1 ms rounding).
    for (let i = 1; i < 10; i++) expect(waits[i]! / waits[i - 1]!).toBeCloseTo(20 ** (1 / 9), 2);
    expect(attemptsBy(2000 + 999)).toBe(6);
    expect(attemptsBy(2000 + 1000)).toBe(7);
  });

  it('then retries every 20 s, 100,000 times, for about 23 days in all', () => {
    const tail = times.slice(16);
    expect(tail).toHaveLength(100_000);
    expect(new Set(tail.slice(1).map((t, i) => t - tail[i]!))).toStrictEqual(new Set([20_000]));
    const last = times.at(-1)!;
    expect(last).toBeGreaterThan(23 * DAY);
    expect(last).toBeLessThan(23.2 * DAY); // 100,000 × 20 s = 23.15 days, plus about 70 s before
  });

  it('has no retry 0 and none past the last', () => {
    expect(retryDelayMs(0)).toBe(-1);
    expect(retryDelayMs(100_016)).toBe(-1);
  });
});
