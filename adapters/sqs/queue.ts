/**
 * The messages of one SQS queue (docs/aws-model.md rules 14, 21) in compact
 * form: delayed (deliveryDelay), visible, and in flight (received, invisible,
 * held by a batch until deleted or returned). A standard queue keeps one
 * visible list, and a returned message goes to its back; a FIFO queue keeps one
 * list per message group, a returned message goes back to the front of its
 * group, and a group with messages in flight is not received from. A receive
 * counts the message's receives; a message already received `maxReceiveCount`
 * times goes to the dead-letter target instead, and one older than the
 * retention period is dropped. The queue's CloudWatch levels are kept as
 * time-weighted integrals; nothing is stored per delivered message.
 *
 * A message made visible right behind an identical one (a burst of sends at
 * one instant) joins it: the slot then stands for several copies (flag RUN,
 * the number in `copies`), and a receive or an expiry takes one copy off into
 * a slot of its own. Order and counts are those of one slot per message; a
 * burst of 10 million waiting messages is one slot.
 */
import { Outcome, type SourceSeries } from '../../core/engine/adapter-contract.js';
import { RecordStore, SlotList } from '../../core/queues/record-store.js';
import { TimeWeighted } from '../../core/metrics/time-weighted.js';

/** Flag bit of a poison message (fails every run that holds it). */
export const POISON = 1;
/** Flag bit of a slot that stands for several identical visible messages. */
const RUN = 2;

export interface QueueSettings {
  fifo: boolean;
  groups: number;
  retentionMs: number;
  /** 0 without redrive. */
  maxReceiveCount: number;
}

/** Where the queue reports messages that leave it. */
export interface QueueExits {
  /** A message's final state at this queue: ledger, and the upstream caller of a routed message. */
  settle(slot: number, outcome: Outcome, now: number): void;
  /** Hands a message to the dead-letter target (false when there is none). */
  deadLetter(slot: number): boolean;
  /** True when recursive loop detection stops the consumer's invocation for the message's chain (docs/aws-model.md rule 22). */
  stopsChain(slot: number): boolean;
}

export class MessageQueue {
  readonly store = new RecordStore();
  private readonly visibleList: SlotList;
  private readonly groups: SlotList[] = [];
  private readonly groupBusy: Uint8Array;
  private readonly groupReady: Uint8Array;
  /** FIFO: groups with visible messages and nothing in flight, in the order they became ready. */
  private readonly readyRing: Int32Array;
  private readyHead = 0;
  private readyCount = 0;

  visibleCount = 0;
  readonly visible = new TimeWeighted();
  readonly notVisible = new TimeWeighted();
  received = 0;
  deleted = 0;
  movedToDlq = 0;
  expired = 0;
  oldestAgeMs = 0;
  /** Bytes of the messages the last `receive` took. */
  lastReceiveBytes = 0;
  /** The longest chain among the messages the last `receive` took. */
  lastReceiveChain = 0;
  /** Messages stopped by recursive loop detection (to the dead-letter target, or dropped). */
  stoppedLoops = 0;
  /** Copies each RUN slot stands for, and the copies beyond one slot each (messages = slots + extraCopies). */
  private readonly copies = new Map<number, number>();
  extraCopies = 0;

  constructor(
    private readonly settings: QueueSettings,
    private readonly exits: QueueExits,
    private readonly ageSeries: SourceSeries,
    private readonly visibleSeries: SourceSeries,
  ) {
    this.visibleList = new SlotList(this.store);
    const groups = settings.fifo ? settings.groups : 0;
    for (let g = 0; g < groups; g++) this.groups.push(new SlotList(this.store));
    this.groupBusy = new Uint8Array(groups);
    this.groupReady = new Uint8Array(groups);
    this.readyRing = new Int32Array(Math.max(1, groups));
  }

  /** A message becomes visible for the first time. */
  makeVisible(slot: number, now: number): void {
    if (this.settings.fifo) {
      const g = this.store.key[slot]!;
      this.append(this.groups[g]!, slot);
      this.markReady(g);
    } else {
      this.append(this.visibleList, slot);
    }
    this.visibleCount++;
    this.visible.add(1, now);
    this.visibleSeries.record(now, this.visible.value);
  }

  /** True when a receive would find a message. */
  hasVisible(): boolean {
    return this.settings.fifo ? this.readyCount > 0 : this.visibleCount > 0;
  }

