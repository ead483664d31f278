/**
 * The future-event list: a binary min-heap of scheduled items ordered by
 * (time, insertion sequence). Ties in time come out in the order they were
 * scheduled (FIFO), whatever their number, because the sequence is a strictly
 * increasing integer. Keys live in typed arrays so that pushing and popping
 * allocate nothing; the heap knows nothing of what the items mean.
 *
 * Each entry's sequence key is `2 * seq + flag`: the low bit marks a
 * background entry (a timer that must not keep the run alive) without
 * changing the order, since sequences are distinct. Because no two entries
 * share a key, the pop order is fixed by the keys alone, whatever the
 * heap's shape.
 *
 * One entry may wait in a front slot beside the heap: an entry pushed while
 * the slot is free and earlier than everything in the heap (the next
 * arrival, typically) goes there, and `pop` takes the earlier of the slot and
 * the heap's top. Such an entry costs no sifting at all.
 */

/** Anything that can be put on the heap: its `fire` runs when its time comes. */
export interface Schedulable {
  fire(now: number): void;
}

const INITIAL_CAPACITY = 1024;

export class EventQueue {
  private times = new Float64Array(INITIAL_CAPACITY);
  private keys = new Float64Array(INITIAL_CAPACITY);
  private items: (Schedulable | undefined)[] = new Array(INITIAL_CAPACITY);
  private nextSeq = 0;
  private heapSize = 0;
  // The front slot (frontItem null when free).
  private frontTime = Infinity;
  private frontKey = 0;
  private frontItem: Schedulable | null = null;
  /** Whether the entry most recently popped was a background entry. */
  poppedBackground = false;

  /** Number of scheduled entries. */
  get size(): number {
    return this.heapSize + (this.frontItem === null ? 0 : 1);
  }

  /** Time of the earliest entry; Infinity when empty. */
  peekTime(): number {
    const heapTime = this.heapSize > 0 ? this.times[0]! : Infinity;
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
    // The front slot takes an entry earlier than the heap's top (a reserved, older key may win a tie); pop compares the two anyway.
    const times = this.times;
    if (this.frontItem === null && (this.heapSize === 0 || time < times[0]! || (time === times[0]! && key < this.keys[0]!))) {
      this.frontTime = time;
      this.frontKey = key;
      this.frontItem = item;
      return;
    }
    if (this.heapSize === times.length) return this.growAndPush(time, seq, item, background);
    const keys = this.keys;
    const items = this.items;
    let i = this.heapSize++;
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

  /** Removes and returns the earliest entry. The caller checks `size` first. */
  pop(): Schedulable {
    const times = this.times;
    const keys = this.keys;
    const front = this.frontItem;
    if (front !== null) {
      const frontTime = this.frontTime;
      if (this.heapSize === 0 || frontTime < times[0]! || (frontTime === times[0]! && this.frontKey < keys[0]!)) {
        this.poppedBackground = (this.frontKey & 1) === 1;
        this.frontItem = null;
        this.frontTime = Infinity;
        return front;
      }
    }
    const items = this.items;
    const top = items[0]!;
    // The low bit, read through ToInt32 (exact for integers below 2^53; `% 2` on a double is a slow fmod).
    this.poppedBackground = (keys[0]! & 1) === 1;
    const n = --this.heapSize;
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
    return top;
  }

  private growAndPush(time: number, seq: number, item: Schedulable, background: boolean): void {
    this.grow();
    this.pushReserved(time, seq, item, background);
  }

  private grow(): void {
    const capacity = this.times.length * 2;
    const times = new Float64Array(capacity);
    const keys = new Float64Array(capacity);
    times.set(this.times);
    keys.set(this.keys);
    this.times = times;
    this.keys = keys;
    this.items.length = capacity;
  }
}
