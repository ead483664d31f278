/**
 * A binary min-heap of (time, key, item) entries ordered by time, then key.
 * Keys are distinct, so the pop order is fixed by the keys alone, whatever
 * the heap's shape. Times and keys live in typed arrays so that pushing and
 * popping allocate nothing. The event queue (event-queue.ts) is made of
 * these: its current bin, and its far future.
 */
import { grown } from '../typed-arrays.js';

export class TimeHeap<Item> {
  private times = new Float64Array(64);
  private keys = new Float64Array(64);
  private items: (Item | undefined)[] = new Array(64);
  size = 0;

  /** Time of the earliest entry; the caller checks `size` first (as for `topKey` and `topItem`). */
  topTime(): number {
    return this.times[0]!;
  }

  topKey(): number {
    return this.keys[0]!;
  }

  topItem(): Item {
    return this.items[0]!;
  }

  /** Whether an entry (time, key) would come out before the earliest one here (true when empty). */
  precedesTop(time: number, key: number): boolean {
    if (this.size === 0) return true;
    const top = this.times[0]!;
    return time < top || (time === top && key < this.keys[0]!);
  }

  push(time: number, key: number, item: Item): void {
    if (this.size === this.times.length) this.grow();
    const times = this.times;
    const keys = this.keys;
    const items = this.items;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent]!;
      if (pt < time || (pt === time && keys[parent]! < key)) break;
      times[i] = pt;
      keys[i] = keys[parent]!;
      items[i] = items[parent];
      i = parent;
    }
    times[i] = time;
    keys[i] = key;
    items[i] = item;
  }

  /** Removes the earliest entry; the caller checks `size` first. */
  removeTop(): void {
    const times = this.times;
    const keys = this.keys;
    const items = this.items;
    const n = --this.size;
    const lastTime = times[n]!;
    const lastKey = keys[n]!;
    const lastItem = items[n];
    items[n] = undefined;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      const right = child + 1;
      if (right < n) {
        const ct = times[child]!;
        const rt = times[right]!;
        if (rt < ct || (rt === ct && keys[right]! < keys[child]!)) child = right;
      }
      const ct = times[child]!;
      if (lastTime < ct || (lastTime === ct && lastKey < keys[child]!)) break;
      times[i] = ct;
      keys[i] = keys[child]!;
      items[i] = items[child];
      i = child;
    }
    if (n > 0) {
      times[i] = lastTime;
      keys[i] = lastKey;
      items[i] = lastItem;
    }
  }

  /** The latest time in the heap (a scan of its leaves); -Infinity when empty. */
  latestTime(): number {
    let latest = -Infinity;
    for (let i = this.size >> 1; i < this.size; i++) if (this.times[i]! > latest) latest = this.times[i]!;
    return latest;
  }

  private grow(): void {
    const capacity = this.times.length * 2;
    this.times = grown(this.times, capacity);
    this.keys = grown(this.keys, capacity);
    this.items.length = capacity;
  }
}
