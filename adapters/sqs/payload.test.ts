/**
 * The SQS event as Lambda receives it: AWS's sample validates against the
 * schema, the generated events (standard and FIFO) validate and carry every
 * field of the sample with its JSON type, and the checksums are real MD5s.
 */
import { describe, expect, it } from 'vitest';
import { validatorFor } from '../../core/scenario/ajv.js';
import { Random } from '../../core/random.js';
import eventSchema from '../../schemas/events/sqs-event.schema.json' with { type: 'json' };
import awsSample from '../../test/fixtures/aws-sample-events/sqs.json' with { type: 'json' };
import { fieldTypes } from '../../test/payload-shape.js';
import { md5OfMessageAttributes, sqsEvent, sqsSampleEvent, type SqsRecordFacts } from './payload.js';

interface SqsRecord {
  messageId: string;
  receiptHandle: string;
  body: string;
  attributes: Record<string, unknown>;
  messageAttributes: Record<string, unknown>;
  md5OfBody: string;
  md5OfMessageAttributes?: string | null;
  eventSourceARN: string;
  awsRegion: string;
}

const validate = validatorFor(eventSchema);
const records = (event: object) => (event as { Records: SqsRecord[] }).Records;
const facts = (seed: number) => ({
  region: 'eu-west-1',
  accountId: '123456789012',
  sourceName: 'orders',
  epochMs: Date.parse('2026-01-05T10:00:00Z'),
  random: new Random(seed),
});
const message = (messageId: string, body: string, extra: Partial<SqsRecordFacts> = {}): SqsRecordFacts => ({
  messageId,
  body,
  sentEpochMs: 1_767_600_000_000,
  firstReceiveEpochMs: 1_767_600_000_020,
  receiveCount: 1,
  ...extra,
});
/** Field paths with the names of message attributes replaced by `*` (the map's keys are the sender's). */
const shape = (event: unknown) =>
  new Map([...fieldTypes(event)].map(([path, type]) => [path.replace(/^(\/Records\/0\/messageAttributes)\/[^/]+/, '$1/*'), type]));

describe('SQS event schema', () => {
  it("accepts AWS's sample event", () => {
    expect(validate(awsSample), JSON.stringify(validate.errors)).toBe(true);
  });

  it('rejects a record whose attribute values are not strings, or an empty batch', () => {
    const numeric = structuredClone(awsSample);
    (numeric.Records[0]!.attributes as Record<string, unknown>).SentTimestamp = 1520621625029;
    expect(validate(numeric)).toBe(false);
    expect(validate({ Records: [] })).toBe(false);
  });
});

