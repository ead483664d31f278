/**
 * The contract between the engine and a source adapter (built-in or loaded by
 * path). Shaped like an ESLint rule: a plain object with `meta` (type, version,
 * the API version it was written for, its JSON Schema) and `create(ctx)`, which
 * returns the hooks the engine calls by name. An adapter reaches the engine
 * only through `ctx`: it never touches the event queue, the platform model or
 * another source directly.
 *
 * Hot paths (one call per event) go through objects resolved once in `create`
 * (`ctx.target(name)`, `ctx.fn(name)`), so a delivery costs a method call, not
 * a lookup.
 *
 * API 2 (docs/adapters.md) adds, to what API 1 had: batches with per-record
 * outcomes (`FunctionHandle.invokeBatch`), cancellable timers (`ctx.timer`),
 * adapter time series (`ctx.series`), config fields that name functions or
 * sources (`meta.names`), sources that may be async destinations
 * (`meta.destination`), warnings from `check`, events held at rest
 * (`hooks.pending`) and the schema of the payload (`meta.eventSchema`).
 * Everything of API 1 still works, so API 1 adapters load.
 */
import type { ServiceUsage } from '../cost/usage.js';
import type { Distribution, Sampler } from '../distributions.js';
import type { Schedulable } from '../kernel/event-queue.js';
import type { DeliveryCaller } from '../lambda/async-invocation.js';
import type { InvocationBatch, InvocationCaller } from '../lambda/environment.js';
import type { ArrivalHandler } from '../load/arrival-process.js';
import type { Outcome } from '../metrics/ledger.js';
import type { Random } from '../random.js';
import type { Router } from './router.js';

export type { DeliveryCaller } from '../lambda/async-invocation.js';
export type { InvocationBatch, InvocationCaller } from '../lambda/environment.js';
export { NO_FAILED_ITEMS } from '../lambda/environment.js';
export { Outcome } from '../metrics/ledger.js';
export type { Router } from './router.js';
export { worseOutcome } from './router.js';

/** The adapter API version this engine implements. */
export const ADAPTER_API_VERSION = 2;
/** API versions this engine loads: API 2 only added to API 1. */
export const SUPPORTED_API_VERSIONS: readonly number[] = [1, 2];

/** A config field that names a function or a source, checked at load like `targets` (with did-you-mean). */
export interface NameField {
  /** JSON pointer inside the source's config; `*` stands for every item of an array, e.g. `/consumer/function`. */
  path: string;
  /** What the name may be: a function, or another source (which must accept routed events: `meta.accepts`). */
  kinds: readonly ('function' | 'source')[];
  /** When set, a named source must be of one of these types. */
  sourceTypes?: readonly string[];
  /** When true, a named source must be a destination (`meta.destination`), as for on-failure destinations. */
  destination?: boolean;
}

export interface AdapterMeta {
  /** The `type:` a scenario writes, e.g. `schedule`. Lower-case, dashes allowed. */
  type: string;
  /** The adapter's own version (semver). */
  version: string;
  /** The adapter API the adapter was written for: 1 or 2 (SUPPORTED_API_VERSIONS). */
  apiVersion: number;
  /** One line for `slsim adapters`. */
  description: string;
  /**
   * JSON Schema of the source's configuration, including `type`. Use
   * `additionalProperties: false`; shared shapes are available by reference:
   * `defs.json#/$defs/duration`, `size`, `durationDistribution`, `sizeDistribution`, `load`, `targets`.
   */
  schema: object;
  /** How the source reaches Lambda: sync (RequestResponse), async (Event), poll (event source mapping). */
  invocation: readonly ('sync' | 'async' | 'poll')[];
  /** True when other sources may route messages to this one (sns, sqs, kinesis). */
  accepts?: boolean;
  /** Which kinds of names `targets` may hold. Default ['function']. */
  targetKinds?: ('function' | 'source')[];
  /** API 2: other config fields that hold names (a consumer's function, a dead-letter target, an on-failure destination). */
  names?: readonly NameField[];
  /** API 2: true when a function's `async.onSuccess`/`onFailure` (and mappings' `onFailure`) may name a source of this type. */
  destination?: boolean;
  /**
   * API 2: JSON Schema (draft-07) of the payload a function receives from this
   * source, the one `samplePayload` builds (e.g. schemas/events/sqs-event.schema.json).
   * Checked to be an object and compiled at registration; the adapter test kit
   * (`slsim/testing`) validates the sample payload against it.
   */
  eventSchema?: object;
}

