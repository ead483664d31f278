/**
 * The future-event list: scheduled items ordered by (time, insertion
 * sequence). Ties in time come out in the order they were scheduled (FIFO),
 * whatever their number, because the sequence is a strictly increasing
 * integer. Each entry's key is `2 * seq + flag`: the low bit marks a
 * background entry (a timer that must not keep the run alive) without
 * changing the order. No two entries share a key, so the pop order is fixed
 * by (time, key) alone, whatever holds the entries. The queue knows nothing
 * of what the items mean.
 *
 * Beside it all is a front slot: an entry pushed while the slot is free and
 * earlier than everything else (the next arrival, typically) waits there and
 * costs no sifting. Behind it, two shapes, by the number of entries waiting:
 * - few (under CALENDAR_FROM): a binary heap (time-heap.ts);
 * - many: a calendar queue (R. Brown, CACM 31(10), 1988). Time is cut into
 *   bins of 2^k ms (so bin numbers are exact); the current bin's entries sit
 *   in a small heap, the next RING bins are unsorted FIFO lists, and entries
 *   beyond them wait in a far heap until the ring reaches them. Since
 *   floor(time / width) never decreases as time grows, every entry of an
 *   earlier bin comes before every entry of a later one: the order is the
 *   heap's, at O(1) a push or pop on average instead of O(log n). Every few
 *   thousand events the width is set again to about PER_BIN mean gaps
 *   between events (when off by more than a factor of 2), and the entries
 *   are binned anew; under CALENDAR_UNTIL entries the heap takes over again.
 *   So it does when events come in clusters at a few instants (bursts,
 *   retries in step), which no width splits: the bins would only add steps
 *   to the heap's work (see CLUSTERED).
 */
import { BinRing } from './bin-ring.js';
import { TimeHeap } from './time-heap.js';

/** Anything that can be put on the queue: its `fire` runs when its time comes. */
export interface Schedulable {
  fire(now: number): void;
}

/** Bins in the ring: 4,096 reach 1 s ahead at the 0.25 ms width of 10,000 events a second. */
const RING = 4096;
const MASK = RING - 1;
/** Bin numbers are clamped here, so that far-off times (even Infinity) share one last bin. */
const LAST_BIN = 2 ** 52;
const MIN_WIDTH_EXP = -20;
const MAX_WIDTH_EXP = 40;
/** Entries a bin should hold on average. */
const PER_BIN = 5;
/** Events between two looks at the width: at least this, and at least 4 × the entries waiting. */
const TUNE_EVERY = 4096;
/** The calendar takes over at this many entries waiting in the heap, and hands back under CALENDAR_UNTIL. */
const CALENDAR_FROM = 256;
/** Entries per bin (on average over a window) beyond which the calendar is only a heap with extra steps: events come in clusters at a few instants. */
const CLUSTERED = 64;
/** Pushes the heap keeps the queue after the calendar found the events clustered, before it may try again (doubled at each such verdict in a row, up to 2^24). */
const CLUSTERED_BACKOFF = 16 * 4096;
const CLUSTERED_BACKOFF_MAX = 2 ** 24;
const CALENDAR_UNTIL = 64;

export class EventQueue {
  private nextSeq = 0;
  /** Whether the entry most recently popped was a background entry. */
  poppedBackground = false;
  /** Few entries: `far` holds them, beside the front slot; the calendar is idle. */
  private small = true;
  private frontTime = Infinity;
  private frontKey = 0;
  private frontItem: Schedulable | null = null;
  /** The far heap (all entries, when small). */
  private readonly far = new TimeHeap<Schedulable>();
  /** The calendar's current bin: entries of bins up to `curBin`; every other entry is in a later bin. */
  private readonly cur = new TimeHeap<Schedulable>();
  private curBin = -1;
  /** Bins curBin + 1 … curBin + RING, in slot `bin & MASK`. */
  private readonly ring = new BinRing<Schedulable>(RING);
  /** Bins per ms: 2^-widthExp. */
  private perMs = 1;
  private widthExp = 0;
  private windowEvents = 0;
  /** Bins taken in the window. */
  private windowBins = 0;
  /** Windows in a row whose bins were crowded (see CLUSTERED). */
  private crowdedWindows = 0;
  private clusteredBackoff = CLUSTERED_BACKOFF;
  /** The calendar may start once pushes reach this sequence (see CLUSTERED). */
  private calendarFromSeq = 0;
  private windowStartMs = 0;

