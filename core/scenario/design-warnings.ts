/**
 * Designs that load but cannot do what they seem meant to: a function that
 * nothing invokes, a source that takes a `load` but has none and receives
 * nothing from anywhere, a run estimated to take minutes, and an `errorRate`
 * or a consumed source's `poisonRate` beside `handler:` (the code's answers
 * decide the outcomes). Warnings, not
 * errors: a scenario under construction may well have them. (Payloads over
 * AWS's limits are each adapter's check.)
 */
import type { AdapterRegistry } from '../engine/registry.js';
import type { LocatedWarning } from './check-sources.js';
import type { Scenario } from './scenario.js';
import { ESTIMATED_EVENTS_PER_SECOND, formatEventCount, formatRunTime, type WorkEstimate } from './work-estimate.js';

/** A run estimated above this many seconds of computing is worth a warning. */
export const LONG_RUN_SECONDS = 60;

export function designWarnings(scenario: Scenario, registry: AdapterRegistry, estimate: WorkEstimate): LocatedWarning[] {
  const warnings: LocatedWarning[] = [];
  // Every string a source's configuration holds, whatever its field: a name it sends to (targets,
  // consumers, subscriptions, dead-letter targets), also for adapters that declare no name fields.
  const namedBy = new Map<string, Set<string>>();
  const note = (name: string, by: string) => {
    if (!namedBy.has(name)) namedBy.set(name, new Set());
    namedBy.get(name)!.add(by);
  };
  for (const source of scenario.sources) for (const text of stringsIn(source.config)) if (text !== source.name) note(text, source.name);
  for (const fn of scenario.functions) {
    for (const output of fn.outputs) note(output.to, fn.name);
    if (fn.async.onSuccess !== null) note(fn.async.onSuccess, fn.name);
    if (fn.async.onFailure !== null) note(fn.async.onFailure, fn.name);
  }

  for (const fn of scenario.functions) {
    if (fn.handler !== null && fn.errorRate > 0) {
      warnings.push({
        pointer: `/functions/${fn.name}/errorRate`,
        message: `errorRate is not used: "${fn.name}" runs its handler code, whose answers decide which runs fail`,
      });
    }
    if (!namedBy.has(fn.name)) {
      warnings.push({
        pointer: `/functions/${fn.name}`,
        message: `nothing invokes "${fn.name}": no source targets or consumes with it and no destination names it`,
      });
    }
  }
  const withCode = new Set(scenario.functions.filter((f) => f.handler !== null).map((f) => f.name));
  for (const source of scenario.sources) {
    // Poison records fail the runs of the model; real handler code decides for itself (docs/handlers.md).
    const consumer = (source.config.consumer as { function?: unknown } | undefined)?.function;
    if (typeof consumer === 'string' && withCode.has(consumer) && typeof source.config.poisonRate === 'number' && source.config.poisonRate > 0) {
      warnings.push({
        pointer: `/sources/${source.name}/poisonRate`,
        message: `poisonRate is not used: "${consumer}" runs its handler code, whose answers decide which records fail`,
      });
    }
  }
  for (const source of scenario.sources) {
    const schema = registry.get(source.type)?.meta.schema as { properties?: Record<string, unknown> } | undefined;
    const takesLoad = schema?.properties !== undefined && Object.hasOwn(schema.properties, 'load');
    if (takesLoad && source.load === null && !namedBy.has(source.name)) {
      warnings.push({
        pointer: `/sources/${source.name}`,
        message: `"${source.name}" has no traffic: it has no load, and no source or function sends to it`,
      });
    }
  }
  if (estimate.events / ESTIMATED_EVENTS_PER_SECOND >= LONG_RUN_SECONDS) {
    const largest = estimate.largest === null ? undefined : scenario.sources.find((s) => s.name === estimate.largest);
    warnings.push({
      pointer: largest ? `/sources/${largest.name}${largest.load ? '/load' : ''}` : '',
      message: `the run is estimated at ${formatEventCount(estimate.events)} events: ${formatRunTime(estimate.events)} of computing`,
    });
  }
  return warnings;
}

function stringsIn(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) stringsIn(item, out);
  else if (value !== null && typeof value === 'object') for (const item of Object.values(value)) stringsIn(item, out);
  return out;
}
