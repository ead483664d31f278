/**
 * One run of a scenario: builds the clock, the generator, the Lambda platform
 * and one SourceRuntime per source (through its adapter), runs the loop until
 * nothing is pending or the drain has passed, and checks the delivery ledgers.
 * Lifecycle events (start, progress, end) go out on an event bus for whoever
 * listens (progress bars, tools); nothing per invocation goes through it.
 * The engine also wires each function's async destinations (docs/aws-model.md
 * rule 18) and `outputs` (routing through code, rule 22), and reports a third-party adapter's failure as that adapter's.
 */
import { EventEmitter } from 'eventemitter3';
import { SimulationFault } from '../errors.js';
import { Simulation, type RunResult } from '../kernel/simulation.js';
import type { HandlerRunner } from '../lambda/handler-calls.js';
import { HandlerRuns } from '../lambda/handler-runs.js';
import type { Random as RandomStream } from '../random.js';
import { invocationRecords } from './payloads.js';
import { LambdaPlatform } from '../lambda/platform.js';
import type { OutputSpec } from '../lambda/function-spec.js';
import type { Destination } from '../lambda/function-spec.js';
import { FunctionOutput, type OutputSend } from '../lambda/outputs.js';
import { SeriesSet } from '../metrics/time-series.js';
import { Random } from '../random.js';
import type { Scenario } from '../scenario/scenario.js';
import type { DeliveryCaller, ScenarioFacts, SourceHooks } from './adapter-contract.js';
import type { AdapterRegistry } from './registry.js';
import { AdapterFault, blameAdapter } from './adapter-fault.js';
import { SourceRuntime } from './source-context.js';

export interface EngineEvents {
  'run:start': (engine: Engine) => void;
  /** Every 65,536 events: simulated ms reached, events so far. */
  'run:progress': (nowMs: number, events: number) => void;
  'run:end': (engine: Engine) => void;
}

export interface RunOutcome {
  /** Simulated end of the run, ms since t = 0. */
  endMs: number;
  /** True when the drain ran out with work still pending. */
  cutByDrain: boolean;
  events: number;
}

export interface EngineOptions {
  /** Runs real handler code (the worker pool); without it, `handler:` is not run and outcomes come from the model. */
  handlers?: HandlerRunner;
}

/** Gives each function with `handler:` its HandlerRuns (docs/handlers.md). */
function wireHandlers(platform: LambdaPlatform, runner: HandlerRunner, scenario: Scenario, streamFor: (label: string) => RandomStream): void {
  for (const fn of platform.functions.values()) {
    const spec = fn.spec.handler;
    if (spec === null) continue;
    fn.handler = new HandlerRuns(fn, runner, streamFor(`requests:${fn.name}`), {
      modulePath: spec.modulePath,
      exportName: spec.exportName,
      durationFrom: spec.durationFrom,
      scale: spec.scale,
      measuredInitMs: spec.initFrom === 'measured' ? (runner.loadMs(fn.name) ?? null) : null,
      startEpochMs: scenario.startEpochMs,
    });
  }
}

/** A settle target for deliveries whose upstream is already settled. */
const NOBODY: DeliveryCaller = { settle() {} };

export class Engine extends EventEmitter<EngineEvents> {
  readonly sim = new Simulation();
  readonly series: SeriesSet;
  readonly platform: LambdaPlatform;
  readonly sources = new Map<string, SourceRuntime>();
  readonly facts: ScenarioFacts;
  outcome: RunOutcome | null = null;

