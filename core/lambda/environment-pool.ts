/**
 * The idle on-demand environments of one function (aws-rules.md rule 4).
 *
 * Two views of the same set, both updated in O(log n) or O(1), with nothing
 * stored per invocation:
 * - a max-heap by creation id, because a request reuses the most recently
 *   created idle environment (so older ones age out); 4-ary, with the ids in
 *   a typed array beside the environments so that sifting compares numbers
 *   side by side in memory (ids are unique, so the heap's shape never
 *   changes which environment is the newest);
 * - a list in the order environments went idle, because idle time only grows,
 *   so the head is always the next to reach `idleTimeout`. One background
 *   timer per function sits at the head's deadline and reclaims from the head.
 */
import { Timer, type Simulation } from '../kernel/simulation.js';
import type { Environment } from './environment.js';

export class IdlePool {
  private heap: Environment[] = [];
  /** `ids[i]` is `heap[i].id`. */
  private ids = new Float64Array(16);
  private count = 0;
  private head: Environment | null = null;
  private tail: Environment | null = null;
  private readonly timer: Timer;

  constructor(
    sim: Simulation,
    private readonly idleTimeoutMs: number,
    private readonly onReclaim: (env: Environment, now: number) => void,
  ) {
    this.timer = new Timer(sim, (now) => this.reclaimExpired(now));
  }

  get size(): number {
    return this.count;
  }

  /** An environment finished its run at `now` and waits for the next one. */
  add(env: Environment, now: number): void {
    env.idleSince = now;
    // Append to the idle-order list.
    env.idlePrev = this.tail;
    env.idleNext = null;
    if (this.tail) this.tail.idleNext = env;
    else this.head = env;
    this.tail = env;
    // Push on the max-heap by id.
    if (this.count === this.ids.length) this.grow();
    this.siftUp(this.count++, env, env.id);
    if (!this.timer.armed) this.timer.arm(this.head!.idleSince + this.idleTimeoutMs);
  }

  /** Takes the most recently created idle environment, or null. */
  takeNewest(): Environment | null {
    if (this.count === 0) return null;
    const env = this.heap[0]!;
    this.remove(env);
    return env;
  }

  private reclaimExpired(now: number): void {
    let env = this.head;
    while (env && env.idleSince + this.idleTimeoutMs <= now) {
      this.remove(env);
      this.onReclaim(env, now);
      env = this.head;
    }
    if (env) this.timer.arm(env.idleSince + this.idleTimeoutMs);
  }

  private remove(env: Environment): void {
    // Unlink from the idle-order list.
    if (env.idlePrev) env.idlePrev.idleNext = env.idleNext;
    else this.head = env.idleNext;
    if (env.idleNext) env.idleNext.idlePrev = env.idlePrev;
    else this.tail = env.idlePrev;
    env.idlePrev = env.idleNext = null;
    // Remove from the heap at its index: the last entry fills the hole, sifted up or down.
    const heap = this.heap;
    const i = env.heapIndex;
    const n = --this.count;
    const last = heap[n]!;
    heap[n] = undefined!;
    env.heapIndex = -1;
    if (last === env) return;
    const lastId = this.ids[n]!;
    if (i > 0 && this.ids[(i - 1) >> 2]! < lastId) this.siftUp(i, last, lastId);
    else this.siftDown(i, last, lastId, n);
  }

  /** Places `env` (id `id`) at hole `i` or above it. */
  private siftUp(i: number, env: Environment, id: number): void {
    const heap = this.heap;
    const ids = this.ids;
    while (i > 0) {
      const parent = (i - 1) >> 2;
      const pid = ids[parent]!;
      if (pid >= id) break;
      const p = heap[parent]!;
      heap[i] = p;
      ids[i] = pid;
      p.heapIndex = i;
      i = parent;
    }
    heap[i] = env;
    ids[i] = id;
    env.heapIndex = i;
  }

  /** Places `env` (id `id`) at hole `i` or below it, in a heap of `n` entries. */
  private siftDown(i: number, env: Environment, id: number, n: number): void {
    const heap = this.heap;
    const ids = this.ids;
    for (;;) {
      const first = 4 * i + 1;
      if (first >= n) break;
      let child = first;
      let cid = ids[first]!;
      const end = first + 4 < n ? first + 4 : n;
      for (let c = first + 1; c < end; c++) {
        const x = ids[c]!;
        if (x > cid) {
          child = c;
          cid = x;
        }
      }
      if (cid <= id) break;
      const c = heap[child]!;
      heap[i] = c;
      ids[i] = cid;
      c.heapIndex = i;
      i = child;
    }
    heap[i] = env;
    ids[i] = id;
    env.heapIndex = i;
  }

  private grow(): void {
    const ids = new Float64Array(this.ids.length * 2);
    ids.set(this.ids);
    this.ids = ids;
  }
}
