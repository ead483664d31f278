/**
 * The Kinesis event a Lambda event source mapping hands to a function: one
 * record per stream record of one shard, in AWS's shape (aws/aws-lambda-go
 * events/testdata/kinesis-event.json), with 56-digit sequence numbers that
 * grow within a shard and arrival times in fractional epoch seconds.
 */
import { uuid } from '../../core/ids.js';
import type { Random } from '../../core/random.js';

export interface KinesisRecordFacts {
  partitionKey: string;
  sequenceNumber: string;
  /** The record's data, base64. */
  data: string;
  arrivalEpochMs: number;
}

/** What a sample payload is built from (the engine's payload facts). */
export interface KinesisSampleFacts {
  region: string;
  accountId: string;
  sourceName: string;
  epochMs: number;
  random: Random;
}

/** 20 leading digits in the style of a real sequence number, then 36 digits for shard and position. */
const SEQUENCE_BASE = 49545115243490985018n * 10n ** 36n;
const SHARD_PLACE = 10n ** 30n;
const MAX_SHARDS = 1_000_000;

/**
 * The sequence number of the n-th record (n ≥ 0) of shard `shardIndex`: a
 * 56-digit decimal string, strictly increasing in n within a shard.
 */
export function kinesisSequenceNumber(shardIndex: number, n: number): string {
  if (!Number.isSafeInteger(shardIndex) || shardIndex < 0 || shardIndex >= MAX_SHARDS) {
    throw new RangeError(`shard index ${shardIndex} is not an integer in [0, ${MAX_SHARDS})`);
  }
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`record position ${n} is not a non-negative integer`);
  return String(SEQUENCE_BASE + BigInt(shardIndex) * SHARD_PLACE + BigInt(n));
}

/** `shardId-000000000000`: the shard's id, its index in 12 digits. */
export function shardId(index: number): string {
  return `shardId-${String(index).padStart(12, '0')}`;
}

/** The event Lambda receives for a batch of records from one shard of a stream. */
export function kinesisEvent(
  streamName: string,
  region: string,
  accountId: string,
  shardIndex: number,
  records: readonly KinesisRecordFacts[],
  consumerFunctionName: string,
): object {
  const shard = shardId(shardIndex);
  const eventSourceARN = `arn:aws:kinesis:${region}:${accountId}:stream/${streamName}`;
  const invokeIdentityArn = `arn:aws:iam::${accountId}:role/${consumerFunctionName}-role`;
  return {
    Records: records.map((r) => ({
      kinesis: {
        kinesisSchemaVersion: '1.0',
        partitionKey: r.partitionKey,
        sequenceNumber: r.sequenceNumber,
        data: r.data,
        approximateArrivalTimestamp: r.arrivalEpochMs / 1000,
      },
      eventSource: 'aws:kinesis',
      eventVersion: '1.0',
      eventID: `${shard}:${r.sequenceNumber}`,
      eventName: 'aws:kinesis:record',
      invokeIdentityArn,
      awsRegion: region,
      eventSourceARN,
    })),
  };
}

/** A one-record event from shard 0 of the source's stream; data is a small JSON document. */
export function kinesisSampleEvent(facts: KinesisSampleFacts): object {
  const { region, accountId, sourceName, epochMs, random } = facts;
  const partitionKey = uuid(random);
  const data = Buffer.from(JSON.stringify({ source: sourceName, id: uuid(random) }), 'utf8').toString('base64');
  const record: KinesisRecordFacts = {
    partitionKey,
    sequenceNumber: kinesisSequenceNumber(0, random.int(1_000_000)),
    data,
    arrivalEpochMs: epochMs - 1 - random.int(50),
  };
  return kinesisEvent(sourceName, region, accountId, 0, [record], `${sourceName}-consumer`);
}