describe('generated SQS event', () => {
  it.each([false, true])('validates against the schema (fifo: %s)', (fifo) => {
    const event = sqsSampleEvent(facts(1), fifo);
    expect(validate(event), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each([false, true])("has every field path of AWS's sample with the same JSON type (fifo: %s)", (fifo) => {
    const generated = shape(sqsSampleEvent(facts(1), fifo));
    for (const [path, type] of shape(awsSample)) expect(generated.get(path), path).toBe(type);
  });

  it('carries the FIFO attributes only for a FIFO queue, on a .fifo queue ARN', () => {
    const [standard] = records(sqsSampleEvent(facts(1)));
    const [fifo] = records(sqsSampleEvent(facts(1), true));
    expect(Object.keys(standard!.attributes).sort()).toStrictEqual(
      ['ApproximateFirstReceiveTimestamp', 'ApproximateReceiveCount', 'SenderId', 'SentTimestamp'],
    );
    expect(fifo!.attributes).toMatchObject({ MessageGroupId: 'default' });
    expect(fifo!.attributes.SequenceNumber).toMatch(/^\d{20}$/);
    expect(fifo!.attributes.MessageDeduplicationId).toMatch(/^[0-9a-f]{64}$/);
    expect(standard!.eventSourceARN).toBe('arn:aws:sqs:eu-west-1:123456789012:orders');
    expect(fifo!.eventSourceARN).toBe('arn:aws:sqs:eu-west-1:123456789012:orders.fifo');
  });

  it('writes every attribute value as a string, the timestamps in epoch milliseconds', () => {
    const event = sqsEvent('q', 'us-east-1', '123456789012', [
      message('m-1', 'x', { receiveCount: 3, messageGroupId: 'g', sequenceNumber: '18849496460467696128', messageDeduplicationId: 'd' }),
    ]);
    const { attributes } = records(event)[0]!;
    for (const [name, value] of Object.entries(attributes)) expect(typeof value, name).toBe('string');
    expect(attributes).toMatchObject({
      ApproximateReceiveCount: '3',
      SentTimestamp: '1767600000000',
      ApproximateFirstReceiveTimestamp: '1767600000020',
      SequenceNumber: '18849496460467696128',
    });
  });

  it('gives md5OfBody as the MD5 of the body', () => {
    // The aws-lambda-go sample's md5OfBody is a placeholder, not the MD5 of "Message Body";
    // these are AWS's own example ("Test message.", Lambda developer guide) and RFC 1321's vectors.
    const event = sqsEvent('q', 'us-east-1', '123456789012', [message('a', 'Test message.'), message('b', ''), message('c', 'abc')]);
    expect(records(event).map((r) => r.md5OfBody)).toStrictEqual([
      'e4e68fb7bd0e697a0ae8f1bb342846b3',
      'd41d8cd98f00b204e9800998ecf8427e',
      '900150983cd24fb0d6963f7d28e17f72',
    ]);
  });

  it("gives md5OfMessageAttributes by SQS's algorithm, and leaves it out when there are none", () => {
    // Checksums SQS returned for these attributes (as recorded in LocalStack's and sqslite's tests).
    expect(md5OfMessageAttributes({ timestamp: { dataType: 'Number', stringValue: '1493147359900' } })).toBe(
      '235c5c510d26fb653d073faed50ae77c',
    );
    const attributes = { ordinal: { dataType: 'Number', stringValue: '1' }, category: { dataType: 'String', stringValue: 'test' } };
    const [withAttributes, without] = records(
      sqsEvent('q', 'us-east-1', '123456789012', [message('a', 'x', { messageAttributes: attributes }), message('b', 'x')]),
    );
    expect(withAttributes!.md5OfMessageAttributes).toBe('d21ae90c49061e927f57df5f5d72be1f');
    expect(withAttributes!.messageAttributes.category).toStrictEqual({
      stringValue: 'test',
      stringListValues: [],
      binaryListValues: [],
      dataType: 'String',
    });
    expect(without!.messageAttributes).toStrictEqual({});
    expect(without).not.toHaveProperty('md5OfMessageAttributes');
  });

  it('gives each receive of a message its own, reproducible receipt handle', () => {
    const handle = (receiveCount: number) =>
      records(sqsEvent('q', 'us-east-1', '123456789012', [message('m-1', 'x', { receiveCount })]))[0]!.receiptHandle;
    expect(handle(1)).toBe(handle(1));
    expect(handle(2)).not.toBe(handle(1));
    expect(handle(1)).toMatch(/^[A-Za-z0-9+/=]{100,}$/);
  });

  it('is the same for the same seed, different for another', () => {
    expect(sqsSampleEvent(facts(5), true)).toStrictEqual(sqsSampleEvent(facts(5), true));
    expect(records(sqsSampleEvent(facts(6)))[0]!.messageId).not.toBe(records(sqsSampleEvent(facts(5)))[0]!.messageId);
  });

  it('has one record per message, in order', () => {
    const batch = ['first', 'second', 'third'].map((body, i) => message(`m-${i}`, body));
    const event = sqsEvent('q', 'us-east-1', '123456789012', batch);
    expect(validate(event), JSON.stringify(validate.errors)).toBe(true);
    expect(records(event).map((r) => [r.messageId, r.body])).toStrictEqual([
      ['m-0', 'first'],
      ['m-1', 'second'],
      ['m-2', 'third'],
    ]);
  });
});
