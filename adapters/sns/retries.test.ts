/**
 * Hand-off failures (Amazon SNS developer guide, "message delivery retries"
 * and "dead-letter queues"): a server-side failure is retried by the delivery
 * policy for AWS-managed endpoints, so copies reach their subscriber only at
 * the policy's attempt times, in the shares the failure rate implies; past the
 * last retry (about 23 days) a copy goes to the subscription's dead-letter
 * queue or is discarded. A client-side error (the subscriber refuses the copy)
 * is not retried and goes to the dead-letter queue at once. Nothing is lost:
 * copies still retrying when the run ends are in flight.
 */
import { describe, expect, it } from 'vitest';
import { run } from '../../test/helpers.js';

const DAY_MS = 86_400_000;

/** AWS's phases: the first attempt and 3 immediate retries at 0, 2 retries 1 s apart, 10 exponential 1 s → 20 s, then every 20 s. */
function policyAttemptTimes(count: number): number[] {
  const waits = [0, 0, 0, 1000, 1000, ...Array.from({ length: 10 }, (_, k) => Math.round(1000 * 20 ** (k / 9)))];
  const times = [0];
  for (let i = 0; times.length < count; i++) times.push(times.at(-1)! + (waits[i] ?? 20_000));
  return times;
}

const topic = (settings: string, extra = '', duration = '10s', drain = '1h') => `
name: retries
duration: ${duration}
drain: ${drain}
account: { concurrencyLimit: 2000 }
functions:
  audit: { duration: 5ms }
sources:
  alerts:
    type: sns
${settings}
${extra}`;

describe('server-side failures', () => {
  it('deliver each copy at an attempt time of the policy, Binomial by time t as the failure rate says', () => {
    const { report, starts } = run(topic('    handoffErrorRate: 0.75\n    targets: [audit]\n    load: { phases: [ { burst: 1000 } ] }'), { trace: true });
    const times = policyAttemptTimes(40);
    // Every invocation starts when SNS handed its copy over: at one of the policy's attempt times.
    for (const { t } of starts) expect(times, `a run started at ${t} ms`).toContain(t);
    // Delivered by time t: Binomial(1000, 1 − 0.75^(attempts made by t)); ±5 sd.
    for (const t of [0, 1000, 2000, 3000, times[10]!, times[20]!]) {
      const attempts = times.filter((x) => x <= t).length;
      const p = 1 - 0.75 ** attempts;
      const sd = Math.sqrt(1000 * p * (1 - p));
      const delivered = starts.filter((s) => s.t <= t).length;
      expect(delivered, `by ${t} ms (${attempts} attempts)`).toBeGreaterThan(1000 * p - 5 * sd - 1);
      expect(delivered, `by ${t} ms (${attempts} attempts)`).toBeLessThan(1000 * p + 5 * sd + 1);
    }
    expect(report.sources.alerts!.NumberOfNotificationsDelivered).toBe(starts.length);
  });

  it('always failing: nothing is delivered, and copies still retrying when the drain ends are in flight', () => {
    const { report } = run(topic('    handoffErrorRate: 1\n    targets: [audit]\n    load: { phases: [ { burst: 50 } ] }', '', '10s', '5m'));
    expect(report.simulated.cutByDrain).toBe(true);
    expect(report.sources.alerts!.delivery).toMatchObject({ generated: 50, succeeded: 0, inFlight: 50 });
    expect(report.sources.alerts!.NumberOfNotificationsFailed).toBe(0);
    expect(report.functions.audit!.Invocations).toBe(0);
  });

  it('always failing: after the last retry, about 23 days on, the copy goes to the dead-letter queue', () => {
    const { report, engine } = run(
      topic('    handoffErrorRate: 1\n    subscriptions: [ { target: audit, deadLetterTarget: dlq } ]\n    load: { phases: [ { burst: 1 } ] }', '  dlq: { type: sqs, retentionPeriod: 14d }', '1s', '30d'),
    );
    const lastAttempt = policyAttemptTimes(1 + 100_015).at(-1)!;
    expect(engine.outcome!.endMs).toBe(lastAttempt); // the give-up is the run's last event
    expect(lastAttempt / DAY_MS).toBeGreaterThan(23);
    expect(lastAttempt / DAY_MS).toBeLessThan(23.2);
    const alerts = report.sources.alerts!;
    expect(alerts.delivery).toMatchObject({ generated: 1, failed: 1, inFlight: 0 });
    expect(alerts.NumberOfNotificationsFailed).toBe(1);
    expect(alerts.NumberOfNotificationsRedrivenToDlq).toBe(1);
    expect(report.sources.dlq!.NumberOfMessagesSent).toBe(1);
    expect(report.functions.audit!.Invocations).toBe(0);
  });

  it('always failing, without a dead-letter queue: the copy is discarded (dropped)', () => {
    const { report } = run(topic('    handoffErrorRate: 1\n    targets: [audit]\n    load: { phases: [ { burst: 1 } ] }', '', '1s', '30d'));
    expect(report.sources.alerts!.delivery).toMatchObject({ generated: 1, dropped: 1, inFlight: 0 });
    expect(report.sources.alerts!.NumberOfNotificationsFailed).toBe(1);
  });
});

describe('client-side errors', () => {
  // 1,048,000 bytes fit the topic (1 MB = 1,048,576 bytes) but not with SNS's envelope of about 1 KB: over Lambda's and SQS's 1 MB.
  const big = (subscriptions: string) =>
    topic(`    maximumMessageSize: 1MB
    messageSize: 1048000
    subscriptions: ${subscriptions}
    load: { phases: [ { duration: 10s, arrivalCount: 100 } ] }`, '  jobs: { type: sqs }\n  dlq: { type: sqs }');

  it('a function refusing the copy: not retried, to the dead-letter queue at once (failed)', () => {
    const { report, engine } = run(big('[ { target: audit, deadLetterTarget: dlq } ]'));
    const alerts = report.sources.alerts!;
    expect(alerts.delivery).toMatchObject({ generated: 100, failed: 100, inFlight: 0 });
    expect(alerts.NumberOfNotificationsFailed).toBe(100);
    expect(alerts.NumberOfNotificationsRedrivenToDlq).toBe(100);
    expect(alerts.NumberOfNotificationsDelivered).toBe(0);
    expect(report.functions.audit!.AsyncEventsReceived).toBe(0);
    expect(report.sources.dlq!.NumberOfMessagesSent).toBe(100);
    expect(engine.outcome!.endMs).toBe(10_000); // no retry outlived the traffic
  });

  it('a queue refusing the copy, without a dead-letter queue: discarded (dropped), the queue counts its refusal', () => {
    const { report } = run(big('[ { target: jobs } ]'));
    expect(report.sources.alerts!.delivery).toMatchObject({ generated: 100, dropped: 100, inFlight: 0 });
    expect(report.sources.alerts!.NumberOfNotificationsFailed).toBe(100);
    expect(report.sources.jobs!.delivery).toMatchObject({ generated: 100, rejected: 100 });
  });

  it('a copy that fits is delivered: the refusals above come from the envelope', () => {
    const { report } = run(big('[ { target: audit, deadLetterTarget: dlq }, { target: jobs } ]').replace('1048000', '1000KB'));
    expect(report.sources.alerts!.NumberOfNotificationsDelivered).toBe(200);
    expect(report.sources.alerts!.NumberOfNotificationsFailed).toBe(0);
    expect(report.functions.audit!.AsyncEventsReceived).toBe(100);
  });
});