  constructor(
    readonly scenario: Scenario,
    registry: AdapterRegistry,
    options: EngineOptions = {},
  ) {
    super();
    const streamFor = (label: string) => Random.derived(scenario.seed, label);
    this.series = new SeriesSet(scenario.durationMs + scenario.drainMs, undefined, scenario.report.bucketMs);
    this.platform = new LambdaPlatform(this.sim, streamFor, scenario.account, scenario.functions, this.series);
    this.runsCode = options.handlers !== undefined && scenario.functions.some((f) => f.handler !== null);
    if (options.handlers) wireHandlers(this.platform, options.handlers, scenario, streamFor);
    this.facts = {
      name: scenario.name,
      startEpochMs: scenario.startEpochMs,
      durationMs: scenario.durationMs,
      region: scenario.region,
      accountId: scenario.account.id,
      functionNames: scenario.functions.map((f) => f.name),
      sourceTypes: new Map(scenario.sources.map((s) => [s.name, s.type])),
      functions: new Map(
        scenario.functions.map((f) => [f.name, { timeoutMs: f.timeoutMs, memoryMb: f.memoryMb, reservedConcurrency: f.reservedConcurrency }]),
      ),
      sourceConfigs: new Map(scenario.sources.map((s) => [s.name, s.config])),
    };
    const parts = {
      sim: this.sim,
      platform: this.platform,
      facts: this.facts,
      series: this.series,
      sourceNamed: (n: string) => this.sources.get(n),
      streamFor,
    };
    for (const spec of scenario.sources) {
      const adapter = registry.entry(spec.type);
      if (!adapter) throw new SimulationFault(`no adapter for source type "${spec.type}"`);
      this.sources.set(spec.name, new SourceRuntime(spec, adapter, streamFor(`source:${spec.name}`), parts));
    }
    this.adapters = registry.list();
    for (const runtime of this.sources.values()) runtime.create();
    for (const fn of this.platform.functions.values()) {
      fn.successDestination = this.destination(fn.spec.async.onSuccess, fn.name, 'onSuccess');
      fn.failureDestination = this.destination(fn.spec.async.onFailure, fn.name, 'onFailure');
      if (fn.spec.outputs.length > 0) {
        const random = streamFor(`outputs:${fn.name}`);
        fn.outputs = fn.spec.outputs.map((spec) => new FunctionOutput(spec, random, this.outputSend(spec)));
      }
    }
  }

  /**
   * Where a function's output goes: a message to an accepting source, which
   * counts it as its own new event. Its upstream is the run that wrote it,
   * already settled; it keeps the chain's start time and invocation count.
   */
  private outputSend(spec: OutputSpec): OutputSend {
    const receive = this.receiverOf(spec.to);
    const objectKey = spec.prefix !== null || spec.suffix !== null ? { prefix: spec.prefix ?? '', suffix: spec.suffix ?? '' } : undefined;
    return (producedAt, sizeBytes, chain) => receive({ producedAt, sizeBytes, caller: NOBODY, tag: undefined, chain, objectKey });
  }

  private receiverOf(name: string): NonNullable<SourceHooks['receive']> {
    const receive = this.sources.get(name)?.hooks.receive;
    if (!receive) throw new SimulationFault(`"${name}" accepts no events`);
    return receive;
  }

  private readonly adapters: ReturnType<AdapterRegistry['list']>;

  /** An async destination: an async invoke of a function, or a message to a source (a send, a publish). */
  private destination(name: string | null, from: string, kind: 'onSuccess' | 'onFailure'): Destination | null {
    if (name === null) return null;
    const platform = this.platform;
    if (platform.functions.has(name)) {
      const fn = platform.fn(name);
      const handler = fn.handler;
      if (handler !== null) {
        // Real handler code gets Lambda's invocation record of the event (payloads.ts), from the facts the async queue gathers.
        const arn = `arn:aws:lambda:${this.scenario.region}:${this.scenario.account.id}:function:${from}`;
        const recordOf = invocationRecords(arn, () => this.scenario.startEpochMs + this.sim.now, Random.derived(this.scenario.seed, `destination:${from}:${kind}`).int(2 ** 32));
        const source = platform.fn(from);
        return {
          wantsRecord: true,
          // `facts` always comes with a destination that wants the record (Destination.wantsRecord).
          send: (now, _sizeBytes, chain, facts) => {
            const event = recordOf(facts!);
            // The record is as big as what it carries (a record of a record nests): over the async limit, Lambda cannot deliver it.
            const bytes = Buffer.byteLength(JSON.stringify(event), 'utf8');
            handler.payloadSource = { build: () => ({ event, recordIds: null }) };
            if (!platform.invokeAsync(fn, NOBODY, undefined, now, bytes, chain)) source.destinationDeliveryFailures++;
            handler.payloadSource = null;
          },
        };
      }
      return { wantsRecord: false, send: (now, sizeBytes, chain) => void platform.invokeAsync(fn, NOBODY, undefined, now, sizeBytes, chain) };
    }
    const receive = this.receiverOf(name);
    return { wantsRecord: false, send: (now, sizeBytes, chain) => receive({ producedAt: now, sizeBytes, caller: NOBODY, tag: undefined, chain }) };
  }

