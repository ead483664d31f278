/**
 * The compact record store behind queues and streams: FIFO order through the
 * threaded lists, slots recycled so that memory follows the backlog, fields
 * kept across growth, and upstream callers only for the records that have one.
 */
import { describe, expect, it } from 'vitest';
import { RecordStore, SlotList } from '../core/queues/record-store.js';

function drain(list: SlotList, store: RecordStore): number[] {
  const out: number[] = [];
  for (let slot = list.shift(); slot !== -1; slot = list.shift()) out.push(store.producedAt[slot]!);
  return out;
}

describe('RecordStore and SlotList', () => {
  it('keeps FIFO order, and puts returned records back in front in their order', () => {
    const store = new RecordStore(2);
    const queue = new SlotList(store);
    for (let i = 0; i < 10; i++) queue.push(store.alloc(i, i, 100));
    const batch = new SlotList(store);
    for (let i = 0; i < 3; i++) batch.push(queue.shift());
    queue.prependAll(batch);
    expect(batch.length).toBe(0);
    expect(drain(queue, store)).toStrictEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('appends a list at the back and unshifts a single record', () => {
    const store = new RecordStore();
    const a = new SlotList(store);
    const b = new SlotList(store);
    a.push(store.alloc(1, 0, 0));
    b.push(store.alloc(2, 0, 0));
    b.push(store.alloc(3, 0, 0));
    a.appendAll(b);
    a.unshift(store.alloc(0, 0, 0));
    expect(a.length).toBe(4);
    expect(drain(a, store)).toStrictEqual([0, 1, 2, 3]);
  });

  it('recycles released slots: a steady flow never grows the store', () => {
    const store = new RecordStore(16);
    const queue = new SlotList(store);
    for (let i = 0; i < 100_000; i++) {
      queue.push(store.alloc(i, i, 1));
      if (queue.length > 8) store.release(queue.shift());
    }
    expect(store.capacity).toBe(16);
    expect(store.live).toBe(8);
  });

  it('keeps every field across growth, and callers only where set', () => {
    const store = new RecordStore(1);
    const caller = { settle() {} };
    const slots: number[] = [];
    for (let i = 0; i < 100; i++) {
      const slot = store.alloc(i, 2 * i, 3 * i);
      store.key[slot] = i % 7;
      store.count[slot] = i;
      if (i === 50) store.setCaller(slot, caller, 'tag-50');
      slots.push(slot);
    }
    expect(store.capacity).toBe(128);
    slots.forEach((slot, i) => {
      expect([store.producedAt[slot], store.enqueuedAt[slot], store.bytes[slot], store.key[slot], store.count[slot]]).toStrictEqual([i, 2 * i, 3 * i, i % 7, i]);
    });
    expect(store.callerOf(slots[50]!)).toBe(caller);
    expect(store.tagOf(slots[50]!)).toBe('tag-50');
    expect(store.callerOf(slots[51]!)).toBeUndefined();
    store.release(slots[50]!);
    expect(store.callerOf(store.alloc(0, 0, 0))).toBeUndefined();
  });
});
