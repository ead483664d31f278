/**
 * The Kinesis event as Lambda receives it: AWS's sample validates against the
 * schema, the generated event validates and carries every field of the sample
 * with its JSON type, sequence numbers are 56 digits and grow within a shard.
 */
import { describe, expect, it } from 'vitest';
import { validatorFor } from '../../core/scenario/ajv.js';
import { Random } from '../../core/random.js';
import eventSchema from '../../schemas/events/kinesis-event.schema.json' with { type: 'json' };
import awsSample from '../../test/fixtures/aws-sample-events/kinesis.json' with { type: 'json' };
import { fieldTypes } from '../../test/payload-shape.js';
import { kinesisEvent, kinesisSampleEvent, kinesisSequenceNumber, shardId, type KinesisRecordFacts } from './payload.js';

interface KinesisRecord {
  kinesis: { partitionKey: string; sequenceNumber: string; data: string; approximateArrivalTimestamp: number };
  eventID: string;
  invokeIdentityArn: string;
  eventSourceARN: string;
  awsRegion: string;
}

const validate = validatorFor(eventSchema);
const records = (event: object) => (event as { Records: KinesisRecord[] }).Records;
const facts = (seed: number) => ({
  region: 'eu-west-1',
  accountId: '123456789012',
  sourceName: 'clicks',
  epochMs: Date.parse('2026-01-05T10:00:00Z'),
  random: new Random(seed),
});
const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const isBase64 = (s: string) => /^[A-Za-z0-9+/]*={0,2}$/.test(s) && s.length % 4 === 0 && Buffer.from(s, 'base64').toString('base64') === s;

describe('Kinesis event schema', () => {
  it("accepts AWS's sample event", () => {
    expect(validate(awsSample), JSON.stringify(validate.errors)).toBe(true);
  });

  it('rejects data that is not base64, a numeric sequence number, or an empty batch', () => {
    const badData = structuredClone(awsSample);
    badData.Records[0]!.kinesis.data = 'not base64!';
    expect(validate(badData)).toBe(false);
    const numeric = structuredClone(awsSample);
    (numeric.Records[0]!.kinesis as Record<string, unknown>).sequenceNumber = 4954511524;
    expect(validate(numeric)).toBe(false);
    expect(validate({ Records: [] })).toBe(false);
  });
});

describe('Kinesis sequence numbers and shard ids', () => {
  const positions = [0, 1, 2, 10, 1000, 2 ** 32, 2 ** 40, Number.MAX_SAFE_INTEGER];

  it.each([0, 1, 7, 999_999])('are 56 digits and strictly increase with the position in shard %i', (shard) => {
    const numbers = positions.map((n) => kinesisSequenceNumber(shard, n));
    for (const s of numbers) expect(s).toMatch(/^\d{56}$/);
    for (let i = 1; i < numbers.length; i++) expect(BigInt(numbers[i]!) > BigInt(numbers[i - 1]!), `${positions[i]}`).toBe(true);
  });

  it('are deterministic and distinct across shards', () => {
    expect(kinesisSequenceNumber(3, 42)).toBe(kinesisSequenceNumber(3, 42));
    expect(kinesisSequenceNumber(3, 42)).not.toBe(kinesisSequenceNumber(4, 42));
    expect(() => kinesisSequenceNumber(0, -1)).toThrow(RangeError);
    expect(() => kinesisSequenceNumber(0, 1.5)).toThrow(RangeError);
  });

  it('names shards with 12-digit indexes', () => {
    expect(shardId(0)).toBe('shardId-000000000000');
    expect(shardId(12)).toBe('shardId-000000000012');
  });
});

describe('generated Kinesis event', () => {
  it('validates against the schema', () => {
    const event = kinesisSampleEvent(facts(1));
    expect(validate(event), JSON.stringify(validate.errors)).toBe(true);
  });

  it("has every field path of AWS's sample with the same JSON type", () => {
    const generated = fieldTypes(kinesisSampleEvent(facts(1)));
    for (const [path, type] of fieldTypes(awsSample)) expect(generated.get(path), path).toBe(type);
  });

  it('carries base64 data holding a small JSON document', () => {
    const { data } = records(kinesisSampleEvent(facts(1)))[0]!.kinesis;
    expect(isBase64(data)).toBe(true);
    expect(JSON.parse(Buffer.from(data, 'base64').toString('utf8'))).toMatchObject({ source: 'clicks' });
    expect(isBase64(awsSample.Records[0]!.kinesis.data)).toBe(true);
    expect(isBase64('not base64!')).toBe(false);
  });

  it("names the shard, stream and consumer's role, with arrival in fractional epoch seconds", () => {
    const sequenceNumber = kinesisSequenceNumber(2, 5);
    const event = kinesisEvent('clicks', 'eu-west-1', '123456789012', 2, [
      { partitionKey: 'user-1', sequenceNumber, data: base64('{}'), arrivalEpochMs: 1_767_607_200_123 },
    ], 'reader');
    const [record] = records(event);
    expect(record!.eventID).toBe(`shardId-000000000002:${sequenceNumber}`);
    expect(record!.eventSourceARN).toBe('arn:aws:kinesis:eu-west-1:123456789012:stream/clicks');
    expect(record!.invokeIdentityArn).toBe('arn:aws:iam::123456789012:role/reader-role');
    expect(record!.awsRegion).toBe('eu-west-1');
    expect(record!.kinesis.approximateArrivalTimestamp).toBeCloseTo(1_767_607_200.123, 6);
  });

  it('is the same for the same seed, different for another', () => {
    expect(kinesisSampleEvent(facts(5))).toStrictEqual(kinesisSampleEvent(facts(5)));
    expect(records(kinesisSampleEvent(facts(6)))[0]!.kinesis.partitionKey).not.toBe(
      records(kinesisSampleEvent(facts(5)))[0]!.kinesis.partitionKey,
    );
  });

  it('has one record per input, in order', () => {
    const batch: KinesisRecordFacts[] = ['a', 'b', 'c'].map((key, n) => ({
      partitionKey: key,
      sequenceNumber: kinesisSequenceNumber(0, n),
      data: base64(key),
      arrivalEpochMs: 1_767_607_200_000 + n,
    }));
    const event = kinesisEvent('clicks', 'eu-west-1', '123456789012', 0, batch, 'reader');
    expect(validate(event), JSON.stringify(validate.errors)).toBe(true);
    expect(records(event).map((r) => [r.kinesis.partitionKey, r.kinesis.sequenceNumber])).toStrictEqual(
      batch.map((b) => [b.partitionKey, b.sequenceNumber]),
    );
  });
});
