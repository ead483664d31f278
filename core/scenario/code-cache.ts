/**
 * The CommonJS files the build generates (the yaml bundle, the precompiled
 * validators), loaded with V8's code cache the build saves beside each
 * (FILE.cache, tools/code-caches.mjs): start-up then compiles almost none of
 * their code (start-up time, README "Development"). The cache is used only
 * when made for this build of the file, and whole (bin/code-cache.cjs, shared
 * with the command's bundle loader); V8 itself ignores one made by another
 * Node version. Without a usable cache the file is compiled as usual; the code and
 * its results are the same either way.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Script } from 'node:vm';

interface CacheFiles {
  compileFile(file: string, encoding: 'latin1' | 'utf8', withCache?: boolean): { script: Script; hash: string };
  writeCache(file: string, hash: string, script: Script): void;
}

/** bin/code-cache.cjs, from this module in dist/core/scenario/ (the build) or core/scenario/ (tests from source). */
function cacheFiles(): CacheFiles {
  const built = new URL('../../../bin/code-cache.cjs', import.meta.url);
  const path = existsSync(fileURLToPath(built)) ? built : new URL('../../bin/code-cache.cjs', import.meta.url);
  return createRequire(import.meta.url)(fileURLToPath(path)) as CacheFiles;
}

const scripts = new Map<string, { script: Script; hash: string }>();
const loaded = new Map<string, unknown>();

/** `require(file)` for a generated file; throws as readFileSync does when it is missing. Loaded once per process. */
export function requireWithCache(file: string): unknown {
  if (loaded.has(file)) return loaded.get(file);
  // The validators hold the schemas' text, which need not be ASCII.
  const { script, hash } = cacheFiles().compileFile(file, 'utf8');
  const module = { exports: {} as unknown };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(file), module, file, dirname(file));
  scripts.set(file, { script, hash });
  loaded.set(file, module.exports);
  return module.exports;
}

/** For the build: saves the code cache of every file loaded so far, with what has been compiled of it. */
export function saveCodeCaches(): string[] {
  const { writeCache } = cacheFiles();
  for (const [file, { script, hash }] of scripts) writeCache(file, hash, script);
  return [...scripts.keys()];
}
