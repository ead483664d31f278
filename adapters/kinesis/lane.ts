/**
 * One lane of a shard: the share of the shard's partition keys that one of
 * its `parallelizationFactor` concurrent batches carries
 * (adapters/kinesis/README.md, "Lanes"). A lane is sequential: one batch at a time, in order.
 *
 * Its records sit in two FIFO lists of the stream's one RecordStore:
 * - `waiting`: accepted and not yet read, in arrival order;
 * - `held`: read and not yet resolved. The batch being tried is a prefix of
 *   `held`; bisection splits it, so `held` is cut into consecutive sub-batches
 *   whose sizes (and retry counts) sit on a small stack, the current batch on
 *   top: the first half of a split is tried first, then the second.
 * Nothing else is kept per record: memory follows the backlog.
 */
import { NO_FAILED_ITEMS, type InvocationBatch, type SourceContext, type SourceTimer } from '../../core/engine/adapter-contract.js';
import { SlotList, type RecordStore } from '../../core/queues/record-store.js';

/** Deepest bisection: a batch of 10,000 halves at most 14 times; the stack holds one entry more per split. */
const MAX_STACK = 32;

/** The one batch object a lane hands to every run it starts (reused, never reallocated). */
export class KinesisBatch implements InvocationBatch {
  records = 0;
  bytes = 0;
  readonly poison: number[] = [];
  /** Kinesis is outside recursive loop detection: a stream's records start no chain. */
  readonly chain = 0;
  failedItems: readonly number[] = NO_FAILED_ITEMS;

  constructor(
    readonly lane: Lane,
    readonly reportBatchItemFailures: boolean,
  ) {}
}

export class Lane {
  readonly waiting: SlotList;
  /** Bytes of the waiting records (for the 6 MB batch limit with a batching window). */
  waitingBytes = 0;
  readonly held: SlotList;
  /** Sizes of the consecutive sub-batches of `held`, the current one at `depth - 1`. */
  readonly sizes = new Int32Array(MAX_STACK);
  /** Failed tries spent by each sub-batch (a split leaves them as they were). */
  readonly tries = new Int32Array(MAX_STACK);
  depth = 0;
  /** A run of the current batch is in flight. */
  running = false;
  /** The current batch was throttled and waits to be tried again (on `timer`). */
  throttled = false;
  backoffMs = 0;
  readonly batch: KinesisBatch;
  /** Foreground: the next poll, the end of a batching window, or a throttle back-off (null without a consumer). */
  readonly timer: SourceTimer | null;
  /** Background: the retention of the oldest waiting record. */
  readonly expiry: SourceTimer;

  constructor(
    /** shard × parallelizationFactor + lane within the shard. */
    readonly index: number,
    readonly shard: number,
    store: RecordStore,
    ctx: SourceContext<any>,
    reportBatchItemFailures: boolean,
    onTimer: ((lane: Lane, now: number) => void) | null,
    onExpiry: (lane: Lane, now: number) => void,
  ) {
    this.waiting = new SlotList(store);
    this.held = new SlotList(store);
    this.batch = new KinesisBatch(this, reportBatchItemFailures);
    this.timer = onTimer === null ? null : ctx.timer((now) => onTimer(this, now));
    this.expiry = ctx.timer((now) => onExpiry(this, now), { background: true });
  }

  /** A batch is being tried (running, throttled, or between the sub-batches of a split). */
  get busy(): boolean {
    return this.depth > 0;
  }

  /** Puts on top of the stack a batch of the next `size` held records (the one tried next), with `tries` already spent. */
  pushBatch(size: number, tries: number): void {
    if (this.depth === MAX_STACK) throw new Error(`lane ${this.index}: bisection deeper than ${MAX_STACK}`);
    this.sizes[this.depth] = size;
    this.tries[this.depth] = tries;
    this.depth++;
  }
}
