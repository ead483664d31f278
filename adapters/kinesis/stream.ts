/**
 * The stream side of a kinesis source: PutRecord, the shards and their
 * retention (docs/aws-model.md rule 15; adapters/kinesis/README.md, "Writes"
 * and "Retention").
 *
 * - Each record gets a partition key drawn uniformly from [0, partitionKeys)
 *   and goes to the shard and lane its key hashes to (write-limits.ts).
 * - Refused, delivery `rejected`: a record over 1 MiB (`RecordsTooLarge`), and
 *   one past its shard's write limit in the current second
 *   (`WriteProvisionedThroughputExceeded`).
 * - Accepted records wait in their lane (`IncomingRecords`, `IncomingBytes`,
 *   PUT payload units of 25 KiB). A record marked poison (`poisonRate`) fails
 *   every run that holds it (rule 21).
 * - Retention: a waiting record whose age reaches `retentionPeriod` is trimmed
 *   from the stream unread: delivery `dropped`, `RecordsExpired`. This is
 *   checked when the lane is read and by a background timer at the lane's
 *   oldest waiting record (it fires only while something else keeps the run
 *   alive; a run that ends idle leaves the records in flight, held at rest).
 * Every record's final state is settled here, upstream caller included.
 */
import type { DeliveryCaller, SourceContext } from '../../core/engine/adapter-contract.js';
import { Outcome } from '../../core/engine/adapter-contract.js';
import { RecordStore } from '../../core/queues/record-store.js';
import { Lane } from './lane.js';
import { kinesisProbe } from './probe.js';
import { laneOfKey, MAX_RECORD_BYTES, shardOfKey, WriteLimits } from './write-limits.js';

/** Flag bit in RecordStore.flags: the record fails every run that holds it. */
export const POISON = 1;
/** A PUT payload unit: 25 KiB (5 KB = 1 unit, 45 KB = 2). */
export const PUT_PAYLOAD_UNIT_BYTES = 25 * 1024;

/** What the stream tells the mapping, when there is one. */
export interface LaneListener {
  /** A record joined `lane`'s waiting list. */
  arrived(lane: Lane, now: number): void;
  onTimer(lane: Lane, now: number): void;
}

export interface StreamSettings {
  shards: number;
  lanesPerShard: number;
  partitionKeys: number;
  retentionMs: number;
  poisonRate: number;
  reportBatchItemFailures: boolean;
}

export class KinesisStream {
  readonly store = new RecordStore();
  /** Lanes by index (shard × lanesPerShard + lane), created on a lane's first record. */
  readonly lanes: (Lane | undefined)[];
  private readonly limits: WriteLimits;
  /** Accepted records per shard (the position of the next one, for the probe). */
  private readonly accepted: Float64Array;
  listener: LaneListener | null = null;

  incomingRecords = 0;
  incomingBytes = 0;
  putPayloadUnits = 0;
  writeThrottled = 0;
  tooLarge = 0;
  expired = 0;

  private readonly incomingSeries;
  private readonly bytesSeries;
  private readonly throttledSeries;

  constructor(
    private readonly ctx: SourceContext<any>,
    readonly settings: StreamSettings,
  ) {
    this.lanes = new Array(settings.shards * settings.lanesPerShard);
    this.limits = new WriteLimits(settings.shards);
    this.accepted = new Float64Array(settings.shards);
    this.incomingSeries = ctx.series('IncomingRecords', 'sum');
    this.bytesSeries = ctx.series('IncomingBytes', 'sum');
    this.throttledSeries = ctx.series('WriteProvisionedThroughputExceeded', 'sum');
  }

