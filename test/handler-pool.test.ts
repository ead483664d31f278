/**
 * The worker pool against real handler modules (docs/handlers.md), built code
 * (npm test builds first): every way a call can end comes back as an answer,
 * never a rejection, and the pool goes on working after a handler hangs, exits
 * or runs out of memory. JavaScript (ESM, CommonJS, callbacks) and TypeScript
 * load with no build step; module state lives per worker.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FunctionSpec } from '../core/lambda/function-spec.js';
import { awsRequestIdOf, logStreamNameOf } from '../core/ids.js';
import type { HandlerCall } from '../core/lambda/handler-calls.js';
import { HandlerPool } from '../dist/handlers/pool.js';
import { FIXTURES } from './handler-runner.js';

/** One function per fixture module and export the tests call, named `file#export`. */
const modules = [
  ['echo.mjs', 'handler'],
  ['callback.cjs', 'legacy'],
  ['callback.cjs', 'handler'],
  ['callback.cjs', 'fails'],
  ['throws.mjs', 'handler'],
  ['typed.ts', 'handler'],
  ['leak.mjs', 'handler'],
  ['unserialisable.mjs', 'handler'],
  ['large.mjs', 'handler'],
  ['context.mjs', 'handler'],
  ['logs.mjs', 'handler'],
  ['hang.mjs', 'handler'],
  ['hang.mjs', 'forever'],
  ['exit.mjs', 'handler'],
  ['oom.mjs', 'handler'],
  ['state.mjs', 'handler'],
];
const specs = modules.map(
  ([file, exportName]) =>
    ({ name: `${file}#${exportName}`, memoryMb: 128, timeoutMs: 3000, handler: { modulePath: join(FIXTURES, file!), exportName } }) as unknown as FunctionSpec,
);
const pool = new HandlerPool(specs, { workers: 2 });
afterAll(() => pool.close());

function callOf(file: string, exportName: string, event: unknown, wallLimitMs: number): HandlerCall {
  return {
    functionName: `${file}#${exportName}`,
    modulePath: join(FIXTURES, file),
    exportName,
    event,
    requestSalt: 12345,
    requestNumber: 7,
    environmentId: 3,
    logDate: '2026/01/01',
    wallLimitMs,
    scale: 1,
  };
}

function call(file: string, exportName = 'handler', event: unknown = { n: 21 }, wallLimitMs = 5000): ReturnType<HandlerPool['call']> {
  return pool.call(callOf(file, exportName, event, wallLimitMs));
}

describe('answers', () => {
  it('a returned value is success, its value serialised as JSON; no value is null', async () => {
    expect(await call('echo.mjs')).toMatchObject({ ok: true, value: { keys: 1 } });
    expect(await call('callback.cjs', 'legacy')).toMatchObject({ ok: true, value: 'done' });
  });

  it('a thrown error is a failed call with its type and message', async () => {
    expect(await call('throws.mjs')).toMatchObject({ ok: false, errorType: 'TypeError', errorMessage: 'bad input' });
  });

  it('CommonJS callback handlers answer through the callback', async () => {
    expect(await call('callback.cjs')).toMatchObject({ ok: true, value: { callback: true, name: 'callback.cjs#handler' } });
    expect(await call('callback.cjs', 'fails')).toMatchObject({ ok: false, errorMessage: 'callback error' });
  });

  it('TypeScript is compiled on load, and its import of ./lib.js finds lib.ts', async () => {
    expect(await call('typed.ts')).toMatchObject({ ok: true, value: { doubled: 42 } });
  });

  it('a leaked rejection fails the call that left it', async () => {
    expect(await call('leak.mjs')).toMatchObject({ ok: false, errorMessage: 'leaked rejection' });
  });

  it('a response JSON cannot hold is a failed call', async () => {
    expect(await call('unserialisable.mjs')).toMatchObject({ ok: false, errorType: 'Runtime.MarshalError' });
  });

  it('a response over the Runtime API\'s limit of 6 MiB + 100 bytes (as JSON, in UTF-8) fails the call', async () => {
    const limit = 6 * 1024 * 1024 + 100;
    // A string's JSON is its characters and 2 quotes.
    expect(await call('large.mjs', 'handler', { char: 'x', chars: limit - 2 })).toMatchObject({ ok: true });
    const over = await call('large.mjs', 'handler', { char: 'x', chars: limit - 1 });
    expect(over).toMatchObject({
      ok: false,
      errorType: 'Function.ResponseSizeTooLarge',
      errorMessage: 'Response payload size exceeded maximum allowed payload size (6291556 bytes).',
    });
    expect(over).not.toHaveProperty('value');
    // Bytes, not characters: 'é' is 2 bytes in UTF-8.
    expect(await call('large.mjs', 'handler', { char: 'é', chars: (limit - 2) / 2 })).toMatchObject({ ok: true });
    expect(await call('large.mjs', 'handler', { char: 'é', chars: (limit - 2) / 2 + 1 })).toMatchObject({ ok: false, errorType: 'Function.ResponseSizeTooLarge' });
  });

  it("the context has Lambda's fields, and the time left counts down from the timeout", async () => {
    const result = await call('context.mjs');
    const value = result.value as Record<string, unknown>;
    expect(value).toMatchObject({
      functionName: 'context.mjs#handler',
      functionVersion: '$LATEST',
      memoryLimitInMB: '128',
      logGroupName: '/aws/lambda/context.mjs#handler',
      invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:context.mjs#handler',
      awsRequestId: awsRequestIdOf(12345, 7),
      logStreamName: logStreamNameOf('2026/01/01', 3),
    });
    expect(value.remaining).toBeLessThanOrEqual(3000);
    expect(value.remaining).toBeGreaterThan(2000);
  });

  it('console output and raw writes are captured with their levels, not printed', async () => {
    const result = await call('logs.mjs');
    expect(result.logs!.map(([, level, text]) => [level, text])).toStrictEqual([
      ['INFO', 'first line 42'],
      ['ERROR', 'an error line'],
      ['INFO', 'raw write'],
    ]);
  });
});

