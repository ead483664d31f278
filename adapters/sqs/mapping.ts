/**
 * The Lambda event source mapping of an SQS queue (docs/aws-model.md
 * rules 3, 14, 19–21): pollers receive batches while batch slots are free,
 * invoke the function synchronously with each, and delete or return its
 * messages.
 *
 * - A batch closes at `batchSize`, at 6 MB, or when `maximumBatchingWindow`
 *   has passed since the mapping began waiting for it.
 * - A throttled batch keeps its slot and is retried after 1 s, doubling
 *   (capped at 30 s), until its visibility timeout ends; its messages then
 *   become visible again.
 * - A run that fails returns every message of the batch at the end of the
 *   visibility timeout; a partial batch response (`reportBatchItemFailures`)
 *   returns only the listed messages (FIFO: the first failed and all after it).
 *   The others are deleted: delivery `succeeded`.
 * - Idle pollers long-poll (20 s a call): those calls are NumberOfEmptyReceives.
 */
import { NO_FAILED_ITEMS, Outcome } from '../../core/engine/adapter-contract.js';
import type { FunctionHandle, InvocationBatch, InvocationCaller, SourceContext, SourceTimer } from '../../core/engine/adapter-contract.js';
import { SlotList } from '../../core/queues/record-store.js';
import { TimeWeighted } from '../../core/metrics/time-weighted.js';
import type { MessageQueue, QueueExits } from './queue.js';
import { PollerScaling, type ScalingSettings } from './scaling.js';

/** A batch's payload limit (a synchronous invoke's 6 MB). */
export const MAX_BATCH_BYTES = 6 * 1024 * 1024;
/** Each 64 KB of a request's payload is billed as one request. */
export const REQUEST_CHUNK_BYTES = 64 * 1024;
/** A long poll waits up to 20 s. */
export const LONG_POLL_MS = 20_000;
const THROTTLE_BACKOFF_FIRST_MS = 1000;
const THROTTLE_BACKOFF_MAX_MS = 30_000;

export interface MappingSettings extends ScalingSettings {
  batchSize: number;
  windowMs: number;
  visibilityMs: number;
  reportBatchItemFailures: boolean;
  fifo: boolean;
}

class SqsBatch implements InvocationBatch {
  records = 0;
  chain = 0;
  bytes = 0;
  poison: number[] = [];
  failedItems: readonly number[] = NO_FAILED_ITEMS;
  readonly list: SlotList;
  group = -1;
  visibleUntil = 0;
  backoffMs = 0;
  /** Waiting to retry after a throttle (holding its slot), rather than waiting for its failed messages to return. */
  throttled = false;
  readonly timer: SourceTimer;

  constructor(
    readonly reportBatchItemFailures: boolean,
    mapping: SqsMapping,
    ctx: SourceContext<any>,
    queue: MessageQueue,
  ) {
    this.list = new SlotList(queue.store);
    this.timer = ctx.timer((now) => mapping.batchTimer(this, now));
  }
}

export class SqsMapping implements InvocationCaller {
  /** Batches holding a slot: running, or throttled and retrying. */
  inFlight = 0;
  readonly concurrentBatches = new TimeWeighted();
  readonly idlePollers = new TimeWeighted();
  readonly pollers: TimeWeighted;
  readonly scaling: PollerScaling;
  throttledBatches = 0;
  failedBatches = 0;
  receiveRequests = 0;
  deleteRequests = 0;
  private readonly pool: SqsBatch[] = [];
  private readonly scaleTimer: SourceTimer;
  private readonly windowTimer: SourceTimer;
  private flushing = false;
  private readonly batchesSeries;
  private readonly pollersSeries;

  constructor(
    private readonly ctx: SourceContext<any>,
    private readonly fn: FunctionHandle,
    private readonly queue: MessageQueue,
    private readonly exits: QueueExits,
    private readonly settings: MappingSettings,
  ) {
    this.scaling = new PollerScaling(settings);
    this.pollers = new TimeWeighted(settings.provisioned ? settings.provisioned.minimum : 0);
    // Foreground: scaling back down after a burst still bills pollers and long polls, so the run waits for it (minutes at most).
    this.scaleTimer = ctx.timer((now) => this.scaleTick(now));
    this.batchesSeries = ctx.series('ConcurrentBatches', 'level');
    this.pollersSeries = settings.provisioned ? ctx.series('Pollers', 'level') : null;
    this.windowTimer = ctx.timer((now) => {
      this.flushing = true;
      this.pump(now);
      this.flushing = false;
    });
  }

