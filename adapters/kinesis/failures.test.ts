/**
 * Failed batches of the kinesis mapping, against AWS's rules (docs/aws-model.md
 * rules 15 and 21; adapters/kinesis/README.md, "Function errors", "Given up"
 * and "Retention"): a poison record blocks
 * only its shard; bisection isolates it in log2 steps without spending
 * attempts; a partial batch response checkpoints at the lowest failed record;
 * a batch given up sends one on-failure record; records expire with the
 * retention period or `maximumRecordAge`; throttles spend no attempt.
 * Poison records are placed exactly through the test probe.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { builtInAdapters } from '../index.js';
import type { Report } from '../../core/report/build-report.js';
import { run } from '../../test/helpers.js';
import { kinesisAdapter } from './index.js';
import { kinesisProbe, resetKinesisProbe } from './probe.js';

const runK = (yaml: string, options: { trace?: boolean } = {}) =>
  run(yaml, { ...options, extra: builtInAdapters.some((a) => a.meta.type === 'kinesis') ? [] : [kinesisAdapter] });

function expectLedgerBalanced(report: Report, source: string): void {
  const d = report.sources[source]!.delivery;
  expect(d.succeeded + d.failed + d.dropped + d.rejected + d.inFlight).toBe(d.generated);
}

/** Sizes of the batches that started runs, in order. */
function traceBatchSizes(): number[] {
  const sizes: number[] = [];
  kinesisProbe.runStart = (_source, _lane, _store, _list, count) => sizes.push(count);
  return sizes;
}

/** One shard, records written as one burst at t = 0, the given records poison. */
const burst = (count: number, consumer: string, poison: number[], functions = 'proc: { duration: 1s }\n  audit: { duration: 10ms }') => {
  kinesisProbe.poison = (_source, _shard, n) => poison.includes(n);
  return `
name: failing batch
duration: 10s
functions:
  ${functions}
sources:
  orders:
    type: kinesis
    consumer: ${consumer}
    load: { phases: [ { burst: ${count} } ] }
`;
};

afterEach(resetKinesisProbe);

describe('bisectBatchOnFunctionError', () => {
  it('isolates one poison record of 8 in log2(8) splits, then spends the retry attempts on it alone', () => {
    const sizes = traceBatchSizes();
    const { report } = runK(burst(8, '{ function: proc, batchSize: 8, bisectBatchOnFunctionError: true, maximumRetryAttempts: 2, onFailure: audit }', [5]));
    // 8 ✗ → 4 ✓ (0–3), 4 ✗ (4–7) → 2 ✗ (4–5) → 1 ✓ (4), 1 ✗ (5) ×3 (first try + 2 retries) → 2 ✓ (6–7).
    expect(sizes).toStrictEqual([8, 4, 4, 2, 1, 1, 1, 1, 2]);
    expect(report.functions.proc!.Invocations).toBe(2 * Math.log2(8) + 1 + 2);
    expect(report.functions.proc!.Errors).toBe(Math.log2(8) + 1 + 2);
    expect(report.sources.orders!.delivery).toMatchObject({ generated: 8, succeeded: 7, failed: 1, dropped: 0, inFlight: 0 });
    expect(report.sources.orders!.OnFailureRecords).toBe(1);
    expect(report.functions.audit!.AsyncEventsReceived).toBe(1);
    expect(report.sources.orders!.GetRecords).toMatchObject({ Records: 8 + 4 + 4 + 2 + 1 + 1 + 1 + 1 + 2 });
  });

  it('without bisection the whole batch fails together and is given up after maximumRetryAttempts', () => {
    const sizes = traceBatchSizes();
    const { report } = runK(burst(8, '{ function: proc, batchSize: 8, maximumRetryAttempts: 2, onFailure: audit }', [5]));
    expect(sizes).toStrictEqual([8, 8, 8]);
    expect(report.sources.orders!.delivery).toMatchObject({ generated: 8, succeeded: 0, failed: 8, inFlight: 0 });
    expect(report.sources.orders!.RecordsDiscarded).toBe(8);
    expect(report.functions.audit!.AsyncEventsReceived).toBe(1); // one on-failure record per discarded batch
  });

  it('without onFailure the given-up records are dropped', () => {
    const { report } = runK(burst(8, '{ function: proc, batchSize: 8, bisectBatchOnFunctionError: true, maximumRetryAttempts: 0 }', [0, 7]));
    expect(report.sources.orders!.delivery).toMatchObject({ generated: 8, succeeded: 6, failed: 0, dropped: 2, inFlight: 0 });
    expect(report.sources.orders!.OnFailureRecords).toBe(0);
  });
});