/** Extra checks an adapter makes after schema validation (names, cross-field rules). */
export interface ConfigProblem {
  /** JSON pointer relative to the source, e.g. `/expression`. */
  path: string;
  message: string;
  /** API 2: a warning is reported and the run goes on; an error (the default) stops the load. */
  severity?: 'error' | 'warning';
}

export interface SourceAdapter<Config = Record<string, unknown>> {
  meta: AdapterMeta;
  /** Optional semantic check of a config that passed the schema; returns problems or []. `name` (API 2) is the source's. */
  check?(config: Config, scenario: ScenarioFacts, name: string): ConfigProblem[];
  /** Builds the source for one run. */
  create(ctx: SourceContext<Config>): SourceHooks;
  /** One payload as AWS would deliver it (for `slsim events TYPE` and handler code). */
  samplePayload?(config: Config, facts: PayloadFacts): unknown;
  /**
   * API 2, for sources that take objects by key (s3): the names an object
   * written with this key prefix and suffix would be routed to (its matching
   * notifications). The load-time loop check uses it, so that a function that
   * writes thumbnails under another prefix of the bucket is not called a loop.
   */
  targetsForObject?(config: Config, objectKey: { prefix: string; suffix: string }): readonly string[];
}

/** What the engine calls, by name. */
export interface SourceHooks {
  /** t = 0: schedule the first arrivals. */
  start?(): void;
  /** Another source routes a message here (sources with meta.accepts). */
  receive?(message: RoutedMessage): void;
  /** End of run: extra report fields (CloudWatch names), numbers or {stat: number}. */
  report?(): Record<string, number | Record<string, number>>;
  /** End of run: billable quantities of the source's own service (priced by the region's table). */
  usage?(): ServiceUsage[];
  /**
   * API 2: events held at rest when the run ends idle (messages waiting in a
   * queue that nothing consumes). They count as in flight; the engine checks
   * that in-flight events equal this number (0 without the hook).
   */
  pending?(): number;
}

/** A message handed from one source to another (S3 → SNS → SQS ...), or sent by a function's `outputs`. */
export interface RoutedMessage {
  /** When the original event was produced (for end-to-end latency). */
  producedAt: number;
  sizeBytes: number;
  /** Who is told the message's final state, and its tag. */
  caller: DeliveryCaller;
  tag: unknown;
  /**
   * API 2: Lambda invocations the message's chain has had so far (0 for an
   * event of a source's own load). A source keeps it with the message and
   * passes it on: to `Target.deliver`, `invokeAsync`, or a batch's `chain`.
   * Recursive loop detection stops the 17th invocation (docs/aws-model.md
   * rule 22).
   */
  chain: number;
  /** API 2: for an object written to a bucket by a function's `outputs`: the key's prefix and suffix, when given. */
  objectKey?: { readonly prefix?: string; readonly suffix?: string };
}

/** Facts about the scenario an adapter may read. */
export interface ScenarioFacts {
  name: string;
  /** Epoch ms of t = 0. */
  startEpochMs: number;
  /** Traffic window, ms. */
  durationMs: number;
  region: string;
  accountId: string;
  functionNames: readonly string[];
  sourceTypes: ReadonlyMap<string, string>;
  /** API 2: the functions' settings a check may need, by name. */
  functions: ReadonlyMap<string, FunctionFacts>;
  /** API 2: every source's validated configuration (defaults filled), by name. */
  sourceConfigs: ReadonlyMap<string, Readonly<Record<string, unknown>>>;
}

export interface FunctionFacts {
  timeoutMs: number;
  memoryMb: number;
  /** null when the function uses the unreserved pool. */
  reservedConcurrency: number | null;
}

export interface PayloadFacts {
  region: string;
  accountId: string;
  sourceName: string;
  /** Epoch ms of the event. */
  epochMs: number;
  random: Random;
}

