// Loads the command's bundle (dist/bundle/, tools/bundle-cli.mjs) as Node's
// CommonJS loader would, but with the V8 code cache the build saved beside each
// file (FILE.cache, tools/code-caches.mjs): V8 then neither parses the files
// nor compiles the functions a run calls first, about 10 ms of every start
// (docs/performance.md). Each file's first line names a hash of the rest and
// its cache starts with that line, so a cache made for other text is never
// used; V8 itself ignores one made by another Node version or with other V8
// flags. Without a usable cache a file is compiled as usual, with the same
// code and results. A file compiled so cannot `import()` (Node 20 loses the
// callback with the cache): the bundle calls `__slsimImport` instead
// (tools/bundle-cli.mjs), which imports from here.
'use strict';
const { readFileSync, writeFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { dirname, join } = require('node:path');
const { Script } = require('node:vm');

/** The line ending the cache's key, and the start of V8's data. */
const NEWLINE = 0x0a;

/** The cache of `file` when it was made for `key` (the file's first line), else undefined. */
function cacheFor(file, key) {
  try {
    const cache = readFileSync(`${file}.cache`);
    const end = cache.indexOf(NEWLINE) + 1;
    return end > 0 && cache.toString('latin1', 0, end) === key ? cache.subarray(end) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Compiles a bundle file's text in Node's CommonJS wrapper (on the first line:
 * line numbers stay the file's), plus the bundle's `import()`.
 */
function compile(file, text, cachedData) {
  return new Script(`(function (exports, require, module, __filename, __dirname, __slsimImport) {${text}\n})`, { filename: file, cachedData });
}

/** The bundle's `import()`: packages resolve from here as from dist/bundle/ (one package), files by absolute URL. */
const importForBundle = (specifier) => import(specifier);

/** The key of a file's cache: its first line, which names a hash of the rest. */
function keyOf(text) {
  return text.slice(0, text.indexOf('\n') + 1);
}

/** Writes FILE.cache: the key, then V8's cache of `script` with what it has compiled so far. */
function writeCache(file, key, script) {
  writeFileSync(`${file}.cache`, Buffer.concat([Buffer.from(key, 'latin1'), script.createCachedData()]));
}

/**
 * Runs `main` (dist/bundle/main.cjs) and the files it requires with `./`.
 * `saveCaches` (the build only): read no cache, and write each file's cache
 * as the process exits, holding what the run compiled.
 */
function loadBundle(main, saveCaches = false) {
  const dir = dirname(main);
  const modules = new Map();
  const scripts = [];
  const load = (file) => {
    const known = modules.get(file);
    if (known !== undefined) return known.exports;
    const text = readFileSync(file, 'latin1'); // the bundle is pure ASCII
    const key = keyOf(text);
    const script = compile(file, text, saveCaches ? undefined : cacheFor(file, key));
    const module = { exports: {} };
    modules.set(file, module);
    scripts.push({ file, key, script });
    const outside = createRequire(file);
    const inside = (id) => (id.startsWith('./') ? load(join(dir, id)) : outside(id));
    script.runInThisContext()(module.exports, inside, module, file, dir, importForBundle);
    return module.exports;
  };
  if (saveCaches) {
    process.on('exit', () => {
      for (const { file, key, script } of scripts) writeCache(file, key, script);
    });
  }
  return load(main);
}

module.exports = { loadBundle, compile, keyOf, writeCache };