describe('reportBatchItemFailures', () => {
  it('checkpoints at the lowest failed record: the records before it succeed, the retry starts there', () => {
    const sizes = traceBatchSizes();
    const { report } = runK(burst(10, '{ function: proc, batchSize: 10, reportBatchItemFailures: true, maximumRetryAttempts: 2, onFailure: audit }', [3, 7]));
    // Run 1: items 3 and 7 fail → 0–2 succeed, retry 3–9; runs 2 and 3 fail at their first item → given up.
    expect(sizes).toStrictEqual([10, 7, 7]);
    expect(report.functions.proc!.Errors).toBe(0); // partial batch responses are successful runs
    expect(report.sources.orders!.delivery).toMatchObject({ generated: 10, succeeded: 3, failed: 7, inFlight: 0 });
    expect(report.functions.audit!.AsyncEventsReceived).toBe(1);
  });

  it('a failed item that is not the first still lets the earlier ones through on each run', () => {
    const sizes = traceBatchSizes();
    const { report } = runK(burst(6, '{ function: proc, batchSize: 6, reportBatchItemFailures: true, maximumRetryAttempts: 0 }', [4]));
    expect(sizes).toStrictEqual([6]);
    expect(report.sources.orders!.delivery).toMatchObject({ generated: 6, succeeded: 4, dropped: 2, inFlight: 0 });
  });
});

describe('a poison record with unlimited retries', () => {
  it('blocks only its own shard: the other shard drains, the blocked one holds its records', () => {
    const perShard = [0, 0];
    kinesisProbe.poison = (_source, shard, n) => {
      perShard[shard] = n + 1;
      return shard === 0 && n === 0;
    };
    const { report } = runK(`
name: blocked shard
duration: 60s
drain: 10m
functions:
  proc: { duration: 1s }
sources:
  orders:
    type: kinesis
    shards: 2
    consumer: { function: proc }
    load: { phases: [ { duration: 60s, arrivalRate: 50 } ] }
`);
    const d = report.sources.orders!.delivery;
    expect(perShard[0]).toBeGreaterThan(0);
    expect(d.succeeded).toBe(perShard[1]);
    expect(d.inFlight).toBe(perShard[0]); // still blocked when the drain ends the run
    expect(d.failed + d.dropped).toBe(0);
    expectLedgerBalanced(report, 'orders');
    // Retried once a run ends (1 s) from 1 s to the end of the drain, 11 minutes in all: about 660 errors.
    expect(report.functions.proc!.Errors).toBeGreaterThan(650);
    expect(report.functions.proc!.Errors).toBeLessThan(662);
    // The blocked shard's IteratorAge grows to about the whole run (660 s).
    expect((report.sources.orders!.IteratorAge as { max: number }).max).toBeGreaterThan(650_000);
  });

  it('is given up when it reaches the retention period (24 h); the shard then drains what waited', () => {
    kinesisProbe.poison = (_source, _shard, n) => n === 0;
    const { report } = runK(`
name: blocked a day
duration: 2h
drain: 23h
functions:
  proc: { duration: 1s }
sources:
  orders:
    type: kinesis
    consumer: { function: proc, batchSize: 1 }
    load: { phases: [ { burst: 1 }, { duration: 2h, arrivalCount: 100 } ] }
`);
    const source = report.sources.orders!;
    expect(source.delivery).toMatchObject({ generated: 101, succeeded: 100, dropped: 1, inFlight: 0 });
    expect(source.RecordsDiscarded).toBe(1);
    // The records behind it waited until the poison record was 24 h old.
    expect(source.EndToEndLatency.max).toBeGreaterThan(23 * 3_600_000);
    expect(source.EndToEndLatency.max).toBeLessThanOrEqual(24 * 3_600_000 + 2000);
    expect((source.IteratorAge as { max: number }).max).toBeGreaterThanOrEqual(24 * 3_600_000 - 1000);
  });
});