  /** Starts batches while slots are free and messages are visible. */
  pump(now: number): void {
    const { batchSize, windowMs } = this.settings;
    const queue = this.queue;
    const limit = this.scaling.limit;
    while (this.inFlight < limit && queue.hasVisible()) {
      if (windowMs > 0 && !this.flushing && queue.visibleCount < batchSize) {
        if (!this.windowTimer.armed) this.windowTimer.arm(now + windowMs);
        break;
      }
      const batch = this.pool.pop() ?? new SqsBatch(this.settings.reportBatchItemFailures, this, this.ctx, queue);
      batch.poison.length = 0;
      const n = queue.receive(batch.list, batch.poison, batchSize, MAX_BATCH_BYTES, now);
      if (n === 0) {
        this.pool.push(batch);
        continue;
      }
      this.windowTimer.cancel();
      batch.records = n;
      batch.bytes = queue.lastReceiveBytes;
      batch.chain = queue.lastReceiveChain;
      batch.group = this.settings.fifo ? queue.store.key[batch.list.head]! : -1;
      batch.visibleUntil = now + this.settings.visibilityMs;
      batch.backoffMs = THROTTLE_BACKOFF_FIRST_MS;
      this.receiveRequests += Math.max(1, Math.ceil(batch.bytes / REQUEST_CHUNK_BYTES));
      this.inFlight++;
      this.concurrentBatches.add(1, now);
      this.batchesSeries.record(now, this.inFlight);
      this.invoke(batch, now);
    }
    this.afterChange(now);
  }

  invocationEnded(ok: boolean, tag: unknown, _producedAt: number, now: number): void {
    const batch = tag as SqsBatch;
    this.leaveSlot(now);
    if (!ok) {
      this.failedBatches++;
      this.scaling.backOff();
    } else {
      this.deleteHandled(batch, now);
    }
    if (batch.list.length === 0) this.recycle(batch);
    else if (now >= batch.visibleUntil) this.returnBatch(batch, now);
    else {
      batch.throttled = false;
      batch.timer.arm(batch.visibleUntil);
    }
    this.pump(now);
  }

  /** A batch's timer: a throttled batch retries (or gives up when its visibility ends); failed messages return. */
  batchTimer(batch: SqsBatch, now: number): void {
    if (batch.throttled && now < batch.visibleUntil) {
      this.invoke(batch, now);
      this.afterChange(now);
      return;
    }
    if (batch.throttled) this.leaveSlot(now);
    this.returnBatch(batch, now);
    this.pump(now);
  }

  private invoke(batch: SqsBatch, now: number): void {
    if (this.fn.invokeBatch(this, batch, now)) return;
    this.throttledBatches++;
    this.scaling.backOff();
    batch.throttled = true;
    batch.timer.arm(Math.min(now + batch.backoffMs, batch.visibleUntil));
    batch.backoffMs = Math.min(batch.backoffMs * 2, THROTTLE_BACKOFF_MAX_MS);
  }

  /** After a run without error: delete the messages not listed as failed (FIFO: those before the first failure). */
  private deleteHandled(batch: SqsBatch, now: number): void {
    const failed = batch.failedItems;
    const list = batch.list;
    const n = batch.records;
    let next = 0;
    const firstFailed = failed.length > 0 ? failed[0]! : n;
    let deleted = 0;
    for (let i = 0; i < n; i++) {
      const slot = list.shift();
      let keep: boolean;
      if (this.settings.fifo) keep = i >= firstFailed;
      else {
        keep = next < failed.length && failed[next] === i;
        if (keep) next++;
      }
      if (keep) list.push(slot);
      else {
        deleted++;
        this.exits.settle(slot, Outcome.Succeeded, now);
      }
    }
    if (deleted > 0) {
      this.queue.delete(now, deleted);
      this.deleteRequests += Math.ceil(deleted / 10);
    }
    if (list.length === 0 && batch.group >= 0) this.queue.releaseGroup(batch.group);
  }

  private returnBatch(batch: SqsBatch, now: number): void {
    this.queue.returnMessages(batch.list, batch.group, now);
    this.recycle(batch);
  }

  private recycle(batch: SqsBatch): void {
    batch.throttled = false;
    batch.timer.cancel();
    this.pool.push(batch);
  }

  private leaveSlot(now: number): void {
    this.inFlight--;
    this.concurrentBatches.add(-1, now);
    this.batchesSeries.record(now, this.inFlight);
  }

  private scaleTick(now: number): void {
    const backlogged = this.queue.hasVisible() && this.inFlight >= this.scaling.limit;
    if (this.scaling.tick(backlogged)) this.scaleTimer.arm(now + 1000);
    this.pump(now);
  }

  /** Keeps the levels that depend on the state current, and the scaling clock running while it has work. */
  private afterChange(now: number): void {
    const scaling = this.scaling;
    const provisioned = this.settings.provisioned;
    const waiting = this.queue.hasVisible();
    const backlogged = waiting && this.inFlight >= scaling.limit;
    if (!this.scaleTimer.armed && (backlogged ? scaling.allowed < scaling.cap : scaling.allowed !== scaling.base)) {
      this.scaleTimer.arm(now + 1000);
    }
    const pollers = provisioned ? scaling.pollers(provisioned.minimum) : 0;
    if (pollers !== this.pollers.value) this.pollers.add(pollers - this.pollers.value, now);
    this.pollersSeries?.record(now, pollers);
    const idle = waiting ? 0 : Math.max(0, (provisioned ? pollers : scaling.limit) - this.inFlight);
    if (idle !== this.idlePollers.value) this.idlePollers.add(idle - this.idlePollers.value, now);
  }

  /** Empty long polls of idle pollers up to `endMs`. */
  emptyReceives(endMs: number): number {
    return Math.floor(this.idlePollers.mean(endMs) * endMs / LONG_POLL_MS);
  }
}
