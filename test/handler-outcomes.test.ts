/**
 * What the model makes of real handler code's answers (docs/handlers.md),
 * with a scripted stand-in for the pool so that each test says exactly what
 * the code did: a thrown error is a function error with Lambda's retries and
 * ledgers, async retries keep the payload and request id (as AWS's do), a
 * partial batch response fails only its records (a bad identifier fails the
 * batch, as AWS documents), API Gateway passes the response's status on,
 * Cognito refuses an answer that is not the event, and measured time (× scale)
 * becomes the run time. Running code never changes the model's own draws.
 */
import { describe, expect, it } from 'vitest';
import { awsRequestIdOf, logStreamNameOf } from '../core/ids.js';
import { expectBalanced, run } from './helpers.js';
import { runWithCode, ScriptedRunner } from './handler-runner.js';

const invoke = (mode: string, fn = '{ handler: ./echo.mjs, duration: 100ms, timeout: 3s }', extra = '') => `
name: code
duration: 60s
functions:
  f: ${fn}
sources:
  calls:
    type: invoke
    mode: ${mode}
    targets: [f]
    load: { phases: [ { duration: 60s, arrivalRate: 5 } ] }
${extra}`;

describe('a thrown error', () => {
  it('is a function error: Errors counts exactly the calls that threw, and sync callers see each one fail', async () => {
    const runner = new ScriptedRunner((_call, i) => (i % 3 === 0 ? { ok: false, errorType: 'Error', errorMessage: 'boom' } : {}));
    const report = await runWithCode(invoke('sync'), runner);
    const f = report.functions.f!;
    const threw = runner.calls.filter((_c, i) => i % 3 === 0).length;
    expect(runner.calls.length).toBe(f.Invocations);
    expect(f.Errors).toBe(threw);
    expect(report.sources.calls!.delivery.rejected).toBe(threw); // the sync caller got the error
    expect(report.sources.calls!.delivery.succeeded).toBe(f.Invocations - threw);
    expectBalanced(report);
  });

  it('async: each event is tried 1 + maximumRetryAttempts times with the same payload and request id, then dropped', async () => {
    const runner = new ScriptedRunner(() => ({ ok: false, errorType: 'Error', errorMessage: 'always' }));
    const report = await runWithCode(invoke('async').replace('duration: 60s\n', 'duration: 60s\ndrain: 1h\n'), runner);
    const events = report.sources.calls!.delivery.generated;
    expect(events).toBeGreaterThan(200);
    expect(report.functions.f!.Invocations).toBe(3 * events);
    expect(report.functions.f!.Errors).toBe(3 * events);
    expect(report.sources.calls!.delivery.dropped).toBe(events);
    const byRequest = new Map<string, unknown[]>();
    for (const call of runner.calls) {
      const id = awsRequestIdOf(call.requestSalt, call.requestNumber);
      byRequest.set(id, [...(byRequest.get(id) ?? []), call.event]);
    }
    expect(byRequest.size).toBe(events);
    for (const payloads of byRequest.values()) {
      expect(payloads).toHaveLength(3);
      expect(payloads[1]).toStrictEqual(payloads[0]);
      expect(payloads[2]).toStrictEqual(payloads[0]);
    }
  });
});

describe('timeouts', () => {
  it('a run the model makes longer than the timeout fails whatever the code answers', async () => {
    const runner = new ScriptedRunner();
    const report = await runWithCode(invoke('sync', '{ handler: ./echo.mjs, duration: 5s, timeout: 3s }'), runner);
    const f = report.functions.f!;
    expect(f.Timeouts).toBe(f.Invocations);
    expect(f.Errors).toBe(f.Invocations);
  });

  it('a call the pool stopped (a hang) is a timeout and an error', async () => {
    const runner = new ScriptedRunner((_c, i) => (i < 10 ? { ok: false, timedOut: true, errorType: 'Sandbox.Timedout' } : {}));
    const report = await runWithCode(invoke('sync'), runner);
    expect(report.functions.f!.Timeouts).toBe(10);
    expect(report.functions.f!.Errors).toBe(10);
  });
});

