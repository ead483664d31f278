/**
 * The Lambda event source mapping of a kinesis stream (docs/aws-model.md
 * rules 15 and 21; adapters/kinesis/README.md, "The event source mapping"),
 * run lane by lane.
 *
 * Polling. An idle lane with waiting records is read at its shard's next
 * 1-s poll tick (shard s ticks at s × 1000 / shards ms past each second, so
 * shards do not poll in lockstep); while it is behind (a batch ended and
 * records wait) the next batch is read at once, back to back. With a
 * batching window W > 0 a lane holding fewer than batchSize records (and
 * under 6 MB) waits until W has passed since its oldest waiting record
 * arrived, then goes; a full lane goes at once (ticks are not used then).
 *
 * A read takes up to batchSize waiting records, at most 6 MB, in order.
 * First, records that reached the retention period are trimmed (`dropped`,
 * stream.ts), and records older than `maximumRecordAge` are discarded in
 * groups of up to batchSize, each group like a batch given up (below).
 *
 * Each try of a batch: IteratorAge = now − arrival of the batch's last record
 * (recorded for the function, and for the source with its time series), the
 * records count in `GetRecords.Records`/`Bytes` (repeats included), then a
 * synchronous invoke. A throttled invoke is tried again after 1 s, doubling
 * up to 30 s (the mapping's own back-off; AWS publishes none), without
 * spending a retry attempt. A failed batch is tried again at once (AWS names
 * no delay), from the same checkpoint, so the lane stays blocked:
 * - `bisectBatchOnFunctionError`: a failed batch of n > 1 is split into its
 *   first ceil(n/2) records and the rest; the first half is tried first;
 *   splitting spends no attempt (both halves keep the parent's count);
 * - `reportBatchItemFailures`: a run that returns failed items succeeds for
 *   the records before the lowest failed index; the retry starts at that
 *   record (and holds the rest of the batch only); this spends an attempt;
 * - otherwise a failure spends an attempt. Past `maximumRetryAttempts`
 *   attempts, or when a try finds the batch's oldest record older than
 *   `maximumRecordAge` or the retention period, the batch is given up.
 * A batch given up is discarded: with `onFailure`, ONE on-failure record
 * (1 KB of metadata, as AWS sends) goes to the destination and the records
 * are `failed`; without it they are `dropped`. The checkpoint moves past them.
 * A run without error settles its records `succeeded`.
 */
import type { FunctionHandle, InvocationCaller, SourceContext, SourceSeries, Target } from '../../core/engine/adapter-contract.js';
import { Outcome, type DeliveryCaller } from '../../core/engine/adapter-contract.js';
import type { KinesisBatch, Lane } from './lane.js';
import { kinesisProbe } from './probe.js';
import { POISON, type KinesisStream, type LaneListener } from './stream.js';

/** A batch's payload limit: a synchronous invoke's 6 MB. */
export const MAX_BATCH_BYTES = 6 * 1024 * 1024;
/** Size of the invocation record an on-failure destination receives (metadata only). */
export const ON_FAILURE_RECORD_BYTES = 1024;
export const POLL_INTERVAL_MS = 1000;
export const THROTTLE_BACKOFF_FIRST_MS = 1000;
export const THROTTLE_BACKOFF_MAX_MS = 30_000;

/** The on-failure record's upstream: the records it describes are settled by the stream. */
const NOBODY_CALLER: DeliveryCaller = { settle() {} };

export interface MappingSettings {
  batchSize: number;
  windowMs: number;
  bisect: boolean;
  /** Infinity for -1. */
  maxRetries: number;
  /** Infinity for -1 (the retention period still applies). */
  maxRecordAgeMs: number;
  retentionMs: number;
}

export class KinesisMapping implements InvocationCaller, LaneListener {
  recordsRead = 0;
  bytesRead = 0;
  discarded = 0;
  onFailureRecords = 0;
  throttledTries = 0;
  iteratorAgeMax = 0;
  private iteratorAgeSum = 0;
  private iteratorAgeCount = 0;
  private readonly ageSeries: SourceSeries;

  constructor(
    private readonly ctx: SourceContext<any>,
    private readonly stream: KinesisStream,
    private readonly fn: FunctionHandle,
    private readonly onFailure: Target | null,
    private readonly settings: MappingSettings,
  ) {
    this.ageSeries = ctx.series('IteratorAge', 'max');
  }

  get iteratorAgeMean(): number {
    return this.iteratorAgeCount === 0 ? 0 : this.iteratorAgeSum / this.iteratorAgeCount;
  }

  arrived(lane: Lane, now: number): void {
    if (!lane.busy) this.schedule(lane, now, false);
  }

  onTimer(lane: Lane, now: number): void {
    if (lane.throttled) this.tryBatch(lane, now);
    else if (!lane.busy) this.schedule(lane, now, true);
  }

  /** An idle lane: read now, or arm its timer for the next poll tick or the end of its batching window. */
  private schedule(lane: Lane, now: number, due: boolean): void {
    const waiting = lane.waiting;
    const timer = lane.timer!;
    if (waiting.length === 0) {
      timer.cancel();
      return;
    }
    const { windowMs, batchSize } = this.settings;
    if (windowMs > 0) {
      const windowEnd = this.stream.store.enqueuedAt[waiting.head]! + windowMs;
      if (waiting.length >= batchSize || lane.waitingBytes >= MAX_BATCH_BYTES || now >= windowEnd) this.read(lane, now);
      else timer.arm(windowEnd);
    } else if (due) this.read(lane, now);
    else if (!timer.armed) timer.arm(this.nextTick(lane.shard, now));
  }