  /** True when functions run real handler code: the run must go through `runAsync`. */
  readonly runsCode: boolean;

  /** Runs the scenario to its end. `onProgress` is called every 65,536 events. */
  run(): RunOutcome {
    if (this.runsCode) throw new SimulationFault('this scenario runs handler code: use runAsync');
    const result = this.guarded(() => this.sim.run(this.untilMs(), this.progress()));
    return this.finish(result);
  }

  /** `run` for scenarios with real handler code: the loop awaits handler calls when their runs end (docs/handlers.md). */
  async runAsync(): Promise<RunOutcome> {
    const progress = this.progress();
    const result = await this.guardedAsync(() => this.sim.runAsync(this.untilMs(), progress));
    return this.finish(result);
  }

  private untilMs(): number {
    if (this.outcome || this.started) throw new SimulationFault('an engine runs once');
    this.started = true;
    this.emit('run:start', this);
    for (const runtime of this.sources.values()) runtime.start();
    return this.scenario.durationMs + this.scenario.drainMs;
  }

  private started = false;

  private progress(): ((now: number, events: number) => void) | undefined {
    return this.listenerCount('run:progress') > 0 ? (now: number, events: number) => this.emit('run:progress', now, events) : undefined;
  }

  private guarded<T>(f: () => T): T {
    try {
      return f();
    } catch (error) {
      throw blameAdapter(error, this.adapters, `at t = ${this.sim.now} ms`) ?? error;
    }
  }

  private async guardedAsync<T>(f: () => Promise<T>): Promise<T> {
    try {
      return await f();
    } catch (error) {
      throw blameAdapter(error, this.adapters, `at t = ${this.sim.now} ms`) ?? error;
    }
  }

  private finish(result: RunResult): RunOutcome {
    const { durationMs, drainMs } = this.scenario;
    const cutByDrain = result.reason === 'until';
    const endMs = cutByDrain ? durationMs + drainMs : Math.max(durationMs, result.lastEventTime);
    this.outcome = { endMs, cutByDrain, events: this.sim.events };
    this.checkLedgers();
    this.emit('run:end', this);
    return this.outcome;
  }

  /**
   * Every produced event is settled exactly once, or still in flight when the
   * drain cut the run, or held at rest: waiting in a queue that nothing
   * consumes (the source's own `pending()`, and for events routed on, the
   * messages held anywhere). Anything else is a bug, of the adapter's when it
   * was loaded by path.
   */
  private checkLedgers(): void {
    const atRest = new Map([...this.sources].map(([name, runtime]) => [name, runtime.pending()]));
    const heldAnywhere = [...atRest.values()].reduce((sum, n) => sum + n, 0);
    for (const [name, runtime] of this.sources) {
      let problem: string | null = null;
      if (runtime.ledger.overSettled()) {
        problem = `source "${name}" settled an event more than once: ${JSON.stringify(runtime.ledger.counts())}`;
      } else if (!this.outcome!.cutByDrain) {
        const inFlight = runtime.ledger.inFlight;
        const own = atRest.get(name)!;
        if (inFlight < own || inFlight > heldAnywhere) {
          problem = `source "${name}" has ${inFlight} events in flight although nothing is pending (${own} held at rest)`;
        }
      }
      if (problem === null) continue;
      const { adapter } = runtime;
      if (adapter.file !== null) throw new AdapterFault(adapter.adapter.meta.type, adapter.origin, 'in its delivery ledger', new Error(problem));
      throw new SimulationFault(problem);
    }
  }
}
