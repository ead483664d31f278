/**
 * Asynchronous invocation (docs/aws-model.md rule 7): a failing event runs
 * exactly 1 + maximumRetryAttempts times, about 1 min then 2 min after each
 * failure; throttles go back on the queue with back-off 1 s, 2 s, 4 s … (capped
 * at 5 min) without using attempts; events past maximumEventAge are given up;
 * given-up events go to onFailure (delivery `failed`) or are dropped.
 */
import { describe, expect, it } from 'vitest';
import type { SourceAdapter } from '../core/engine/adapter-contract.js';
import { Outcome } from '../core/engine/adapter-contract.js';
import { run } from './helpers.js';

const failing = (retries: number) => `
name: async retries
duration: 1s
functions:
  f:
    errorRate: 1
    duration: 2s
    timeout: 10s
    coldStart: { init: 0ms }
    async: { maximumRetryAttempts: ${retries} }
sources:
  events:
    type: invoke
    mode: async
    targets: [f]
    load: { phases: [ { burst: 1 } ] }
`;

describe('async function errors', () => {
  it('retries twice by default: at +1 min and +2 min after the failures', () => {
    const { report, starts } = run(failing(2), { trace: true });
    expect(starts.map((s) => s.t)).toStrictEqual([0, 2_000 + 60_000, 62_000 + 2_000 + 120_000]);
    const f = report.functions.f!;
    expect(f).toMatchObject({ Invocations: 3, Errors: 3, AsyncEventsReceived: 1, AsyncEventsDropped: 1 });
    // AsyncEventAge is taken at the start of each attempt: 0, 62 s, 184 s.
    expect(f.AsyncEventAge.max).toBe(184_000);
    expect(f.AsyncEventAge.mean).toBeCloseTo((0 + 62_000 + 184_000) / 3, 0);
    expect(report.sources.events!.delivery).toMatchObject({ generated: 1, dropped: 1, inFlight: 0 });
  });

  it.each([
    [0, 1],
    [1, 2],
  ])('maximumRetryAttempts %i gives %i attempts', (retries, attempts) => {
    const { report } = run(failing(retries));
    expect(report.functions.f!.Invocations).toBe(attempts);
  });

  it('sends a given-up event to onFailure: delivery failed, and the destination receives it', () => {
    let received = 0;
    const fakeQueue: SourceAdapter<any> = {
      meta: {
        type: 'queue-double',
        version: '0.0.0',
        apiVersion: 2,
        description: 'test double',
        invocation: ['poll'],
        accepts: true,
        destination: true,
        schema: { type: 'object', properties: { type: { const: 'queue-double' } }, additionalProperties: false },
      },
      create: (ctx) => ({
        receive(message) {
          received++;
          ctx.ledger.produced();
          ctx.ledger.settle(Outcome.Succeeded, message.producedAt, ctx.now());
        },
      }),
    };
    const yaml = failing(1).replace('async: { maximumRetryAttempts: 1 }', 'async: { maximumRetryAttempts: 1, onFailure: dlq }') + '  dlq: { type: queue-double }\n';
    const { report } = run(yaml, { extra: [fakeQueue] });
    expect(received).toBe(1);
    expect(report.sources.events!.delivery).toMatchObject({ generated: 1, failed: 1, dropped: 0 });
    expect(report.functions.f!.AsyncEventsDropped).toBe(1); // CloudWatch counts it even when a destination gets it
  });
});

describe('async throttles', () => {
  it('retries a throttled event after 1, 2, 4, 8 s without using attempts', () => {
    const { report, starts } = run(
      `
name: throttled
duration: 1s
functions:
  f: { reservedConcurrency: 1, duration: 10s, timeout: 20s, coldStart: { init: 0ms }, async: { maximumRetryAttempts: 0 } }
sources:
  events: { type: invoke, mode: async, targets: [f], load: { phases: [ { burst: 2 } ] } }
`,
      { trace: true },
    );
    // Second event: throttled at 0, 1, 3, 7 s; the first run ends at 10 s; the retry at 15 s starts.
    expect(starts.map((s) => s.t)).toStrictEqual([0, 15_000]);
    expect(report.functions.f!.Throttles).toBe(4);
    expect(report.sources.events!.delivery).toMatchObject({ generated: 2, succeeded: 2 });
    expect(report.functions.f!.AsyncEventAge.max).toBe(15_000);
  });

  it('gives up an event that reaches maximumEventAge while throttled', () => {
    const { report } = run(`
name: expired
duration: 1s
drain: 2h
functions:
  f: { reservedConcurrency: 1, duration: 900s, timeout: 900s, coldStart: { init: 0ms }, async: { maximumEventAge: 60s } }
sources:
  events: { type: invoke, mode: async, targets: [f], load: { phases: [ { burst: 2 } ] } }
`);
    // Throttled at 0, 1, 3, 7, 15, 31 s; the next retry would be at 63 s, past the 60 s age: given up at 60 s.
    expect(report.functions.f!.Throttles).toBe(6);
    expect(report.functions.f!.AsyncEventsDropped).toBe(1);
    expect(report.sources.events!.delivery).toMatchObject({ generated: 2, succeeded: 1, dropped: 1 });
  });

  it('caps the back-off at 5 minutes', () => {
    const { starts } = run(
      `
name: long throttle
duration: 1s
drain: 2h
functions:
  f: { reservedConcurrency: 1, duration: 900s, timeout: 900s, coldStart: { init: 0ms } }
sources:
  events: { type: invoke, mode: async, targets: [f], load: { phases: [ { burst: 2 } ] } }
`,
      { trace: true },
    );
    // Retries at 1, 3, 7, 15, 31, 63, 127, 255, 511 s, then every 300 s: 811, 1111 s; the first run ends at 900 s.
    expect(starts.map((s) => s.t)).toStrictEqual([0, 1_111_000]);
  });

  it('with reserved concurrency 0 gives up at once, without retries', () => {
    const { report } = run(`
name: disabled
duration: 1s
functions:
  f: { reservedConcurrency: 0 }
sources:
  events: { type: invoke, mode: async, targets: [f], load: { phases: [ { burst: 3 } ] } }
`);
    expect(report.functions.f).toMatchObject({ Invocations: 0, Throttles: 3, AsyncEventsReceived: 3, AsyncEventsDropped: 3 });
    expect(report.sources.events!.delivery).toMatchObject({ generated: 3, dropped: 3 });
  });

  it('refuses async payloads over 1 MB and bills extra requests per 64 KB over 256 KB', () => {
    const { report } = run(`
name: payloads
duration: 1s
functions:
  f: { duration: 10ms }
sources:
  big: { type: invoke, mode: async, targets: [f], payloadSize: 1.5MB, load: { phases: [ { burst: 2 } ] } }
  medium: { type: invoke, mode: async, targets: [f], payloadSize: 320KB, load: { phases: [ { burst: 3 } ] } }
`);
    expect(report.sources.big!.delivery).toMatchObject({ generated: 2, rejected: 2 });
    expect(report.functions.f!.Invocations).toBe(3);
    // 320 KB = 256 KB + one 64 KB chunk: 2 requests each.
    expect(report.functions.f!.cost.requests).toBe(6);
  });
});