  /**
   * Receives up to `maxCount` messages (at most `maxBytes`, but at least one)
   * into `batch`: of one group for FIFO. Messages past their retention are
   * dropped and messages out of receives go to the dead-letter target on the
   * way. Returns the number received; for FIFO the group is then busy.
   */
  receive(batch: SlotList, poison: number[], maxCount: number, maxBytes: number, now: number): number {
    const fifo = this.settings.fifo;
    let group = -1;
    let list = this.visibleList;
    if (fifo) {
      group = this.takeReady();
      if (group < 0) return 0;
      list = this.groups[group]!;
    }
    const store = this.store;
    let count = 0;
    let bytes = 0;
    let taken = 0;
    let chain = 0;
    while (count < maxCount && list.length > 0) {
      let slot = list.head;
      const size = store.bytes[slot]!;
      if (count > 0 && bytes + size > maxBytes) break;
      if (store.flags[slot]! & RUN) slot = this.takeCopy(slot);
      else list.shift();
      taken++;
      const age = now - store.enqueuedAt[slot]!;
      if (age > this.oldestAgeMs) this.oldestAgeMs = age;
      this.ageSeries.record(now, age);
      if (age >= this.settings.retentionMs) {
        this.expired++;
        this.exits.settle(slot, Outcome.Dropped, now);
        continue;
      }
      const max = this.settings.maxReceiveCount;
      if (max > 0 && store.count[slot]! >= max && this.exits.deadLetter(slot)) {
        this.movedToDlq++;
        this.exits.settle(slot, Outcome.Failed, now);
        continue;
      }
      const messageChain = store.chain[slot]!;
      if (messageChain !== 0 && this.exits.stopsChain(slot)) {
        this.stoppedLoops++;
        const dlq = this.exits.deadLetter(slot);
        if (dlq) this.movedToDlq++;
        this.exits.settle(slot, dlq ? Outcome.Failed : Outcome.Dropped, now);
        continue;
      }
      if (messageChain > chain) chain = messageChain;
      store.count[slot]!++;
      if (store.flags[slot]! & POISON) poison.push(count);
      batch.push(slot);
      count++;
      bytes += size;
    }
    this.lastReceiveBytes = bytes;
    this.lastReceiveChain = chain;
    this.visibleCount -= taken;
    this.visible.add(-taken, now);
    this.visibleSeries.record(now, this.visible.value);
    this.received += count;
    this.notVisible.add(count, now);
    if (fifo) {
      if (count > 0) this.groupBusy[group] = 1;
      else this.markReady(group);
    }
    return count;
  }

  /** A message of a batch was handled: deleted from the queue (its final state is settled by the caller). */
  delete(now: number, count: number): void {
    this.deleted += count;
    this.notVisible.add(-count, now);
  }

  /** A FIFO group's batch is over with nothing left invisible: the group may be received from again. */
  releaseGroup(group: number): void {
    this.groupBusy[group] = 0;
    this.markReady(group);
  }

  /** The visibility timeout of `batch`'s messages expired: they are visible again (FIFO: in front, in order). */
  returnMessages(batch: SlotList, group: number, now: number): void {
    const n = batch.length;
    if (n === 0) return;
    this.notVisible.add(-n, now);
    this.visibleCount += n;
    this.visible.add(n, now);
    this.visibleSeries.record(now, this.visible.value);
    if (this.settings.fifo) {
      this.groups[group]!.prependAll(batch);
      this.releaseGroup(group);
    } else {
      this.visibleList.appendAll(batch);
    }
  }

  /** Drops visible messages past their retention from the fronts (a queue nothing consumes); the next expiry, or -1. */
  expireFronts(now: number): number {
    let next = Infinity;
    const lists = this.settings.fifo ? this.groups : [this.visibleList];
    for (let g = 0; g < lists.length; g++) {
      const list = lists[g]!;
      while (list.length > 0 && now - this.store.enqueuedAt[list.head]! >= this.settings.retentionMs) {
        const head = list.head;
        const slot = this.store.flags[head]! & RUN ? this.takeCopy(head) : list.shift();
        this.visibleCount--;
        this.visible.add(-1, now);
        this.expired++;
        this.exits.settle(slot, Outcome.Dropped, now);
      }
      if (list.length > 0) next = Math.min(next, this.store.enqueuedAt[list.head]! + this.settings.retentionMs);
    }
    this.visibleSeries.record(now, this.visible.value);
    return next === Infinity ? -1 : next;
  }

  /** The age of the oldest visible message now (for the end of the run). */
  headAge(now: number): number {
    let oldest = Infinity;
    for (const list of this.settings.fifo ? this.groups : [this.visibleList]) {
      if (list.length > 0) oldest = Math.min(oldest, this.store.enqueuedAt[list.head]!);
    }
    return oldest === Infinity ? 0 : now - oldest;
  }

  /** Puts a new visible message at the back of `list`: into the last slot when that holds identical messages. */
  private append(list: SlotList, slot: number): void {
    const store = this.store;
    const tail = list.tail;
    if (tail < 0 || !store.alike(tail, slot, ~RUN)) {
      list.push(slot);
      return;
    }
    this.copies.set(tail, (this.copies.get(tail) ?? 1) + 1);
    store.flags[tail]! |= RUN;
    this.extraCopies++;
    store.release(slot);
  }

  /** Takes one copy off the RUN slot `run` (at the front of its list) into a slot of its own. */
  private takeCopy(run: number): number {
    const store = this.store;
    const left = this.copies.get(run)! - 1;
    if (left === 1) {
      this.copies.delete(run);
      store.flags[run]! &= ~RUN;
    } else {
      this.copies.set(run, left);
    }
    this.extraCopies--;
    const copy = store.copy(run);
    store.flags[copy]! &= ~RUN;
    return copy;
  }

  private markReady(group: number): void {
    if (this.groupBusy[group] || this.groupReady[group] || this.groups[group]!.length === 0) return;
    this.groupReady[group] = 1;
    this.readyRing[(this.readyHead + this.readyCount) % this.readyRing.length] = group;
    this.readyCount++;
  }

  private takeReady(): number {
    if (this.readyCount === 0) return -1;
    const group = this.readyRing[this.readyHead]!;
    this.readyHead = (this.readyHead + 1) % this.readyRing.length;
    this.readyCount--;
    this.groupReady[group] = 0;
    return group;
  }
}
