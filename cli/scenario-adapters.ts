/**
 * The adapters a scenario names under `adapters:` (paths relative to the
 * scenario file, as `--adapter` takes them: a module, or a folder with a
 * package.json or an index.mjs), loaded before the scenario is validated, so
 * that its sources may use their types. A path that cannot be loaded is an
 * input error located at its line, naming the path as written (exit 2).
 * A file that cannot be read or parsed is left to the scenario's own loading,
 * which reports it.
 */
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import type { AdapterRegistry } from '../core/engine/registry.js';
import { InputError } from '../core/errors.js';
import { readSourceFile, type SourceFile } from '../core/scenario/source-file.js';

export async function loadScenarioAdapters(file: string, registry: AdapterRegistry): Promise<void> {
  let source: SourceFile;
  try {
    source = readSourceFile(file);
  } catch {
    return;
  }
  const data = source.data as { adapters?: unknown } | null;
  const paths = data !== null && typeof data === 'object' ? data.adapters : undefined;
  if (!Array.isArray(paths)) return; // absent, or wrong: the schema says so
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
