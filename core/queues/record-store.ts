/**
 * Records waiting in a source (queue messages, stream records) in compact
 * form: one slot per record in parallel typed arrays, recycled through a free
 * list, and FIFO lists threaded through the slots by a `next` index. A waiting
 * record costs about 32 bytes (48 when it carries an upstream caller); a
 * record that has been handled costs nothing, so memory follows the backlog,
 * never the traffic. The store knows nothing of AWS: sources give the fields
 * their meaning.
 */
import type { DeliveryCaller } from '../lambda/async-invocation.js';
import { grown } from '../typed-arrays.js';

const NONE = -1;

export class RecordStore {
  /** When the event was first produced (end-to-end latency), ms. */
  producedAt = new Float64Array(0);
  /** When the record entered this source (its age), ms. */
  enqueuedAt = new Float64Array(0);
  /** Payload bytes. */
  bytes = new Uint32Array(0);
  /** A counter per record: receives, attempts. */
  count = new Uint16Array(0);
  /** Bit flags per record (the source's own, e.g. poison). */
  flags = new Uint8Array(0);
  /** A small integer per record: message group, partition key. */
  key = new Int32Array(0);
  /** Lambda invocations of the record's chain so far, up to 255 (recursive loop detection). */
  chain = new Uint8Array(0);
  /** Next slot in the list that holds the record. */
  next = new Int32Array(0);
  /** Who upstream hears the record's final state, for routed records; created on first use. */
  private callers: (DeliveryCaller | undefined)[] | null = null;
  private tags: unknown[] | null = null;
  private free = NONE;
  private used = 0;
  /** Records alive (allocated, not yet released). */
  live = 0;

  constructor(initialCapacity = 1024) {
    this.grow(initialCapacity);
  }

  get capacity(): number {
    return this.next.length;
  }

  /** A slot for a new record (fields to be set by the caller). */
  alloc(producedAt: number, enqueuedAt: number, bytes: number): number {
    let slot = this.free;
    if (slot !== NONE) this.free = this.next[slot]!;
    else {
      if (this.used === this.capacity) this.grow(this.capacity * 2);
      slot = this.used++;
    }
    this.producedAt[slot] = producedAt;
    this.enqueuedAt[slot] = enqueuedAt;
    this.bytes[slot] = bytes;
    this.count[slot] = 0;
    this.flags[slot] = 0;
    this.key[slot] = 0;
    this.chain[slot] = 0;
    this.next[slot] = NONE;
    this.live++;
    return slot;
  }

  /** A new slot holding the same record as `slot` (all fields, the upstream caller included). */
  copy(slot: number): number {
    const copy = this.alloc(this.producedAt[slot]!, this.enqueuedAt[slot]!, this.bytes[slot]!);
    this.count[copy] = this.count[slot]!;
    this.flags[copy] = this.flags[slot]!;
    this.key[copy] = this.key[slot]!;
    this.chain[copy] = this.chain[slot]!;
    if (this.callers !== null) {
      this.callers[copy] = this.callers[slot];
      this.tags![copy] = this.tags![slot];
    }
    return copy;
  }

  /** True when two slots hold records alike in every field (`flags` compared under `flagMask`). */
  alike(a: number, b: number, flagMask: number): boolean {
    return (
      this.producedAt[a] === this.producedAt[b] &&
      this.enqueuedAt[a] === this.enqueuedAt[b] &&
      this.bytes[a] === this.bytes[b] &&
      this.count[a] === this.count[b] &&
      ((this.flags[a]! ^ this.flags[b]!) & flagMask) === 0 &&
      this.key[a] === this.key[b] &&
      this.chain[a] === this.chain[b] &&
      (this.callers === null || (this.callers[a] === this.callers[b] && this.tags![a] === this.tags![b]))
    );
  }

  /** Gives the slot back (after the record's final state is known). */
  release(slot: number): void {
    if (this.callers !== null) {
      this.callers[slot] = undefined;
      this.tags![slot] = undefined;
    }
    this.next[slot] = this.free;
    this.free = slot;
    this.live--;
  }

  /** Sets the chain's invocation count of a record (saturating at 255). */
  setChain(slot: number, chain: number): void {
    this.chain[slot] = chain > 255 ? 255 : chain;
  }

  /** Attaches the upstream caller of a routed record. */
  setCaller(slot: number, caller: DeliveryCaller, tag: unknown): void {
    if (this.callers === null) {
      this.callers = new Array(this.capacity);
      this.tags = new Array(this.capacity);
    }
    this.callers[slot] = caller;
    this.tags![slot] = tag;
  }

  callerOf(slot: number): DeliveryCaller | undefined {
    return this.callers === null ? undefined : this.callers[slot];
  }

  tagOf(slot: number): unknown {
    return this.tags === null ? undefined : this.tags[slot];
  }

  private grow(capacity: number): void {
    this.producedAt = grown(this.producedAt, capacity);
    this.enqueuedAt = grown(this.enqueuedAt, capacity);
    this.bytes = grown(this.bytes, capacity);
    this.count = grown(this.count, capacity);
    this.flags = grown(this.flags, capacity);
    this.key = grown(this.key, capacity);
    this.chain = grown(this.chain, capacity);
    this.next = grown(this.next, capacity);
    if (this.callers !== null) {
      this.callers.length = capacity;
      this.tags!.length = capacity;
    }
  }
}

/** A FIFO list of slots of one RecordStore (a queue, a message group, a shard's lane, a batch). */
export class SlotList {
  head = NONE;
  tail = NONE;
  length = 0;

  constructor(private readonly store: RecordStore) {}

  /** Appends at the back. */
  push(slot: number): void {
    const next = this.store.next;
    next[slot] = NONE;
    if (this.tail === NONE) this.head = slot;
    else next[this.tail] = slot;
    this.tail = slot;
    this.length++;
  }

  /** Puts back at the front (records returned in order ahead of newer ones). */
  unshift(slot: number): void {
    this.store.next[slot] = this.head;
    this.head = slot;
    if (this.tail === NONE) this.tail = slot;
    this.length++;
  }

  /** Removes and returns the front slot; -1 when empty. */
  shift(): number {
    const slot = this.head;
    if (slot === NONE) return NONE;
    this.head = this.store.next[slot]!;
    if (this.head === NONE) this.tail = NONE;
    this.length--;
    return slot;
  }

  /** Moves every slot of `other`, in order, to the front of this list (other is left empty). */
  prependAll(other: SlotList): void {
    if (other.length === 0) return;
    this.store.next[other.tail] = this.head;
    if (this.tail === NONE) this.tail = other.tail;
    this.head = other.head;
    this.length += other.length;
    other.clear();
  }

  /** Moves every slot of `other`, in order, to the back of this list (other is left empty). */
  appendAll(other: SlotList): void {
    if (other.length === 0) return;
    if (this.tail === NONE) this.head = other.head;
    else this.store.next[this.tail] = other.head;
    this.tail = other.tail;
    this.length += other.length;
    other.clear();
  }

  clear(): void {
    this.head = this.tail = NONE;
    this.length = 0;
  }

  /** The slot after `slot` in this list, -1 at the end (to walk without removing). */
  after(slot: number): number {
    return this.store.next[slot]!;
  }
}
