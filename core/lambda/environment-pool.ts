/**
 * The idle on-demand environments of one function (aws-rules.md rule 4).
 *
 * Two views of the same set, both updated in O(log n) or O(1), with nothing
 * stored per invocation:
 * - a max-heap by creation id, because a request reuses the most recently
 *   created idle environment (so older ones age out);
 * - a list in the order environments went idle, because idle time only grows,
 *   so the head is always the next to reach `idleTimeout`. One background
 *   timer per function sits at the head's deadline and reclaims from the head.
 */
import { Timer, type Simulation } from '../kernel/simulation.js';
import type { Environment } from './environment.js';

export class IdlePool {
  private readonly heap: Environment[] = [];
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
    return this.heap.length;
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
    this.heap.push(env);
    this.siftUp(this.heap.length - 1);
    if (!this.timer.armed) this.timer.arm(this.head!.idleSince + this.idleTimeoutMs);
  }

  /** Takes the most recently created idle environment, or null. */
  takeNewest(): Environment | null {
    if (this.heap.length === 0) return null;
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
    // Remove from the heap at its index.
    const heap = this.heap;
    const i = env.heapIndex;
    const last = heap.pop()!;
    env.heapIndex = -1;
    if (last === env) return;
    heap[i] = last;
    last.heapIndex = i;
    this.siftUp(i);
    this.siftDown(last.heapIndex);
  }

  private siftUp(i: number): void {
    const heap = this.heap;
    const env = heap[i]!;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent]!;
      if (p.id >= env.id) break;
      heap[i] = p;
      p.heapIndex = i;
      i = parent;
    }
    heap[i] = env;
    env.heapIndex = i;
  }

  private siftDown(i: number): void {
    const heap = this.heap;
    const n = heap.length;
    const env = heap[i]!;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && heap[child + 1]!.id > heap[child]!.id) child++;
      const c = heap[child]!;
      if (c.id <= env.id) break;
      heap[i] = c;
      c.heapIndex = i;
      i = child;
    }
    heap[i] = env;
    env.heapIndex = i;
  }
}
