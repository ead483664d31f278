/**
 * A function's configuration as the engine sees it: defaults filled, units
 * converted (ms, bytes, MB), distributions resolved. Plain data, frozen with
 * the scenario. Also the AWS limits the model enforces, in one place.
 */
import type { Distribution } from '../distributions.js';

export type Architecture = 'x86_64' | 'arm64';

export interface AsyncSpec {
  /** 0..2, retries after a function error. */
  maximumRetryAttempts: number;
  /** 60 s .. 6 h. */
  maximumEventAgeMs: number;
  /** A function or a destination source (sqs, sns) that receives each successful event, or null. */
  onSuccess: string | null;
  /** A function or a destination source (sqs, sns) that receives given-up events, or null. */
  onFailure: string | null;
}

/** What each successful run sends on (event routing through code): `count` messages per record handled. */
export interface OutputSpec {
  /** An sqs, sns or s3 source. */
  to: string;
  count: CountSpec;
  sizeBytes: Distribution;
  /** For an s3 target: the written object's key prefix and suffix (its notifications filter on them). */
  prefix: string | null;
  suffix: string | null;
}

/**
 * Messages per record handled: a fixed mean (a fraction is a chance: 0.2 is
 * one message for one record in five, 1.5 is one or two), or a Poisson or
 * whole-number uniform distribution.
 */
export type CountSpec =
  | { dist: 'constant'; value: number }
  | { dist: 'poisson'; mean: number }
  | { dist: 'uniform'; min: number; max: number };

export interface FunctionSpec {
  name: string;
  memoryMb: number;
  architecture: Architecture;
  timeoutMs: number;
  ephemeralStorageMb: number;
  /** null when the function uses the unreserved pool. */
  reservedConcurrency: number | null;
  provisionedConcurrency: number;
  duration: Distribution;
  /** Extra run time per record of a batch (event source mappings); null when none. */
  recordDuration: Distribution | null;
  errorRate: number;
  init: Distribution;
  idleTimeoutMs: number;
  async: AsyncSpec;
  /** Recursive loop detection (docs/aws-model.md rule 22): Terminate (default) stops the 17th invocation of a chain. */
  recursiveLoop: 'Terminate' | 'Allow';
  /** Messages each successful run sends on; empty when none. */
  outputs: readonly OutputSpec[];
  /** Real handler code run by the worker pool (docs/handlers.md), or null. */
  handler: HandlerSpec | null;
}

/** `handler: ./file.mjs#name` resolved at load, with how its answers are used. */
export interface HandlerSpec {
  /** As written in the scenario. */
  written: string;
  /** Absolute path of the module. */
  modulePath: string;
  /** The export to call (default `handler`). */
  exportName: string;
  /** Run time from the `duration` model (default, reproducible), or measured × `scale`. */
  durationFrom: 'model' | 'measured';
  scale: number;
  /** INIT from the `coldStart.init` model (default), or the module's measured load time. */
  initFrom: 'model' | 'measured';
}

/** AWS Lambda limits the model applies (docs/aws-model.md, "Limits"). */
export const LAMBDA_LIMITS = {
  /** On-demand INIT is cut after 10 s and re-run inside the first invoke. */
  initLimitMs: 10_000,
  /** Synchronous request payload. */
  syncPayloadBytes: 6 * 1024 * 1024,
  /** Asynchronous event payload (256 KB before Oct 2025). */
  asyncPayloadBytes: 1024 * 1024,
  /** Async events up to this size are one request; each further 64 KB is another. */
  asyncBaseRequestBytes: 256 * 1024,
  asyncChunkBytes: 64 * 1024,
  /** Async throttle back-off: from 1 s, doubling, capped at 5 min. */
  asyncBackoffFirstMs: 1000,
  asyncBackoffMaxMs: 300_000,
  /** Async function-error retries: about 1 min before the first, 2 min before the second. */
  asyncRetryDelaysMs: [60_000, 120_000] as readonly number[],
  /** Recursive loop detection lets a chain have this many invocations and stops the next (docs/aws-model.md rule 22). */
  recursiveChainInvocations: 16,
} as const;

/** Requests billed for one async invocation of a payload of `bytes`. */
export function asyncRequestUnits(bytes: number): number {
  if (bytes <= LAMBDA_LIMITS.asyncBaseRequestBytes) return 1;
  return 1 + Math.ceil((bytes - LAMBDA_LIMITS.asyncBaseRequestBytes) / LAMBDA_LIMITS.asyncChunkBytes);
}

/** Why an async event was given up: an on-failure invocation record's `condition` (docs/handlers.md). */
export type GiveUpCondition = 'RetriesExhausted' | 'EventAgeExceeded' | 'ZeroReservedConcurrency';

/**
 * What Lambda's invocation record says of one async event (docs/handlers.md),
 * for a destination whose function runs handler code.
 */
export interface InvocationRecordFacts {
  condition: 'Success' | GiveUpCondition;
  /** The event's request id, when its function ran handler code (else the destination makes one up). */
  requestId: string | null;
  /** Runs of the event: 0 when none ran (aged out first, reserved concurrency 0, a recursive loop stopped). */
  approximateInvokeCount: number;
  /** The event as its function received it (an empty object when that function runs no code). */
  requestPayload: unknown;
  /** The function's answer (Success), its last error (after a failed run), or null. */
  responsePayload: unknown;
}

/** Where an async destination (onSuccess, onFailure) sends a record: set by the engine, which knows the sources. */
export interface Destination {
  /** True when `send` uses the record's facts (a function with handler code): only then are they gathered. */
  readonly wantsRecord: boolean;
  /** `chain`: invocations of the record's chain so far (recursive loop detection); `record`: the event's facts, given exactly when `wantsRecord`. */
  send(now: number, sizeBytes: number, chain: number, record?: InvocationRecordFacts): void;
}

/** Hands out creation ids shared by all functions of a run. */
export interface EnvironmentIds {
  nextEnvironmentId: number;
}

/** Billed duration of a run: rounded up to 1 ms (float noise ignored). */
export function billedMs(ms: number): number {
  return Math.ceil(ms - 1e-9);
}
