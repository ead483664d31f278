/**
 * Configuration of a kinesis source: defaults filled by the schema, values
 * AWS refuses stopped at load with their path (exit 2), a pointless
 * `maximumRecordAge` warned about, names of the consumer and on-failure
 * destination checked; and the payload a consumer's handler receives.
 */
import { describe, expect, it } from 'vitest';
import { builtInAdapters } from '../index.js';
import { validatorFor } from '../../core/scenario/ajv.js';
import { Random } from '../../core/random.js';
import eventSchema from '../../schemas/events/kinesis-event.schema.json' with { type: 'json' };
import { load } from '../../test/helpers.js';
import { kinesisAdapter } from './index.js';

const loadK = (yaml: string) => load(yaml, { extra: builtInAdapters.some((a) => a.meta.type === 'kinesis') ? [] : [kinesisAdapter] });

const scenario = (stream: string, extra = '') => `name: checks
duration: 1m
functions:
  worker: { timeout: 30s }
sources:
  orders:
    type: kinesis
${stream}
${extra}`;

/** Traffic for the stream, so that the design warnings (a source with no traffic) stay out of the adapter's. */
const fed = '\n    load: { phases: [ { duration: 1m, arrivalRate: 1 } ] }';

describe('kinesis configuration', () => {
  it('fills the defaults', () => {
    const loaded = loadK(scenario('    consumer: { function: worker }'));
    expect(loaded.scenario.sources[0]!.config).toStrictEqual({
      type: 'kinesis',
      shards: 1,
      partitionKeys: 1000,
      recordSize: '1KB',
      retentionPeriod: '24h',
      poisonRate: 0,
      consumer: {
        function: 'worker',
        batchSize: 100,
        parallelizationFactor: 1,
        maximumBatchingWindow: '0s',
        bisectBatchOnFunctionError: false,
        maximumRetryAttempts: -1,
        maximumRecordAge: -1,
        reportBatchItemFailures: false,
      },
    });
    // A stream with no load that nothing writes to does nothing: a design warning, not one of the adapter's.
    expect(loaded.warnings).toStrictEqual(['test.yaml:7 /sources/orders: "orders" has no traffic: it has no load, and no source or function sends to it']);
  });

  it.each([
    ['a retention under 24 h', '    retentionPeriod: 12h', /test\.yaml:8 \/sources\/orders\/retentionPeriod: must be between 1d00h00m and 365d00h00m/],
    ['a retention over 365 days', '    retentionPeriod: 366d', /\/sources\/orders\/retentionPeriod: must be between/],
    ['a batching window over 300 s', '    consumer: { function: worker, maximumBatchingWindow: 301s }', /\/sources\/orders\/consumer\/maximumBatchingWindow: must be between 0ms and 5m00s/],
    ['a record age under 60 s', '    consumer: { function: worker, maximumRecordAge: 30s }', /\/sources\/orders\/consumer\/maximumRecordAge: must be between 1m00s and 7d00h00m/],
    ['a record age over 7 days', '    consumer: { function: worker, maximumRecordAge: 8d }', /\/consumer\/maximumRecordAge: must be between/],
    ['a batch over 10,000', '    consumer: { function: worker, batchSize: 10001 }', /\/sources\/orders\/consumer\/batchSize/],
    ['a parallelization factor over 10', '    consumer: { function: worker, parallelizationFactor: 11 }', /\/sources\/orders\/consumer\/parallelizationFactor/],
    ['retries below -1', '    consumer: { function: worker, maximumRetryAttempts: -2 }', /\/sources\/orders\/consumer\/maximumRetryAttempts/],
    ['no shard', '    shards: 0', /\/sources\/orders\/shards/],
    ['an unknown key', '    shard: 2', /\/sources\/orders/],
    ['a bad size distribution', '    recordSize: { dist: uniform, min: 2KB, max: 1KB }', /\/sources\/orders\/recordSize/],
    ['a consumer that is not a function', '    consumer: { function: wroker }', /\/sources\/orders\/consumer\/function: .*did you mean "worker"/],
    ['an on-failure destination that is no destination', '    consumer: { function: worker, onFailure: tick }', /\/sources\/orders\/consumer\/onFailure: "tick" is a schedule source/, '  tick: { type: schedule, expression: rate(1 minute), targets: [worker] }'],
  ])('refuses %s', (_what, stream, message, extra = '') => {
    expect(() => loadK(scenario(stream, extra))).toThrow(message);
  });

  it('accepts a function or a destination source as onFailure', () => {
    expect(loadK(scenario(`    consumer: { function: worker, onFailure: worker }${fed}`)).warnings).toStrictEqual([]);
    expect(loadK(scenario(`    consumer: { function: worker, onFailure: failed }${fed}`, '  failed: { type: sqs }')).warnings).toStrictEqual([]);
  });

  it('warns when maximumRecordAge is not under the retention period', () => {
    const loaded = loadK(scenario(`    consumer: { function: worker, maximumRecordAge: 2d }${fed}`));
    expect(loaded.warnings).toHaveLength(1);
    expect(loaded.warnings[0]).toMatch(/\/sources\/orders\/consumer\/maximumRecordAge: 2d00h00m is not under the retention period \(1d00h00m\)/);
    expect(loadK(scenario(`    retentionPeriod: 7d\n    consumer: { function: worker, maximumRecordAge: 2d }${fed}`)).warnings).toStrictEqual([]);
  });
});

describe('kinesis sample payload', () => {
  it("is the Kinesis event of AWS's shape", () => {
    const facts = { region: 'us-east-1', accountId: '123456789012', sourceName: 'orders', epochMs: Date.parse('2026-01-05T00:00:00Z'), random: new Random(1) };
    const event = kinesisAdapter.samplePayload!({} as never, facts) as { Records: { eventSourceARN: string }[] };
    expect(validatorFor(eventSchema)(event)).toBe(true);
    expect(event.Records[0]!.eventSourceARN).toBe('arn:aws:kinesis:us-east-1:123456789012:stream/orders');
  });
});
