/**
 * The idle on-demand environments of one function (docs/aws-model.md rule 4).
 *
 * Two views of the same set, with nothing stored per invocation:
 * - a bitset over the function's live environments in creation order,
 *   because a request reuses the most recently created idle environment (so
 *   older ones age out): taking it is finding the highest set bit, two
 *   `clz32` away (a summary word marks the words that have a bit set). Each
 *   live environment holds a rank, its place in creation order; the ranks of
 *   reclaimed environments are squeezed out when the ranks run out, so the
 *   bitset stays within twice the peak of live environments;
 * - a list in the order environments went idle, because idle time only grows,
 *   so the head is always the next to reach `idleTimeout`. One background
 *   timer per function sits at the head's deadline and reclaims from the head.
 */
import { Timer, type Simulation } from '../kernel/simulation.js';
import type { Environment } from './environment.js';

const INITIAL_RANKS = 64;
const NO_WORDS = new Int32Array(0);

export class IdlePool {
  /** Live environments by rank (creation order); null where one was reclaimed. */
  private slots: (Environment | null)[] = [];
  private nextRank = 0;
  private live = 0;
  /** Bit r of the bitset is set when the environment of rank r is idle. */
  private words = NO_WORDS;
  /** Bit w is set when word w has a bit set. */
  private summary = NO_WORDS;
  /** No summary word above this one has a bit set. */
  private topSummary = 0;
  private idleCount = 0;
  private head: Environment | null = null;
  private tail: Environment | null = null;
  private readonly timer: Timer;

  constructor(
    sim: Simulation,
    private readonly idleTimeoutMs: number,
    private readonly onReclaim: (env: Environment, now: number) => void,
  ) {
    this.timer = new Timer(sim, (now) => this.reclaimExpired(now));
    // Written a second time here, not first in makeRoom: V8 treats a field
    // written once as a constant, and code compiled on that belief is thrown
    // away mid-run when the ranks first run out (docs/performance.md).
    this.allocate(INITIAL_RANKS);
  }

  get size(): number {
    return this.idleCount;
  }

  /** A new environment of this function (created after every earlier one): it takes the next rank. */
  register(env: Environment): void {
    if (this.nextRank === this.slots.length) this.makeRoom();
    env.rank = this.nextRank++;
    this.slots[env.rank] = env;
    this.live++;
  }

  /** An environment finished its run at `now` and waits for the next one. */
  add(env: Environment, now: number): void {
    env.idleSince = now;
    env.idle = true;
    this.idleCount++;
    // Append to the idle-order list.
    env.idlePrev = this.tail;
    env.idleNext = null;
    if (this.tail) this.tail.idleNext = env;
    else this.head = env;
    this.tail = env;
    this.setBit(env.rank);
    if (!this.timer.armed) this.timer.arm(this.head!.idleSince + this.idleTimeoutMs);
  }

  /** Takes the most recently created idle environment, or null. */
  takeNewest(): Environment | null {
    if (this.idleCount === 0) return null;
    const summary = this.summary;
    let s = this.topSummary;
    while (summary[s] === 0) s--;
    this.topSummary = s;
    const w = (s << 5) + 31 - Math.clz32(summary[s]!);
    const rank = (w << 5) + 31 - Math.clz32(this.words[w]!);
    const env = this.slots[rank]!;
    this.clearBit(rank);
    this.unlink(env);
    return env;
  }

  private reclaimExpired(now: number): void {
    let env = this.head;
    while (env && env.idleSince + this.idleTimeoutMs <= now) {
      this.clearBit(env.rank);
      this.unlink(env);
      this.slots[env.rank] = null;
      this.live--;
      this.onReclaim(env, now);
      env = this.head;
    }
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
    this.idleCount--;
  }

  private setBit(rank: number): void {
    const w = rank >> 5;
    this.words[w]! |= 1 << (rank & 31);
    const s = w >> 5;
    this.summary[s]! |= 1 << (w & 31);
    if (s > this.topSummary) this.topSummary = s;
  }

  private clearBit(rank: number): void {
    const w = rank >> 5;
    const word = this.words[w]! & ~(1 << (rank & 31));
    this.words[w] = word;
    if (word === 0) this.summary[w >> 5]! &= ~(1 << (w & 31));
  }

  /**
   * The ranks ran out: squeeze out the reclaimed environments' ranks (keeping
   * creation order), and double the rank space when more than half of it is live.
   */
  private makeRoom(): void {
    const old = this.slots;
    const capacity = this.live * 2 > old.length ? old.length * 2 : old.length;
    this.allocate(capacity);
    let rank = 0;
    for (let r = 0; r < this.nextRank; r++) {
      const env = old[r];
      if (!env) continue;
      env.rank = rank;
      this.slots[rank] = env;
      if (env.idle) this.setBit(rank);
      rank++;
    }
    this.nextRank = rank;
  }

  /** Empty slots and bitset for `capacity` ranks (a multiple of 32). */
  private allocate(capacity: number): void {
    this.slots = new Array(capacity).fill(null);
    this.words = new Int32Array(capacity >> 5);
    this.summary = new Int32Array(Math.max(1, capacity >> 10));
    this.topSummary = 0;
  }
}