  /** Number of scheduled entries. */
  get size(): number {
    return this.cur.size + this.ring.count + this.far.size + (this.frontItem === null ? 0 : 1);
  }

  /** Time of the earliest entry; Infinity when empty. */
  peekTime(): number {
    const heap = this.heapWithTop();
    const heapTime = heap === null ? Infinity : heap.topTime();
    return this.frontTime < heapTime ? this.frontTime : heapTime;
  }

  push(time: number, item: Schedulable, background: boolean): void {
    this.pushReserved(time, this.nextSeq++, item, background);
  }

  /** Takes the insertion sequence the next push would get, for an item pushed later under it (`pushReserved`). */
  reserve(): number {
    return this.nextSeq++;
  }

  /** Pushes `item` under a sequence taken by `reserve`: among entries of the same time it comes out where a push at the reservation would have. */
  pushReserved(time: number, seq: number, item: Schedulable, background: boolean): void {
    const key = seq * 2 + (background ? 1 : 0);
    if (this.small) {
      if (this.frontItem === null && this.far.precedesTop(time, key)) return this.toFront(time, key, item);
      if (this.far.size < CALENDAR_FROM || this.nextSeq < this.calendarFromSeq || !this.startCalendar()) return this.far.push(time, key, item);
    }
    const bin = this.binOf(time);
    if (bin <= this.curBin) {
      // The current bin (every later bin comes after it): the front slot when it is free and this is the earliest, else the bin's heap.
      if (this.frontItem === null && this.cur.precedesTop(time, key)) this.toFront(time, key, item);
      else this.cur.push(time, key, item);
      // A current bin that keeps filling (a cluster at one instant, which no width splits) hands the queue back to the heap.
      if (++this.windowEvents > TUNE_EVERY && this.cur.size > CLUSTERED * PER_BIN) this.backToHeap(true);
    } else if (bin - this.curBin <= RING) this.addToBin(bin, time, key, item);
    else this.far.push(time, key, item);
  }

  /** Removes and returns the earliest entry. The caller checks `size` first. */
  pop(): Schedulable {
    return this.popUntil(Infinity)!;
  }

  /** Time of the entry `popUntil` returned last. */
  poppedTime = 0;

  /**
   * Removes and returns the earliest entry if its time is `until` or before
   * (its time in `poppedTime`), else null and removes nothing: the run loop's
   * peek and pop in one.
   */
  popUntil(until: number): Schedulable | null {
    const heap = this.heapWithTop();
    const front = this.frontItem;
    if (front !== null && (heap === null || heap.precedesTop(this.frontTime, this.frontKey))) {
      if (this.frontTime > until) return null;
      this.poppedTime = this.frontTime;
      // The low bit, read through ToInt32 (exact for integers below 2^53; `% 2` on a double is a slow fmod).
      this.poppedBackground = (this.frontKey & 1) === 1;
      this.frontItem = null;
      this.frontTime = Infinity;
      return front;
    }
    if (heap === null) return null;
    const time = heap.topTime();
    if (time > until) return null;
    this.poppedTime = time;
    return this.take(heap);
  }

  /** The heap whose top is the earliest entry outside the front slot (moving the calendar on as needed), or null when there is none. */
  private heapWithTop(): TimeHeap<Schedulable> | null {
    if (!this.small) {
      if (this.cur.size > 0 || this.advance()) return this.cur;
      if (!this.small) return null;
    }
    return this.far.size > 0 ? this.far : null;
  }

  private toFront(time: number, key: number, item: Schedulable): void {
    this.frontTime = time;
    this.frontKey = key;
    this.frontItem = item;
  }

  private take(heap: TimeHeap<Schedulable>): Schedulable {
    const item = heap.topItem();
    this.poppedBackground = (heap.topKey() & 1) === 1;
    heap.removeTop();
    return item;
  }

  private binOf(time: number): number {
    const bin = Math.floor(time * this.perMs);
    return bin < LAST_BIN ? bin : LAST_BIN;
  }

  private addToBin(bin: number, time: number, key: number, item: Schedulable): void {
    // ToInt32 keeps the low bits of any bin number below 2^53: the ring slot.
    this.ring.add(bin & MASK, time, key, item);
  }

