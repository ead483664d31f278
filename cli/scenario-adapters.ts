/**
 * The adapters a scenario names under `adapters:` (paths relative to the
 * scenario file, as `--adapter` takes them: a module, or a folder with a
 * package.json or an index.mjs), loaded before the scenario is validated, so
 * that its sources may use their types. A path that cannot be loaded is an
 * input error located at its line, naming the path as written (exit 2).
 * Then the built-in adapters its sources use (once the `--set` overrides are
 * applied) are imported: the others are never loaded (adapters/built-in.ts).
 * A file that cannot be read or parsed, or overrides that do not apply, are
 * left to the scenario's own loading, which reports them. Returns the file as
 * read (its data untouched), so that loading the scenario need not parse it
 * again; undefined when it could not be read.
 */
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import type { AdapterRegistry } from '../core/engine/registry.js';
import { InputError } from '../core/errors.js';
import { applyOverrides, parseOverride } from '../core/scenario/overrides.js';
import { readSourceFile, type SourceFile } from '../core/scenario/source-file.js';

export async function loadScenarioAdapters(file: string, registry: AdapterRegistry, set: readonly string[] = []): Promise<SourceFile | undefined> {
  let source: SourceFile;
  try {
    source = readSourceFile(file);
  } catch {
    return undefined;
  }
  const data = source.data as { adapters?: unknown } | null;
  const paths = data !== null && typeof data === 'object' ? data.adapters : undefined;
  // Absent, or wrong: the schema says so.
  if (Array.isArray(paths)) await loadAdapters(file, source, paths, registry);
  await registry.ready(sourceTypes(source.data, set));
  return source;
}

/** The `type` of every source, after the overrides; none when the overrides do not apply. */
function sourceTypes(data: unknown, set: readonly string[]): string[] {
  const copy = structuredClone(data);
  try {
    applyOverrides(copy, set.map(parseOverride));
  } catch {
    return [];
  }
  const sources = (copy as { sources?: unknown } | null)?.sources;
  if (sources === null || typeof sources !== 'object') return [];
  return Object.values(sources).map((s) => (s !== null && typeof s === 'object' ? (s as { type?: unknown }).type : undefined)).filter((t): t is string => typeof t === 'string');
}

async function loadAdapters(file: string, source: SourceFile, paths: unknown[], registry: AdapterRegistry): Promise<void> {
  const base = dirname(resolve(file));
  for (const [i, path] of paths.entries()) {
    if (typeof path !== 'string' || path === '') continue;
    // Later messages (faults at run time) name the adapter by a path that works from here.
    const absolute = resolve(base, path);
    const fromHere = relative(process.cwd(), absolute);
    const origin = isAbsolute(path) || fromHere.startsWith('..') ? absolute : fromHere || '.';
    try {
      await registry.load(path, { base, origin });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      const pointer = `/adapters/${i}`;
      throw new InputError(error.code, error.detail, { file, line: source.lineOf(pointer), path: pointer }, { cause: error });
    }
  }
}
