/**
 * Waiting items kept as runs (core/kernel/run-queue.ts) fire exactly as if
 * each had been scheduled on its own: earlier due time first, and items due
 * at the same time in the order they were scheduled (FIFO), interleaved with
 * everything else on the clock; identical items share one slot. And a burst
 * of a million async events against a concurrency of 10 settles every event
 * exactly once, in the counts rule 7 gives by hand (docs/aws-model.md rule 7).
 */
import { describe, expect, it } from 'vitest';
import { RunQueue } from '../core/kernel/run-queue.js';
import { Simulation } from '../core/kernel/simulation.js';
import { Random } from '../core/random.js';
import { run } from './helpers.js';

/** Items carry a label only; items of one label are identical. Each firing is logged as `time:label`. */
class LabelQueue extends RunQueue {
  private label = new Float64Array(0);

  constructor(
    sim: Simulation,
    private readonly log: string[],
  ) {
    super(sim);
  }

  add(label: number, due: number): void {
    const slot = this.alloc();
    this.label[slot] = label;
    this.schedule(slot, due);
  }

  protected fireItem(slot: number, now: number): void {
    this.log.push(`${now}:q${this.label[slot]}`);
    this.release(slot);
  }

  protected sameItem(a: number, b: number): boolean {
    return this.label[a] === this.label[b];
  }

  protected copyItem(from: number, to: number): void {
    this.label[to] = this.label[from]!;
  }

  protected clearItem(): void {}

  protected growItems(capacity: number): void {
    const label = new Float64Array(capacity);
    label.set(this.label);
    this.label = label;
  }
}

describe('run queue order', () => {
  it('fires by due time, then in scheduling order, interleaved with other events', () => {
    const sim = new Simulation();
    const log: string[] = [];
    const queue = new LabelQueue(sim, log);
    const random = new Random(7);
    // The truth: a stable sort of everything scheduled by due time (the kernel's documented (time, FIFO) order).
    const planned: { due: number; entry: string }[] = [];
    let due = 10;
    for (let i = 0; i < 20_000; i++) {
      // Stretches of one due time, mostly of one label, build runs; other events, labels and due times break them.
      if (random.next() < 0.01) due = 10 * (1 + random.int(4));
      if (random.next() < 0.01) {
        const entry = `${due}:k${i}`;
        sim.at(due, { fire: (now) => log.push(`${now}:k${i}`) });
        planned.push({ due, entry });
      } else {
        const label = random.next() < 0.98 ? 0 : 1 + random.int(2);
        queue.add(label, due);
        planned.push({ due, entry: `${due}:q${label}` });
      }
    }
    expect(queue.runs).toBeLessThan(planned.length / 10);
    sim.run(Infinity);
    const expected = planned
      .map((p, index) => ({ ...p, index }))
      .sort((a, b) => a.due - b.due || a.index - b.index)
      .map((p) => p.entry);
    expect(log).toStrictEqual(expected);
    expect(queue.live).toBe(0);
    // One kernel event per item, as if each had been scheduled on its own.
    expect(sim.events).toBe(planned.length);
  });

  it('keeps 100,000 identical items due together in one slot', () => {
    const sim = new Simulation();
    const log: string[] = [];
    const queue = new LabelQueue(sim, log);
    for (let i = 0; i < 100_000; i++) queue.add(3, 50);
    expect(queue.runs).toBe(1);
    expect(queue.live).toBe(1);
    expect(queue.waiting).toBe(100_000);
    const result = sim.run(Infinity);
    expect(log.length).toBe(100_000);
    expect(new Set(log)).toStrictEqual(new Set(['50:q3']));
    expect(result.lastEventTime).toBe(50);
    expect(queue.live).toBe(0);
  });

  it('orders items scheduled while others fire after everything already due then', () => {
    const sim = new Simulation();
    const log: string[] = [];
    const queue = new LabelQueue(sim, log);
    for (let i = 0; i < 5; i++) queue.add(0, 10);
    // At t = 10, before the queue's items (scheduled earlier) have fired, this one adds two more due at 10.
    sim.at(5, { fire: () => sim.at(10, { fire: (now) => (queue.add(2, now), log.push(`${now}:k`)) }) });
    sim.run(Infinity);
    expect(log).toStrictEqual(['10:q0', '10:q0', '10:q0', '10:q0', '10:q0', '10:k', '10:q2']);
  });
});

describe('a million async events against a concurrency of 10', () => {
  it('settles every event exactly once, in the counts rule 7 gives', () => {
    const { report, engine } = run(`
name: async burst ledger
duration: 1m
functions:
  f: { duration: 100ms, reservedConcurrency: 10, async: { maximumEventAge: 60s } }
sources:
  api:
    type: invoke
    mode: async
    targets: [f]
    load: { phases: [ { burst: 1000000 } ] }
`);
    // Attempts at 0 s and after back-offs of 1, 2, 4, 8, 16 s (t = 1, 3, 7, 15, 31 s): each admits the
    // 10 runs the concurrency allows (100 ms runs and a 250 ms INIT are over long before the next).
    // The next back-off (32 s) would pass the 60 s age: every event left waits until 60 s and is given up.
    const waves = 6;
    const ran = 10 * waves;
    const f = report.functions.f!;
    expect(f.AsyncEventsReceived).toBe(1_000_000);
    expect(f.Invocations).toBe(ran);
    let throttles = 0;
    for (let k = 0; k < waves; k++) throttles += 1_000_000 - 10 * (k + 1);
    expect(f.Throttles).toBe(throttles);
    expect(f.AsyncEventsDropped).toBe(1_000_000 - ran);
    expect(report.sources.api!.delivery).toStrictEqual({
      generated: 1_000_000,
      succeeded: ran,
      failed: 0,
      dropped: 1_000_000 - ran,
      rejected: 0,
      inFlight: 0,
    });
    expect(report.simulated.seconds).toBe(60);
    const queue = engine.platform.asyncQueues.get(engine.platform.fn('f'))!;
    expect(queue.live).toBe(0);
  });
});
