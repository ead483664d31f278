/**
 * Async destinations (docs/aws-model.md rule 18): `async.onSuccess` and
 * `async.onFailure` may name a function (an async invoke of it) or a
 * destination source (an sqs send). What reaches onFailure is delivery
 * `failed` at the source; the destination counts what it received.
 */
import { describe, expect, it } from 'vitest';
import { load, run } from './helpers.js';

const scenario = (asyncConfig: string, extra = '') => `
name: destinations
duration: 100s
functions:
  f:
    duration: 100ms
    errorRate: ERROR_RATE
    async: ${asyncConfig}
  audit: { duration: 10ms }
sources:
  events:
    type: invoke
    mode: async
    targets: [f]
    load: { phases: [ { duration: 100s, arrivalCount: 200 } ] }
${extra}`;

describe('async destinations', () => {
  it('onFailure to a queue: every given-up event is sent once, and the queue counts it', () => {
    const { report } = run(scenario('{ maximumRetryAttempts: 0, onFailure: failures }', '  failures: { type: sqs }').replace('ERROR_RATE', '1'));
    expect(report.sources.events!.delivery).toMatchObject({ generated: 200, failed: 200, dropped: 0, inFlight: 0 });
    expect(report.sources.failures!.NumberOfMessagesSent).toBe(200);
    expect(report.sources.failures!.delivery).toMatchObject({ generated: 200, inFlight: 200 }); // nothing consumes it
  });

  it('onFailure to a function: one async invoke of it per given-up event', () => {
    const { report } = run(scenario('{ maximumRetryAttempts: 1, onFailure: audit }').replace('ERROR_RATE', '1'));
    expect(report.functions.f!.Invocations).toBe(400); // one retry each
    expect(report.functions.audit!.AsyncEventsReceived).toBe(200);
    expect(report.functions.audit!.Invocations).toBe(200);
    expect(report.sources.events!.delivery).toMatchObject({ failed: 200 });
  });

  it('onSuccess to a function: one record per handled event, none for failures', () => {
    const { report } = run(scenario('{ maximumRetryAttempts: 0, onSuccess: audit }').replace('ERROR_RATE', '0.25'));
    const handled = report.sources.events!.delivery.succeeded;
    // No retries, a 25% error rate: Binomial(200, 0.75), mean 150, sd 6.1; ±4 sd.
    expect(handled).toBeGreaterThan(150 - 25);
    expect(handled).toBeLessThan(150 + 25);
    expect(report.functions.audit!.AsyncEventsReceived).toBe(handled);
  });

  it('onSuccess to a queue consumed by a function: the chain adds up', () => {
    const { report } = run(
      scenario('{ onSuccess: done }', '  done: { type: sqs, consumer: { function: audit, batchSize: 10, maximumBatchingWindow: 1s } }').replace('ERROR_RATE', '0'),
    );
    expect(report.sources.done!.delivery).toMatchObject({ generated: 200, succeeded: 200, inFlight: 0 });
  });

  it('refuses a destination that cannot receive events, naming both ends', () => {
    expect(() => load(scenario('{ onFailure: events }').replace('ERROR_RATE', '0'))).toThrow(
      'test.yaml:8 /functions/f/async/onFailure: "events" is an invoke source, which onFailure cannot send events to here',
    );
    expect(() => load(scenario('{ onSuccess: f }').replace('ERROR_RATE', '0'))).toThrow(/onSuccess: a function cannot be its own onSuccess destination/);
  });
});
