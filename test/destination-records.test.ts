/**
 * The invocation record a destination function with handler code receives
 * (docs/handlers.md; AWS's "Retaining records of asynchronous invocations"):
 * for each event, its own request id, the event as its function received it,
 * the function's answer (onSuccess) or its last error (onFailure), the runs
 * it took, the condition, and the function's ARN with `$LATEST`.
 */
import { describe, expect, it } from 'vitest';
import { awsRequestIdOf } from '../core/ids.js';
import type { HandlerCall } from '../core/lambda/handler-calls.js';
import { runWithCode, ScriptedRunner } from './handler-runner.js';

const scenario = (source: string, maxAge = '6h', done = '{ handler: ./echo.mjs, duration: 10ms }') => `
name: destination records
duration: 60s
drain: 1h
functions:
  src:
    ${source}
    async: { maximumRetryAttempts: 1, maximumEventAge: ${maxAge}, onSuccess: done, onFailure: failed }
  done: ${done}
  failed: { handler: ./echo.mjs, duration: 10ms }
  again: { handler: ./echo.mjs, duration: 10ms }
sources:
  calls:
    type: invoke
    mode: async
    targets: [src]
    load: { phases: [ { duration: 60s, arrivalRate: 5 } ] }
`;

interface InvocationRecord {
  version: string;
  requestContext: { requestId: string; functionArn: string; condition: string; approximateInvokeCount: number };
  requestPayload: unknown;
  responseContext: { statusCode: number; executedVersion: string; functionError?: string };
  responsePayload: unknown;
}

const idOf = (call: HandlerCall): string => awsRequestIdOf(call.requestSalt, call.requestNumber);

