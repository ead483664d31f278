/**
 * Growing the typed arrays that compact structures keep their fields in
 * (the event queue's heaps and bins, the run queue, the async queue, the
 * record store, client retries): a larger array of the same kind, holding
 * the old one's values at the start. Off the hot path: called when a
 * structure doubles.
 */

type TypedArray = Float64Array | Int32Array | Uint32Array | Uint16Array | Uint8Array;

/** A copy of `old` with room for `capacity` entries (capacity ≥ old.length). */
export function grown<T extends TypedArray>(old: T, capacity: number): T {
  const array = new (old.constructor as new (length: number) => T)(capacity);
  array.set(old);
  return array;
}
