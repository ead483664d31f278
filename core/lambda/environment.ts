/**
 * An execution environment (aws-rules.md rule 4): it runs one request at a
 * time. While busy it carries that request (who asked, when it was produced,
 * how the run will end), so an invocation allocates nothing: the environment
 * itself is the item on the event heap that fires when the run completes.
 */
import type { Schedulable } from '../kernel/event-queue.js';

/** Who gets told when one run of a handler ends. */
export interface InvocationCaller {
  /**
   * A run ended: `ok` is false for a function error (thrown error, errorRate,
   * timeout). `tag` and `producedAt` are what the caller passed in.
   */
  invocationEnded(ok: boolean, tag: unknown, producedAt: number, now: number): void;
}

/** What an environment calls back into when its run completes. */
export interface CompletionSink {
  complete(env: Environment, now: number): void;
}

export class Environment implements Schedulable {
  // The current request, valid while busy.
  caller: InvocationCaller | null = null;
  tag: unknown = undefined;
  producedAt = 0;
  /** Handler time of the current run, ms (cut at the timeout). */
  runMs = 0;
  failed = false;
  /** Set by a timeout: the environment is discarded after this run. */
  discard = false;
  /** Whether this run took concurrency from a pool (to give it back). */
  holdsPool = false;

  // Idle-pool bookkeeping (see environment-pool.ts).
  heapIndex = -1;
  idleSince = 0;
  idlePrev: Environment | null = null;
  idleNext: Environment | null = null;

  constructor(
    /** Creation order across the run: higher is newer. */
    readonly id: number,
    readonly provisioned: boolean,
    private readonly sink: CompletionSink,
  ) {}

  fire(now: number): void {
    this.sink.complete(this, now);
  }
}