describe('invocation records sent to a destination function with handler code', () => {
  it("carry each event's request id, payload, runs and the function's answer or last error", async () => {
    // src succeeds on even request numbers (answering with the number), and always fails on odd ones.
    const runner = new ScriptedRunner((call) =>
      call.functionName !== 'src'
        ? {}
        : call.requestNumber % 2 === 0
          ? { value: { handled: call.requestNumber } }
          : { ok: false, errorType: 'OrderError', errorMessage: `order ${call.requestNumber} is bad` },
    );
    const report = await runWithCode(scenario('handler: ./echo.mjs\n    duration: 100ms'), runner);
    const sourceCalls = new Map<string, HandlerCall[]>();
    for (const call of runner.calls.filter((c) => c.functionName === 'src')) sourceCalls.set(idOf(call), [...(sourceCalls.get(idOf(call)) ?? []), call]);
    const records = (name: string): InvocationRecord[] => runner.calls.filter((c) => c.functionName === name).map((c) => c.event as InvocationRecord);

    const events = report.sources.calls!.delivery.generated;
    const even = [...sourceCalls.values()].filter(([first]) => first!.requestNumber % 2 === 0).length;
    expect(events).toBeGreaterThan(200);
    expect(sourceCalls.size).toBe(events);
    expect(records('done')).toHaveLength(even);
    expect(records('failed')).toHaveLength(events - even);

    for (const record of records('done')) {
      const calls = sourceCalls.get(record.requestContext.requestId)!;
      expect(calls).toHaveLength(1);
      expect(record.version).toBe('1.0');
      expect(record.requestContext.functionArn).toMatch(/^arn:aws:lambda:[a-z0-9-]+:\d{12}:function:src:\$LATEST$/);
      expect(record.requestContext).toMatchObject({ condition: 'Success', approximateInvokeCount: 1 });
      expect(record.requestPayload).toStrictEqual(calls[0]!.event);
      expect(record.responseContext).toStrictEqual({ statusCode: 200, executedVersion: '$LATEST' });
      expect(record.responsePayload).toStrictEqual({ handled: calls[0]!.requestNumber });
    }
    for (const record of records('failed')) {
      const calls = sourceCalls.get(record.requestContext.requestId)!;
      expect(calls).toHaveLength(2); // the first run and its one retry, with the same payload
      expect(record.requestContext).toMatchObject({ condition: 'RetriesExhausted', approximateInvokeCount: 2 });
      expect(record.requestPayload).toStrictEqual(calls[0]!.event);
      expect(record.responseContext).toStrictEqual({ statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' });
      expect(record.responsePayload).toStrictEqual({ errorType: 'OrderError', errorMessage: `order ${calls[0]!.requestNumber} is bad` });
    }
  });

  it('an event that ages out after a failed run names EventAgeExceeded, its one run and that run\'s error', async () => {
    // src always fails; its retry comes 1 minute later (AWS's first retry delay), past a 60 s maximum age.
    const runner = new ScriptedRunner((call) => (call.functionName === 'src' ? { ok: false, errorType: 'Error', errorMessage: 'no' } : {}));
    await runWithCode(scenario('handler: ./echo.mjs\n    duration: 100ms', '60s'), runner);
    const records = runner.calls.filter((c) => c.functionName === 'failed').map((c) => c.event as InvocationRecord);
    const sourceRuns = new Map(runner.calls.filter((c) => c.functionName === 'src').map((c) => [idOf(c), c]));
    expect(records.length).toBe(sourceRuns.size);
    for (const record of records) {
      const run = sourceRuns.get(record.requestContext.requestId)!;
      expect(run).toBeDefined();
      expect(record.requestPayload).toStrictEqual(run.event);
      expect(record.requestContext).toMatchObject({ condition: 'EventAgeExceeded', approximateInvokeCount: 1 });
      // The error of its one run, which is what Lambda last knows of it.
      expect(record.responseContext).toStrictEqual({ statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' });
      expect(record.responsePayload).toStrictEqual({ errorType: 'Error', errorMessage: 'no' });
    }
  });

  it('from a function without handler code: a request id of its own for each record, an empty request', async () => {
    const runner = new ScriptedRunner();
    const report = await runWithCode(scenario('errorRate: 0\n    duration: 100ms'), runner);
    const records = runner.calls.filter((c) => c.functionName === 'done').map((c) => c.event as InvocationRecord);
    expect(records).toHaveLength(report.sources.calls!.delivery.generated);
    expect(new Set(records.map((r) => r.requestContext.requestId)).size).toBe(records.length);
    for (const record of records) {
      expect(record.requestContext.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(record.requestPayload).toStrictEqual({});
    }
  });

  it('success after a failed run counts both runs; a run the model times out answers Sandbox.Timedout', async () => {
    // src fails the first run of each event and succeeds on its retry.
    const seen = new Set<number>();
    const runner = new ScriptedRunner((call) => {
      if (call.functionName !== 'src') return {};
      if (seen.has(call.requestNumber)) return { value: 'second time lucky' };
      seen.add(call.requestNumber);
      return { ok: false, errorType: 'Error', errorMessage: 'first time' };
    });
    await runWithCode(scenario('handler: ./echo.mjs\n    duration: 100ms'), runner);
    const done = runner.calls.filter((c) => c.functionName === 'done').map((c) => c.event as InvocationRecord);
    expect(done.length).toBe(seen.size);
    for (const record of done) {
      expect(record.requestContext).toMatchObject({ condition: 'Success', approximateInvokeCount: 2 });
      expect(record.responsePayload).toBe('second time lucky');
    }

    // Runs the duration model makes 2 s long under a 1 s timeout: whatever the code answers, each times out.
    const timedOut = new ScriptedRunner();
    await runWithCode(scenario('handler: ./echo.mjs\n    duration: 2s\n    timeout: 1s'), timedOut);
    const failed = timedOut.calls.filter((c) => c.functionName === 'failed').map((c) => c.event as InvocationRecord);
    expect(failed.length).toBeGreaterThan(200);
    for (const record of failed) {
      expect(record.requestContext).toMatchObject({ condition: 'RetriesExhausted', approximateInvokeCount: 2 });
      expect(record.responsePayload).toStrictEqual({ errorType: 'Sandbox.Timedout', errorMessage: 'Task timed out after 1.00 seconds' });
    }
  });

  it('reserved concurrency 0: ZeroReservedConcurrency, no run, no response, the event and its request id', async () => {
    const runner = new ScriptedRunner();
    const report = await runWithCode(scenario('handler: ./echo.mjs\n    duration: 100ms\n    reservedConcurrency: 0'), runner);
    expect(runner.calls.filter((c) => c.functionName === 'src')).toHaveLength(0);
    const records = runner.calls.filter((c) => c.functionName === 'failed').map((c) => c.event as InvocationRecord);
    expect(records).toHaveLength(report.sources.calls!.delivery.generated);
    expect(new Set(records.map((r) => r.requestContext.requestId)).size).toBe(records.length);
    for (const record of records) {
      expect(record.requestContext).toMatchObject({ condition: 'ZeroReservedConcurrency', approximateInvokeCount: 0 });
      expect(record).not.toHaveProperty('responseContext');
      expect(record).not.toHaveProperty('responsePayload');
      expect(record.requestPayload).toMatchObject({}); // the invoke source's payload, built for the event
      expect(Object.keys(record.requestPayload as object).length).toBeGreaterThan(0);
    }
  });

  it('a record over the async payload limit (a record of a record) is not delivered: DestinationDeliveryFailures', async () => {
    // Each answer is 600 kB: done's record to again carries done's event (src's 600 kB record) and its own 600 kB answer.
    const runner = new ScriptedRunner((call) => (call.functionName === 'again' ? {} : { value: { blob: 'x'.repeat(600_000) } }));
    const report = await runWithCode(
      scenario('handler: ./echo.mjs\n    duration: 100ms', '6h', '{ handler: ./echo.mjs, duration: 10ms, async: { onSuccess: again } }').replace('arrivalRate: 5', 'arrivalRate: 0.5'),
      runner,
    );
    const events = report.sources.calls!.delivery.generated;
    expect(events).toBeGreaterThan(10);
    expect(runner.calls.filter((c) => c.functionName === 'done')).toHaveLength(events);
    expect(runner.calls.filter((c) => c.functionName === 'again')).toHaveLength(0);
    expect(report.functions.done!.DestinationDeliveryFailures).toBe(events);
    expect(report.functions.src!).not.toHaveProperty('DestinationDeliveryFailures');
  });

  it('are the same for the same seed, their timestamps the simulated time of sending', async () => {
    const answer = (call: HandlerCall) => (call.functionName === 'src' && call.requestNumber % 3 === 0 ? { ok: false, errorType: 'E', errorMessage: 'm' } : {});
    const [a, b] = [new ScriptedRunner(answer), new ScriptedRunner(answer)];
    const report = await runWithCode(scenario('handler: ./echo.mjs\n    duration: 100ms'), a);
    await runWithCode(scenario('handler: ./echo.mjs\n    duration: 100ms'), b);
    const events = (r: ScriptedRunner) => r.calls.filter((c) => c.functionName !== 'src').map((c) => c.event);
    expect(events(a).length).toBeGreaterThan(200);
    expect(events(b)).toStrictEqual(events(a));
    const start = Date.parse(report.simulated.start);
    for (const record of events(a) as { timestamp: string }[]) {
      const t = Date.parse(record.timestamp);
      expect(t).toBeGreaterThanOrEqual(start);
      expect(t).toBeLessThanOrEqual(start + 60_000 + 3_600_000);
    }
  });
});
