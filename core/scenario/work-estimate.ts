/**
 * How much work a scenario implies, estimated at load from its numbers alone,
 * so that an input too big to run is refused in a blink (`--max-events`)
 * rather than after minutes, or a heap exhausted.
 *
 * The unit is an "event", roughly what the kernel fires:
 *
 * - each event a source takes in counts 1: an arrival of its `load` (phases
 *   integrated over the scenario's window: rates and ramps, counts, bursts; a
 *   trace's lines), a message routed to it by another source or a function;
 *   a source whose adapter takes no `load` (a schedule) fires at most once a
 *   minute, EventBridge's finest rate;
 * - each invocation counts 2 (its start and its end), times the retries its
 *   error rate implies (1 + e + e² … up to maximumRetryAttempts);
 * - events flow as the routing says: a source hands every event to each name
 *   in `targets` and in its adapter's name fields (consumers, subscriptions,
 *   notifications), except failure paths (dead-letter targets, on-failure
 *   destinations), which carry only failures; a function sends the mean
 *   `count` of each output on, its errors to `async.onFailure` and the rest
 *   to `async.onSuccess`. A chain is followed through 16 invocations, where
 *   recursive loop detection stops it (docs/aws-model.md rule 22), or, through
 *   functions with `recursiveLoop: Allow`, for 1,000 hops.
 *
 * It leans high: throttled requests, batches and filter policies make real
 * runs smaller. Nothing here runs the model.
 */
import type { NameField, SourceAdapter } from '../engine/adapter-contract.js';
import type { AdapterRegistry } from '../engine/registry.js';
import type { CountSpec, FunctionSpec } from '../lambda/function-spec.js';
import { LAMBDA_LIMITS } from '../lambda/function-spec.js';
import type { LoadSpec } from '../load/load-spec.js';
import { valuesAt } from './check-sources.js';
import type { Scenario } from './scenario.js';

/** The default of `--max-events`. */
export const DEFAULT_MAX_EVENTS = 2_000_000_000;

/** Estimated events a second of a run on one core, for "this run will take minutes" (measured on the showcase scenarios). */
export const ESTIMATED_EVENTS_PER_SECOND = 3_000_000;

/** Events an invocation counts (its start and its end). */
const EVENTS_PER_INVOCATION = 2;
/** A source with no `load` in its adapter's schema (a schedule): at most one event a minute. */
const SELF_DRIVEN_INTERVAL_MS = 60_000;
/** Hops followed through functions that allow recursive loops. */
const MAX_HOPS = 1000;
/** Chain depths tracked: 0 … 16, where 16 stands for "16 or more" invocations. */
const DEPTHS = LAMBDA_LIMITS.recursiveChainInvocations + 1;

export interface WorkEstimate {
  /** Estimated events of the whole run (may be Infinity). */
  events: number;
  /** Estimated invocations, all functions together. */
  invocations: number;
  /** Each source's own traffic (load arrivals within the window, or self-driven fires), by name. */
  arrivals: ReadonlyMap<string, number>;
  /** The source with the most own traffic, or null when none has any. */
  largest: string | null;
}

/** Arrivals a `load:` makes before the scenario's duration (expected values for Poisson phases). */
export function arrivalsOf(load: LoadSpec, durationMs: number): number {
  if (load.mode === 'trace') {
    let n = 0;
    for (const t of load.times) if (t < durationMs) n++;
    return n;
  }
  let start = 0;
  let total = 0;
  for (const phase of load.phases) {
    if (start >= durationMs) break;
    switch (phase.kind) {
      case 'burst':
        total += phase.count;
        break;
      case 'pause':
        start += phase.durationMs;
        break;
      case 'count': {
        const span = Math.min(phase.durationMs, durationMs - start);
        total += phase.durationMs > 0 ? (phase.count * span) / phase.durationMs : phase.count;
        start += phase.durationMs;
        break;
      }
      case 'rate': {
        const T = phase.durationMs / 1000;
        const t = Math.min(phase.durationMs, durationMs - start) / 1000;
        // Λ(t) = a·t + (b − a)·t²/(2T), the ramp's cumulative rate (arrival-process.ts).
        if (T > 0) total += phase.from * t + ((phase.to - phase.from) * t * t) / (2 * T);
        start += phase.durationMs;
        break;
      }
    }
  }
  return total;
}

function countMean(count: CountSpec): number {
  switch (count.dist) {
    case 'constant':
      return count.value;
    case 'poisson':
      return count.mean;
    case 'uniform':
      return (count.min + count.max) / 2;
  }
}

/** Invocations per event delivered to a function: the first attempt and the retries its error rate implies. */
function attemptsPerEvent(fn: FunctionSpec): number {
  let attempts = 1;
  let p = 1;
  for (let i = 0; i < fn.async.maximumRetryAttempts; i++) {
    p *= fn.errorRate;
    attempts += p;
  }
  return attempts;
}

/** Failure paths carry only failures: they are left out of the flow. */
function isFailurePath(field: NameField): boolean {
  return field.destination === true || /deadLetter|onFailure/i.test(field.path);
}

interface Edge {
  to: string;
  factor: number;
}

interface Node {
  kind: 'function' | 'source';
  fn?: FunctionSpec;
  edges: Edge[];
}

