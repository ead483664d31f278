/**
 * The S3 event as a target receives it: AWS's sample validates against the
 * schema; the generated event of every event type validates, carries every
 * field of the sample with its JSON type (deletions without size and eTag),
 * writes keys URL-encoded as S3 does, and is the same for the same seed.
 */
import { describe, expect, it } from 'vitest';
import { validatorFor } from '../../core/scenario/ajv.js';
import { Random } from '../../core/random.js';
import eventSchema from '../../schemas/events/s3-event.schema.json' with { type: 'json' };
import awsSample from '../../test/fixtures/aws-sample-events/s3.json' with { type: 'json' };
import { fieldTypes } from '../../test/payload-shape.js';
import { EVENT_NAMES } from './events.js';
import { s3Adapter, type S3Config } from './index.js';
import { encodeKey } from './keys.js';

interface S3Record {
  eventName: string;
  eventTime: string;
  s3: { configurationId: string; bucket: { name: string; arn: string }; object: { key: string; size?: number; eTag?: string; versionId?: string; sequencer: string } };
}

const validate = validatorFor(eventSchema);
const facts = (seed: number) => ({
  region: 'eu-west-1',
  accountId: '123456789012',
  sourceName: 'photos',
  epochMs: Date.parse('2026-01-05T10:00:00.250Z'),
  random: new Random(seed),
});
const sample = (config: Partial<S3Config> = {}, seed = 1) => s3Adapter.samplePayload!(config as S3Config, facts(seed)) as { Records: S3Record[] };
const record = (config: Partial<S3Config> = {}, seed = 1) => sample(config, seed).Records[0]!;
const deletion = (name: string) => /^(ObjectRemoved|LifecycleExpiration):/.test(name);

describe('S3 event schema', () => {
  it("accepts AWS's sample event", () => {
    expect(validate(awsSample), JSON.stringify(validate.errors)).toBe(true);
  });

  it('refuses an event name with the s3: prefix, a size written as a string, a delete with a size, and two records', () => {
    const prefixed = structuredClone(awsSample);
    prefixed.Records[0]!.eventName = 's3:ObjectCreated:Put';
    const stringSize = structuredClone(awsSample) as { Records: { s3: { object: Record<string, unknown> } }[] };
    stringSize.Records[0]!.s3.object.size = '1024';
    const sizedDelete = structuredClone(awsSample);
    sizedDelete.Records[0]!.eventName = 'ObjectRemoved:Delete';
    const two = { Records: [awsSample.Records[0], awsSample.Records[0]] };
    for (const bad of [prefixed, stringSize, sizedDelete, two]) expect(validate(bad)).toBe(false);
  });
});

describe('generated S3 event', () => {
  it.each(EVENT_NAMES)('validates for %s', (name) => {
    const event = sample({ events: [name] });
    expect(validate(event), JSON.stringify(validate.errors)).toBe(true);
    expect(event.Records[0]!.eventName).toBe(name);
  });

  it.each(EVENT_NAMES)("has every field path of AWS's sample with the same JSON type (%s; deletions without size and eTag)", (name) => {
    const generated = fieldTypes(sample({ events: [name] }));
    for (const [path, type] of fieldTypes(awsSample)) {
      const omitted = deletion(name) && /\/object\/(size|eTag)$/.test(path);
      expect(generated.get(path), path).toBe(omitted ? undefined : type);
    }
  });

  it('is what `slsim events s3` prints: an ObjectCreated:Put of the source-named bucket, from an empty config', () => {
    const r = record();
    expect(r.eventName).toBe('ObjectCreated:Put');
    expect(r.s3.bucket).toMatchObject({ name: 'photos', arn: 'arn:aws:s3:::photos' });
    expect(r.eventTime).toBe('2026-01-05T10:00:00.250Z');
    expect(r.s3.object.sequencer).toMatch(/^[0-9A-F]{18}$/);
    expect(Number.isInteger(r.s3.object.size)).toBe(true);
    expect(r.s3.object.eTag).toMatch(/^[0-9a-f]{32}$/);
  });

  it('names the configuration that matches the key, and writes the key URL-encoded (a space is +)', () => {
    const r = record({
      bucket: 'media.example',
      keys: { prefixes: ['my photos/'], suffixes: ['.jpg'] },
      notifications: [
        { id: 'logs-rule', target: 'a', prefix: 'logs/' },
        { id: 'photos-rule', target: 'b', prefix: 'my+photos/', suffix: '.jpg' },
      ],
    });
    expect(r.s3.configurationId).toBe('photos-rule');
    expect(r.s3.object.key).toMatch(/^my\+photos\/[0-9a-f]{12}\.jpg$/);
    expect(r.s3.bucket.arn).toBe('arn:aws:s3:::media.example');
  });

  it('gives a multipart upload a multipart eTag, and a delete marker its versionId', () => {
    const multipart = record({ events: ['ObjectCreated:CompleteMultipartUpload'], objectSize: '100MB' }).s3.object;
    expect(multipart.eTag).toMatch(/^[0-9a-f]{32}-13$/); // 100 MB in 8 MB parts
    expect(multipart.size).toBe(100 * 1024 * 1024);
    expect(record({ events: ['ObjectRemoved:DeleteMarkerCreated'] }).s3.object.versionId).toMatch(/^[A-Za-z0-9._]{32}$/);
  });

  it('is the same for the same seed, different for another', () => {
    expect(sample({}, 5)).toStrictEqual(sample({}, 5));
    expect(record({}, 6).s3.object.key).not.toBe(record({}, 5).s3.object.key);
  });
});

describe('key encoding', () => {
  it.each([
    ['images/cat.jpg', 'images/cat.jpg'],
    ['red flower.jpg', 'red+flower.jpg'], // AWS's own example
    ['a+b.txt', 'a%2Bb.txt'],
    ['café/menu (1).pdf', 'caf%C3%A9/menu+%281%29.pdf'],
    ['k=v&x', 'k%3Dv%26x'],
  ])('%s → %s', (key, encoded) => {
    expect(encodeKey(key)).toBe(encoded);
    expect(decodeURIComponent(encoded.replace(/\+/g, ' '))).toBe(key);
  });
});
