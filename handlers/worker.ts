/**
 * A piscina worker that runs real handler code (docs/handlers.md). Each worker
 * loads a module once and keeps it, with its module state, for every later call
 * (in Lambda that state lives per execution environment instead). A call gets
 * the event and a Lambda-like context; what the handler returns, throws or
 * leaks comes back as plain data, with what it logged and how long it ran.
 * Nothing a handler does can throw out of here: the worker either answers or
 * dies (process.exit, out of memory), and the pool turns death into an answer.
 */
import { performance } from 'node:perf_hooks';
import { workerData } from 'node:worker_threads';
import { awsRequestIdOf, logStreamNameOf } from '../core/ids.js';
import type { HandlerResult } from '../core/lambda/handler-calls.js';
import { lambdaContext } from './context.js';
import { captureOutput, type CallLog } from './capture-output.js';
import { loadHandler } from './load-handler.js';
import { RunBoard } from './run-board.js';

/** What every call of one function shares, sent once to each worker (workerData.functions). */
export interface WorkerFunction {
  functionName: string;
  modulePath: string;
  exportName: string;
  memoryLimitInMB: string;
  invokedFunctionArn: string;
  logGroupName: string;
  timeoutMs: number;
}

/** One call, kept small (it is cloned to the worker): function index, event, request id and log stream as numbers, scale, its task's number and wall limit (run-board.ts). */
export type CallTask = [
  functionIndex: number,
  event: unknown,
  requestSalt: number,
  requestNumber: number,
  environmentId: number,
  logDate: string,
  scale: number,
  seq: number,
  wallLimitMs: number,
];

const data = workerData as { functions?: WorkerFunction[]; board?: SharedArrayBuffer } | null;
const functions: WorkerFunction[] = data?.functions ?? [];
/** Where this worker says which call it runs since when, for the pool's watchdog. */
const board = data?.board ? new RunBoard(data.board) : null;
const slot = board?.claim() ?? 0;

/** Checks that a module loads and exports a function (before the run), and measures its load time. */
export interface ProbeTask {
  probe: true;
  modulePath: string;
  exportName: string;
  seq: number;
  wallLimitMs: number;
}

export type ProbeResult = { ok: true; loadMs: number } | { ok: false; message: string };

/** The call in progress (a worker runs one at a time): where leaked errors and output go. */
let current: { leaks: boolean; leaked: unknown; log: CallLog } | null = null;

// A rejection nobody handles, or an exception thrown from a timer, fails the call in progress instead of the worker.
process.on('unhandledRejection', (reason) => {
  if (current !== null && !current.leaks) {
    current.leaks = true;
    current.leaked = reason ?? new Error('a promise was rejected with no reason');
  }
});
process.on('uncaughtException', (error) => {
  if (current !== null && !current.leaks) {
    current.leaks = true;
    current.leaked = error;
  }
});
captureOutput(() => current?.log ?? null);

/** Calls sent together (one message): run one after another, answered together. */
export interface BatchTask {
  batch: CallTask[];
}

export default async function run(task: CallTask | BatchTask | ProbeTask): Promise<HandlerResult | HandlerResult[] | ProbeResult> {
  if (Array.isArray(task)) return runCall(task);
  if ('batch' in task) {
    const results: HandlerResult[] = [];
    for (const call of task.batch) results.push(await runCall(call));
    return results;
  }
  return probe(task);
}

async function runCall(task: CallTask): Promise<HandlerResult> {
  board?.begin(slot, task[7], task[8]);
  try {
    return await callHandler(task);
  } finally {
    board?.end(slot);
  }
}

async function callHandler(task: CallTask): Promise<HandlerResult> {
  const [index, event, requestSalt, requestNumber, environmentId, logDate, scale] = task;
  const fn = functions[index]!;
  const handler = await loadHandler(fn.modulePath, fn.exportName);
  const state = { leaks: false, leaked: undefined as unknown, log: { start: performance.now(), lines: [] as HandlerResult['logs'] & object } };
  current = state;
  const awsRequestId = awsRequestIdOf(requestSalt, requestNumber);
  const context = lambdaContext(fn, awsRequestId, logStreamNameOf(logDate, environmentId), state.log.start, scale);
  let ok = true;
  let value: unknown;
  let error: unknown;
  try {
    value = await invoke(handler.fn, event, context.object, context.done);
  } catch (thrown) {
    ok = false;
    error = thrown;
  }
  const measuredMs = performance.now() - state.log.start;
  // Let a rejection the handler left behind surface before the call is judged.
  await new Promise((resolve) => setImmediate(resolve));
  current = null;
  if (ok && state.leaks) {
    ok = false;
    error = state.leaked;
  }
  const result: HandlerResult = { ok, measuredMs };
  if (state.log.lines.length > 0) result.logs = state.log.lines;
  if (ok) {
    let json = 'null';
    try {
      // Lambda serialises the response as JSON (no value is `null`): what JSON cannot hold does not reach the caller either.
      if (value !== undefined && value !== null) json = JSON.stringify(typeof value === 'object' ? value : jsonScalar(value));
      result.value = JSON.parse(json);
    } catch (cause) {
      result.ok = false;
      result.errorType = 'Runtime.MarshalError';
      result.errorMessage = `the response cannot be serialised as JSON: ${(cause as Error).message}`;
    }
    if (result.ok && json.length * 3 > MAX_RESPONSE_BYTES && Buffer.byteLength(json) > MAX_RESPONSE_BYTES) {
      // The Runtime API refuses a response over its limit (413), whatever the invocation type: the invoke fails.
      result.ok = false;
      delete result.value;
      result.errorType = 'Function.ResponseSizeTooLarge';
      result.errorMessage = `Response payload size exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES} bytes).`;
    }
  } else {
    result.errorType = error instanceof Error ? error.name : typeof error;
    result.errorMessage = error instanceof Error ? error.message : String(error);
  }
  return result;
}

/** Calls an async handler, or a callback-style one (three parameters, or one that calls context.done/succeed/fail). */
function invoke(fn: Function, event: unknown, context: object, done: Promise<unknown>): Promise<unknown> {
  if (fn.length >= 3) {
    return new Promise((resolve, reject) => {
      const callback = (err: unknown, value?: unknown) => (err === null || err === undefined ? resolve(value) : reject(err));
      const returned = fn(event, context, callback);
      if (returned !== null && typeof returned === 'object' && typeof (returned as Promise<unknown>).then === 'function') {
        (returned as Promise<unknown>).then(resolve, reject);
      }
      done.then(resolve, reject);
    });
  }
  const returned = fn(event, context);
  // `done` first: a handler that called context.succeed before returning answers with what it gave.
  return Promise.race([done, Promise.resolve(returned)]);
}

async function probe(task: ProbeTask): Promise<ProbeResult> {
  board?.begin(slot, task.seq, task.wallLimitMs);
  try {
    const handler = await loadHandler(task.modulePath, task.exportName);
    return { ok: true, loadMs: handler.loadMs };
  } catch (error) {
    return { ok: false, message: (error as Error)?.message ?? String(error) };
  } finally {
    board?.end(slot);
  }
}

/** The largest response the Lambda Runtime API takes: 6 MiB + 100 bytes (docs/handlers.md). */
export const MAX_RESPONSE_BYTES = 6 * 1024 * 1024 + 100;

/** A scalar as JSON gives it back: numbers that are not finite become null; a function or symbol cannot be sent. */
function jsonScalar(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') throw new TypeError('Do not know how to serialize a BigInt');
  return null;
}
