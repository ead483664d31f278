/**
 * The `kinesis` source: a Kinesis Data Stream in provisioned mode and the
 * Lambda event source mapping that reads it (docs/aws-model.md rules 15 and 21;
 * adapters/kinesis/README.md). Records come from `load`
 * (PutRecord) and from other sources (`receive`); each ends once in the
 * source's delivery ledger: `succeeded` when a run without error held it,
 * `failed` when given up with an on-failure destination, `dropped` when given
 * up without one or trimmed by retention, `rejected` when refused at write
 * (over 1 MiB, or past its shard's write limit), and in flight while it waits
 * (a stream nothing consumes holds its records at rest until they expire).
 *
 * stream.ts: writes, shards, retention. mapping.ts: polling, batches,
 * retries, bisection. lane.ts: per-lane state. write-limits.ts: hashing and
 * the per-shard write limits. report.ts: metrics and cost.
 */
import type { SourceAdapter } from '../../core/engine/adapter-contract.js';
import { resolveDistribution, type DistributionInput } from '../../core/distributions.js';
import { parseDuration, parseSize } from '../../core/units.js';
import { checkKinesis } from './check.js';
import { KinesisMapping } from './mapping.js';
import { kinesisSampleEvent } from './payload.js';
import { streamReport, streamUsage } from './report.js';
import schema from './schema.json' with { type: 'json' };
import eventSchema from '../../schemas/events/kinesis-event.schema.json' with { type: 'json' };
import { KinesisStream } from './stream.js';

export interface KinesisConfig {
  type: 'kinesis';
  description?: string;
  shards: number;
  partitionKeys: number;
  recordSize: DistributionInput;
  retentionPeriod: number | string;
  poisonRate: number;
  consumer?: {
    function: string;
    batchSize: number;
    parallelizationFactor: number;
    maximumBatchingWindow: number | string;
    bisectBatchOnFunctionError: boolean;
    maximumRetryAttempts: number;
    maximumRecordAge: number | string;
    reportBatchItemFailures: boolean;
    onFailure?: string;
  };
}

export const kinesisAdapter: SourceAdapter<KinesisConfig> = {
  meta: {
    type: 'kinesis',
    version: '1.0.0',
    apiVersion: 2,
    description: 'Kinesis Data Stream and its Lambda event source mapping: shards, write limits, ordered batches, retries, bisection',
    schema,
    eventSchema,
    invocation: ['poll'],
    accepts: true,
    names: [
      { path: '/consumer/function', kinds: ['function'] },
      { path: '/consumer/onFailure', kinds: ['function', 'source'], destination: true },
    ],
  },

  check: checkKinesis,

  create(ctx) {
    const config = ctx.config;
    const consumer = config.consumer;
    const retentionMs = parseDuration(config.retentionPeriod);
    const stream = new KinesisStream(ctx, {
      shards: config.shards,
      lanesPerShard: consumer?.parallelizationFactor ?? 1,
      partitionKeys: config.partitionKeys,
      retentionMs,
      poisonRate: config.poisonRate,
      reportBatchItemFailures: consumer?.reportBatchItemFailures ?? false,
    });
    const mapping = consumer
      ? new KinesisMapping(ctx, stream, ctx.fn(consumer.function), consumer.onFailure === undefined ? null : ctx.target(consumer.onFailure), {
          batchSize: consumer.batchSize,
          windowMs: parseDuration(consumer.maximumBatchingWindow),
          bisect: consumer.bisectBatchOnFunctionError,
          maxRetries: consumer.maximumRetryAttempts < 0 ? Infinity : consumer.maximumRetryAttempts,
          maxRecordAgeMs: consumer.maximumRecordAge === -1 ? Infinity : parseDuration(consumer.maximumRecordAge),
          retentionMs,
        })
      : null;
    stream.listener = mapping;
    const size = ctx.sampler(resolveDistribution(config.recordSize, parseSize));
    const arrive = (now: number, traceSize: number) => stream.put(now, now, traceSize >= 0 ? traceSize : size.sample(), undefined, undefined);
    return {
      start: () => ctx.startLoad(arrive),
      receive: (message) => stream.put(ctx.now(), message.producedAt, message.sizeBytes, message.caller, message.tag),
      report: () => streamReport(stream, mapping),
      usage: () => streamUsage(stream, ctx.scenario.durationMs),
      // Without a consumer, records wait at rest; with one, a run ending idle has read everything.
      pending: () => (mapping === null ? stream.live : 0),
    };
  },

  samplePayload(_config, facts) {
    return kinesisSampleEvent(facts);
  },
};

export default kinesisAdapter;
