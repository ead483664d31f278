/**
 * The hot path's shortcuts give exactly what the plain rules give: the event
 * queue's front slot keeps (time, insertion) order, a full token bucket's
 * shortcut leaves the state the continuous refill formula gives (bit for
 * bit), a cached bucket index is floor(t / width) clamped to the last bucket,
 * and the idle pool hands out the newest idle environment.
 */
import { describe, expect, it, vi } from 'vitest';
import { EventQueue } from '../core/kernel/event-queue.js';
import { Simulation } from '../core/kernel/simulation.js';
import { TokenBucket } from '../core/lambda/concurrency.js';
import { IdlePool } from '../core/lambda/environment-pool.js';
import { Environment } from '../core/lambda/environment.js';
import { SeriesSet } from '../core/metrics/time-series.js';
import { Random } from '../core/random.js';

describe('event queue with a front slot', () => {
  it('pops in (time, insertion) order while pushes and pops interleave, ties with the heap top included', () => {
    const queue = new EventQueue();
    const random = new Random(11);
    const pending: { t: number; seq: number }[] = [];
    let seq = 0;
    let now = 0;
    for (let step = 0; step < 20_000; step++) {
      if (pending.length === 0 || random.next() < 0.55) {
        // Times on a coarse grid so that ties with the top are common; sometimes exactly now.
        const t = now + (random.next() < 0.3 ? 0 : random.int(20) * 0.5);
        const entry = { t, seq: seq++ };
        pending.push(entry);
        queue.push(t, { fire: () => entry }, false);
      } else {
        pending.sort((a, b) => a.t - b.t || a.seq - b.seq);
        const expected = pending.shift()!;
        expect(queue.peekTime()).toBe(expected.t);
        const got = (queue.pop().fire as () => { t: number; seq: number })();
        expect(got).toBe(expected);
        now = got.t;
      }
      expect(queue.size).toBe(pending.length);
    }
  });
});

describe('token bucket', () => {
  /** The rule as written: refill continuously up to capacity, then take one if there is one. */
  function plainBucket(capacity: number, perMs: number) {
    let tokens = capacity;
    let at = 0;
    return (now: number): [boolean, number] => {
      let t = tokens + (now - at) * perMs;
      if (t > capacity) t = capacity;
      at = now;
      const took = t >= 1;
      tokens = took ? t - 1 : t;
      return [took, tokens];
    };
  }

  it.each([
    ['request rate, 10,000 a second', 10_000, 10],
    ['request rate of a reservation of 3', 30, 0.03],
    ['scaling, 1,000 per 10 s', 1_000, 0.1],
    ['a bucket that holds less than one token', 0.5, 0.001],
  ])('%s: same decisions and same tokens as the plain refill, at rates around its own', (_name, capacity, perMs) => {
    const bucket = new TokenBucket(capacity, perMs);
    const plain = plainBucket(capacity, perMs);
    const random = new Random(7);
    let now = 1e6 * random.next();
    let differences = 0;
    let taken = 0;
    for (let i = 0; i < 100_000; i++) {
      // Mean gap from a tenth to ten times the refill time of one token.
      now += (-Math.log(random.next()) / perMs) * 10 ** (2 * random.next() - 1);
      const [took, tokens] = plain(now);
      if (bucket.tryTake(now) !== took || (bucket as unknown as { tokens: number }).tokens !== tokens) differences++;
      if (took) taken++;
    }
    expect(differences).toBe(0);
    if (capacity >= 1) expect(taken).toBeGreaterThan(0);
  });
});

describe('bucket index', () => {
  it('is floor(t / width), clamped to the last bucket, for times on, just before and just after boundaries', () => {
    for (const width of [1, 10, 1000, 3 * 3600_000, 0.1 * 3]) {
      const series = new SeriesSet(width * 50, 360, width);
      const plain = (t: number) => Math.min(Math.floor(t / width), series.buckets - 1);
      let t = 0;
      for (let k = 0; k < 60; k++) {
        for (const x of [k * width * (1 - 1e-15), k * width, k * width * (1 + 1e-15), (k + 0.5) * width]) {
          if (x < t) continue; // the clock only moves on
          t = x;
          expect(series.index(t)).toBe(plain(t));
        }
      }
      expect(series.index(width * 0.5)).toBe(plain(width * 0.5)); // going back is allowed too
    }
  });
});

