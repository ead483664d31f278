/**
 * What the engine hands one source adapter: the `SourceContext` of the
 * adapter contract, bound to this run's clock, generator, platform and the
 * source's own delivery ledger. Targets and functions are resolved here once,
 * so per-event code holds direct references.
 */
import { createSampler } from '../distributions.js';
import { Timer, type Simulation } from '../kernel/simulation.js';
import type { LambdaPlatform } from '../lambda/platform.js';
import { ArrivalProcess } from '../load/arrival-process.js';
import { DeliveryLedger } from '../metrics/ledger.js';
import type { SeriesSet } from '../metrics/time-series.js';
import type { Random } from '../random.js';
import type { ServiceUsage } from '../cost/usage.js';
import type { SourceSpec } from '../scenario/scenario.js';
import { SimulationFault } from '../errors.js';
import type {
  FunctionHandle,
  PayloadFacts,
  RoutedMessage,
  ScenarioFacts,
  SourceContext,
  SourceHooks,
  Target,
} from './adapter-contract.js';
import { asAdapter } from './adapter-fault.js';
import type { RegisteredAdapter } from './registry.js';
import { createRouter } from './router.js';
import { sourcePayloads } from './payloads.js';
import type { HandlerRuns } from '../lambda/handler-runs.js';
import type { PayloadSource } from '../lambda/handler-calls.js';
import type { LambdaFunction } from '../lambda/lambda-function.js';

/** What the engine gives every SourceRuntime. */
export interface RunParts {
  sim: Simulation;
  platform: LambdaPlatform;
  facts: ScenarioFacts;
  series: SeriesSet;
  /** Looks up another source of the run (for routing to accepting sources). */
  sourceNamed: (name: string) => SourceRuntime | undefined;
  /** The run's random stream of a label (payloads for real handler code draw from their own). */
  streamFor: (label: string) => Random;
}

/** The engine's side of one source. */
export class SourceRuntime {
  readonly ledger = new DeliveryLedger();
  hooks: SourceHooks = {};
  readonly context: SourceContext;
  /** > 0 while the source takes an event routed to it (from another source or a function): not an arrival. */
  private routing = 0;

  constructor(
    readonly spec: SourceSpec,
    readonly adapter: RegisteredAdapter,
    random: Random,
    { sim, platform, facts, series, sourceNamed, streamFor }: RunParts,
  ) {
    const payloadRandom = streamFor(`payload:${spec.name}`);
    const ledger = this.ledger;
    const endMs = facts.durationMs;
    // `sources.<name>.Arrivals`: events that entered the design here (load, schedule), per bucket; created by the first.
    let arrivals: Float64Array | null = null;
    // Real handler code: runs started by this source get this source's payloads (payloads.ts).
    const payloads = sourcePayloads({
      adapter: adapter.adapter,
      config: spec.config,
      region: facts.region,
      accountId: facts.accountId,
      sourceName: spec.name,
      random: payloadRandom,
      epochMs: () => facts.startEpochMs + sim.now,
      guard: (what, f) => asAdapter(adapter, what, f),
    });
    const fn = (name: string): FunctionHandle => {
      const f = platform.fn(name);
      if (f.handler !== null) return handlerHandle(platform, f, f.handler, payloads);
      return {
        name,
        invokeSync: (caller, tag, producedAt) => platform.invokeSync(f, caller, tag, producedAt),
        invokeAsync: (caller, tag, producedAt, size, chain) => platform.invokeAsync(f, caller, tag, producedAt, size, chain),
        invokeBatch: (caller, batch, producedAt) => platform.invokeSync(f, caller, batch, producedAt, batch),
        recordIteratorAge: (ageMs, now) => f.recordIteratorAge(ageMs, now),
        stopsChain: (chain) => f.stopsChain(chain),
      };
    };
    const target = (name: string): Target => {
      if (platform.functions.has(name)) {
        const f = platform.fn(name);
        const handle = f.handler === null ? null : handlerHandle(platform, f, f.handler, payloads);
        return {
          name,
          kind: 'function',
          deliver:
            handle === null
              ? (caller, tag, producedAt, size, chain) => platform.invokeAsync(f, caller, tag, producedAt, size, chain)
              : (caller, tag, producedAt, size, chain) => handle.invokeAsync(caller, tag, producedAt, size, chain),
        };
      }
      const other = sourceNamed(name);
      if (!other) throw new SimulationFault(`source "${spec.name}" targets "${name}", which does not exist`);
      return {
        name,
        kind: 'source',
        deliver: (caller, tag, producedAt, sizeBytes, chain = 0) => {
          const receive = other.hooks.receive;
          if (!receive) throw new SimulationFault(`source "${name}" (${other.spec.type}) accepts no events`);
          const message: RoutedMessage = { producedAt, sizeBytes, caller, tag, chain };
          receive(message);
          return true;
        },
      };
    };
    this.context = {
      name: spec.name,
      config: spec.config,
      scenario: facts,
      random,
      now: () => sim.now,
      at: (time, item, background) => sim.at(time, item, background),
      call: (time, callback) => sim.call(time, callback),
      reserveSequence: () => sim.reserveSequence(),
      atReserved: (time, seq, item) => sim.atReserved(time, seq, item),
      timer: (callback, options) => new Timer(sim, callback, options?.background ?? false),
      series: (metric, kind) => series.writer(`sources.${spec.name}.${metric}`, kind),
      ledger: {
        produced: () => {
          ledger.produced();
          if (this.routing === 0) (arrivals ??= series.define(`sources.${spec.name}.Arrivals`, 'sum'))[series.index(sim.now)]!++;
        },
        settle: (outcome, producedAt, now) => ledger.settle(outcome, producedAt, now),
      },
      sampler: (distribution) => createSampler(distribution, random),
      startLoad: (onArrival) => {
        if (spec.load) new ArrivalProcess(sim, random, spec.load, endMs, onArrival).start();
      },
      fn,
      target,
      router: (names) => createRouter(names.map(target), () => sim.now),
      payloadFacts: (): PayloadFacts => ({
        region: facts.region,
        accountId: facts.accountId,
        sourceName: spec.name,
        epochMs: facts.startEpochMs + sim.now,
        random,
      }),
    };
  }