  /** The first poll tick of `shard` at or after `now`. */
  private nextTick(shard: number, now: number): number {
    const phase = Math.floor((shard * POLL_INTERVAL_MS) / this.stream.settings.shards);
    return phase + Math.max(0, Math.ceil((now - phase) / POLL_INTERVAL_MS)) * POLL_INTERVAL_MS;
  }

  /** Reads the lane's next batch (after trimming and discarding what is too old) and tries it. */
  private read(lane: Lane, now: number): void {
    lane.timer!.cancel();
    const stream = this.stream;
    const store = stream.store;
    const { batchSize, maxRecordAgeMs } = this.settings;
    const waiting = lane.waiting;
    stream.trimExpired(lane, now);
    while (waiting.length > 0 && now - store.enqueuedAt[waiting.head]! > maxRecordAgeMs) {
      let n = 0;
      while (n < batchSize && waiting.length > 0 && now - store.enqueuedAt[waiting.head]! > maxRecordAgeMs) {
        const slot = waiting.shift();
        lane.waitingBytes -= store.bytes[slot]!;
        lane.held.push(slot);
        n++;
      }
      this.discard(lane, n, now);
    }
    if (waiting.length === 0) return;
    let n = 0;
    let bytes = 0;
    while (n < batchSize && waiting.length > 0 && (n === 0 || bytes + store.bytes[waiting.head]! <= MAX_BATCH_BYTES)) {
      const slot = waiting.shift();
      bytes += store.bytes[slot]!;
      lane.held.push(slot);
      n++;
    }
    lane.waitingBytes -= bytes;
    lane.pushBatch(n, 0);
    lane.backoffMs = THROTTLE_BACKOFF_FIRST_MS;
    this.tryBatch(lane, now);
  }

  /** One try of the lane's current batch (the top of its stack). */
  private tryBatch(lane: Lane, now: number): void {
    lane.throttled = false;
    const store = this.stream.store;
    const n = lane.sizes[lane.depth - 1]!;
    const held = lane.held;
    const age = now - store.enqueuedAt[held.head]!;
    if (age >= this.settings.retentionMs || age > this.settings.maxRecordAgeMs) {
      this.discard(lane, n, now);
      lane.depth--;
      this.next(lane, now);
      return;
    }
    const batch = lane.batch;
    const poison = batch.poison;
    poison.length = 0;
    let bytes = 0;
    let slot = held.head;
    let last = slot;
    for (let i = 0; i < n; i++) {
      bytes += store.bytes[slot]!;
      if ((store.flags[slot]! & POISON) !== 0) poison.push(i);
      last = slot;
      slot = held.after(slot);
    }
    batch.records = n;
    batch.bytes = bytes;
    this.recordsRead += n;
    this.bytesRead += bytes;
    const iteratorAge = now - store.enqueuedAt[last]!;
    this.fn.recordIteratorAge(iteratorAge, now);
    this.ageSeries.record(now, iteratorAge);
    this.iteratorAgeSum += iteratorAge;
    this.iteratorAgeCount++;
    if (iteratorAge > this.iteratorAgeMax) this.iteratorAgeMax = iteratorAge;
    if (this.fn.invokeBatch(this, batch, store.producedAt[held.head]!)) {
      lane.running = true;
      lane.backoffMs = THROTTLE_BACKOFF_FIRST_MS;
      if (kinesisProbe.runStart !== null) kinesisProbe.runStart(this.ctx.name, lane.index, store, held, n, now);
      return;
    }
    this.throttledTries++;
    lane.throttled = true;
    lane.timer!.arm(now + lane.backoffMs);
    lane.backoffMs = Math.min(lane.backoffMs * 2, THROTTLE_BACKOFF_MAX_MS);
  }

  invocationEnded(ok: boolean, tag: unknown, _producedAt: number, now: number): void {
    const batch = tag as KinesisBatch;
    const lane = batch.lane;
    lane.running = false;
    if (kinesisProbe.runEnd !== null) kinesisProbe.runEnd(this.ctx.name, lane.index, ok, now);
    const top = lane.depth - 1;
    const n = lane.sizes[top]!;
    const { bisect, maxRetries } = this.settings;
    if (ok && batch.failedItems.length === 0) {
      this.succeed(lane, n, now);
      lane.depth--;
    } else if (ok) {
      // Partial batch response: checkpoint at the lowest failed record.
      const k = batch.failedItems[0]!;
      this.succeed(lane, k, now);
      lane.sizes[top] = n - k;
      if (++lane.tries[top]! > maxRetries) {
        this.discard(lane, n - k, now);
        lane.depth--;
      }
    } else if (bisect && n > 1) {
      const first = Math.ceil(n / 2);
      lane.sizes[top] = n - first;
      lane.pushBatch(first, lane.tries[top]!);
    } else if (++lane.tries[top]! > maxRetries) {
      this.discard(lane, n, now);
      lane.depth--;
    }
    this.next(lane, now);
  }

  /** After a batch: the next sub-batch or retry at once, else the lane's next read. */
  private next(lane: Lane, now: number): void {
    if (lane.busy) this.tryBatch(lane, now);
    else this.schedule(lane, now, true);
  }

  private succeed(lane: Lane, n: number, now: number): void {
    for (let i = 0; i < n; i++) this.stream.settle(lane.held.shift(), Outcome.Succeeded, now);
  }

  /** Gives up the first `n` held records: one on-failure record for them, or they are dropped. */
  private discard(lane: Lane, n: number, now: number): void {
    const outcome = this.onFailure === null ? Outcome.Dropped : Outcome.Failed;
    for (let i = 0; i < n; i++) this.stream.settle(lane.held.shift(), outcome, now);
    this.discarded += n;
    if (this.onFailure !== null) {
      this.onFailureRecords++;
      this.onFailure.deliver(NOBODY_CALLER, undefined, now, ON_FAILURE_RECORD_BYTES);
    }
  }
}
