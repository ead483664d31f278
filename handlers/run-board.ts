/**
 * Which call each worker is running, and since when: a table in shared memory
 * that the workers write as they start and end each call, and the pool's
 * watchdog reads to find a call that runs past its wall limit (a busy loop, a
 * promise that never settles). Piscina does not run tasks in the order they
 * were sent, so only the workers themselves know when a call began; time a
 * call waits in the queue is not the handler's (docs/handlers.md).
 */

/** Slots per pool: its workers and the ones that replace workers that died. */
const SLOTS = 256;

export class RunBoard {
  /** claims[0]: slots handed out; seqs[1 + slot]: the task running in the slot, 0 when none. */
  private readonly ints: Int32Array;
  /** starts[slot], limits[slot]: when the call began (Date.now()) and its wall limit, ms. */
  private readonly starts: Float64Array;
  private readonly limits: Float64Array;

  constructor(readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(8 * (1 + SLOTS) + 16 * SLOTS)) {
    this.ints = new Int32Array(buffer, 0, 1 + SLOTS);
    this.starts = new Float64Array(buffer, 8 * (1 + SLOTS), SLOTS);
    this.limits = new Float64Array(buffer, 8 * (1 + SLOTS) + 8 * SLOTS, SLOTS);
  }

  /** A worker's slot, taken once when it starts. */
  claim(): number {
    return Atomics.add(this.ints, 0, 1) % SLOTS;
  }

  /** The worker in `slot` begins a call of task `seq` that may run `limitMs`. */
  begin(slot: number, seq: number, limitMs: number): void {
    this.starts[slot] = Date.now();
    this.limits[slot] = limitMs;
    Atomics.store(this.ints, 1 + slot, seq);
  }

  end(slot: number): void {
    Atomics.store(this.ints, 1 + slot, 0);
  }

  /** The tasks whose running call is past its limit at `now` (Date.now()). */
  overdue(now: number): number[] {
    const found: number[] = [];
    const used = Math.min(SLOTS, Atomics.load(this.ints, 0));
    for (let slot = 0; slot < used; slot++) {
      const seq = Atomics.load(this.ints, 1 + slot);
      if (seq !== 0 && now - this.starts[slot]! >= this.limits[slot]!) found.push(seq);
    }
    return found;
  }
}
