/**
 * What S3 refuses when a notification configuration is put on a bucket, and
 * what a bucket cannot be called, refused at load with file, line and path
 * (exit 2); a notification no event of the bucket can match is a warning.
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { load } from '../../test/helpers.js';
import { bucketNameProblem } from './check.js';

const scenario = (bucket: string, extra = '') => `name: checks
duration: 1m
functions:
  a: {}
  b: {}
sources:
  photos:
    type: s3
${bucket}
    load: { phases: [ { duration: 1m, arrivalRate: 1 } ] }
${extra}`;

describe('s3 input errors', () => {
  it.each([
    ['a FIFO queue in targets', '    targets: [jobs]', /test\.yaml:9 \/sources\/photos\/targets\/0: "jobs" is a FIFO queue: S3 cannot send event notifications to FIFO queues; use a standard queue/, '  jobs: { type: sqs, fifo: true }'],
    ['a FIFO queue in notifications', '    notifications:\n      - { target: a, prefix: in/ }\n      - { target: jobs, prefix: out/ }', /\/sources\/photos\/notifications\/1\/target: "jobs" is a FIFO queue/, '  jobs: { type: sqs, fifo: true }'],
    ['two targets (two configurations without filters)', '    targets: [a, b]', /test\.yaml:9 \/sources\/photos\/targets\/1: overlaps targets\/0 \("a"\): both would get every event type of a key such as "…", and S3 refuses notification configurations that overlap\. To send each event to several targets, notify one SNS topic/],
    ['nested prefixes for one event type', '    notifications:\n      - { target: a, prefix: images/, events: [s3:ObjectCreated:*] }\n      - { target: b, prefix: images/thumbs/, events: [ObjectCreated:Put] }', /test\.yaml:11 \/sources\/photos\/notifications\/1: overlaps notifications\/0 \("a"\): both would get ObjectCreated:Put of a key such as "images\/thumbs\/…"/],
    ['a prefix and a suffix one key can have both of', '    notifications:\n      - { target: a, prefix: images/ }\n      - { target: b, suffix: .jpg }', /\/notifications\/1: overlaps notifications\/0 .*"images\/….jpg"/],
    ['a kinesis stream as target', '    targets: [orders]', /\/targets\/0: S3 notifies Lambda functions, SNS topics and SQS queues: "orders" is a kinesis source/, '  orders: { type: kinesis }'],
    ['a target that is no notification destination', '    notifications: [ { target: orders } ]', /\/notifications\/0\/target: "orders" is a kinesis source, which an s3 source cannot send events to here/, '  orders: { type: kinesis }'],
    ['an unknown event type', '    events: [ObjectCreated:Puts]', /\/sources\/photos\/events\/0: "ObjectCreated:Puts" is not an S3 event type \(did you mean "ObjectCreated:Put"\?\)/],
    ['a wildcard among the events that happen', '    events: { ObjectCreated:Put: 0.9, "ObjectRemoved:*": 0.1 }', /\/events\/ObjectRemoved:\*: "ObjectRemoved:\*" is a family of event types/],
    ['an unknown pattern in a filter', '    notifications: [ { target: a, events: [ObjectDeleted:*] } ]', /\/notifications\/0\/events\/0: "ObjectDeleted:\*" is not an S3 event type/],
    ['a wildcard in a prefix', '    notifications: [ { target: a, prefix: "img/*" } ]', /\/notifications\/0\/prefix: S3 filters have no wildcards/],
    ['an invalid bucket name', '    bucket: My_Photos', /test\.yaml:9 \/sources\/photos\/bucket: "My_Photos" is not a valid bucket name: a bucket name has only lower-case letters/],
    ['a notification delay that does not resolve', '    notificationDelay: { dist: lognormal, median: 5s, p99: 1s }', /\/notificationDelay\/p99: must be greater than median/],
    ['shares that are all zero', '    keys: { prefixes: { a/: 0 } }', /\/keys\/prefixes: at least one share must be positive/],
  ])('%s', (_what, bucket, message, extra = '') => {
    expect(() => load(scenario(bucket, extra))).toThrow(message);
  });

  it('is an input error (exit 2) naming the path', () => {
    try {
      load(scenario('    targets: [a, b]'));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).code).toBe('SLSIM_ERR_BAD_VALUE');
      expect((error as InputError).location.path).toBe('/sources/photos/targets/1');
    }
  });

  it('names the bucket after the source, so a source name S3 refuses needs bucket:', () => {
    const yaml = scenario('    targets: [a]').replace('  photos:', '  Photos:');
    expect(() => load(yaml)).toThrow(/\/sources\/Photos: the bucket is named after the source, and "Photos" is not a valid bucket name .*: give one with bucket:/);
    expect(() => load(yaml.replace('    targets: [a]', '    bucket: photos\n    targets: [a]'))).not.toThrow();
  });

  it('accepts configurations that do not overlap', () => {
    const notifications = `    notifications:
      - { target: a, prefix: images/, suffix: .jpg, events: [ObjectCreated:*] }
      - { target: b, prefix: images/, suffix: .png, events: [ObjectCreated:*] }
      - { target: a, events: [ObjectRemoved:*] }
      - { target: b, prefix: logs/, events: [ObjectCreated:*] }`;
    const loaded = load(scenario(`    events: { ObjectCreated:Put: 0.9, ObjectRemoved:Delete: 0.1 }\n    keys: { prefixes: [images/, logs/], suffixes: [.jpg, .png] }\n${notifications}`));
    expect(loaded.warnings).toStrictEqual([]);
  });
});

describe('bucket names (S3 naming rules)', () => {
  it.each(['photos', 'my.bucket-2026', 'a1b'])('accepts %s', (name) => expect(bucketNameProblem(name)).toBeNull());
  it.each(['ab', 'x'.repeat(64), 'Photos', 'photos_2026', '-photos', 'photos.', 'my..bucket', '192.168.5.4', 'xn--photos', 'photos-s3alias', 'photos--x-s3'])(
    'refuses %s',
    (name) => expect(bucketNameProblem(name)).not.toBeNull(),
  );
});

describe('s3 warnings', () => {
  it('warns when no key the bucket makes passes the filter of a notification that functions\' writes cannot reach, hinting at URL encoding', () => {
    const body = (filter: string) =>
      `    events: [ObjectCreated:Copy]\n    keys: { prefixes: ['my photos/', 'raw/'] }\n    notifications:\n      - { target: a, prefix: '${filter}', events: [ObjectCreated:Copy] }\n      - { target: b, prefix: raw/ }`;
    expect(load(scenario(body('my photos/'))).warnings).toStrictEqual([
      `test.yaml:12 /sources/photos/notifications/0: no key of keys: passes its filter (prefix "my photos/", suffix ""), and functions' writes are ObjectCreated:Put, which it does not take; filters match the URL-encoded key, so write "my+photos/"`,
    ]);
    expect(load(scenario(body('my+photos/'))).warnings).toStrictEqual([]);
  });

  it('does not warn of a notification for keys only functions write (they may write any key)', () => {
    expect(load(scenario('    notifications:\n      - { target: a, prefix: raw/ }\n      - { target: b, prefix: thumbs/ }')).warnings).toStrictEqual([]);
  });

  it('warns when a notification takes no event type the bucket raises', () => {
    const loaded = load(scenario('    notifications: [ { target: a, events: [ObjectRemoved:*] } ]'));
    expect(loaded.warnings).toStrictEqual([
      "test.yaml:9 /sources/photos/notifications/0: matches no event of this bucket: it raises only ObjectCreated:Put (functions' writes are ObjectCreated:Put)",
      'test.yaml:5 /functions/b: nothing invokes "b": no source targets or consumes with it and no destination names it',
    ]);
  });

  it('warns when load makes events that nothing is configured to notify', () => {
    expect(load(scenario('')).warnings).toStrictEqual([
      'test.yaml:10 /sources/photos/load: the events of this load notify nobody: the bucket has no targets and no notifications',
      'test.yaml:4 /functions/a: nothing invokes "a": no source targets or consumes with it and no destination names it',
      'test.yaml:5 /functions/b: nothing invokes "b": no source targets or consumes with it and no destination names it',
    ]);
  });
});