/** A function handle, resolved once. */
export interface FunctionHandle {
  readonly name: string;
  /** RequestResponse: true when a run started, false for a 429 throttle. */
  invokeSync(caller: InvocationCaller, tag: unknown, producedAt: number): boolean;
  /**
   * Event: true when accepted, false when refused (payload over 1 MB). `chain`
   * (API 2, default 0): invocations of the event's chain so far; an event at
   * the end of a recursive loop is accepted and then stopped (docs/aws-model.md
   * rule 22).
   */
  invokeAsync(caller: DeliveryCaller, tag: unknown, producedAt: number, sizeBytes: number, chain?: number): boolean;
  /**
   * API 2, RequestResponse with a batch (event source mappings): true when a
   * run started, false for a throttle. The caller's `invocationEnded` gets the
   * batch back as its tag; read `batch.failedItems` after a successful run.
   */
  invokeBatch(caller: InvocationCaller, batch: InvocationBatch, producedAt: number): boolean;
  /** API 2: a stream consumer read records that arrived `ageMs` ago (the function's IteratorAge). */
  recordIteratorAge(ageMs: number, now: number): void;
  /**
   * API 2: true when recursive loop detection stops an invocation for a record
   * whose chain has had `chain` invocations (16 or more, and the function is not
   * `recursiveLoop: Allow`); the stop is counted in RecursiveInvocationsDropped.
   * Poll sources ask before putting a record in a batch, and send a stopped
   * record to their dead-letter target or drop it (docs/aws-model.md rule 22).
   */
  stopsChain(chain: number): boolean;
}

/** API 2: a timer the adapter may arm, re-arm and cancel; a cancelled timer never fires nor keeps the run alive. */
export interface SourceTimer {
  readonly armed: boolean;
  /** Arms (or re-arms) the timer at absolute simulated time `time`, ms. */
  arm(time: number): void;
  cancel(): void;
}

/** API 2: one time series of the source, bucketed like the functions' (`sources.<name>.<metric>` in the report). */
export interface SourceSeries {
  record(now: number, value: number): void;
}

/** Where a push source sends an event: a function (async invoke) or an accepting source. */
export interface Target {
  readonly name: string;
  readonly kind: 'function' | 'source';
  /** Hands one event over, with its chain (API 2, default 0). False when refused at once (the caller settles it). */
  deliver(caller: DeliveryCaller, tag: unknown, producedAt: number, sizeBytes: number, chain?: number): boolean;
}

export interface SourceContext<Config = Record<string, unknown>> {
  readonly name: string;
  /** The source's configuration: validated, defaults filled, frozen. */
  readonly config: Readonly<Config>;
  readonly scenario: ScenarioFacts;
  /** The run's one random generator. */
  readonly random: Random;
  /** Current simulated time, ms since t = 0. */
  now(): number;
  /** Schedules `item.fire(time)`. Background items never keep the run alive. */
  at(time: number, item: Schedulable, background?: boolean): void;
  /** Schedules a callback (allocates: keep it off per-event paths). */
  call(time: number, callback: (now: number) => void): void;
  /**
   * API 2: the sequence number the next scheduled item would get, without
   * scheduling anything. With `atReserved`, a compact queue of many waiting
   * items (core/kernel/run-queue.ts) gives each item the place in the event
   * order that scheduling it on its own would have.
   */
  reserveSequence(): number;
  /** API 2: schedules a foreground `item` at `time` under a number from `reserveSequence`. */
  atReserved(time: number, seq: number, item: Schedulable): void;
  /**
   * API 2: a reusable timer calling `callback` when it fires. A foreground timer
   * keeps the run alive while armed; a background one (`background: true`)
   * fires only while something else does.
   */
  timer(callback: (now: number) => void, options?: { background?: boolean }): SourceTimer;
  /**
   * API 2: a time series of this source: `sum` adds per bucket, `max` keeps the
   * bucket's largest value, `level` is a max that holds on through later buckets
   * until the level changes (queue depth, pollers).
   */
  series(metric: string, kind: 'sum' | 'max' | 'level'): SourceSeries;
  /** The source's delivery ledger: call `produced()` once per event, `settle` once per event. */
  readonly ledger: {
    produced(): void;
    settle(outcome: Outcome, producedAt: number, now: number): void;
  };
  /** Binds a distribution (from the config, already in ms or bytes) to the run's generator. */
  sampler(distribution: Distribution): Sampler;
  /** Starts the source's `load:` (if any), calling `onArrival` per arrival. */
  startLoad(onArrival: ArrivalHandler): void;
  /** The named function. */
  fn(name: string): FunctionHandle;
  /** The named target (function or accepting source). */
  target(name: string): Target;
  /** Delivers to every named target, settling each event once (fan-out when several). */
  router(targets: readonly string[]): Router;
  /** Builds a one-off, AWS-shaped payload (used when real handler code runs). */
  payloadFacts(): PayloadFacts;
}