describe('the context and the payload', () => {
  it("gives Lambda's context fields and the source's event", async () => {
    const runner = new ScriptedRunner();
    await runWithCode(invoke('sync', '{ handler: ./echo.mjs, memory: 512, duration: 100ms, timeout: 3s }'), runner);
    const call = runner.calls[0]!;
    expect(call.event).toStrictEqual({ key1: 'value1', key2: 'value2', key3: 'value3' });
    // The rest of the context (name, memory, ARN, log group) is the pool's: handler-pool.test.ts checks it in a real module.
    const ids = runner.calls.map((c) => awsRequestIdOf(c.requestSalt, c.requestNumber));
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(runner.calls.length);
    expect(logStreamNameOf(call.logDate, call.environmentId)).toMatch(/^2026\/01\/01\/\[\$LATEST\][0-9a-f]{32}$/);
    expect(call.wallLimitMs).toBe(3000);
    expect(call.exportName).toBe('handler');
    expect(call.modulePath).toMatch(/fixtures[/\\]handlers[/\\]echo\.mjs$/);
  });

  it('request ids are version-4 UUIDs, distinct over 100,000 requests of one function', () => {
    const ids = new Set<string>();
    for (let n = 0; n < 100_000; n++) ids.add(awsRequestIdOf(0x5eed, n));
    expect(ids.size).toBe(100_000);
    for (const id of [...ids].slice(0, 1000)) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('changes none of the model draws: counts, cold starts and durations equal those of the same run without code', async () => {
    const fn = '{ handler: ./echo.mjs, duration: { dist: exponential, mean: 200ms }, timeout: 3s, coldStart: { init: { dist: uniform, min: 100ms, max: 900ms } } }';
    const withCode = await runWithCode(invoke('sync', fn), new ScriptedRunner());
    const without = run(invoke('sync', fn.replace('handler: ./echo.mjs, ', ''))).report;
    for (const key of ['Invocations', 'ColdStarts', 'Duration', 'InitDuration', 'ConcurrentExecutions'] as const) {
      expect(withCode.functions.f![key], key).toStrictEqual(without.functions.f![key]);
    }
  });
});

describe('partial batch responses (SQS)', () => {
  const queue = (fn: string) => `
name: batch
duration: 60s
drain: 10m
functions:
  worker: ${fn}
  healthy: { handler: ./echo.mjs, duration: 50ms, timeout: 5s }
sources:
  jobs:
    type: sqs
    visibilityTimeout: 30s
    redrive: { maxReceiveCount: 3, deadLetterTarget: jobs-dlq }
    consumer: { function: worker, batchSize: 10, maximumBatchingWindow: 1s, reportBatchItemFailures: true }
    load: { phases: [ { duration: 60s, arrivalRate: 20 } ] }
  other:
    type: sqs
    consumer: { function: healthy, batchSize: 10, maximumBatchingWindow: 1s }
    load: { phases: [ { duration: 60s, arrivalRate: 20 } ] }
  jobs-dlq: { type: sqs }
`;
  const worker = '{ handler: ./echo.mjs, duration: 50ms, timeout: 5s }';
  const ids = (event: unknown) => (event as { Records: { messageId: string }[] }).Records.map((r) => r.messageId);

  it('every record named in batchItemFailures comes back; all named → all reach the DLQ after maxReceiveCount; the healthy queue loses nothing', async () => {
    const runner = new ScriptedRunner((call) =>
      call.functionName === 'worker' ? { value: { batchItemFailures: ids(call.event).map((itemIdentifier) => ({ itemIdentifier })) } } : {},
    );
    const report = await runWithCode(queue(worker), runner);
    const jobs = report.sources.jobs!;
    const sent = jobs.NumberOfMessagesSent as number;
    expect(jobs.NumberOfMessagesMovedToDLQ).toBe(sent);
    expect(jobs.NumberOfMessagesReceived).toBe(3 * sent);
    expect(report.functions.worker!.Errors).toBe(0); // a partial batch response is a successful run
    const other = report.sources.other!;
    expect(other.delivery.succeeded).toBe(other.delivery.generated);
    expectBalanced(report);
  });

  it('each batch carries one record per message, with distinct ids', async () => {
    const runner = new ScriptedRunner();
    const report = await runWithCode(queue(worker), runner);
    const batches = runner.calls.filter((c) => c.functionName === 'worker');
    const records = batches.reduce((n, c) => n + ids(c.event).length, 0);
    expect(records).toBe(report.sources.jobs!.NumberOfMessagesReceived);
    for (const c of batches) expect(new Set(ids(c.event)).size).toBe(ids(c.event).length);
  });

  it('an identifier that is not in the batch fails the whole batch (a function error)', async () => {
    const runner = new ScriptedRunner((call) => (call.functionName === 'worker' ? { value: { batchItemFailures: [{ itemIdentifier: 'no-such-id' }] } } : {}));
    const report = await runWithCode(queue(worker), runner);
    expect(report.functions.worker!.Errors).toBe(report.functions.worker!.Invocations);
    expect(report.sources.jobs!.NumberOfMessagesMovedToDLQ).toBe(report.sources.jobs!.NumberOfMessagesSent);
  });
});

describe('partial batch responses (Kinesis)', () => {
  it('the shard checkpoints before the first record named, by sequence number, and retries from it', async () => {
    const yaml = `
name: stream
duration: 10s
functions:
  reader: { handler: ./echo.mjs, duration: 50ms, timeout: 5s }
sources:
  events:
    type: kinesis
    shards: 1
    consumer: { function: reader, batchSize: 10, reportBatchItemFailures: true }
    load: { phases: [ { burst: 10 } ] }
`;
    type Records = { Records: { kinesis: { sequenceNumber: string } }[] };
    const runner = new ScriptedRunner((call, i) =>
      i === 0 ? { value: { batchItemFailures: [{ itemIdentifier: (call.event as Records).Records[3]!.kinesis.sequenceNumber }] } } : {},
    );
    const report = await runWithCode(yaml, runner);
    expect(runner.calls.map((c) => (c.event as Records).Records.length)).toStrictEqual([10, 7]);
    expect(report.sources.events!.delivery.succeeded).toBe(10);
    expect(report.functions.reader!.Errors).toBe(0);
  });
});

describe('front doors', () => {
  const api = (protocol: string) => `
name: api
duration: 30s
functions:
  f: { handler: ./echo.mjs, duration: 20ms, timeout: 3s }
sources:
  web:
    type: api
    protocol: ${protocol}
    targets: [f]
    load: { phases: [ { duration: 30s, arrivalRate: 10 } ] }
`;

  it("API Gateway answers the response's statusCode: a 503 is a 5XXError, a 404 a 4XXError", async () => {
    const runner = new ScriptedRunner((_c, i) => ({ value: { statusCode: i % 2 === 0 ? 503 : 404 } }));
    const report = await runWithCode(api('http'), runner);
    const web = report.sources.web!;
    const fiveHundreds = runner.calls.filter((_c, i) => i % 2 === 0).length;
    expect(web['5XXError']).toBe(fiveHundreds);
    expect(web['4XXError']).toBe(runner.calls.length - fiveHundreds);
    expect(web.delivery.rejected).toBe(fiveHundreds);
    expect(report.functions.f!.Errors).toBe(0);
  });

  it('a REST proxy response without statusCode is malformed (502); an HTTP API infers 200', async () => {
    const answer = () => ({ value: 'just a string' });
    const rest = await runWithCode(api('rest'), new ScriptedRunner(answer));
    expect(rest.sources.web!['5XXError']).toBe(rest.sources.web!.Count);
    const http = await runWithCode(api('http'), new ScriptedRunner(answer));
    expect(http.sources.web!['5XXError']).toBe(0);
  });

  it('Cognito refuses an answer that is not the event: every sign-up fails after 3 attempts', async () => {
    const yaml = `
name: signup
duration: 30s
functions:
  check: { handler: ./echo.mjs, duration: 100ms, timeout: 3s }
sources:
  signups:
    type: cognito
    targets: [check]
    load: { phases: [ { duration: 30s, arrivalRate: 2 } ] }
`;
    const report = await runWithCode(yaml, new ScriptedRunner(() => ({ value: 'not the event' })));
    const signups = report.sources.signups!;
    expect(signups.FailedRequests).toBe(signups.Requests);
    expect(signups.TriggerInvalidResponses).toBe(3 * (signups.Requests as number));
    const accepted = await runWithCode(yaml, new ScriptedRunner((call) => ({ value: call.event })));
    expect(accepted.sources.signups!.FailedRequests).toBe(0);
  });
});

describe('measured time', () => {
  it('durationFrom: measured makes the run measured × durationScale; initFrom: measured takes the load time', async () => {
    const fn = '{ handler: ./echo.mjs, durationFrom: measured, durationScale: 2.5, initFrom: measured, duration: 1s, timeout: 3s }';
    const report = await runWithCode(invoke('sync', fn), new ScriptedRunner(() => ({ measuredMs: 40 }), 321));
    const f = report.functions.f!;
    expect(f.Duration.p50).toBe(100);
    expect(f.Duration.max).toBe(100);
    expect(f.InitDuration.max).toBe(321);
    expect(f.InitDuration.p50).toBe(321);
  });

  it('a measured run over the timeout is cut there and fails', async () => {
    const fn = '{ handler: ./echo.mjs, durationFrom: measured, durationScale: 100, timeout: 3s }';
    const report = await runWithCode(invoke('sync', fn), new ScriptedRunner(() => ({ measuredMs: 40 })));
    expect(report.functions.f!.Timeouts).toBe(report.functions.f!.Invocations);
    expect(report.functions.f!.Duration.max).toBe(3000);
  });
});

describe('reproducibility', () => {
  it('two runs with the same seed and the same answers give the same report', async () => {
    const answer = (_c: unknown, i: number) => (i % 7 === 0 ? { ok: false } : {});
    const a = await runWithCode(invoke('async'), new ScriptedRunner(answer));
    const b = await runWithCode(invoke('async'), new ScriptedRunner(answer));
    a.engine.wallSeconds = b.engine.wallSeconds = 0;
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});
