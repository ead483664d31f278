/**
 * Filter policy semantics against AWS's documented examples (Amazon SNS
 * developer guide: string value matching, numeric value matching, key
 * matching, AND/OR logic, the `$or` operator): each row is a policy, a
 * message's attributes, and whether AWS says the message passes. The tables a
 * topic compiles agree with these semantics on every message it can publish.
 */
import { describe, expect, it } from 'vitest';
import { Random } from '../../core/random.js';
import { TopicAttributes } from './attributes.js';
import { policyMatches, type FilterPolicy, type MessageAttribute } from './filter-policy.js';
import { compileFilter } from './subscription.js';

const S = (Value: string): MessageAttribute => ({ Type: 'String', Value });
const N = (Value: string): MessageAttribute => ({ Type: 'Number', Value });

const cloudwatch = { source: ['aws.cloudwatch'], $or: [{ metricName: ['CPUUtilization', 'ReadLatency'] }, { namespace: ['AWS/EC2', 'AWS/ES'] }] };

/** [what the guide shows, policy, attributes, passes] */
const AWS_EXAMPLES: [string, FilterPolicy, Record<string, MessageAttribute>, boolean][] = [
  ['exact strings, ORed', { customer_interests: ['rugby', 'tennis'] }, { customer_interests: S('rugby') }, true],
  ['exact strings, ORed', { customer_interests: ['rugby', 'tennis'] }, { customer_interests: S('tennis') }, true],
  ['exact strings, ORed', { customer_interests: ['rugby', 'tennis'] }, { customer_interests: S('baseball') }, false],
  ['string matching is case-sensitive', { customer_interests: ['rugby'] }, { customer_interests: S('Rugby') }, false],
  ['prefix', { customer_interests: [{ prefix: 'bas' }] }, { customer_interests: S('baseball') }, true],
  ['prefix', { customer_interests: [{ prefix: 'bas' }] }, { customer_interests: S('basketball') }, true],
  ['prefix', { customer_interests: [{ prefix: 'bas' }] }, { customer_interests: S('rugby') }, false],
  ['suffix', { customer_interests: [{ suffix: 'ball' }] }, { customer_interests: S('baseball') }, true],
  ['suffix', { customer_interests: [{ suffix: 'ball' }] }, { customer_interests: S('rugby') }, false],
  ['equals-ignore-case', { customer_interests: [{ 'equals-ignore-case': 'tennis' }] }, { customer_interests: S('TENNIS') }, true],
  ['equals-ignore-case', { customer_interests: [{ 'equals-ignore-case': 'tennis' }] }, { customer_interests: S('baseball') }, false],
  ['anything-but strings', { customer_interests: [{ 'anything-but': ['rugby', 'tennis'] }] }, { customer_interests: S('baseball') }, true],
  ['anything-but strings', { customer_interests: [{ 'anything-but': ['rugby', 'tennis'] }] }, { customer_interests: S('football') }, true],
  ['anything-but strings', { customer_interests: [{ 'anything-but': ['rugby', 'tennis'] }] }, { customer_interests: S('rugby') }, false],
  ['anything-but a prefix', { event: [{ 'anything-but': { prefix: 'order-' } }] }, { event: S('data-entry') }, true],
  ['anything-but a prefix', { event: [{ 'anything-but': { prefix: 'order-' } }] }, { event: S('order_number') }, true],
  ['anything-but a prefix', { event: [{ 'anything-but': { prefix: 'order-' } }] }, { event: S('order-cancelled') }, false],
  ['IP address (cidr)', { source_ip: [{ cidr: '10.0.0.0/24' }] }, { source_ip: S('10.0.0.0') }, true],
  ['IP address (cidr)', { source_ip: [{ cidr: '10.0.0.0/24' }] }, { source_ip: S('10.0.0.255') }, true],
  ['IP address (cidr)', { source_ip: [{ cidr: '10.0.0.0/24' }] }, { source_ip: S('10.1.1.0') }, false],
  ['numeric =', { price_usd: [{ numeric: ['=', 301.5] }] }, { price_usd: N('301.5') }, true],
  ['numeric =, exponent form', { price_usd: [{ numeric: ['=', 301.5] }] }, { price_usd: N('3.015e2') }, true],
  ['anything-but numbers', { price: [{ 'anything-but': [100, 500] }] }, { price: N('101') }, true],
  ['anything-but numbers', { price: [{ 'anything-but': [100, 500] }] }, { price: N('100.1') }, true],
  ['anything-but numbers', { price: [{ 'anything-but': [100, 500] }] }, { price: N('100') }, false],
  ['numeric < 0: negative numbers', { price_usd: [{ numeric: ['<', 0] }] }, { price_usd: N('-3') }, true],
  ['numeric < 0: negative numbers', { price_usd: [{ numeric: ['<', 0] }] }, { price_usd: N('0') }, false],
  ['numeric range (0, 150]', { price_usd: [{ numeric: ['>', 0, '<=', 150] }] }, { price_usd: N('150') }, true],
  ['numeric range (0, 150]', { price_usd: [{ numeric: ['>', 0, '<=', 150] }] }, { price_usd: N('0') }, false],
  ['numeric range (0, 150]', { price_usd: [{ numeric: ['>', 0, '<=', 150] }] }, { price_usd: N('150.5') }, false],
  ['key matching: exists', { store: [{ exists: true }] }, { store: S('example_corp') }, true],
  ['key matching: exists', { store: [{ exists: true }] }, { event: S('order_placed') }, false],
  ['key matching: not exists', { store: [{ exists: false }] }, { event: S('order_placed') }, true],
  ['key matching: not exists', { store: [{ exists: false }] }, { store: S('example_corp') }, false],
  ['a message without the attribute does not match a value', { store: ['example_corp'] }, { event: S('order_placed') }, false],
  ['... nor anything-but', { store: [{ 'anything-but': ['other'] }] }, { event: S('order_placed') }, false],
  ['anything-but combined with exists: false', { store: [{ 'anything-but': ['other'] }, { exists: false }] }, { event: S('order_placed') }, true],
  ['attributes the policy does not name are ignored', { store: ['example_corp'] }, { store: S('example_corp'), extra: S('x') }, true],
  ['AND across keys', { customer_interests: ['rugby'], price_usd: [{ numeric: ['>', 100] }] }, { customer_interests: S('rugby'), price_usd: N('210.75') }, true],
  ['AND across keys', { customer_interests: ['rugby'], price_usd: [{ numeric: ['>', 100] }] }, { customer_interests: S('rugby'), price_usd: N('100') }, false],
  ['AND across keys', { customer_interests: ['rugby'], price_usd: [{ numeric: ['>', 100] }] }, { customer_interests: S('tennis'), price_usd: N('210.75') }, false],
  [
    "the guide's transaction example",
    { store: ['example_corp'], event: [{ 'anything-but': 'order_cancelled' }], price_usd: [{ numeric: ['>=', 100] }] },
    { store: S('example_corp'), event: S('order_placed'), price_usd: N('210.75') },
    true,
  ],
  ['$or, first alternative', cloudwatch, { source: S('aws.cloudwatch'), metricName: S('CPUUtilization') }, true],
  ['$or, second alternative', cloudwatch, { source: S('aws.cloudwatch'), namespace: S('AWS/EC2') }, true],
  ['$or, the other keys still apply', cloudwatch, { metricName: S('CPUUtilization') }, false],
  ['$or with one item is an attribute name', { $or: [{ a: ['x'] }] }, { a: S('x') }, false],
];

