/**
 * The kinesis source in a run, against AWS's rules and queueing arithmetic:
 * concurrency is capped at shards × parallelizationFactor and reached under
 * backlog; a key's records are handled in order and never two at once; idle
 * lanes are polled once a second, busy ones back to back, a batching window
 * holds a small batch; a shard that drains at half the arrival rate falls
 * behind with IteratorAge growing at half a second per second; writes past
 * 1,000 records/s or 1 MiB/s per shard are refused; the bill counts
 * shard-hours and 25 KiB PUT units; the same seed gives the same report.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { builtInAdapters } from '../index.js';
import type { Report } from '../../core/report/build-report.js';
import { run } from '../../test/helpers.js';
import { kinesisAdapter } from './index.js';
import { kinesisProbe, resetKinesisProbe } from './probe.js';

/** Runs with the kinesis adapter registered once (whether or not adapters/index.ts lists it). */
const runK = (yaml: string, options: { trace?: boolean; set?: string[] } = {}) =>
  run(yaml, { ...options, extra: builtInAdapters.some((a) => a.meta.type === 'kinesis') ? [] : [kinesisAdapter] });

/** generated = succeeded + failed + dropped + rejected + inFlight. */
function expectLedgerBalanced(report: Report, source: string): void {
  const d = report.sources[source]!.delivery;
  expect(d.succeeded + d.failed + d.dropped + d.rejected + d.inFlight).toBe(d.generated);
}

const stream = (body: string, { duration = '60s', functions = 'proc: { duration: 1s }', drain = '1h' } = {}) => `
name: kinesis
duration: ${duration}
drain: ${drain}
functions:
  ${functions}
sources:
  orders:
    type: kinesis
${body}`;

afterEach(resetKinesisProbe);

describe('concurrency: at most shards × parallelizationFactor batches', () => {
  it.each([
    [4, 1],
    [4, 3],
    [2, 10],
  ])('%i shards, factor %i: reached under backlog and never exceeded', (shards, factor) => {
    // 2,000 records/s over all shards (≤ 1,000 per shard), 10 per batch, 1 s runs: every lane falls behind.
    const { report } = runK(
      stream(`    shards: ${shards}
    consumer: { function: proc, batchSize: 10, parallelizationFactor: ${factor} }
    load: { phases: [ { duration: 30s, arrivalRate: ${250 * shards} } ] }`, { drain: '10m' }),
    );
    expect(report.functions.proc!.ConcurrentExecutions.max).toBe(shards * factor);
    expectLedgerBalanced(report, 'orders');
  });
});

describe('order per partition key', () => {
  it('never runs two batches holding one key at once, and runs each key in arrival order', () => {
    const inFlightKeys = new Map<number, number>(); // key → lane running it
    const laneKeys = new Map<number, number[]>();
    const lastArrival = new Map<number, number>();
    let handled = 0;
    let violations = 0;
    kinesisProbe.runStart = (_source, lane, store, list, count) => {
      const keys: number[] = [];
      for (let i = 0, slot = list.head; i < count; i++, slot = list.after(slot)) {
        const key = store.key[slot]!;
        const arrival = store.enqueuedAt[slot]!;
        if (inFlightKeys.has(key) && inFlightKeys.get(key) !== lane) violations++;
        if (arrival < (lastArrival.get(key) ?? -1)) violations++;
        inFlightKeys.set(key, lane);
        lastArrival.set(key, arrival);
        keys.push(key);
        handled++;
      }
      laneKeys.set(lane, keys);
    };
    kinesisProbe.runEnd = (_source, lane) => {
      for (const key of laneKeys.get(lane)!) inFlightKeys.delete(key);
    };
    const { report } = runK(
      stream(`    shards: 2
    partitionKeys: 50
    consumer: { function: proc, batchSize: 20, parallelizationFactor: 4 }
    load: { phases: [ { duration: 30s, arrivalRate: 600 } ] }`, { functions: 'proc: { duration: { dist: uniform, min: 200ms, max: 2s } }' }),
    );
    expect(violations).toBe(0);
    expect(handled).toBe(report.sources.orders!.IncomingRecords);
    expect(report.sources.orders!.delivery).toMatchObject({ succeeded: handled, inFlight: 0 });
    expect(report.functions.proc!.ConcurrentExecutions.max).toBe(8); // lanes really ran side by side
  });
});

