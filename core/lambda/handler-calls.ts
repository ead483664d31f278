/**
 * The boundary between the Lambda model and real handler code (docs/handlers.md).
 * The model never runs code itself: a `HandlerRunner` (the worker pool, outside
 * core/) takes a call when a run starts and answers with a promise; the kernel
 * awaits that promise only when the run's completion is due, so the pool works
 * while the simulation goes on. What the answer means for the run (an error, a
 * partial batch response, a response for the caller) is decided here, so that
 * every source reads it the same way.
 */

/** One call of a handler, as the runner receives it (structured-clonable). */
export interface HandlerCall {
  functionName: string;
  /** Absolute path of the handler module and the export to call. */
  modulePath: string;
  exportName: string;
  event: unknown;
  /** The request id as numbers (awsRequestIdOf formats it): the worker formats it too, so no string crosses threads. */
  requestSalt: number;
  requestNumber: number;
  /** The execution environment's creation id and the log date `yyyy/mm/dd` (logStreamNameOf). */
  environmentId: number;
  logDate: string;
  /** Wall-clock ms after which the runner stops the call (a hung handler): the timeout, over durationScale. */
  wallLimitMs: number;
  /** Simulated ms per measured ms, for getRemainingTimeInMillis. */
  scale: number;
}

const HEX = '0123456789abcdef';

/** A version-4 UUID mixed from (salt, n): distinct for distinct n, the same on both sides of the worker boundary. */
export function awsRequestIdOf(salt: number, n: number): string {
  let out = '';
  let x = (salt ^ Math.imul(n + 1, 0x9e3779b1)) >>> 0;
  let y = (Math.imul(n, 0x85ebca6b) + salt) >>> 0;
  for (let word = 0; word < 4; word++) {
    x = Math.imul(x ^ (x >>> 16), 0x7feb352d) >>> 0;
    x = Math.imul(x ^ (x >>> 15), 0x846ca68b) >>> 0;
    x = (x ^ (x >>> 16) ^ y) >>> 0;
    y = Math.imul(y ^ (y >>> 13), 0xc2b2ae35) >>> 0;
    for (let i = 0; i < 8; i++) out += HEX[(x >>> (28 - 4 * i)) & 15];
  }
  // Version 4, variant 10xx, dashes at 8-4-4-4-12.
  const variant = HEX[8 + (parseInt(out[16]!, 16) & 3)];
  return `${out.slice(0, 8)}-${out.slice(8, 12)}-4${out.slice(13, 16)}-${variant}${out.slice(17, 20)}-${out.slice(20, 32)}`;
}

/** `2026/01/05/[$LATEST]` and 32 hex digits, one per execution environment, as Lambda names log streams. */
export function logStreamNameOf(logDate: string, environmentId: number): string {
  let x = (environmentId + 1) * 0x9e3779b1;
  let out = '';
  for (let i = 0; i < 4; i++) {
    x = Math.imul(x ^ (x >>> 15), 0x85ebca6b) >>> 0;
    out += x.toString(16).padStart(8, '0');
  }
  return `${logDate}/[$LATEST]${out}`;
}

/** One log line a handler wrote, ms after its call began (measured). */
export type HandlerLogLine = [offsetMs: number, level: string, text: string];

/** The runner's answer. */
export interface HandlerResult {
  /** False for a thrown error, a rejected promise, a leaked rejection, a stopped or dead worker. */
  ok: boolean;
  /** What the handler returned (ok), or undefined. */
  value?: unknown;
  /** Lambda's error type (`Error`, `Runtime.ExitError`, `Sandbox.Timedout` ...) and message, when not ok. */
  errorType?: string;
  errorMessage?: string;
  /** True when the runner stopped a call that ran past its wall limit. */
  timedOut?: boolean;
  /** Measured run time of the call, ms. */
  measuredMs: number;
  logs?: HandlerLogLine[];
}

/** Runs handler calls (implemented by the worker pool, handlers/pool.ts). */
export interface HandlerRunner {
  call(call: HandlerCall): Promise<HandlerResult>;
  /** Measured load time of a function's module, ms (for `initFrom: measured`), when known. */
  loadMs(functionName: string): number | undefined;
  /** Hands the log lines of one finished run on (to `--handler-logs`); `startMs` is the run's simulated start. */
  log(lines: readonly HandlerLogLine[], startMs: number, requestId: string, functionName: string, scale: number): void;
}

/** Where the payload of a run comes from: the invoking source, resolved by the engine. */
export interface PayloadSource {
  /** A payload as the source's service delivers it, with `records` records for a batch. */
  build(records: number): BuiltPayload;
}

export interface BuiltPayload {
  event: unknown;
  /** For batches: each record's identifier, as `batchItemFailures` names it (SQS messageId, Kinesis sequence number). */
  recordIds: readonly string[] | null;
}

/**
 * An async event carried with its payload and request id: AWS retries an
 * async event with the same payload and the same request id. The engine wraps
 * a source's tag in it when the function has a handler.
 */
export class PayloadTag {
  constructor(
    readonly tag: unknown,
    readonly payload: BuiltPayload,
    /** The request's number (awsRequestIdOf). */
    readonly requestNumber: number,
  ) {}
}

/** `batchItemFailures` → indices of the failed records; null when the response makes the whole batch fail. */
export function failedRecordIndices(value: unknown, recordIds: readonly string[]): number[] | null {
  // AWS: no response, no list or an empty list is complete success; a bad identifier is complete failure.
  if (value === null || value === undefined || typeof value !== 'object') return [];
  const failures = (value as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === null || failures === undefined) return [];
  if (!Array.isArray(failures)) return null;
  const indices: number[] = [];
  for (const failure of failures) {
    const id = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof id !== 'string' || id === '') return null;
    const index = recordIds.indexOf(id);
    if (index < 0) return null;
    if (!indices.includes(index)) indices.push(index);
  }
  return indices.sort((a, b) => a - b);
}
