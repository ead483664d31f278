/**
 * What AWS refuses when a topic, a subscription or a filter policy is set up,
 * refused at load with file, line and path (exit 2, an InputError), and what
 * cannot work as written, as a warning.
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { load } from '../../test/helpers.js';

const scenario = (topic: string, extra = '') => `name: checks
duration: 1m
functions:
  audit: {}
sources:
  jobs: { type: sqs }
  jobs-fifo: { type: sqs, fifo: true }
  stream: { type: kinesis }
  topic:
    type: sns
    messageAttributes:
      eventType: { created: 0.8, deleted: 0.2 }
      size: ['1', '5']
${topic}
${extra}`;

describe('sns input errors', () => {
  it('refuses a FIFO queue as a subscriber (a standard topic cannot deliver to it), naming the path and line', () => {
    let error: unknown;
    try {
      load(scenario('    subscriptions:\n      - { target: audit }\n      - { target: jobs-fifo }'));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).code).toBe('SLSIM_ERR_BAD_VALUE');
    expect((error as Error).message).toMatch(
      /test\.yaml:16 \/sources\/topic\/subscriptions\/1\/target: "jobs-fifo" is a FIFO queue: a standard topic cannot deliver to FIFO queues/,
    );
  });

  it.each([
    ['a FIFO queue among targets', '    targets: [audit, jobs-fifo]', /\/sources\/topic\/targets\/1: "jobs-fifo" is a FIFO queue/],
    ['a FIFO dead-letter queue', '    subscriptions: [ { target: audit, deadLetterTarget: jobs-fifo } ]', /\/subscriptions\/0\/deadLetterTarget: "jobs-fifo" is a FIFO queue: the dead-letter queue of a standard topic's subscription must be a standard queue/],
    ['a kinesis stream as a subscriber', '    targets: [stream]', /\/sources\/topic\/targets\/0: "stream" is a kinesis source: an SNS topic delivers to Lambda functions and SQS queues/],
    ['a kinesis stream in a subscription', '    subscriptions: [ { target: stream } ]', /\/subscriptions\/0\/target: "stream" is a kinesis source, which an sns source cannot send events to here/],
    ['an unknown subscriber', '    subscriptions: [ { target: audti } ]', /test\.yaml:14 \/sources\/topic\/subscriptions\/0\/target: "audti" is not a function or an sqs source of this scenario \(did you mean "audit"\?\)/],
    ['a function as a dead-letter queue', '    subscriptions: [ { target: jobs, deadLetterTarget: audit } ]', /\/subscriptions\/0\/deadLetterTarget: an sns source cannot name a function \("audit"\) here/],
    ['the same endpoint twice', '    targets: [audit]\n    subscriptions: [ { target: audit, filterPolicy: { size: [5] } } ]', /\/subscriptions\/0\/target: "audit" is already subscribed \(\/targets\/0\)/],
    ['nobody to deliver to', '    handoffErrorRate: 0', /test\.yaml:10 \/sources\/topic: an sns source needs `targets` or `subscriptions`/],
    ['a maximum message size over 1 MB', '    maximumMessageSize: 2MB\n    targets: [audit]', /\/sources\/topic\/maximumMessageSize: must be between 1KB and 1MB/],
    ['an attribute name AWS reserves', '    targets: [audit]', /\/sources\/topic\/messageAttributes\/AWS\.trace: attribute names starting with "AWS\." or "Amazon\." are reserved/, { attributes: "      AWS.trace: ['x']" }],
    ['an attribute whose shares are all 0', '    targets: [audit]', /\/messageAttributes\/region: at least one value needs a share above 0/, { attributes: '      region: { eu: 0 }' }],
  ])('%s', (_what, topic, message, options: { attributes?: string } = {}) => {
    let yaml = scenario(topic);
    if (options.attributes) yaml = yaml.replace("      size: ['1', '5']", `      size: ['1', '5']\n${options.attributes}`);
    expect(() => load(yaml)).toThrow(message);
  });
});

describe('filter policy errors, located at the bad value', () => {
  const policy = (filter: string) => scenario(`    subscriptions:\n      - { target: audit, filterPolicy: ${filter} }`);

  it.each([
    ['an unknown operator', '{ eventType: [ { prefx: "del" } ] }', '/subscriptions/0/filterPolicy/eventType/0/prefx', /unknown operator "prefx" \(AWS's: anything-but, cidr, equals-ignore-case, exists, numeric, prefix, suffix\)/],
    ['a range whose bounds are reversed', '{ size: [ { numeric: [">", 5, "<=", 1] } ] }', '/subscriptions/0/filterPolicy/size/0/numeric/3', /the upper bound \(1\) must be above the lower bound \(5\)/],
    ['a range that starts with its upper bound', '{ size: [ { numeric: ["<", 5, ">", 1] } ] }', '/subscriptions/0/filterPolicy/size/0/numeric/2', /a range starts with its lower bound/],
    ['an unknown numeric operator', '{ size: [ { numeric: ["!=", 5] } ] }', '/subscriptions/0/filterPolicy/size/0/numeric/0', /unknown numeric operator "!="/],
    ['a number beyond 10^9', '{ size: [ { numeric: ["<", 2000000000] } ] }', '/subscriptions/0/filterPolicy/size/0/numeric/1', /between -1,000,000,000 and 1,000,000,000/],
    ['more than 5 keys', '{ a: [x], b: [x], c: [x], d: [x], e: [x], f: [x] }', '/subscriptions/0/filterPolicy', /at most 5 keys; this one has 6/],
    ['more than 150 combinations', `{ eventType: [${'v,'.repeat(15)}v], size: [${'1,'.repeat(9)}1] }`, '/subscriptions/0/filterPolicy', /at most 150 combinations of values; this one has 160/],
    ['a nested policy', '{ eventType: { kind: [created] } }', '/subscriptions/0/filterPolicy/eventType', /attribute filter policies do not nest/],
    ['an empty list', '{ eventType: [] }', '/subscriptions/0/filterPolicy/eventType', /must be a non-empty list/],
    ['an expression with two operators', '{ eventType: [ { prefix: a, suffix: b } ] }', '/subscriptions/0/filterPolicy/eventType/0', /exactly one operator; this one has 2/],
    ['exists that is not a boolean', '{ eventType: [ { exists: "yes" } ] }', '/subscriptions/0/filterPolicy/eventType/0/exists', /exists takes true or false/],
    ['anything-but with another operator inside', '{ eventType: [ { anything-but: { equals-ignore-case: x } } ] }', '/subscriptions/0/filterPolicy/eventType/0/anything-but', /anything-but takes a value, a list of values, or \{ prefix/],
    ['a malformed CIDR block', '{ eventType: [ { cidr: "10.0.0.300/8" } ] }', '/subscriptions/0/filterPolicy/eventType/0/cidr', /is not an IPv4 CIDR block/],
    ['inside an $or alternative', '{ $or: [ { eventType: [created] }, { size: [ { numeric: ["=" ] } ] } ] }', '/subscriptions/0/filterPolicy/$or/1/size/0/numeric/1', /the value after "=" must be a number/],
  ])('%s', (_what, filter, path, message) => {
    expect(() => load(policy(filter))).toThrow(message);
    expect(() => load(policy(filter))).toThrow(`/sources/topic${path}: `);
  });

  it('warns of a key the topic never sets, and of a key none of its values passes', () => {
    // The filter policy's own warnings (the scenario also has sources and functions no traffic reaches).
    const policyWarnings = (yaml: string) => load(yaml).warnings.filter((w) => w.includes('/filterPolicy'));
    expect(policyWarnings(policy('{ region: [eu], eventType: [updated], size: [{ numeric: [">", 0] }] }'))).toStrictEqual([
      'test.yaml:15 /sources/topic/subscriptions/0/filterPolicy/region: the topic sets no attribute "region" (messageAttributes): no message can match it',
      'test.yaml:15 /sources/topic/subscriptions/0/filterPolicy/eventType: none of the values the topic sets for "eventType" (created, deleted) passes it',
    ]);
    expect(policyWarnings(policy('{ region: [ { exists: false } ], eventType: [deleted] }'))).toStrictEqual([
      'test.yaml:15 /sources/topic/subscriptions/0/filterPolicy/region: the topic sets no attribute "region" (messageAttributes): only its { exists: false } can match',
    ]);
    expect(policyWarnings(policy('{ eventType: [deleted], size: [ { numeric: [">=", 5] } ] }'))).toStrictEqual([]);
  });
});