describe('polling', () => {
  it('an idle shard is polled on its 1-s tick; a busy lane goes back to back', () => {
    // One record at 0.3 s, then 300 at 5.2 s; 1 shard ticks at whole seconds.
    const { report, starts } = runK(
      stream(`    consumer: { function: proc, batchSize: 100 }
    load: { phases: [ { pause: 300ms }, { burst: 1 }, { pause: 4900ms }, { burst: 300 } ] }`, { functions: 'proc: { duration: 1s, coldStart: { init: 0ms } }' }),
      { trace: true },
    );
    expect(starts.map((s) => s.t)).toStrictEqual([1000, 6000, 7000, 8000]);
    expect(report.sources.orders!.GetRecords).toStrictEqual({ Records: 301, Bytes: 301 * 1024 });
  });

  it('a batching window holds a small batch until the window ends, a full one goes at once', () => {
    const windowed = runK(
      stream(`    consumer: { function: proc, batchSize: 100, maximumBatchingWindow: 5s }
    load: { phases: [ { pause: 300ms }, { burst: 10 }, { pause: 20s }, { burst: 100 } ] }`),
      { trace: true },
    );
    expect(windowed.starts.map((s) => s.t)).toStrictEqual([5300, 20300]);
    expect(windowed.report.functions.proc!.Invocations).toBe(2);
  });
});

describe('a shard that falls behind', () => {
  it('IteratorAge grows by half a second per second when the consumer drains at half the arrival rate', () => {
    // 400 records/s (evenly spaced) for 100 s into 1 shard; batches of 100 taking 500 ms drain 200/s.
    // Batch j reads records 100j..100j+99 and starts at 1.25 + 0.5 j s (first poll at 1 s, then a
    // 250 ms cold start); its last record arrived at (100j + 99.5) / 400 s, so its iterator age is
    // 1.00125 + 0.25 j s: the last (j = 399) reads at 100.75 s, and the mean over the 400 reads is 50.88 s.
    const { report } = runK(
      stream(`    consumer: { function: proc, batchSize: 100 }
    load: { arrivals: uniform, phases: [ { duration: 100s, arrivalRate: 400 } ] }`, {
        duration: '100s',
        drain: '10m',
        functions: 'proc: { duration: 500ms, coldStart: { init: 250ms } }',
      }),
    );
    const source = report.sources.orders!;
    expect(source.delivery).toMatchObject({ generated: 40_000, succeeded: 40_000, inFlight: 0 });
    expect(report.functions.proc!.Invocations).toBe(400); // always full batches: back to back
    const age = source.IteratorAge as { max: number; mean: number };
    expect(age.max).toBeCloseTo(100_751.25, -1);
    expect(age.mean).toBeCloseTo(50_875.6, -1);
    expect(report.functions.proc!.IteratorAge!.max).toBeCloseTo(100_751.25, -1);
    // The time series rises with slope ½ while the backlog lasts (until about 200 s).
    const series = report.series.series['sources.orders.IteratorAge']!;
    const bucketMs = report.series.bucketSeconds * 1000;
    const at = (t: number) => series[Math.floor(t / bucketMs)]!;
    const slope = (at(180_000) - at(40_000)) / (Math.floor(180_000 / bucketMs) - Math.floor(40_000 / bucketMs)) / bucketMs;
    expect(slope).toBeCloseTo(0.5, 2);
    // The first record of the last batch waited longest: arrived at 99.75 s, done at 201.25 s.
    expect(source.EndToEndLatency.max).toBeCloseTo(101_498.75, -1);
  });
});