  /** Builds the source through its adapter (the adapter's fault if it throws). */
  create(): void {
    const hooks = asAdapter(this.adapter, 'in create', () => this.adapter.adapter.create(this.context)) ?? {};
    const receive = hooks.receive;
    if (!receive) {
      this.hooks = hooks;
      return;
    }
    // Events routed in are not arrivals (see `routing`); the adapter's own hooks object is left as it is.
    const counted: SourceHooks = Object.create(hooks);
    counted.receive = (message) => {
      this.routing++;
      try {
        receive.call(hooks, message);
      } finally {
        this.routing--;
      }
    };
    this.hooks = counted;
  }

  start(): void {
    const start = this.hooks.start;
    if (start) asAdapter(this.adapter, 'in start', () => start());
  }

  /** The adapter's own report fields. */
  report(): Record<string, number | Record<string, number>> {
    const report = this.hooks.report;
    return report ? asAdapter(this.adapter, 'in report', () => report()) : {};
  }

  usage(): ServiceUsage[] {
    const usage = this.hooks.usage;
    return usage ? asAdapter(this.adapter, 'in usage', () => usage()) : [];
  }

  /** Events the source holds at rest (waiting in a queue nothing consumes). */
  pending(): number {
    const pending = this.hooks.pending;
    return pending ? asAdapter(this.adapter, 'in pending', () => pending()) : 0;
  }
}

/**
 * The handle of a function with real handler code: the same calls, each
 * telling the function which source's payload its run takes (payloads.ts).
 */
function handlerHandle(platform: LambdaPlatform, f: LambdaFunction, handler: HandlerRuns, payloads: PayloadSource): FunctionHandle {
  const via = <T>(run: () => T): T => {
    handler.payloadSource = payloads;
    try {
      return run();
    } finally {
      handler.payloadSource = null;
    }
  };
  return {
    name: f.name,
    invokeSync: (caller, tag, producedAt) => via(() => platform.invokeSync(f, caller, tag, producedAt)),
    invokeAsync: (caller, tag, producedAt, size, chain) => via(() => platform.invokeAsync(f, caller, tag, producedAt, size, chain)),
    invokeBatch: (caller, batch, producedAt) => via(() => platform.invokeSync(f, caller, batch, producedAt, batch)),
    recordIteratorAge: (ageMs, now) => f.recordIteratorAge(ageMs, now),
    stopsChain: (chain) => f.stopsChain(chain),
  };
}
