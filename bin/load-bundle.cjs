// Loads the command's bundle (dist/bundle/, tools/bundle-cli.mjs) with the V8
// code cache the build saved beside each file (code-cache.cjs): V8 then
// neither parses the files nor compiles the functions the build's short run
// called, 5 to 10 ms of every start (docs/performance.md). Without a usable
// cache a file is compiled as usual, with the same code and results.
//
// Each file runs in Node's CommonJS wrapper, but outside Node's module
// registry: the files are not in require.cache and Module._load hooks do not
// see them; the `require` they get resolves `./` to the bundle's files and
// hands anything else to Node (it has no resolve, cache or main: the bundle
// uses none). A file compiled with a cache cannot `import()` (Node 20 loses
// the callback with the cache): the bundle calls `__slsimImport` instead
// (tools/bundle-cli.mjs), which imports from here: the bundle imports only
// packages (found from here as from dist/bundle/) and absolute file URLs.
'use strict';
const { createRequire } = require('node:module');
const { dirname, join } = require('node:path');
const { compileFile, writeCache } = require('./code-cache.cjs');

/** The bundle's `import()`: packages resolve from here as from dist/bundle/ (one package), files by absolute URL. */
const importForBundle = (specifier, options) => import(specifier, options);

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
    // The bundle is pure ASCII (tools/bundle-cli.mjs).
    const { script, hash } = compileFile(file, 'latin1', !saveCaches);
    const module = { exports: {} };
    modules.set(file, module);
    if (saveCaches) scripts.push({ file, hash, script });
    const outside = createRequire(file);
    const inside = (id) => (id.startsWith('./') ? load(join(dir, id)) : outside(id));
    try {
      script.runInThisContext()(module.exports, inside, module, file, dir, importForBundle);
    } catch (error) {
      modules.delete(file); // as Node does: the next require of a file that threw runs it again
      throw error;
    }
    return module.exports;
  };
  if (saveCaches) {
    process.on('exit', () => {
      for (const { file, hash, script } of scripts) writeCache(file, hash, script);
    });
  }
  return load(main);
}

module.exports = { loadBundle };
