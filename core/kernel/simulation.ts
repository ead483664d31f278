/**
 * The simulated clock and the run loop (SimPy's Environment, without
 * processes). Time is a number of milliseconds since the run's start. Items
 * are scheduled at an absolute time or after a delay and fired in
 * (time, sequence) order. Foreground items keep the run alive; background
 * items (housekeeping timers such as idle reclaim) fire while the run is
 * alive but never keep it going on their own.
 *
 * The loop never reads the wall clock; a progress hook is called every
 * PROGRESS_EVERY events so that a caller outside the simulation can draw a
 * progress bar.
 */
import { EventQueue, type Schedulable } from './event-queue.js';
import { SimulationFault } from '../errors.js';

export type { Schedulable } from './event-queue.js';

/** Events between two calls of the progress hook (a power of two). */
export const PROGRESS_EVERY = 1 << 16;

export interface RunResult {
  /** Why the loop stopped: nothing left to do, or the time limit came first. */
  reason: 'idle' | 'until';
  /** Time of the last foreground event fired (0 when none). */
  lastEventTime: number;
}

export class Simulation {
  /** Current simulated time, ms. */
  now = 0;
  /** Events fired so far. */
  events = 0;
  private readonly queue = new EventQueue();
  private foreground = 0;
  private lastForeground = 0;

  /** Schedules `item` at absolute time `time` (never in the past). */
  at(time: number, item: Schedulable, background = false): void {
    if (!(time >= this.now)) {
      throw new SimulationFault(`cannot schedule at ${time} ms: the clock is already at ${this.now} ms`);
    }
    if (!background) this.foreground++;
    this.queue.push(time, item, background);
  }

  /**
   * Takes the sequence number the next scheduled item would get, without
   * scheduling anything: a compact queue of waiting items (one heap entry per
   * run of them, see core/kernel/run-queue.ts) numbers each item as if it had
   * been scheduled on its own, and so keeps the run's event order.
   */
  reserveSequence(): number {
    return this.queue.reserve();
  }

  /** Schedules a foreground `item` at `time` under a sequence number from `reserveSequence`. */
  atReserved(time: number, seq: number, item: Schedulable): void {
    if (!(time >= this.now)) {
      throw new SimulationFault(`cannot schedule at ${time} ms: the clock is already at ${this.now} ms`);
    }
    this.foreground++;
    this.queue.pushReserved(time, seq, item, false);
  }

  /** Schedules `item` after `delay` ms. */
  after(delay: number, item: Schedulable, background = false): void {
    this.at(this.now + delay, item, background);
  }

  /** A keep-alive claim held by an armed foreground Timer (whose heap entries are background). */
  retain(): void {
    this.foreground++;
  }

  /** Gives a claim back; `firedAt` when the claim ended by firing (it then counts as a foreground event). */
  release(firedAt?: number): void {
    this.foreground--;
    if (firedAt !== undefined) this.lastForeground = firedAt;
  }

  /** Schedules a one-off callback (allocates; keep it off hot paths). */
  call(time: number, callback: (now: number) => void, background = false): void {
    this.at(time, { fire: callback }, background);
  }

  /**
   * Fires events in order until no foreground item is left or the next one
   * lies beyond `until`. The clock stops at the last event fired. The
   * progress hook is the caller's: what it throws comes out as it is (an
   * item's error comes out as the simulation's fault, naming the item).
   */
  run(until: number, onProgress?: (now: number, events: number) => void): RunResult {
    for (;;) {
      const stopped = this.fireEvents(until, PROGRESS_EVERY - (this.events & (PROGRESS_EVERY - 1)));
      if (stopped !== null) return stopped;
      if (onProgress) onProgress(this.now, this.events);
    }
  }

  /**
   * The run loop proper: fires up to `count` events; null when it fired them
   * all and the run goes on, else how the run ended. The progress hook is
   * called between two such stretches, outside this loop: a call the loop
   * makes only every 65,536 events would have no type feedback when V8
   * compiles the loop, and its first use would throw the compiled loop away
   * (docs/performance.md).
   */
  private fireEvents(until: number, count: number): RunResult | null {
    const queue = this.queue;
    let item: Schedulable | null = null;
    try {
      for (let left = count; left > 0; left--) {
        if (this.foreground <= 0) return { reason: 'idle', lastEventTime: this.lastForeground };
        item = queue.popUntil(until);
        if (item === null) return { reason: 'until', lastEventTime: this.lastForeground };
        const time = queue.poppedTime;
        this.now = time;
        if (!queue.poppedBackground) {
          this.foreground--;
          this.lastForeground = time;
        }
        item.fire(time);
        this.events++;
      }
    } catch (error) {
      throw this.fault(error, item ?? undefined);
    }
    return null;
  }