describe('maximumRecordAge', () => {
  it('discards, in groups of batchSize, the records a slow consumer reaches too late', () => {
    // 1,000 records at t = 0, 10 per batch, 1 s runs after a 250 ms cold start: reads at 0 s, 1.25 s,
    // 2.25 s, …, 59.25 s are younger than 60 s (60 batches, 600 records); at 60.25 s the other 400 are
    // older: 40 groups of 10, one on-failure record each.
    const { report } = runK(burst(1000, '{ function: proc, batchSize: 10, maximumRecordAge: 60s, onFailure: audit }', [], 'proc: { duration: 1s, coldStart: { init: 250ms } }\n  audit: { duration: 10ms }'));
    const source = report.sources.orders!;
    expect(report.functions.proc!.Invocations).toBe(60);
    expect(source.delivery).toMatchObject({ generated: 1000, succeeded: 600, failed: 400, inFlight: 0 });
    expect(source.OnFailureRecords).toBe(40);
    expect(report.functions.audit!.AsyncEventsReceived).toBe(40);
  });
});

describe('retention without a consumer', () => {
  it('records wait at rest and are dropped when they reach 24 h', () => {
    const { report } = runK(`
name: unread stream
duration: 26h
functions:
  unused: { duration: 1s }
sources:
  orders:
    type: kinesis
    load: { phases: [ { burst: 5 }, { pause: 25h }, { burst: 3 } ] }
`);
    const source = report.sources.orders!;
    expect(source.delivery).toMatchObject({ generated: 8, dropped: 5, inFlight: 3 });
    expect(source.RecordsExpired).toBe(5);
  });
});

describe('throttles', () => {
  it('are retried with back-off and spend no retry attempt', () => {
    // Reserved concurrency 1 for 4 lanes: most tries are throttled, yet with maximumRetryAttempts 0 nothing is lost.
    const { report } = runK(`
name: throttled
duration: 30s
functions:
  proc: { duration: 200ms, reservedConcurrency: 1 }
sources:
  orders:
    type: kinesis
    shards: 4
    consumer: { function: proc, maximumRetryAttempts: 0 }
    load: { phases: [ { duration: 30s, arrivalRate: 200 } ] }
`);
    const source = report.sources.orders!;
    expect(report.functions.proc!.Throttles).toBeGreaterThan(0);
    expect(source.ThrottledBatchTries).toBe(report.functions.proc!.Throttles);
    expect(report.functions.proc!.ConcurrentExecutions.max).toBe(1);
    expect(source.delivery).toMatchObject({ succeeded: source.delivery.generated, inFlight: 0 });
    expect(source.RecordsDiscarded).toBe(0);
  });
});

describe('onFailure to a queue', () => {
  it('sends one message per discarded batch to an sqs destination', () => {
    kinesisProbe.poison = () => true;
    const { report } = runK(`
name: to a queue
duration: 10s
functions:
  proc: { duration: 100ms }
sources:
  orders:
    type: kinesis
    consumer: { function: proc, batchSize: 5, maximumRetryAttempts: 1, onFailure: failed-orders }
    load: { phases: [ { burst: 20 } ] }
  failed-orders: { type: sqs }
`);
    expect(report.sources.orders!.delivery).toMatchObject({ generated: 20, failed: 20, inFlight: 0 });
    expect(report.sources['failed-orders']!.delivery.generated).toBe(4);
  });
});