describe('isolation: the pool survives its handlers', () => {
  it('a busy loop past the wall limit is stopped (a timeout), and the next call is answered', async () => {
    const result = await call('hang.mjs', 'handler', {}, 300);
    expect(result).toMatchObject({ ok: false, timedOut: true, errorType: 'Sandbox.Timedout' });
    expect(result.measuredMs).toBeGreaterThanOrEqual(250);
    expect(await call('echo.mjs')).toMatchObject({ ok: true });
  });

  it('calls in flight beside a hung one are answered, each once (the workers restart and they are sent again)', async () => {
    const restarts = pool.restarts;
    const [hung, ...others] = await Promise.all([
      call('hang.mjs', 'handler', {}, 300),
      ...Array.from({ length: 20 }, (_, n) => call('typed.ts', 'handler', { n })),
    ]);
    expect(hung).toMatchObject({ ok: false, timedOut: true });
    expect(others.map((r) => r.value)).toStrictEqual(Array.from({ length: 20 }, (_, n) => ({ doubled: 2 * n })));
    expect(pool.restarts).toBeGreaterThan(restarts);
  });

  it('a call that exits its worker inside a batch fails alone: the batch is sent again call by call', async () => {
    const [exited, ...others] = await Promise.all([call('exit.mjs'), ...Array.from({ length: 20 }, (_, n) => call('typed.ts', 'handler', { n }))]);
    expect(exited).toMatchObject({ ok: false, errorType: 'Runtime.ExitError' });
    expect(others.map((r) => r.value)).toStrictEqual(Array.from({ length: 20 }, (_, n) => ({ doubled: 2 * n })));
  });

  it('a promise that never settles is stopped the same way', async () => {
    expect(await call('hang.mjs', 'forever', {}, 300)).toMatchObject({ ok: false, timedOut: true });
  });

  it('process.exit costs the call, not the pool', async () => {
    expect(await call('exit.mjs')).toMatchObject({ ok: false, errorType: 'Runtime.ExitError' });
    expect(await call('echo.mjs')).toMatchObject({ ok: true });
  });

  it('running out of memory costs the call, not the pool', async () => {
    expect(await call('oom.mjs', 'handler', {}, 20_000)).toMatchObject({ ok: false, errorType: 'Runtime.OutOfMemory' });
    expect(await call('echo.mjs')).toMatchObject({ ok: true });
  }, 30_000);
});

describe('modules', () => {
  it('module state lives per worker: one worker counts every call', async () => {
    const single = new HandlerPool(specs, { workers: 1 });
    try {
      const counts = [];
      for (let i = 0; i < 3; i++) counts.push((await single.call(callOf('state.mjs', 'handler', {}, 5000))).value);
      expect(counts).toStrictEqual([1, 2, 3]);
    } finally {
      await single.close();
    }
  });

  it('prepare names the function whose module lacks the export or throws while loading', async () => {
    const bad = (name: string, file: string) =>
      ({ name, memoryMb: 128, handler: { modulePath: join(FIXTURES, file), exportName: 'handler' } }) as unknown as FunctionSpec;
    const problems = await pool.prepare([bad('a', 'noexport.mjs'), bad('b', 'loadthrow.mjs'), bad('c', 'echo.mjs')]);
    expect(problems).toHaveLength(2);
    expect(problems.find((p) => p.functionName === 'a')!.message).toMatch(/no exported function "handler" \(it exports other\)/);
    expect(problems.find((p) => p.functionName === 'b')!.message).toMatch(/cannot start: missing configuration/);
    expect(pool.loadMs('c')).toBeGreaterThan(0);
  });
});
