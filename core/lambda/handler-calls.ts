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

  /** The error of the event's last failed run, until a retry runs (an async destination's record). */
  lastError: unknown = null;
}

/** `batchItemFailures` → indices of the failed records; null when the response makes the whole batch fail. */
export function failedRecordIndices(value: unknown, recordIds: readonly string[]): number[] | null {
  // AWS (docs/handlers.md; Lambda's SQS and Kinesis "partial batch response" pages): no response, no list
  // or an empty list is complete success; an empty, null or unknown identifier is complete failure.
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