describe('write limits per shard', () => {
  it('2,000 records/s into 1 shard for 10 s: exactly 1,000 a second get in, the rest are refused', () => {
    const { report } = runK(stream(`    load: { phases: [ { duration: 10s, arrivalRate: 2000 } ] }`, { duration: '10s' }));
    const source = report.sources.orders!;
    const { generated, rejected } = source.delivery;
    expect(source.IncomingRecords).toBe(10_000);
    expect(rejected).toBe(generated - 10_000);
    expect(Math.abs(rejected - 10_000)).toBeLessThan(4 * Math.sqrt(20_000)); // Poisson(20,000) arrivals
    expect(source.WriteProvisionedThroughputExceeded).toBe(rejected);
    const series = report.series.series['sources.orders.WriteProvisionedThroughputExceeded']!;
    expect(series.reduce((a, b) => a + b, 0)).toBe(rejected);
    // No consumer: the accepted records wait at rest.
    expect(source.delivery.inFlight).toBe(10_000);
  });

  it('1 MiB/s per shard: 10 KiB records get in 102 a second', () => {
    const { report } = runK(stream(`    recordSize: 10KB
    load: { phases: [ { duration: 10s, arrivalRate: 200 } ] }`, { duration: '10s' }));
    const source = report.sources.orders!;
    expect(source.IncomingRecords).toBe(1020); // floor(1,048,576 / 10,240) = 102 per second
    expect(source.IncomingBytes).toBe(1020 * 10_240);
    expect(source.WriteProvisionedThroughputExceeded).toBe(source.delivery.rejected);
  });

  it('the limit is per shard: 4 shards take 2,000/s spread over keys, but not 2,000/s of one key', () => {
    const spread = runK(stream(`    shards: 4
    load: { phases: [ { duration: 10s, arrivalRate: 2000 } ] }`, { duration: '10s' })).report.sources.orders!;
    expect(spread.WriteProvisionedThroughputExceeded).toBe(0);
    const hot = runK(stream(`    shards: 4
    partitionKeys: 1
    load: { phases: [ { duration: 10s, arrivalRate: 2000 } ] }`, { duration: '10s' })).report.sources.orders!;
    expect(hot.IncomingRecords).toBe(10_000);
  });

  it('a record over 1 MiB is refused whatever the limits', () => {
    const { report } = runK(stream(`    recordSize: 1025KB
    consumer: { function: proc }
    load: { phases: [ { duration: 10s, arrivalRate: 5 } ] }`));
    const source = report.sources.orders!;
    expect(source.delivery.rejected).toBe(source.delivery.generated);
    expect(source.RecordsTooLarge).toBe(source.delivery.generated);
    expect(source.WriteProvisionedThroughputExceeded).toBe(0);
    expect(report.functions.proc!.Invocations).toBe(0);
  });
});

describe('cost', () => {
  it('bills shard-hours over the traffic window and one PUT unit per started 25 KiB of each accepted record', () => {
    const { report } = runK(
      stream(`    shards: 3
    recordSize: 30KB
    consumer: { function: proc }
    load: { phases: [ { duration: 2h, arrivalCount: 1000 } ] }`, { duration: '2h' }),
    );
    const line = (item: string) => report.cost.lines.find((l) => l.service === 'Amazon Kinesis Data Streams' && l.item === item)!;
    expect(line('shard hours (provisioned)').quantity).toBe(6);
    expect(line('shard hours (provisioned)').usd).toBeCloseTo(6 * 0.015, 6);
    expect(line('PUT payload units').quantity).toBe(2000); // 30 KiB = 2 units
  });
});

describe('records routed from another source', () => {
  it('are written like load records, and the sender hears each final state', () => {
    const { report } = runK(`
name: routed
duration: 10m
functions:
  proc: { duration: 100ms }
sources:
  tick: { type: schedule, expression: rate(1 minute), targets: [orders] }
  orders:
    type: kinesis
    consumer: { function: proc }
`);
    expect(report.sources.tick!.delivery).toMatchObject({ generated: 10, succeeded: 10, inFlight: 0 });
    expect(report.sources.orders!.delivery).toMatchObject({ generated: 10, succeeded: 10, inFlight: 0 });
    expect(report.sources.orders!.IncomingRecords).toBe(10);
  });

  it('a routed record given up reaches its sender as dropped', () => {
    const { report } = runK(`
name: routed failing
duration: 5m
functions:
  proc: { duration: 100ms, errorRate: 1 }
sources:
  tick: { type: schedule, expression: rate(1 minute), targets: [orders] }
  orders:
    type: kinesis
    consumer: { function: proc, maximumRetryAttempts: 0 }
`);
    expect(report.sources.tick!.delivery).toMatchObject({ generated: 5, dropped: 5, inFlight: 0 });
    expect(report.sources.orders!.delivery).toMatchObject({ generated: 5, dropped: 5, inFlight: 0 });
  });
});

describe('determinism', () => {
  const scenario = stream(`    shards: 3
    poisonRate: 0.001
    consumer: { function: proc, batchSize: 50, parallelizationFactor: 2, bisectBatchOnFunctionError: true, maximumRetryAttempts: 3 }
    load: { phases: [ { duration: 60s, arrivalRate: 1500 } ] }`, { functions: 'proc: { duration: { dist: lognormal, median: 300ms, p99: 2s } }' });
  const strip = (report: Report) => JSON.stringify({ ...report, engine: undefined });

  it('the same seed gives the same report; another seed another', () => {
    const a = runK(scenario, { set: ['seed=7'] }).report;
    const b = runK(scenario, { set: ['seed=7'] }).report;
    const c = runK(scenario, { set: ['seed=8'] }).report;
    expect(strip(a)).toBe(strip(b));
    expect(strip(a)).not.toBe(strip(c));
    expectLedgerBalanced(a, 'orders');
    expect(a.sources.orders!.delivery.inFlight).toBe(0);
  });
});