  /** The current bin is used up: moves to the next bin that holds entries. False when the queue is empty, or back in its small shape. */
  private advance(): boolean {
    if (this.windowEvents >= TUNE_EVERY && this.windowEvents >= 4 * this.size && this.tune()) return false;
    const far = this.far;
    for (;;) {
      const horizon = this.curBin + RING;
      while (far.size > 0) {
        const time = far.topTime();
        const bin = this.binOf(time);
        if (bin > horizon) break;
        this.addToBin(bin, time, far.topKey(), far.topItem());
        far.removeTop();
      }
      if (this.ring.count === 0) {
        if (far.size === 0) return false;
        this.curBin = this.binOf(far.topTime()) - 1; // nothing within reach: jump to the far heap's first bin
        continue;
      }
      let bin = this.curBin + 1;
      while (this.ring.isEmpty(bin & MASK)) bin++;
      this.curBin = bin;
      this.windowEvents += this.ring.drain(bin & MASK, this.cur);
      this.windowBins++;
      return true;
    }
  }

  /**
   * Looks at the window of events just ended (the current bin is empty). With
   * few entries left, or events in clusters at a few instants (the bins' heaps
   * do all the work), it puts every entry in the far heap and goes back to the
   * small shape (returns true); with a width off by more than a factor of 2,
   * it bins them all anew from the far heap.
   */
  private tune(): boolean {
    const nowMs = (this.curBin + 1) / this.perMs; // every waiting entry is at or after this
    const gap = (nowMs - this.windowStartMs) / this.windowEvents;
    const crowded = this.windowEvents > CLUSTERED * this.windowBins;
    this.windowEvents = 0;
    this.windowBins = 0;
    this.windowStartMs = nowMs;
    const wanted = gap > 0 ? Math.log2(gap * PER_BIN) : MIN_WIDTH_EXP;
    const widthRight = Math.abs(wanted - this.widthExp) <= 1;
    // Crowded bins at the right width, or twice running: the events come at a few instants (a narrower width would not split them).
    this.crowdedWindows = crowded ? this.crowdedWindows + 1 : 0;
    if (!crowded) this.clusteredBackoff = CLUSTERED_BACKOFF;
    const clustered = crowded && (widthRight || this.crowdedWindows >= 2);
    const small = this.size < CALENDAR_UNTIL || clustered;
    if (!small && widthRight) return false;
    if (small) {
      this.backToHeap(clustered);
      return true;
    }
    this.ring.drainAll(this.far);
    this.setWidth(wanted);
    this.curBin = this.binOf(nowMs) - 1;
    return false;
  }

  /** Every entry to the far heap (the front slot stays: it precedes them all), and the small shape; after clustered events, for a while. */
  private backToHeap(clustered: boolean): void {
    const cur = this.cur;
    while (cur.size > 0) {
      this.far.push(cur.topTime(), cur.topKey(), cur.topItem());
      cur.removeTop();
    }
    this.ring.drainAll(this.far);
    this.small = true;
    if (clustered) {
      this.calendarFromSeq = this.nextSeq + this.clusteredBackoff;
      this.clusteredBackoff = Math.min(2 * this.clusteredBackoff, CLUSTERED_BACKOFF_MAX);
    }
  }

  /**
   * The heap grew past CALENDAR_FROM entries: the calendar takes over, its
   * width from the heap's span. Not when every entry waits for one instant
   * (they would share one bin whatever the width): the heap keeps them, and
   * the calendar waits as after a clustered window (false).
   */
  private startCalendar(): boolean {
    const far = this.far;
    if (this.frontItem !== null) {
      far.push(this.frontTime, this.frontKey, this.frontItem);
      this.frontItem = null;
      this.frontTime = Infinity;
    }
    const earliest = far.topTime();
    const span = far.latestTime() - earliest;
    if (span === 0) {
      this.calendarFromSeq = this.nextSeq + CLUSTERED_BACKOFF;
      return false;
    }
    this.setWidth(span < Infinity ? Math.log2((span / far.size) * PER_BIN) : 0);
    this.small = false;
    this.curBin = this.binOf(earliest) - 1;
    this.windowEvents = 0;
    this.windowBins = 0;
    this.windowStartMs = earliest;
    return true;
  }

  private setWidth(log2Ms: number): void {
    this.widthExp = Math.min(MAX_WIDTH_EXP, Math.max(MIN_WIDTH_EXP, Math.round(log2Ms)));
    this.perMs = 2 ** -this.widthExp;
  }
}
