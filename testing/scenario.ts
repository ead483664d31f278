/**
 * What the adapter test kit shares: a registry holding the built-in adapters
 * and the adapter under test, the small scenario a config is tried in, and the
 * scenario text or file a harness run reads.
 */
import { builtInAdapters } from '../adapters/index.js';
import type { SourceAdapter } from '../core/engine/adapter-contract.js';
import { AdapterRegistry } from '../core/engine/registry.js';
import { parseSourceText, readSourceFile, type SourceFile } from '../core/scenario/source-file.js';

/** Where a config is tried: the rest of a small scenario around the source under test. */
export interface ScenarioOptions {
  /** The scenario's functions, as a scenario writes them. Default `{ worker: {} }`. */
  functions?: Record<string, unknown>;
  /** Other sources the configs may name (a dead-letter queue, a topic), as a scenario writes them. */
  sources?: Record<string, unknown>;
  /** The name of the source under test. Default `source`. */
  sourceName?: string;
  /** Other top-level keys of the scenario (`duration`, `region`, `account`, `drain`, `seed`, `expect`). Default `duration: 1m`. */
  scenarioKeys?: Record<string, unknown>;
  /** Other adapters (objects, e.g. other third-party ones) the scenario needs besides the built-ins. */
  adapters?: readonly SourceAdapter<any>[];
}

export const DEFAULT_FUNCTIONS: Readonly<Record<string, unknown>> = { worker: {} };
export const DEFAULT_SOURCE_NAME = 'source';

/**
 * A registry with the built-in adapters and the adapter under test (which
 * replaces a built-in of the same type), plus `others`. Registering checks the
 * adapter's shape, API version, schema and event schema, as loading by path does.
 */
export function registryWith(adapter: SourceAdapter<any>, others: readonly SourceAdapter<any>[] = []): AdapterRegistry {
  const registry = new AdapterRegistry();
  const type = adapter?.meta?.type;
  const replaced = new Set([type, ...others.map((a) => a?.meta?.type)]);
  for (const builtIn of builtInAdapters) if (!replaced.has(builtIn.meta.type)) registry.register(builtIn as SourceAdapter);
  for (const other of others) registry.register(other as SourceAdapter);
  registry.register(adapter as SourceAdapter);
  return registry;
}

/** The small scenario a config is tried in: `{ type, ...config }` as source `sourceName`. */
export function scenarioAround(type: string, config: Record<string, unknown>, options: ScenarioOptions): Record<string, unknown> {
  const sourceName = options.sourceName ?? DEFAULT_SOURCE_NAME;
  return {
    name: `${type} adapter test`,
    duration: '1m',
    ...options.scenarioKeys,
    functions: options.functions ?? DEFAULT_FUNCTIONS,
    sources: { ...options.sources, [sourceName]: { type, ...config } },
  };
}

/** A fresh, parsed copy of a scenario (loading fills defaults in place, so each load needs its own). */
export function sourceOf(scenario: string | Record<string, unknown> | undefined, file: string | undefined, fallbackName: string): SourceFile {
  if (scenario === undefined) {
    if (file === undefined) throw new TypeError('give a scenario (YAML text or an object), a scenario file, or a config');
    return readSourceFile(file);
  }
  const text = typeof scenario === 'string' ? scenario : JSON.stringify(scenario, null, 2);
  return parseSourceText(file ?? fallbackName, text);
}
