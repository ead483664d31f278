/**
 * The `context` object a handler receives, shaped like the Node.js runtime's
 * (docs/handlers.md): request id, function name and version, memory (a string,
 * as Lambda gives it), ARN, log group and stream, and getRemainingTimeInMillis()
 * counting down from the timeout in simulated ms (measured ms × the run's scale).
 * The legacy done/succeed/fail end the call like a callback.
 */
import { performance } from 'node:perf_hooks';
import type { WorkerFunction } from './worker.js';

export interface BuiltContext {
  object: Record<string, unknown>;
  /** Settles when the handler calls context.done, succeed or fail. */
  done: Promise<unknown>;
}

export function lambdaContext(facts: WorkerFunction, awsRequestId: string, logStreamName: string, startedAt: number, scale: number): BuiltContext {
  let settle!: (err: unknown, value?: unknown) => void;
  const done = new Promise<unknown>((resolve, reject) => {
    settle = (err, value) => (err === null || err === undefined ? resolve(value) : reject(err));
  });
  done.catch(() => {}); // only awaited when the handler uses it
  const object: Record<string, unknown> = {
    awsRequestId,
    functionName: facts.functionName,
    functionVersion: '$LATEST',
    memoryLimitInMB: facts.memoryLimitInMB,
    invokedFunctionArn: facts.invokedFunctionArn,
    logGroupName: facts.logGroupName,
    logStreamName,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, Math.round(facts.timeoutMs - (performance.now() - startedAt) * scale)),
    done: (err?: unknown, value?: unknown) => settle(err, value),
    succeed: (value?: unknown) => settle(null, value),
    fail: (err: unknown) => settle(err ?? new Error('context.fail')),
  };
  return { object, done };
}
