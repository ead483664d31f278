/**
 * The `sqs` source: an Amazon SQS queue, standard or FIFO, and the Lambda
 * event source mapping that polls it (docs/aws-model.md rules 14, 19–21).
 * Messages come from `load` (SendMessage), from other sources and function
 * destinations (`receive`), and from the dead-letter redrive of other queues.
 * Each message ends once in the queue's delivery ledger: `succeeded` when a
 * batch that held it was handled, `failed` when moved to the dead-letter
 * queue, `dropped` past the retention period, `rejected` over 1 MB, and in
 * flight while it waits (a queue nothing consumes holds its messages at rest).
 */
import type { DeliveryCaller, SourceAdapter, SourceContext, Target } from '../../core/engine/adapter-contract.js';
import { Outcome } from '../../core/engine/adapter-contract.js';
import { resolveDistribution, type DistributionInput } from '../../core/distributions.js';
import { SlotList } from '../../core/queues/record-store.js';
import { parseDuration, parseSize } from '../../core/units.js';
import { checkSqs } from './check.js';
import { SqsMapping, REQUEST_CHUNK_BYTES } from './mapping.js';
import { sqsSampleEvent } from './payload.js';
import { MessageQueue, POISON, type QueueExits } from './queue.js';
import { queueReport, queueUsage } from './report.js';
import schema from './schema.json' with { type: 'json' };
import eventSchema from '../../schemas/events/sqs-event.schema.json' with { type: 'json' };

export interface SqsConfig {
  type: 'sqs';
  fifo: boolean;
  messageGroups: number;
  visibilityTimeout: number | string;
  retentionPeriod: number | string;
  deliveryDelay: number | string;
  messageSize: DistributionInput;
  poisonRate: number;
  redrive?: { maxReceiveCount: number; deadLetterTarget: string };
  consumer?: {
    function: string;
    batchSize: number;
    maximumBatchingWindow: number | string;
    maximumConcurrency?: number;
    provisionedPollers?: { minimum: number; maximum: number };
    reportBatchItemFailures: boolean;
  };
}

/** SQS's largest message. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;

/** A dead-letter copy's upstream is already settled (`failed` here). */
const NOBODY: DeliveryCaller = { settle() {} };

/** One queue in a run: sends, delays, the mapping, and the queue's counters. */
export class SqsSource {
  readonly queue: MessageQueue;
  readonly mapping: SqsMapping | null;
  sent = 0;
  sendRequests = 0;
  rejected = 0;
  private readonly delayed: SlotList;
  private readonly delayMs: number;
  private readonly delayTimer;
  private readonly retentionTimer;
  private readonly sentSeries;

  constructor(readonly ctx: SourceContext<SqsConfig>) {
    const config = ctx.config;
    const ledger = ctx.ledger;
    const deadLetter: Target | null = config.redrive ? ctx.target(config.redrive.deadLetterTarget) : null;
    const consumerFn = config.consumer ? ctx.fn(config.consumer.function) : null;
    const exits: QueueExits = {
      settle: (slot, outcome, now) => {
        const store = this.queue.store;
        const producedAt = store.producedAt[slot]!;
        ledger.settle(outcome, producedAt, now);
        store.callerOf(slot)?.settle(outcome, store.tagOf(slot), producedAt, now);
        store.release(slot);
      },
      deadLetter: (slot) => {
        if (deadLetter === null) return false;
        const store = this.queue.store;
        deadLetter.deliver(NOBODY, undefined, store.producedAt[slot]!, store.bytes[slot]!, store.chain[slot]!);
        return true;
      },
      stopsChain: (slot) => consumerFn !== null && consumerFn.stopsChain(this.queue.store.chain[slot]!),
    };
    this.queue = new MessageQueue(
      {
        fifo: config.fifo,
        groups: config.messageGroups,
        retentionMs: parseDuration(config.retentionPeriod),
        maxReceiveCount: config.redrive?.maxReceiveCount ?? 0,
      },
      exits,
      ctx.series('ApproximateAgeOfOldestMessage', 'max'),
      ctx.series('ApproximateNumberOfMessagesVisible', 'level'),
    );
    this.delayed = new SlotList(this.queue.store);
    this.delayMs = parseDuration(config.deliveryDelay);
    this.delayTimer = ctx.timer((now) => this.releaseDelayed(now));
    this.retentionTimer = ctx.timer((now) => this.expire(now), { background: true });
    this.sentSeries = ctx.series('NumberOfMessagesSent', 'sum');
    const consumer = config.consumer;
    this.mapping = consumer
      ? new SqsMapping(ctx, consumerFn!, this.queue, exits, {
          batchSize: consumer.batchSize,
          windowMs: parseDuration(consumer.maximumBatchingWindow),
          visibilityMs: parseDuration(config.visibilityTimeout),
          reportBatchItemFailures: consumer.reportBatchItemFailures,
          fifo: config.fifo,
          provisioned: consumer.provisionedPollers ?? null,
          maximumConcurrency: consumer.maximumConcurrency ?? null,
        })
      : null;
  }