  /** PutRecord at `now` of an event produced at `producedAt`; `caller` hears its final state (routed records). */
  put(now: number, producedAt: number, size: number, caller: DeliveryCaller | undefined, tag: unknown): void {
    const { ctx, settings } = this;
    const bytes = Math.round(size);
    ctx.ledger.produced();
    const key = ctx.random.int(settings.partitionKeys);
    const shard = shardOfKey(key, settings.shards);
    if (bytes > MAX_RECORD_BYTES) {
      this.tooLarge++;
      this.refuse(now, producedAt, caller, tag);
      return;
    }
    if (!this.limits.admit(shard, bytes, now)) {
      this.writeThrottled++;
      this.throttledSeries.record(now, 1);
      this.refuse(now, producedAt, caller, tag);
      return;
    }
    this.incomingRecords++;
    this.incomingBytes += bytes;
    this.putPayloadUnits += bytes > PUT_PAYLOAD_UNIT_BYTES ? Math.ceil(bytes / PUT_PAYLOAD_UNIT_BYTES) : 1;
    this.incomingSeries.record(now, 1);
    this.bytesSeries.record(now, bytes);
    const store = this.store;
    const slot = store.alloc(producedAt, now, bytes);
    store.key[slot] = key;
    if (caller !== undefined) store.setCaller(slot, caller, tag);
    const n = this.accepted[shard]!++;
    const probe = kinesisProbe.poison;
    if (probe !== null ? probe(ctx.name, shard, n) : settings.poisonRate > 0 && ctx.random.next() < settings.poisonRate) store.flags[slot] = POISON;
    const lane = this.laneFor(shard * settings.lanesPerShard + laneOfKey(key, settings.lanesPerShard), shard);
    lane.waiting.push(slot);
    lane.waitingBytes += bytes;
    if (!lane.expiry.armed) lane.expiry.arm(now + settings.retentionMs);
    if (this.listener !== null) this.listener.arrived(lane, now);
  }

  /** A record's final state: the ledger, the upstream caller, then the slot is freed. */
  settle(slot: number, outcome: Outcome, now: number): void {
    const store = this.store;
    const producedAt = store.producedAt[slot]!;
    this.ctx.ledger.settle(outcome, producedAt, now);
    const caller = store.callerOf(slot);
    if (caller !== undefined) caller.settle(outcome, store.tagOf(slot), producedAt, now);
    store.release(slot);
  }

  /** Drops the lane's waiting records that reached the retention period (unread: no on-failure record). */
  trimExpired(lane: Lane, now: number): void {
    const store = this.store;
    const waiting = lane.waiting;
    const oldest = now - this.settings.retentionMs;
    while (waiting.length > 0 && store.enqueuedAt[waiting.head]! <= oldest) {
      const slot = waiting.shift();
      lane.waitingBytes -= store.bytes[slot]!;
      this.expired++;
      this.settle(slot, Outcome.Dropped, now);
    }
  }

  /** Records held at rest: every record still stored. */
  get live(): number {
    return this.store.live;
  }

  private refuse(now: number, producedAt: number, caller: DeliveryCaller | undefined, tag: unknown): void {
    this.ctx.ledger.settle(Outcome.Rejected, producedAt, now);
    if (caller !== undefined) caller.settle(Outcome.Rejected, tag, producedAt, now);
  }

  private laneFor(index: number, shard: number): Lane {
    let lane = this.lanes[index];
    if (lane === undefined) {
      const listener = this.listener;
      lane = new Lane(
        index,
        shard,
        this.store,
        this.ctx,
        this.settings.reportBatchItemFailures,
        listener === null ? null : (l, now) => listener.onTimer(l, now),
        (l, now) => this.expire(l, now),
      );
      this.lanes[index] = lane;
    }
    return lane;
  }

  /** The lane's retention timer: trim, then watch the new oldest waiting record. */
  private expire(lane: Lane, now: number): void {
    this.trimExpired(lane, now);
    if (lane.waiting.length > 0) lane.expiry.arm(Math.max(now, this.store.enqueuedAt[lane.waiting.head]! + this.settings.retentionMs));
    if (this.listener !== null) this.listener.arrived(lane, now);
  }
}
