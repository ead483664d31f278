/**
 * The SNS event as Lambda receives it: AWS's sample validates against the
 * schema, the generated event validates and carries every field of the sample
 * with its JSON type, in one record with capitalised keys, and is the same for
 * the same seed. `slsim events sns` prints it through the adapter.
 */
import { describe, expect, it } from 'vitest';
import { validatorFor } from '../../core/scenario/ajv.js';
import { Random } from '../../core/random.js';
import eventSchema from '../../schemas/events/sns-event.schema.json' with { type: 'json' };
import awsSample from '../../test/fixtures/aws-sample-events/sns.json' with { type: 'json' };
import { fieldTypes } from '../../test/payload-shape.js';
import { snsAdapter } from './index.js';
import { uuid } from '../../core/ids.js';
import { envelopeBytes, snsEvent, snsQueueMessage, snsSampleEvent } from './payload.js';

interface SnsRecord {
  EventSubscriptionArn: string;
  Sns: { TopicArn: string; MessageId: string; Timestamp: string; MessageAttributes: Record<string, { Type: string; Value: string }> };
}

const validate = validatorFor(eventSchema);
const records = (event: unknown) => (event as { Records: SnsRecord[] }).Records;
const facts = (seed: number) => ({
  region: 'eu-west-1',
  accountId: '123456789012',
  sourceName: 'uploads',
  epochMs: Date.parse('2026-01-05T10:00:00Z'),
  random: new Random(seed),
});
/** Field paths with the names of message attributes replaced by `*` (the map's keys are the publisher's). */
const shape = (event: unknown) =>
  new Map([...fieldTypes(event)].map(([path, type]) => [path.replace(/^(\/Records\/0\/Sns\/MessageAttributes)\/[^/]+/, '$1/*'), type]));

describe('SNS event schema', () => {
  it("accepts AWS's sample event", () => {
    expect(validate(awsSample), JSON.stringify(validate.errors)).toBe(true);
  });

  it('rejects two records, lower-case keys, or a numeric attribute value', () => {
    const two = { Records: [awsSample.Records[0], awsSample.Records[0]] };
    expect(validate(two)).toBe(false);
    const lower = structuredClone(awsSample) as { Records: Record<string, unknown>[] };
    lower.Records[0]!.sns = lower.Records[0]!.Sns;
    delete lower.Records[0]!.Sns;
    expect(validate(lower)).toBe(false);
    const numeric = structuredClone(awsSample);
    (numeric.Records[0]!.Sns.MessageAttributes.Test as { Value: unknown }).Value = 3;
    expect(validate(numeric)).toBe(false);
  });
});

describe('generated SNS event', () => {
  it('validates against the schema, with and without configured attributes', () => {
    for (const event of [snsSampleEvent(facts(1)), snsSampleEvent(facts(1), { eventType: { created: 0.8, deleted: 0.2 }, size: ['3'] })]) {
      expect(validate(event), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it("has every field path of AWS's sample with the same JSON type", () => {
    const generated = shape(snsSampleEvent(facts(1)));
    for (const [path, type] of shape(awsSample)) expect(generated.get(path), path).toBe(type);
  });

  it('holds one record of the topic, attribute values as strings typed String or Number', () => {
    const event = snsSampleEvent(facts(2), { eventType: ['created'], priority: ['5'] });
    expect(records(event)).toHaveLength(1);
    const { Sns, EventSubscriptionArn } = records(event)[0]!;
    expect(Sns.TopicArn).toBe('arn:aws:sns:eu-west-1:123456789012:uploads');
    expect(EventSubscriptionArn).toMatch(/^arn:aws:sns:eu-west-1:123456789012:uploads:[0-9a-f-]{36}$/);
    expect(Sns.MessageAttributes).toStrictEqual({ eventType: { Type: 'String', Value: 'created' }, priority: { Type: 'Number', Value: '5' } });
    expect(new Date(Sns.Timestamp).toISOString()).toBe(Sns.Timestamp);
  });

  it('is the same for the same seed, different for another', () => {
    expect(snsSampleEvent(facts(5))).toStrictEqual(snsSampleEvent(facts(5)));
    expect(records(snsSampleEvent(facts(6)))[0]!.Sns.MessageId).not.toBe(records(snsSampleEvent(facts(5)))[0]!.Sns.MessageId);
  });

  it('is what `slsim events sns` prints (an empty config)', () => {
    const event = snsAdapter.samplePayload!({} as never, facts(1));
    expect(validate(event), JSON.stringify(validate.errors)).toBe(true);
    expect(event).toStrictEqual(snsSampleEvent(facts(1)));
  });
});

describe('envelope sizes', () => {
  it('grow byte for byte with the message, for a function and for a queue', () => {
    const sizes = envelopeBytes('us-east-1', '123456789012', 'uploads');
    const n = (message: string) => ({
      region: 'us-east-1', accountId: '123456789012', topicName: 'uploads', messageId: uuid(new Random(3)), subscriptionId: uuid(new Random(4)),
      subject: null, message, epochMs: Date.parse('2026-01-05T10:00:00Z'), signature: 's'.repeat(344), certificateId: 'c'.repeat(32), messageAttributes: {},
    });
    const body = 'x'.repeat(5000);
    expect(Buffer.byteLength(JSON.stringify(snsEvent(n(body))))).toBe(sizes.function + 5000);
    expect(Buffer.byteLength(JSON.stringify(snsQueueMessage(n(body))))).toBe(sizes.queue + 5000);
    // An RSA-2048 signature alone is 344 base64 characters; ids and URLs make the rest of about 1 KB.
    expect(sizes.queue).toBeGreaterThan(344 + 2 * 36 + 200);
    expect(sizes.function).toBeGreaterThan(sizes.queue); // the event adds the record's keys and the subscription ARN
  });
});