  /** SendMessage: one message enters the queue (or is refused over 1 MB). */
  send(now: number, producedAt: number, bytes: number, caller: DeliveryCaller | undefined, tag: unknown, chain = 0): void {
    const ctx = this.ctx;
    ctx.ledger.produced();
    if (bytes > MAX_MESSAGE_BYTES) {
      this.rejected++;
      ctx.ledger.settle(Outcome.Rejected, producedAt, now);
      caller?.settle(Outcome.Rejected, tag, producedAt, now);
      return;
    }
    this.sent++;
    this.sentSeries.record(now, 1);
    this.sendRequests += bytes > REQUEST_CHUNK_BYTES ? Math.ceil(bytes / REQUEST_CHUNK_BYTES) : 1;
    const store = this.queue.store;
    const slot = store.alloc(producedAt, now, bytes);
    if (caller !== undefined) store.setCaller(slot, caller, tag);
    if (chain !== 0) store.setChain(slot, chain);
    const config = ctx.config;
    if (config.poisonRate > 0 && ctx.random.next() < config.poisonRate) store.flags[slot] = POISON;
    if (config.fifo && config.messageGroups > 1) store.key[slot] = ctx.random.int(config.messageGroups);
    if (this.delayMs > 0) {
      this.delayed.push(slot);
      if (!this.delayTimer.armed) this.delayTimer.arm(now + this.delayMs);
      return;
    }
    this.queue.makeVisible(slot, now);
    this.wake(now);
  }

  private wake(now: number): void {
    if (this.mapping !== null) this.mapping.pump(now);
    else if (!this.retentionTimer.armed) {
      const next = this.queue.expireFronts(now);
      if (next >= 0) this.retentionTimer.arm(next);
    }
  }

  private releaseDelayed(now: number): void {
    const store = this.queue.store;
    while (this.delayed.length > 0 && store.enqueuedAt[this.delayed.head]! + this.delayMs <= now) {
      this.queue.makeVisible(this.delayed.shift(), now);
    }
    if (this.delayed.length > 0) this.delayTimer.arm(store.enqueuedAt[this.delayed.head]! + this.delayMs);
    this.wake(now);
  }

  private expire(now: number): void {
    const next = this.queue.expireFronts(now);
    if (next >= 0) this.retentionTimer.arm(next);
  }
}

export const sqsAdapter: SourceAdapter<SqsConfig> = {
  meta: {
    type: 'sqs',
    version: '1.0.0',
    apiVersion: 2,
    description: 'SQS queue (standard or FIFO) and its Lambda event source mapping: batches, visibility, redrive, scaling',
    schema,
    eventSchema,
    invocation: ['poll'],
    accepts: true,
    destination: true,
    names: [
      { path: '/consumer/function', kinds: ['function'] },
      { path: '/redrive/deadLetterTarget', kinds: ['source'], sourceTypes: ['sqs'] },
    ],
  },

  check: checkSqs,

  create(ctx) {
    const source = new SqsSource(ctx);
    const size = ctx.sampler(resolveDistribution(ctx.config.messageSize, parseSize));
    const arrive = (now: number, traceSize: number) => source.send(now, now, traceSize >= 0 ? traceSize : size.sample(), undefined, undefined);
    return {
      start: () => {
        source.mapping?.pump(0);
        ctx.startLoad(arrive);
      },
      receive: (message) => source.send(ctx.now(), message.producedAt, message.sizeBytes, message.caller, message.tag, message.chain ?? 0),
      report: () => queueReport(source),
      usage: () => queueUsage(source),
      pending: () => (source.mapping === null ? source.queue.store.live + source.queue.extraCopies : 0),
    };
  },

  samplePayload(config, facts) {
    return sqsSampleEvent(facts, config.fifo === true);
  },
};

export default sqsAdapter;