describe('idle pool', () => {
  it('always hands out the newest idle environment', () => {
    const sim = new Simulation();
    const pool = new IdlePool(sim, 1e12, () => {});
    const random = new Random(5);
    const sink = { complete() {} };
    const envs = Array.from({ length: 400 }, (_, id) => new Environment(id, false, sink));
    for (const env of envs) pool.register(env);
    const idle = new Set<Environment>();
    const busy = [...envs];
    for (let step = 0; step < 50_000; step++) {
      if (busy.length > 0 && (idle.size === 0 || random.next() < 0.5)) {
        const env = busy.splice(random.int(busy.length), 1)[0]!;
        pool.add(env, step);
        idle.add(env);
      } else {
        const newest = [...idle].reduce((a, b) => (b.id > a.id ? b : a));
        expect(pool.takeNewest()).toBe(newest);
        idle.delete(newest);
        busy.push(newest);
      }
      expect(pool.size).toBe(idle.size);
    }
  });

  it('drops the environments reclaimed after idleTimeout, however many, and still hands out the newest of the rest', () => {
    const rebuilds = vi.spyOn(IdlePool.prototype as unknown as { makeRoom(): void }, 'makeRoom');
    const sim = new Simulation();
    const reclaimed: number[] = [];
    const idle = new Map<number, { env: Environment; since: number }>();
    const pool = new IdlePool(sim, 100, (env, now) => {
      // Reclaimed after 100 ms idle, never sooner.
      expect(now - idle.get(env.id)!.since).toBeGreaterThanOrEqual(100);
      idle.delete(env.id);
      reclaimed.push(env.id);
    });
    const sink = { complete() {} };
    const random = new Random(9);
    let nextId = 0;
    const busy: Environment[] = [];
    let peakLive = 0;
    for (let round = 0; round < 40; round++) {
      // A batch of new environments goes idle at this instant, then time moves on by 0 to 150 ms.
      // Old environments back from a run go idle at this instant too (older ids, newer idle times).
      const now = sim.now;
      for (const env of busy.splice(0, random.int(busy.length + 1))) {
        pool.add(env, now);
        idle.set(env.id, { env, since: now });
      }
      for (let k = 0; k < 1 + random.int(200); k++) {
        const env = new Environment(nextId++, false, sink);
        pool.register(env);
        pool.add(env, now);
        idle.set(env.id, { env, since: now });
      }
      peakLive = Math.max(peakLive, idle.size + busy.length);
      sim.call(now + random.int(150), () => {});
      sim.run(Infinity);
      // Whatever was idle for more than 100 ms by now has been reclaimed.
      for (const { since } of idle.values()) expect(since + 100).toBeGreaterThanOrEqual(sim.now);
      expect(pool.size).toBe(idle.size);
      // Take a few, or all of them (down past the reclaimed ones): always the newest still idle.
      const takes = random.next() < 0.2 ? idle.size + 1 : random.int(5);
      for (let k = 0; k < takes && idle.size > 0; k++) {
        const newest = Math.max(...idle.keys());
        const env = pool.takeNewest()!;
        expect(env.id).toBe(newest);
        idle.delete(newest);
        busy.push(env);
      }
    }
    expect(reclaimed.length).toBeGreaterThan(300);
    expect(rebuilds).toHaveBeenCalled();
    // The ranks of reclaimed environments were squeezed out: the rank space stays within twice the peak of live ones (a power of two).
    expect(nextId).toBeGreaterThan(4 * peakLive);
    expect((pool as unknown as { slots: unknown[] }).slots.length).toBeLessThanOrEqual(2 ** Math.ceil(Math.log2(2 * peakLive)));
    rebuilds.mockRestore();
  });
});

describe('reserved sequences beside the front slot', () => {
  const fired: string[] = [];
  const item = (name: string) => ({ fire: () => void fired.push(name) });
  const drain = (q: EventQueue) => {
    while (q.size > 0) q.pop().fire(0);
  };

  it('an older sequence pushed late wins its tie while the front slot is taken', () => {
    fired.length = 0;
    const q = new EventQueue();
    const older = q.reserve();
    q.push(5, item('b'), false); // the front slot
    q.push(5, item('c'), false); // the heap
    q.pushReserved(5, older, item('a'), false);
    drain(q);
    expect(fired).toStrictEqual(['a', 'b', 'c']);
  });

  it('and while it is free, against the heap top of the same time', () => {
    fired.length = 0;
    const q = new EventQueue();
    const older = q.reserve();
    q.push(5, item('c'), false);
    q.push(6, item('e'), false);
    q.pop().fire(0); // c: the front slot is free again, the heap holds e at 6
    q.pushReserved(6, older, item('d'), false);
    drain(q);
    expect(fired).toStrictEqual(['c', 'd', 'e']);
  });
});
