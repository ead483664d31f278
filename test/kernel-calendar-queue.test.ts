/**
 * The event queue's calendar (core/kernel/event-queue.ts) pops exactly what a
 * plain sort by (time, insertion sequence) gives: checked step by step against
 * a sorted list while the number of waiting entries swings across the
 * thresholds where the calendar takes over from the heap and hands back,
 * with times from microseconds to days apart, ties, late pushes under
 * reserved (older) sequences, and Infinity.
 */
import { describe, expect, it, vi } from 'vitest';
import { EventQueue } from '../core/kernel/event-queue.js';
import { Random } from '../core/random.js';

interface Entry {
  t: number;
  key: number;
}

/** Pushes and pops at random against a sorted list; `scale` is the typical gap between times, ms. */
function differential(seed: number, scale: number, steps: number): { startCalendar: number; backToHeap: number } {
  const queue = new EventQueue();
  const internals = queue as unknown as { startCalendar(): void; tune(): boolean; small: boolean };
  const starts = vi.spyOn(internals, 'startCalendar');
  let backToHeap = 0;
  const tune = internals.tune.bind(queue);
  internals.tune = () => {
    const small = tune();
    if (small) backToHeap++;
    return small;
  };
  const random = new Random(seed);
  const pending: Entry[] = [];
  let sorted = true;
  // The backlog swings: a few, hundreds, a few, thousands, a few (each change of shape happens at least once).
  const targetAt = (step: number) => (step < 5000 ? 5 : step < 15_000 ? 400 : step < 25_000 ? 10 : step < 35_000 ? 3000 : 10);
  let now = 0;
  let next = 0;
  for (let step = 0; step < steps; step++) {
    if (pending.length === 0 || random.next() < (pending.length < targetAt(step) ? 0.6 : 0.4)) {
      const r = random.next();
      const t =
        r < 0.15 ? now : r < 0.25 ? now + random.int(3) * scale : r < 0.2501 ? Infinity : now + random.exponential(scale) * (random.next() < 0.05 ? 2000 : 1);
      const entry = { t, key: 0 };
      if (random.next() < 0.05 && next > 0) {
        const seq = queue.reserve();
        entry.key = seq;
        queue.pushReserved(t, seq, { fire: () => entry } as never, false);
      } else {
        entry.key = next;
        queue.push(t, { fire: () => entry } as never, false);
      }
      next = entry.key + 1;
      pending.push(entry);
      sorted = false;
    } else {
      if (!sorted) pending.sort((a, b) => a.t - b.t || a.key - b.key);
      sorted = true;
      const expected = pending.shift()!;
      expect(queue.peekTime()).toBe(expected.t);
      const got = (queue.pop().fire as () => Entry)();
      expect(got).toBe(expected);
      if (got.t !== Infinity) now = got.t;
      else pending.length = 0; // only Infinity is left after it: start afresh
      if (got.t === Infinity) while (queue.size > 0) queue.pop();
    }
    expect(queue.size).toBe(pending.length);
  }
  return { startCalendar: starts.mock.calls.length, backToHeap };
}