export function estimateWork(scenario: Scenario, registry: AdapterRegistry): WorkEstimate {
  const nodes = new Map<string, Node>();
  const functionId = (name: string) => `function:${name}`;
  const sourceId = (name: string) => `source:${name}`;
  const idOf = (name: string) => (scenario.functions.some((f) => f.name === name) ? functionId(name) : sourceId(name));
  for (const fn of scenario.functions) nodes.set(functionId(fn.name), { kind: 'function', fn, edges: [] });
  for (const source of scenario.sources) nodes.set(sourceId(source.name), { kind: 'source', edges: [] });
  const adapters = new Map<string, SourceAdapter | undefined>(scenario.sources.map((s) => [s.name, registry.get(s.type)]));

  for (const source of scenario.sources) {
    const adapter = adapters.get(source.name);
    const fields: NameField[] = [{ path: '/targets/*', kinds: ['function', 'source'] }, ...(adapter?.meta.names ?? [])];
    const node = nodes.get(sourceId(source.name))!;
    for (const field of fields) {
      if (isFailurePath(field)) continue;
      for (const { value } of valuesAt(source.config, field.path)) {
        if (typeof value === 'string' && nodes.has(idOf(value))) node.edges.push({ to: idOf(value), factor: 1 });
      }
    }
  }
  const byName = new Map(scenario.sources.map((s) => [s.name, s]));
  for (const fn of scenario.functions) {
    const node = nodes.get(functionId(fn.name))!;
    fn.outputs.forEach((output, i) => {
      const factor = countMean(output.count);
      const source = byName.get(output.to);
      const adapter = source && adapters.get(source.name);
      if (!source || !adapter?.targetsForObject || (output.prefix === null && output.suffix === null)) {
        if (nodes.has(idOf(output.to))) node.edges.push({ to: idOf(output.to), factor });
        return;
      }
      // An object written under a known key reaches only the notifications that match it (as the loop check sees it).
      const id = `${sourceId(output.to)}#output:${fn.name}:${i}`;
      const targets = adapter.targetsForObject(source.config, { prefix: output.prefix ?? '', suffix: output.suffix ?? '' });
      nodes.set(id, { kind: 'source', edges: targets.filter((t) => nodes.has(idOf(t))).map((t) => ({ to: idOf(t), factor: 1 })) });
      node.edges.push({ to: id, factor });
    });
    if (fn.async.onSuccess !== null) node.edges.push({ to: idOf(fn.async.onSuccess), factor: 1 - fn.errorRate });
    if (fn.async.onFailure !== null) node.edges.push({ to: idOf(fn.async.onFailure), factor: fn.errorRate });
  }

  // Own traffic, at chain depth 0.
  const arrivals = new Map<string, number>();
  let current = new Map<string, Float64Array>();
  const add = (map: Map<string, Float64Array>, id: string, depth: number, amount: number) => {
    let row = map.get(id);
    if (!row) map.set(id, (row = new Float64Array(DEPTHS)));
    row[depth] = row[depth]! + amount;
  };
  for (const source of scenario.sources) {
    const schema = adapters.get(source.name)?.meta.schema as { properties?: Record<string, unknown> } | undefined;
    const takesLoad = schema?.properties !== undefined && Object.hasOwn(schema.properties, 'load');
    const own = source.load ? arrivalsOf(source.load, scenario.durationMs) : takesLoad ? 0 : Math.floor(scenario.durationMs / SELF_DRIVEN_INTERVAL_MS);
    arrivals.set(source.name, own);
    if (own > 0) add(current, sourceId(source.name), 0, own);
  }

  let events = 0;
  let invocations = 0;
  for (let hop = 0; hop < MAX_HOPS && current.size > 0; hop++) {
    const next = new Map<string, Float64Array>();
    let moved = 0;
    for (const [id, row] of current) {
      const node = nodes.get(id)!;
      for (let depth = 0; depth < DEPTHS; depth++) {
        const amount = row[depth]!;
        if (!(amount > 0)) continue;
        if (node.kind === 'source') {
          events += amount;
          for (const edge of node.edges) add(next, edge.to, depth, amount * edge.factor);
          moved += amount;
          continue;
        }
        const fn = node.fn!;
        if (depth >= LAMBDA_LIMITS.recursiveChainInvocations && fn.recursiveLoop !== 'Allow') continue; // stopped by loop detection
        const runs = amount * attemptsPerEvent(fn);
        invocations += runs;
        events += runs * EVENTS_PER_INVOCATION;
        const after = Math.min(depth + 1, DEPTHS - 1);
        for (const edge of node.edges) add(next, edge.to, after, amount * edge.factor);
        moved += amount;
      }
    }
    if (!Number.isFinite(events) || events > 1e300) {
      events = Infinity;
      break;
    }
    // Expected traffic below one event in a million is done with.
    if (moved < 1e-6) break;
    current = next;
  }

  let largest: string | null = null;
  for (const [name, n] of arrivals) if (n > 0 && (largest === null || n > arrivals.get(largest)!)) largest = name;
  return { events, invocations, arrivals, largest };
}

/** 2000000000 → "2,000,000,000"; from a quadrillion on, "6.0e+18"; Infinity → "more than 1e+300". */
export function formatEventCount(n: number): string {
  if (!Number.isFinite(n)) return 'more than 1e+300';
  if (n >= 1e15) return n.toExponential(1);
  return Math.round(n).toLocaleString('en-US');
}

/** "about 4 minutes", "about 2 hours": the wall time an estimate implies. */
export function formatRunTime(events: number): string {
  const seconds = events / ESTIMATED_EVENTS_PER_SECOND;
  if (!Number.isFinite(seconds)) return 'longer than anyone can wait';
  if (seconds < 90) return `about ${Math.max(1, Math.round(seconds))} seconds`;
  if (seconds < 90 * 60) return `about ${Math.round(seconds / 60)} minutes`;
  if (seconds < 48 * 3600) return `about ${Math.round(seconds / 3600)} hours`;
  return `about ${Math.round(seconds / 86400)} days`;
}
