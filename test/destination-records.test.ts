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

const scenario = (source: string, maxAge = '6h') => `
name: destination records
duration: 60s
drain: 1h
functions:
  src:
    ${source}
    duration: 100ms
    async: { maximumRetryAttempts: 1, maximumEventAge: ${maxAge}, onSuccess: done, onFailure: failed }
  done: { handler: ./echo.mjs, duration: 10ms }
  failed: { handler: ./echo.mjs, duration: 10ms }
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
    const report = await runWithCode(scenario('handler: ./echo.mjs'), runner);
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

  it('an event that ages out names EventAgeExceeded and the runs it had, with no response', async () => {
    // src always fails; its retry comes 1 minute later (AWS's first retry delay), past a 60 s maximum age.
    const runner = new ScriptedRunner((call) => (call.functionName === 'src' ? { ok: false, errorType: 'Error', errorMessage: 'no' } : {}));
    await runWithCode(scenario('handler: ./echo.mjs', '60s'), runner);
    const records = runner.calls.filter((c) => c.functionName === 'failed').map((c) => c.event as InvocationRecord);
    const sourceRuns = runner.calls.filter((c) => c.functionName === 'src').length;
    expect(records.length).toBe(sourceRuns);
    for (const record of records) {
      expect(record.requestContext).toMatchObject({ condition: 'EventAgeExceeded', approximateInvokeCount: 1 });
      expect(record.responseContext.functionError).toBeUndefined();
      expect(record.responsePayload).toBeNull();
    }
  });

  it('from a function without handler code: a request id of its own for each record, an empty request', async () => {
    const runner = new ScriptedRunner();
    const report = await runWithCode(scenario('errorRate: 0'), runner);
    const records = runner.calls.filter((c) => c.functionName === 'done').map((c) => c.event as InvocationRecord);
    expect(records).toHaveLength(report.sources.calls!.delivery.generated);
    expect(new Set(records.map((r) => r.requestContext.requestId)).size).toBe(records.length);
    for (const record of records) {
      expect(record.requestContext.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(record.requestPayload).toStrictEqual({});
    }
  });
});
