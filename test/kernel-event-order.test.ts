/**
 * The event heap fires in (time, insertion order): simultaneous events come out
 * FIFO however many there are, and background items never keep a run alive.
 */
import { describe, expect, it } from 'vitest';
import { PROGRESS_EVERY, Simulation, Timer } from '../core/kernel/simulation.js';
import { Random } from '../core/random.js';

describe('event order', () => {
  it('fires 1,000 simultaneous events in the order they were scheduled', () => {
    const sim = new Simulation();
    const log: number[] = [];
    for (let i = 0; i < 1000; i++) sim.call(5, () => log.push(i));
    sim.run(Infinity);
    expect(log).toStrictEqual(Array.from({ length: 1000 }, (_, i) => i));
  });

  it('orders by time first, then FIFO among ties, for events scheduled in random order', () => {
    const sim = new Simulation();
    const random = new Random(3);
    const scheduled: { t: number; i: number }[] = [];
    const fired: { t: number; i: number }[] = [];
    for (let i = 0; i < 5000; i++) {
      const t = random.int(50); // many ties
      scheduled.push({ t, i });
      sim.call(t, (now) => fired.push({ t: now, i }));
    }
    sim.run(Infinity);
    const expected = [...scheduled].sort((a, b) => a.t - b.t || a.i - b.i);
    expect(fired).toStrictEqual(expected);
  });

  it('keeps FIFO among ties for events scheduled while the run is going', () => {
    const sim = new Simulation();
    const log: string[] = [];
    sim.call(1, () => {
      log.push('a');
      sim.call(1, () => log.push('c'));
    });
    sim.call(1, () => log.push('b'));
    sim.run(Infinity);
    expect(log).toStrictEqual(['a', 'b', 'c']);
  });

  it('refuses to schedule in the past', () => {
    const sim = new Simulation();
    sim.call(10, () => expect(() => sim.call(5, () => {})).toThrow(/cannot schedule at 5 ms: the clock is already at 10 ms/));
    sim.run(Infinity);
  });

  it('stops when only background items are left, and at the time limit', () => {
    const sim = new Simulation();
    const log: number[] = [];
    const timer = new Timer(sim, (now) => log.push(now)); // background by default
    timer.arm(100);
    sim.call(10, (now) => log.push(now));
    sim.call(50, (now) => log.push(now));
    expect(sim.run(Infinity)).toStrictEqual({ reason: 'idle', lastEventTime: 50 });
    expect(log).toStrictEqual([10, 50]);

    const limited = new Simulation();
    limited.call(10, () => {});
    limited.call(500, () => {});
    expect(limited.run(100)).toStrictEqual({ reason: 'until', lastEventTime: 10 });
  });

  it('re-arming a timer replaces the earlier time: it fires once, at the last time armed', () => {
    const sim = new Simulation();
    const fired: number[] = [];
    const timer = new Timer(sim, (now) => fired.push(now), false);
    timer.arm(20);
    timer.arm(30);
    timer.arm(10);
    expect(sim.run(Infinity)).toStrictEqual({ reason: 'idle', lastEventTime: 10 });
    expect(fired).toStrictEqual([10]);
  });

  it('a cancelled timer neither fires, nor keeps the run alive, nor moves its end', () => {
    const sim = new Simulation();
    const fired: number[] = [];
    const visibility = new Timer(sim, (now) => fired.push(now), false);
    visibility.arm(30_000);
    sim.call(100, () => visibility.cancel());
    expect(sim.run(Infinity)).toStrictEqual({ reason: 'idle', lastEventTime: 100 });
    expect(fired).toStrictEqual([]);
    expect(visibility.armed).toBe(false);
  });

  it('an armed foreground timer keeps the run alive until it fires, and can be armed again from its callback', () => {
    const sim = new Simulation();
    const fired: number[] = [];
    const poll = new Timer(
      sim,
      (now) => {
        fired.push(now);
        if (fired.length < 3) poll.arm(now + 1000);
      },
      false,
    );
    poll.arm(1000);
    expect(sim.run(Infinity)).toStrictEqual({ reason: 'idle', lastEventTime: 3000 });
    expect(fired).toStrictEqual([1000, 2000, 3000]);
  });

  it('cancelling and re-arming at the same time fires once', () => {
    const sim = new Simulation();
    const fired: number[] = [];
    const timer = new Timer(sim, (now) => fired.push(now), false);
    timer.arm(50);
    timer.cancel();
    timer.cancel();
    timer.arm(50);
    sim.run(Infinity);
    expect(fired).toStrictEqual([50]);
  });

  it('calls the progress hook after every PROGRESS_EVERY events, with the clock and the count, also across runs and at the time limit', () => {
    const sim = new Simulation();
    const total = 2 * PROGRESS_EVERY + 10;
    for (let i = 1; i <= total; i++) sim.call(i, () => {});
    const calls: [number, number][] = [];
    const hook = (now: number, events: number): void => void calls.push([now, events]);
    // A first run stopped by its time limit part-way into the first stretch; the next run goes on counting.
    expect(sim.run(100, hook)).toStrictEqual({ reason: 'until', lastEventTime: 100 });
    expect(calls).toStrictEqual([]);
    expect(sim.run(Infinity, hook)).toStrictEqual({ reason: 'idle', lastEventTime: total });
    expect(sim.events).toBe(total);
    // Event i fires at time i: the hook sees the time of the event that completed each stretch.
    expect(calls).toStrictEqual([
      [PROGRESS_EVERY, PROGRESS_EVERY],
      [2 * PROGRESS_EVERY, 2 * PROGRESS_EVERY],
    ]);
  });

  it('names the item that threw and the time, and counts only the events fired before it', () => {
    const sim = new Simulation();
    sim.call(1, () => {});
    sim.at(7, new (class Exploder { fire(): void { throw new Error('boom'); } })());
    expect(() => sim.run(Infinity)).toThrow(/Exploder failed at t = 7 ms: boom/);
    expect(sim.events).toBe(1);
  });

  it('calls the hook once when a run ends exactly at a stretch boundary, by running out of events or at its time limit', async () => {
    for (const limit of [Infinity, PROGRESS_EVERY]) {
      for (const runner of ['run', 'runAsync'] as const) {
        const sim = new Simulation();
        for (let i = 1; i <= PROGRESS_EVERY + (limit === Infinity ? 0 : 5); i++) sim.call(i, () => {});
        const calls: number[] = [];
        const result = await sim[runner](limit, (_now, events) => void calls.push(events));
        expect(result, `${runner} until ${limit}`).toStrictEqual({ reason: limit === Infinity ? 'idle' : 'until', lastEventTime: PROGRESS_EVERY });
        expect(calls, `${runner} until ${limit}`).toStrictEqual([PROGRESS_EVERY]);
      }
    }
  });

  it('lets an error of the progress hook out as it is, from run and runAsync alike', async () => {
    const fail = (): void => {
      throw new Error('hook broke');
    };
    const filled = (): Simulation => {
      const sim = new Simulation();
      for (let i = 1; i <= PROGRESS_EVERY + 1; i++) sim.call(i, () => {});
      return sim;
    };
    expect(() => filled().run(Infinity, fail)).toThrow(/^hook broke$/);
    await expect(filled().runAsync(Infinity, fail)).rejects.toThrow(/^hook broke$/);
  });
});