describe("filter policies: AWS's examples", () => {
  it.each(AWS_EXAMPLES)('%s: %j on %j → %s', (_what, policy, attributes, passes) => {
    expect(policyMatches(policy, attributes)).toBe(passes);
  });
});

describe("filter policies: slsim's choices where AWS says nothing", () => {
  it('an exact string matches String attributes only, an exact number Number attributes only', () => {
    expect(policyMatches({ n: ['5'] }, { n: N('5') })).toBe(false);
    expect(policyMatches({ n: [5] }, { n: N('5.000001') })).toBe(true); // five decimals
    expect(policyMatches({ n: [5] }, { n: N('5.0001') })).toBe(false);
  });
});

describe('compiled filters', () => {
  it('agree with the semantics on every combination of the topic attribute values', () => {
    const config = { eventType: { created: 0.8, deleted: 0.2 }, size: ['1', '5', '12.5'], origin: ['web-eu', 'web-us', 'batch'] };
    const attributes = new TopicAttributes(config, new Random(1));
    const policies: FilterPolicy[] = [
      { eventType: ['deleted'] },
      { size: [{ numeric: ['>', 1, '<=', 12.5] }], origin: [{ prefix: 'web-' }] },
      { $or: [{ eventType: ['created'] }, { size: [5] }], origin: [{ 'anything-but': 'batch' }] },
      { missing: [{ exists: false }], eventType: [{ suffix: 'ted' }] },
      { missing: ['x'] },
    ];
    for (const policy of policies) {
      const filter = compileFilter(policy, attributes)!;
      for (let a = 0; a < 2; a++) {
        for (let b = 0; b < 3; b++) {
          for (let c = 0; c < 3; c++) {
            const picked = Int32Array.of(a, b, c);
            const message = Object.fromEntries(attributes.names.map((n, i) => [n.name, n.attributes[picked[i]!]!]));
            expect(filter.accepts(picked), `${JSON.stringify(policy)} on ${JSON.stringify(message)}`).toBe(policyMatches(policy, message));
          }
        }
      }
    }
  });

  it('treat a value that reads as a number as a Number attribute', () => {
    const attributes = new TopicAttributes({ size: ['5', '1e3', 'big', '0x10'] }, new Random(1));
    expect(attributes.names[0]!.attributes.map((a) => a.Type)).toStrictEqual(['Number', 'Number', 'String', 'String']);
  });
});
