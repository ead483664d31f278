/**
 * The calendar queue's ring of bins (event-queue.ts): `size` slots, each an
 * unsorted FIFO list of (time, key, item) entries, the lists threaded through
 * typed arrays of nodes with a free list, so that adding and draining
 * allocate nothing once the node arrays have grown to the backlog. Which bin
 * number maps to which slot is the queue's business (the low bits).
 */
import { grown } from '../typed-arrays.js';
import type { TimeHeap } from './time-heap.js';

export class BinRing<Item> {
  /** First and last node of each slot's list (-1 when empty). */
  private readonly first: Int32Array;
  private readonly last: Int32Array;
  private nodeTimes = new Float64Array(256);
  private nodeKeys = new Float64Array(256);
  private nodeItems: (Item | undefined)[] = new Array(256);
  private nodeNext = new Int32Array(256);
  private freeNode = -1;
  private nodesUsed = 0;
  /** Entries in all slots. */
  count = 0;

  constructor(readonly size: number) {
    this.first = new Int32Array(size).fill(-1);
    this.last = new Int32Array(size).fill(-1);
  }

  isEmpty(slot: number): boolean {
    return this.first[slot] === -1;
  }

  /** Appends an entry to the list of `slot`. */
  add(slot: number, time: number, key: number, item: Item): void {
    let node = this.freeNode;
    if (node >= 0) this.freeNode = this.nodeNext[node]!;
    else {
      if (this.nodesUsed === this.nodeTimes.length) this.growNodes();
      node = this.nodesUsed++;
    }
    this.nodeTimes[node] = time;
    this.nodeKeys[node] = key;
    this.nodeItems[node] = item;
    this.nodeNext[node] = -1;
    const tail = this.last[slot]!;
    if (tail >= 0) this.nodeNext[tail] = node;
    else this.first[slot] = node;
    this.last[slot] = node;
    this.count++;
  }

  /** Moves the entries of `slot` into `heap`; returns how many. */
  drain(slot: number, heap: TimeHeap<Item>): number {
    let node = this.first[slot]!;
    this.first[slot] = -1;
    this.last[slot] = -1;
    let count = 0;
    while (node >= 0) {
      heap.push(this.nodeTimes[node]!, this.nodeKeys[node]!, this.nodeItems[node]!);
      this.nodeItems[node] = undefined;
      const next = this.nodeNext[node]!;
      this.nodeNext[node] = this.freeNode;
      this.freeNode = node;
      node = next;
      count++;
    }
    this.count -= count;
    return count;
  }

  /** Moves every entry into `heap`. */
  drainAll(heap: TimeHeap<Item>): void {
    for (let slot = 0; slot < this.size; slot++) if (this.first[slot] !== -1) this.drain(slot, heap);
  }

  private growNodes(): void {
    const capacity = this.nodeTimes.length * 2;
    this.nodeTimes = grown(this.nodeTimes, capacity);
    this.nodeKeys = grown(this.nodeKeys, capacity);
    this.nodeNext = grown(this.nodeNext, capacity);
    this.nodeItems.length = capacity;
  }
}
