/**
 * Shared test helpers: load or run a scenario written inline (YAML text), with
 * the built-in adapters, and record a trace of run starts per function.
 */
import { expect } from 'vitest';
import { builtInAdapters } from '../adapters/index.js';
import type { SourceAdapter } from '../core/engine/adapter-contract.js';
import type { Engine } from '../core/engine/engine.js';
import { AdapterRegistry } from '../core/engine/registry.js';
import { runScenario } from '../core/engine/run-scenario.js';
import type { Report } from '../core/report/build-report.js';
import { loadFromSource, type LoadedScenario } from '../core/scenario/load.js';
import { parseOverride } from '../core/scenario/overrides.js';
import { parseSourceText } from '../core/scenario/source-file.js';

export function registry(extra: SourceAdapter<any>[] = []): AdapterRegistry {
  const r = new AdapterRegistry();
  for (const adapter of [...builtInAdapters, ...extra]) r.register(adapter as SourceAdapter);
  return r;
}

export function load(yaml: string, options: { set?: string[]; extra?: SourceAdapter<any>[]; file?: string } = {}): LoadedScenario {
  return loadFromSource(parseSourceText(options.file ?? 'test.yaml', yaml), registry(options.extra), (options.set ?? []).map(parseOverride));
}

export interface RunStart {
  fn: string;
  t: number;
  cold: boolean;
  env: number;
}

/** Runs inline YAML; `starts` lists every run start (function, time, cold, environment id). */
export function run(
  yaml: string,
  options: { set?: string[]; extra?: SourceAdapter<any>[]; trace?: boolean } = {},
): { report: Report; engine: Engine; starts: RunStart[] } {
  const loaded = load(yaml, options);
  const starts: RunStart[] = [];
  let engine!: Engine;
  const report = runScenario(loaded, registry(options.extra), {
    onEngine: (e) => {
      engine = e;
      if (!options.trace) return;
      for (const fn of e.platform.functions.values()) {
        fn.onRunStart = (t, cold, env) => starts.push({ fn: fn.name, t, cold, env });
      }
    },
  });
  return { report, engine, starts };
}

/** Erlang B blocking probability for c servers and offered load a (erlangs), by the stable recurrence. */
export function erlangB(c: number, a: number): number {
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return b;
}

/** Every source's delivery ledger balances: each event generated is in exactly one state. */
export function expectBalanced(report: Report): void {
  for (const [name, source] of Object.entries(report.sources)) {
    const d = source.delivery;
    expect(d.succeeded + d.failed + d.dropped + d.rejected + d.inFlight, name).toBe(d.generated);
  }
}
