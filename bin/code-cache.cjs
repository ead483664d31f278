// V8 code caches of the files the build generates (docs/performance.md,
// start-up), shared by the command's bundle loader (load-bundle.cjs), the
// loader of the yaml bundle and the validators (core/scenario/code-cache.ts)
// and the build (tools/code-caches.mjs). FILE.cache starts with one line:
// `slsim-code-cache`, the hash the file's own first line names (the build
// writes it from the rest of the file, tools/generated-file.mjs), and the
// length of V8's data, which follows. A cache is used only when both match:
// made for this build of the file, and whole (not cut short). V8 itself then
// checks its version, its flags and the text's length.
//
// Nothing checks the content of the data: hashing it at each start would load
// node:crypto or node:zlib (with Node's stream modules, 3 to 6 ms), as much as
// the caches save. V8 trusts a cache that passes those checks, so a cache file
// damaged in place (not cut short) could crash the command; building again
// (npm run build) or reinstalling mends it. A generated file is changed by
// building it again, never by hand, as its first line says.
'use strict';
const { readFileSync, writeFileSync } = require('node:fs');
const { Script } = require('node:vm');

const NEWLINE = 0x0a;

/**
 * Compiles a generated CommonJS file's text in Node's module wrapper (on the
 * first line: line numbers stay the file's), with `cachedData` when given. The
 * sixth argument is the command bundle's `import()` (load-bundle.cjs); the
 * other generated files take none.
 */
function compile(file, text, cachedData) {
  return new Script(`(function (exports, require, module, __filename, __dirname, __slsimImport) {${text}\n})`, { filename: file, cachedData });
}

/** The first line of the cache of a file of `bytes` whose V8 data is `data`. */
function keyOf(bytes, data) {
  const header = bytes.toString('latin1', 0, Math.max(0, bytes.indexOf(NEWLINE)));
  return `slsim-code-cache ${header.slice(header.lastIndexOf(' ') + 1)} ${data.length}\n`;
}

/** V8's data in FILE.cache when it was made for this build of the file (its `bytes`) and is whole, else undefined. */
function readCache(file, bytes) {
  let cache;
  try {
    cache = readFileSync(`${file}.cache`);
  } catch {
    return undefined;
  }
  const end = cache.indexOf(NEWLINE) + 1;
  if (end === 0) return undefined;
  const data = cache.subarray(end);
  return cache.toString('latin1', 0, end) === keyOf(bytes, data) ? data : undefined;
}

/** Writes FILE.cache for a file of `bytes`: V8's cache of `script` (compiled from them) with what it has compiled so far. */
function writeCache(file, bytes, script) {
  const data = script.createCachedData();
  writeFileSync(`${file}.cache`, Buffer.concat([Buffer.from(keyOf(bytes, data), 'latin1'), data]));
}

module.exports = { compile, readCache, writeCache };
