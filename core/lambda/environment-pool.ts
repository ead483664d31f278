/**
 * The idle on-demand environments of one function (aws-rules.md rule 4).
 *
 * Two views of the same set, both updated in O(log n) or O(1), with nothing
 * stored per invocation:
 * - a max-heap by creation id, because a request reuses the most recently
 *   created idle environment (so older ones age out). The ids sit in a typed
 *   array beside the environments, so sifting compares and moves numbers and
 *   never touches an environment. An environment reclaimed from the middle
 *   stays in the heap, marked not idle, and is dropped when it comes to the
 *   top (or when the dead outnumber the living and the heap is rebuilt);
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
  /** Entries in the heap, reclaimed ones included. */
  private count = 0;
  /** Reclaimed environments still in the heap. */
  private dead = 0;
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
    return this.count - this.dead;
  }

  /** An environment finished its run at `now` and waits for the next one. */
  add(env: Environment, now: number): void {
    env.idleSince = now;
    env.idle = true;
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
    while (this.count > 0) {
      const env = this.popTop();
      if (env.idle) {
        this.unlink(env);
        return env;
      }
      this.dead--;
    }
    return null;
  }

  private reclaimExpired(now: number): void {
    let env = this.head;
    while (env && env.idleSince + this.idleTimeoutMs <= now) {
      this.unlink(env);
      this.dead++;
      this.onReclaim(env, now);
      env = this.head;
    }
    if (this.dead > 64 && this.dead * 2 > this.count) this.dropDead();
    if (env) this.timer.arm(env.idleSince + this.idleTimeoutMs);
  }

  /** Takes `env` out of the idle-order list; it is no longer idle. */
  private unlink(env: Environment): void {
    if (env.idlePrev) env.idlePrev.idleNext = env.idleNext;
    else this.head = env.idleNext;
    if (env.idleNext) env.idleNext.idlePrev = env.idlePrev;
    else this.tail = env.idlePrev;
    env.idlePrev = env.idleNext = null;
    env.idle = false;
  }

  /** Removes the heap's top entry: the last entry fills the hole and sifts down. */
  private popTop(): Environment {
    const heap = this.heap;
    const top = heap[0]!;
    const n = --this.count;
    const last = heap[n]!;
    heap[n] = undefined!;
    if (n > 0) this.siftDown(0, last, this.ids[n]!, n);
    return top;
  }

  /** Keeps the idle environments only, and makes a heap of them again (Floyd's bottom-up build). */
  private dropDead(): void {
    const live = this.heap.slice(0, this.count).filter((env) => env.idle);
    this.heap = live;
    this.count = live.length;
    this.dead = 0;
    const ids = this.ids;
    for (let i = 0; i < live.length; i++) ids[i] = live[i]!.id;
    for (let i = (live.length >> 1) - 1; i >= 0; i--) this.siftDown(i, live[i]!, ids[i]!, live.length);
  }

  /** Places `env` (id `id`) at hole `i` or above it. */
  private siftUp(i: number, env: Environment, id: number): void {
    const heap = this.heap;
    const ids = this.ids;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pid = ids[parent]!;
      if (pid >= id) break;
      heap[i] = heap[parent]!;
      ids[i] = pid;
      i = parent;
    }
    heap[i] = env;
    ids[i] = id;
  }

  /** Places `env` (id `id`) at hole `i` or below it, in a heap of `n` entries. */
  private siftDown(i: number, env: Environment, id: number, n: number): void {
    const heap = this.heap;
    const ids = this.ids;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      let cid = ids[child]!;
      if (child + 1 < n && ids[child + 1]! > cid) cid = ids[++child]!;
      if (cid <= id) break;
      heap[i] = heap[child]!;
      ids[i] = cid;
      i = child;
    }
    heap[i] = env;
    ids[i] = id;
  }

  private grow(): void {
    const ids = new Float64Array(this.ids.length * 2);
    ids.set(this.ids);
    this.ids = ids;
  }
}
