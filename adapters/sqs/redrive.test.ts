/**
 * Redrive and poison messages (docs/aws-model.md rules 14, 21): a consumer that
 * always fails moves every message to the dead-letter queue after exactly
 * maxReceiveCount receives; poison messages reach the DLQ alone with partial
 * batch responses, and drag whole batches with them without. Ledgers add up
 * at every hop.
 */
import { describe, expect, it } from 'vitest';
import type { Report } from '../../core/report/build-report.js';
import { run } from '../../test/helpers.js';

function balanced(report: Report): void {
  for (const [name, source] of Object.entries(report.sources)) {
    const d = source.delivery;
    expect(d.succeeded + d.failed + d.dropped + d.rejected + d.inFlight, name).toBe(d.generated);
  }
}

const queue = (consumer: string, extra = '', load = '{ phases: [ { duration: 100s, arrivalRate: 10 } ] }') => `
name: redrive
duration: 100s
functions:
  worker: { duration: 100ms, timeout: 5s, errorRate: ERROR_RATE }
sources:
  jobs:
    type: sqs
    visibilityTimeout: 30s
    redrive: { maxReceiveCount: 4, deadLetterTarget: jobs-dlq }
    consumer: ${consumer}
    load: ${load}
${extra}
  jobs-dlq: { type: sqs }
`;

describe('sqs redrive', () => {
  it('an always-failing consumer moves every message to the DLQ after exactly maxReceiveCount receives', () => {
    const { report } = run(queue('{ function: worker, batchSize: 5 }').replace('ERROR_RATE', '1'));
    const jobs = report.sources.jobs!;
    const sent = jobs.NumberOfMessagesSent as number;
    expect(sent).toBeGreaterThan(900); // Poisson, 10 a second for 100 s
    expect(jobs.delivery).toStrictEqual({ generated: sent, succeeded: 0, failed: sent, dropped: 0, rejected: 0, inFlight: 0 });
    expect(jobs.NumberOfMessagesReceived).toBe(4 * sent);
    expect(jobs.NumberOfMessagesMovedToDLQ).toBe(sent);
    expect(jobs.NumberOfMessagesDeleted).toBe(0);
    // The DLQ counts what it received; nothing consumes it, so its messages wait there, in flight.
    expect(report.sources['jobs-dlq']!.delivery).toStrictEqual({ generated: sent, succeeded: 0, failed: 0, dropped: 0, rejected: 0, inFlight: sent });
    balanced(report);
  });

  it('returns failed messages only when the visibility timeout ends', () => {
    const { starts } = run(queue('{ function: worker, batchSize: 10 }', '', '{ phases: [ { burst: 1 } ] }').replace('ERROR_RATE', '1'), { trace: true });
    // Received at 0, run fails at 100 ms (+ 250 ms INIT); visible again at 30 s, 60 s, 90 s; the 5th receive moves it.
    expect(starts.map((s) => s.t)).toStrictEqual([0, 30_000, 60_000, 90_000]);
  });

  it('with partial batch responses, about 1% poison puts about 1% in the DLQ, and no healthy message', () => {
    const { report } = run(
      queue('{ function: worker, batchSize: 100, maximumBatchingWindow: 1s, reportBatchItemFailures: true }', '    poisonRate: 0.01', '{ phases: [ { duration: 100s, arrivalRate: 200 } ] }').replace(
        'ERROR_RATE',
        '0',
      ),
    );
    const jobs = report.sources.jobs!;
    const sent = jobs.NumberOfMessagesSent as number;
    const moved = jobs.NumberOfMessagesMovedToDLQ as number;
    // Binomial(20,000, 0.01): mean 200, sd 14; ±5 sd.
    expect(moved).toBeGreaterThan(200 - 70);
    expect(moved).toBeLessThan(200 + 70);
    expect(jobs.delivery.failed).toBe(moved);
    expect(jobs.delivery.succeeded).toBe(sent - moved);
    expect(report.functions.worker!.Errors).toBe(0); // a partial batch response is a successful run
    balanced(report);
  });

  it('without partial batch responses, the same poison fails whole batches: far more reach the DLQ', () => {
    const { report } = run(
      queue('{ function: worker, batchSize: 100, maximumBatchingWindow: 1s }', '    poisonRate: 0.01', '{ phases: [ { duration: 100s, arrivalRate: 200 } ] }').replace('ERROR_RATE', '0'),
    );
    const jobs = report.sources.jobs!;
    const moved = jobs.NumberOfMessagesMovedToDLQ as number;
    // A batch of 100 holds a poison message with probability 1 − 0.99^100 = 63%: a healthy message
    // fails 4 receives in a row far more often than 1% of the time.
    expect(moved).toBeGreaterThan(5 * 200);
    expect(report.functions.worker!.Errors).toBeGreaterThan(0);
    balanced(report);
  });
});
