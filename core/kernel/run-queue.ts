/**
 * Waiting items in runs: a compact stand-in for scheduling many small objects
 * that each wait for their own due time (async events waiting out a back-off,
 * callers waiting to retry). Items live in slots of parallel typed arrays
 * (the subclass adds its own fields); a slot in the queue is a *run*: `count`
 * identical items due at the same time, numbered by consecutive kernel
 * sequence numbers. An item scheduled right after an identical one, due at
 * the same time, with nothing else scheduled in between, joins its run
 * instead of taking a slot; so a burst of ten million identical events
 * waiting on one back-off is one run, and memory follows the number of
 * distinct waiting items, never the traffic.
 *
 * Order is exactly what one object per item would give: every item takes its own sequence number from the kernel
 * (`reserveSequence`), the kernel holds one foreground entry per run, under
 * the sequence of the run's next item, and fires the items one at a time, each
 * in the place it would have had on its own. Runs are kept in a binary
 * min-heap by (due, sequence) so that the kernel's entry for this queue always
 * belongs to the root: when it fires, the root hands over its first item.
 */
import type { Schedulable } from './event-queue.js';
import { grown } from '../typed-arrays.js';

const NONE = -1;

/** What a run queue needs of the clock: the Simulation itself, or a source's context (API 2). */
export interface SequencedScheduler {
  /** The sequence number the next scheduled item would get (nothing is scheduled). */
  reserveSequence(): number;
  /** Schedules a foreground `item` at `time` under a number from `reserveSequence`. */
  atReserved(time: number, seq: number, item: Schedulable): void;
}

export abstract class RunQueue implements Schedulable {
  /** Due time of the run, ms. */
  private due = new Float64Array(0);
  /** Sequence number of the run's next item. */
  private seq = new Float64Array(0);
  /** Items in the run. */
  private count = new Float64Array(0);
  /** Free-list link of a released slot. */
  private link = new Int32Array(0);
  /** Min-heap of the runs, by (due, seq). */
  private heap = new Int32Array(0);
  private heapSize = 0;
  private free = NONE;
  private used = 0;
  /** The run that took the latest reservation, and that reservation: the only run an item may join. */
  private lastRun = NONE;
  private lastSeq = -1;
  /** Slots taken (runs waiting and items out of the queue, such as a running event). */
  live = 0;

  constructor(private readonly scheduler: SequencedScheduler) {}

  /** Items waiting in the queue (the sum of its runs). */
  get waiting(): number {
    let total = 0;
    for (let i = 0; i < this.heapSize; i++) total += this.count[this.heap[i]!]!;
    return total;
  }

  /** Runs waiting in the queue. */
  get runs(): number {
    return this.heapSize;
  }

  /** Two slots hold items that behave the same from now on (they may share a run). */
  protected abstract sameItem(a: number, b: number): boolean;
  /** Copies the subclass's fields of slot `from` to slot `to`. */
  protected abstract copyItem(from: number, to: number): void;
  /** Grows the subclass's field arrays to `capacity` slots, keeping their contents. */
  protected abstract growItems(capacity: number): void;
  /** Clears the subclass's references held by a released slot (objects, for the collector). */
  protected abstract clearItem(slot: number): void;
  /** The item in `slot` is due now; the slot is out of the queue and belongs to the subclass. */
  protected abstract fireItem(slot: number, now: number): void;

  /** A slot for one item out of the queue (fields to be set by the subclass). */
  protected alloc(): number {
    let slot = this.free;
    if (slot !== NONE) this.free = this.link[slot]!;
    else {
      if (this.used === this.link.length) this.resize(Math.max(16, this.link.length * 2));
      slot = this.used++;
    }
    this.live++;
    return slot;
  }

  /** Gives back the slot of an item that has left for good. */
  protected release(slot: number): void {
    this.clearItem(slot);
    this.link[slot] = this.free;
    this.free = slot;
    this.live--;
  }

  /**
   * Puts the item in `slot` in the queue, due at `due` (never in the past): it
   * joins the latest run when it can (its slot is then released), else its
   * slot becomes a run of one.
   */
  protected schedule(slot: number, due: number): void {
    const seq = this.scheduler.reserveSequence();
    const last = this.lastRun;
    if (last !== NONE && seq === this.lastSeq + 1 && this.due[last] === due && this.sameItem(last, slot)) {
      this.count[last]!++;
      this.lastSeq = seq;
      this.release(slot);
      return;
    }
    this.due[slot] = due;
    this.seq[slot] = seq;
    this.count[slot] = 1;
    this.heapPush(slot);
    this.lastRun = slot;
    this.lastSeq = seq;
    this.scheduler.atReserved(due, seq, this);
  }

  /** The kernel's entry for the root run fired: hand its first item over. */
  fire(now: number): void {
    const run = this.heap[0]!;
    let slot: number;
    if (this.count[run] === 1) {
      this.heapPop();
      if (run === this.lastRun) this.lastRun = NONE;
      slot = run;
    } else {
      // The rest of the run stays the root: no other run's sequence lies inside its range.
      this.count[run]!--;
      const next = ++this.seq[run]!;
      this.scheduler.atReserved(now, next, this);
      slot = this.alloc();
      this.copyItem(run, slot);
    }
    this.fireItem(slot, now);
  }

  private before(a: number, b: number): boolean {
    const da = this.due[a]!;
    const db = this.due[b]!;
    return da < db || (da === db && this.seq[a]! < this.seq[b]!);
  }

  private heapPush(slot: number): void {
    const heap = this.heap;
    let i = this.heapSize++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.before(heap[parent]!, slot)) break;
      heap[i] = heap[parent]!;
      i = parent;
    }
    heap[i] = slot;
  }

  private heapPop(): void {
    const heap = this.heap;
    const n = --this.heapSize;
    const last = heap[n]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && this.before(heap[child + 1]!, heap[child]!)) child++;
      if (this.before(last, heap[child]!)) break;
      heap[i] = heap[child]!;
      i = child;
    }
    if (n > 0) heap[i] = last;
  }

  private resize(capacity: number): void {
    this.due = grown(this.due, capacity);
    this.seq = grown(this.seq, capacity);
    this.count = grown(this.count, capacity);
    this.link = grown(this.link, capacity);
    this.heap = grown(this.heap, capacity);
    this.growItems(capacity);
  }
}
