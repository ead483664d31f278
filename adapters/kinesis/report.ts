/**
 * What a kinesis source reports at the end of a run (docs/report.md;
 * adapters/kinesis/README.md, "Report fields"; CloudWatch's AWS/Kinesis names
 * where one exists; ages in ms) and what it bills (adapters/kinesis/README.md,
 * "Cost"; docs/cost.md): shard-hours over the traffic window, and PUT payload
 * units of 25 KiB per accepted record. GetRecords is free in provisioned mode.
 */
import type { ServiceUsage } from '../../core/cost/usage.js';
import type { KinesisMapping } from './mapping.js';
import type { KinesisStream } from './stream.js';

const HOUR_MS = 3_600_000;

export function streamReport(stream: KinesisStream, mapping: KinesisMapping | null): Record<string, number | Record<string, number>> {
  return {
    IncomingRecords: stream.incomingRecords,
    IncomingBytes: stream.incomingBytes,
    WriteProvisionedThroughputExceeded: stream.writeThrottled,
    RecordsTooLarge: stream.tooLarge,
    RecordsExpired: stream.expired,
    GetRecords: { Records: mapping?.recordsRead ?? 0, Bytes: mapping?.bytesRead ?? 0 },
    IteratorAge: { max: mapping?.iteratorAgeMax ?? 0, mean: mapping?.iteratorAgeMean ?? 0 },
    ThrottledBatchTries: mapping?.throttledTries ?? 0,
    RecordsDiscarded: mapping?.discarded ?? 0,
    OnFailureRecords: mapping?.onFailureRecords ?? 0,
  };
}

export function streamUsage(stream: KinesisStream, durationMs: number): ServiceUsage[] {
  return [
    { priceKey: 'kinesis.shardHours', quantity: (stream.settings.shards * durationMs) / HOUR_MS },
    { priceKey: 'kinesis.putPayloadUnits', quantity: stream.putPayloadUnits },
  ];
}
