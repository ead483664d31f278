/**
 * An execution environment (docs/aws-model.md rule 4): it runs one request at a
 * time. While busy it carries that request (who asked, when it was produced,
 * how the run will end), so an invocation allocates nothing: the environment
 * itself is the item on the event heap that fires when the run completes.
 */
import type { Schedulable } from '../kernel/event-queue.js';
import type { HandlerResult } from './handler-calls.js';

/** Who gets told when one run of a handler ends. */
export interface InvocationCaller {
  /**
   * A run ended: `ok` is false for a function error (thrown error, errorRate,
   * timeout). `tag` and `producedAt` are what the caller passed in.
   * `response` is what real handler code returned, or Lambda's error response
   * ({ errorType, errorMessage }) when its run failed (docs/handlers.md);
   * undefined for a run without code.
   */
  invocationEnded(ok: boolean, tag: unknown, producedAt: number, now: number, response?: unknown): void;
}

/**
 * A batch of records handed to one run by an event source mapping (SQS,
 * Kinesis). The source owns and reuses it; the model reads it at the run's
 * start and writes `failedItems` before telling the caller that the run ended.
 */
export interface InvocationBatch {
  /** Records in the batch, at least 1: the run takes `duration` + records × `recordDuration`. */
  records: number;
  /** Payload bytes of the batch. */
  bytes: number;
  /** Indices (ascending) of the records that fail whatever run holds them (poison records), filled by the source. */
  poison: number[];
  /** ReportBatchItemFailures: the function returns the failed records instead of failing the run. */
  reportBatchItemFailures: boolean;
  /**
   * Invocations of the longest chain among the records (0 when none came
   * through a function): what the run's `outputs` carry on, plus one. Records
   * stopped by recursive loop detection are kept out of the batch by the source.
   */
  chain: number;
  /**
   * Set by the model when a run ends without a function error: the indices of
   * the records the function reported as failed (a partial batch response),
   * empty when every record succeeded. Meaningless after a failed run.
   */
  failedItems: readonly number[];
}

/** No record failed. */
export const NO_FAILED_ITEMS: readonly number[] = Object.freeze([]);

/** What an environment calls back into when its run completes. */
export interface CompletionSink {
  complete(env: Environment, now: number): void;
}

export class Environment implements Schedulable {
  // The current request, valid while busy.
  caller: InvocationCaller | null = null;
  tag: unknown = undefined;
  producedAt = 0;
  /** Invocations of the current request's chain before this run (recursive loop detection). */
  chain = 0;
  /** The batch of the current run, or null for a plain invoke. */
  batch: InvocationBatch | null = null;
  /** Handler time of the current run, ms (cut at the timeout). */
  runMs = 0;
  failed = false;
  /** Set by a timeout: Lambda resets the environment, and INIT re-runs inside its next invoke. */
  reset = false;
  /** Whether this run took concurrency from a pool (to give it back). */
  holdsPool = false;

  // Real handler code (handler-runs.ts); null and unused otherwise.
  /** The handler call still out: the run loop awaits it before firing this run's completion. */
  blocker: Promise<unknown> | null = null;
  result: HandlerResult | null = null;
  /** When the run began (simulated ms) and its INIT, for runs whose end the measured time places. */
  startedAt = 0;
  initMs = 0;
  /** The run's request number (awsRequestIdOf formats it). */
  requestNumber = 0;
  /** The batch's record identifiers as the payload named them (partial batch responses). */
  recordIds: readonly string[] | null = null;

  // Idle-pool bookkeeping (see environment-pool.ts).
  /** Place in its function's creation order among live on-demand environments. */
  rank = 0;
  idle = false;
  idleSince = 0;
  idlePrev: Environment | null = null;
  idleNext: Environment | null = null;

  constructor(
    /** Creation order across the run: higher is newer. */
    readonly id: number,
    readonly provisioned: boolean,
    private readonly sink: CompletionSink,
  ) {}

  fire(now: number): void {
    this.sink.complete(this, now);
  }
}