  /** An error thrown by an item, as the simulation's fault (naming the item and the time). */
  private fault(error: unknown, item: Schedulable | undefined): SimulationFault {
    if (error instanceof SimulationFault) return error;
    const what = item?.constructor?.name ?? 'event';
    return new SimulationFault(`${what} failed at t = ${this.now} ms: ${(error as Error)?.message ?? error}`, { cause: error });
  }

  /**
   * Real handler code (docs/handlers.md): a promise the loop awaits before the
   * clock moves past `now` (a run whose measured time places its completion).
   * It holds the run alive until `settle` schedules what follows and releases it.
   */
  hold(promise: Promise<unknown>): void {
    this.foreground++;
    this.holds.push(promise);
  }

  private holds: Promise<unknown>[] = [];

  /**
   * `run` for runs with real handler code: the same order of events, but an
   * item with a `blocker` (a run whose handler call is still out) is fired only
   * once its promise settles, and held promises settle before time moves on.
   * Between two awaits the loop is as synchronous as `run`.
   */
  async runAsync(until: number, onProgress?: (now: number, events: number) => void): Promise<RunResult> {
    for (;;) {
      const stopped = await this.fireEventsAsync(until, PROGRESS_EVERY - (this.events & (PROGRESS_EVERY - 1)));
      if (stopped !== null) return stopped;
      if (onProgress) onProgress(this.now, this.events);
    }
  }

  /** `fireEvents` for `runAsync`: up to `count` events, awaiting blockers and holds. */
  private async fireEventsAsync(until: number, count: number): Promise<RunResult | null> {
    const queue = this.queue;
    let item: Schedulable | undefined;
    try {
      for (let left = count; left > 0; ) {
        if (this.holds.length > 0 && queue.peekTime() > this.now) {
          const holds = this.holds;
          this.holds = [];
          await Promise.all(holds);
          continue;
        }
        if (this.foreground <= 0) return { reason: 'idle', lastEventTime: this.lastForeground };
        const time = queue.peekTime();
        if (time > until) return { reason: 'until', lastEventTime: this.lastForeground };
        item = queue.pop();
        this.now = time;
        if (!queue.poppedBackground) {
          this.foreground--;
          this.lastForeground = time;
        }
        const blocker = (item as { blocker?: Promise<unknown> | null }).blocker;
        if (blocker) await blocker;
        item.fire(time);
        this.events++;
        left--;
      }
    } catch (error) {
      throw this.fault(error, item);
    }
    return null;
  }
}

/**
 * A timer that can be armed, re-armed and cancelled (visibility timeouts,
 * batching windows, poller back-off, idle reclaim). Its heap entries are
 * background entries; while armed, a foreground timer holds one keep-alive
 * claim on the run instead, so a cancelled or superseded timer neither fires
 * nor keeps the run alive nor moves its end. Stale entries are skipped when
 * popped (lazy deletion): arming allocates nothing.
 */
export class Timer implements Schedulable {
  private dueAt = -1;

  constructor(
    private readonly sim: Simulation,
    private readonly callback: (now: number) => void,
    private readonly background = true,
  ) {}

  get armed(): boolean {
    return this.dueAt >= 0;
  }

  /** When it will fire, or -1 when not armed. */
  get due(): number {
    return this.dueAt;
  }

  /** Arms the timer at `time`, replacing any earlier arming. */
  arm(time: number): void {
    if (this.dueAt === time) return;
    if (this.dueAt < 0 && !this.background) this.sim.retain();
    this.dueAt = time;
    this.sim.at(time, this, true);
  }

  /** Disarms the timer; a no-op when it is not armed. */
  cancel(): void {
    if (this.dueAt < 0) return;
    this.dueAt = -1;
    if (!this.background) this.sim.release();
  }

  fire(now: number): void {
    if (now !== this.dueAt) return; // a stale entry: cancelled or re-armed since
    this.dueAt = -1;
    if (!this.background) this.sim.release(now);
    this.callback(now);
  }
}