describe('event queue: heap and calendar', () => {
  it.each([
    ['microseconds apart', 0.001],
    ['milliseconds apart', 1],
    ['seconds apart', 1000],
    ['days apart', 86_400_000],
  ])('pops in (time, sequence) order with times %s, through both changes of shape', (_name, scale) => {
    const { startCalendar, backToHeap } = differential(7, scale, 60_000);
    expect(startCalendar).toBeGreaterThan(0);
    expect(backToHeap).toBeGreaterThan(0);
  });

  it('hands back to the heap when the backlog drains, the front slot empty', () => {
    const queue = new EventQueue();
    const internals = queue as unknown as { small: boolean };
    const item = (t: number) => ({ fire: () => t }) as never;
    const times = Array.from({ length: 5000 }, (_, i) => ((i * 7919) % 5000) + 0.5); // distinct times, pushed out of order
    for (const t of times) queue.push(t, item(t), false);
    expect(internals.small).toBe(false);
    let expected = 0.5;
    let latest = 4999.5;
    const popNext = () => {
      expect(queue.peekTime()).toBe(expected);
      expect((queue.pop().fire as () => number)()).toBe(expected);
      expected++;
    };
    while (queue.size > 10) popNext();
    // A backlog of 10: each new entry goes after all the others (never to the front slot), until the queue hands back.
    for (let k = 0; k < 20_000 && !internals.small; k++) {
      popNext();
      queue.push(++latest, item(latest), false);
    }
    expect(internals.small).toBe(true);
    while (queue.size > 0) popNext();
    expect(expected).toBe(latest + 1);
    expect(queue.peekTime()).toBe(Infinity);
  });

  it('goes back to the heap while events come in clusters at a few instants, in order all the same', () => {
    const queue = new EventQueue();
    const internals = queue as unknown as { small: boolean };
    // 2,000 entries at five instants; each one popped comes back 1 s later (a burst retried): big bins, nothing for the ring to do.
    const pending: Entry[] = [];
    let key = 0;
    const push = (t: number) => {
      const entry = { t, key: key++ };
      pending.push(entry);
      queue.push(t, { fire: () => entry } as never, false);
    };
    for (let i = 0; i < 2000; i++) push(i % 5);
    let wentBack = false;
    for (let step = 0; step < 30_000; step++) {
      pending.sort((a, b) => a.t - b.t || a.key - b.key);
      const expected = pending.shift()!;
      expect(queue.peekTime()).toBe(expected.t);
      expect((queue.pop().fire as () => Entry)()).toBe(expected);
      push(expected.t + 1000);
      if (step > 0 && internals.small && queue.size > 1000) wentBack = true;
    }
    expect(wentBack).toBe(true);
  });

  it('stays a calendar for events spread in time, though its first width was far too wide', () => {
    const queue = new EventQueue();
    const internals = queue as unknown as { small: boolean };
    const random = new Random(3);
    // 500 entries over 10 s start it with wide bins; then each pop brings one back within about 50 ms (a steady 10,000 a second).
    for (let i = 0; i < 500; i++) queue.push(random.next() * 10_000, { fire: () => 0 }, false);
    expect(internals.small).toBe(false);
    let asHeap = 0;
    for (let step = 0; step < 100_000; step++) {
      const now = queue.peekTime();
      queue.pop();
      queue.push(now + random.exponential(50), { fire: () => 0 }, false);
      if (internals.small) asHeap++;
    }
    expect(asHeap).toBe(0);
  });

  it('takes the front slot along when the calendar starts, though it is bins earlier than the heap', () => {
    const queue = new EventQueue();
    const times: number[] = [];
    queue.push(0.5, { fire: () => 0.5 } as never, false); // the front slot (the heap is empty)
    for (let i = 0; i < 256; i++) queue.push(1000 + i, { fire: () => 1000 + i } as never, false); // the heap
    queue.push(2000, { fire: () => 2000 } as never, false); // the calendar starts
    expect((queue as unknown as { small: boolean }).small).toBe(false);
    while (queue.size > 0) times.push((queue.pop().fire as () => number)());
    expect(times).toStrictEqual([0.5, ...Array.from({ length: 256 }, (_, i) => 1000 + i), 2000]);
  });

  it('keeps FIFO among thousands of simultaneous entries, older reserved sequences first', () => {
    const queue = new EventQueue();
    const fired: number[] = [];
    const reserved = Array.from({ length: 100 }, () => queue.reserve());
    for (let i = 0; i < 3000; i++) queue.push(5, { fire: () => void fired.push(100 + i) }, false);
    for (let i = 99; i >= 0; i--) queue.pushReserved(5, reserved[i]!, { fire: () => void fired.push(i) }, false);
    while (queue.size > 0) queue.pop().fire(5);
    expect(fired).toStrictEqual(Array.from({ length: 3100 }, (_, i) => i));
  });
});
