/**
 * The CommonJS files the build generates (the yaml bundle, the precompiled
 * validators), loaded with V8's code cache the build saves beside each
 * (FILE.cache, tools/code-caches.mjs): start-up then compiles almost none of
 * their code (start-up time, README "Development"). Each file's first line
 * names a hash of the rest, and its cache starts with that line: a cache made
 * for other text is never used, and V8 itself ignores one made by another
 * Node version. Without a usable cache the file is compiled as usual; the
 * code and its results are the same either way.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

const NEWLINE = 0x0a;
const scripts = new Map<string, Script>();
const loaded = new Map<string, unknown>();

/** `require(file)` for a generated file; throws as readFileSync does when it is missing. Loaded once per process. */
export function requireWithCache(file: string): unknown {
  if (loaded.has(file)) return loaded.get(file);
  const text = readFileSync(file, 'utf8');
  const key = text.slice(0, text.indexOf('\n') + 1);
  let cachedData: Buffer | undefined;
  try {
    const cache = readFileSync(`${file}.cache`);
    const end = cache.indexOf(NEWLINE) + 1;
    if (end > 0 && cache.toString('utf8', 0, end) === key) cachedData = cache.subarray(end);
  } catch {
    cachedData = undefined;
  }
  // The same wrapper as Node's for CommonJS, on the first line: line numbers stay the file's.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${text}\n})`, { filename: file, cachedData });
  const module = { exports: {} as unknown };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(file), module, file, dirname(file));
  scripts.set(file, script);
  loaded.set(file, module.exports);
  return module.exports;
}

/** For the build: saves the code cache of every file loaded so far, with what has been compiled of it. */
export function saveCodeCaches(): string[] {
  for (const [file, script] of scripts) {
    const text = readFileSync(file, 'utf8');
    writeFileSync(`${file}.cache`, Buffer.concat([Buffer.from(text.slice(0, text.indexOf('\n') + 1)), script.createCachedData()]));
  }
  return [...scripts.keys()];
}
