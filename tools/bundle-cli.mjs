// Joins the command's own ES modules (dist/cli/main.js and what it imports,
// about 75 files for a plain `slsim run`) into CommonJS files in dist/bundle/:
// main.cjs with what every command needs (the kernel, the model and the
// scenario loader in one `core` chunk), and one chunk per part loaded only
// when asked for (an adapter type, the console summary, yargs' help, sweeps).
// Node then reads and compiles four files instead of seventy-five, and a
// plain run never starts its ES module loader (start-up time, README
// "Development"). Packages and node: modules stay imports (require, or
// import() for ES-only packages); JSON imports are inlined. Run by
// `npm run build` after tsc; bin/slsim.cjs loads main.cjs.
//
// Each module keeps its own `import.meta.url` (rewritten to the URL of its file
// in dist/), so files it finds beside itself (the yaml bundle, the precompiled
// validators, worker scripts) are found as before. Third-party adapters that
// import `slsim/dist/...` get the modules themselves: the error classes they
// may throw are recognised across the two copies (core/errors.ts, `brand`).
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';
import { parseAst } from 'rolldown/parseAst';
import { writeGenerated } from './generated-file.mjs';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const outDir = `${dist}bundle`;
/** In every chunk: the file URL of a path relative to the chunk's folder (outDir). */
const MODULE_URL = '__slsimModuleUrl';
const banner = `const ${MODULE_URL} = (path) => require('node:url').pathToFileURL(require('node:path').join(__dirname, path)).href;`;

rmSync(outDir, { recursive: true, force: true });
await build({
  input: { main: `${dist}cli/main.js` },
  platform: 'node',
  logLevel: 'warn',
  // Bare specifiers are packages or node: modules, left to Node; but for eventemitter3 (one small file), whose
  // resolution through its package "exports" alone would load Node's ES module resolver at every start.
  external: (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0') && id !== 'eventemitter3',
  plugins: [
    {
      name: 'own-import-meta-url',
      transform(code, id) {
        if (!id.endsWith('.js') || !code.includes('import.meta.url')) return null;
        const path = relative(outDir, id).split(sep).join('/');
        return { code: code.replaceAll('import.meta.url', `${MODULE_URL}(${JSON.stringify(path)})`), map: null };
      },
    },
  ],
  output: {
    dir: outDir,
    format: 'cjs',
    banner,
    // Pure ASCII files: Node reads them as one-byte strings, several times faster than text with a single
    // non-ASCII character (the comments' dashes and signs, stripped here; strings are escaped).
    charset: 'ascii',
    comments: false,
    entryFileNames: '[name].cjs',
    chunkFileNames: '[name]-[hash].cjs',
    codeSplitting: { groups: [{ name: 'core', test: /[\\/]dist[\\/]core[\\/]/ }] },
  },
});

// The HTML page inlines some functions' source (cli/html/render-page.ts: `fn.toString()`), which then call
// each other by name in the browser: the bundle must keep those names, or the page's charts break.
const pageFunctions = ['formatCount', 'formatCompact', 'formatMs', 'formatBytes', 'formatUsd', 'formatValue', 'unitOf', 'drawCharts'];
const files = readdirSync(outDir);
const chunks = files.map((file) => readFileSync(`${outDir}/${file}`, 'utf8'));
for (const name of pageFunctions) {
  const defined = chunks.some((text) => text.includes(`function ${name}(`));
  const renamed = chunks.some((text) => new RegExp(`\\b${name}\\$\\d`).test(text));
  if (!defined || renamed) throw new Error(`tools/bundle-cli.mjs: the bundle renamed ${name}, which the HTML page calls by name`);
}

// bin/load-bundle.cjs compiles each file with V8's code cache, which in Node 20 loses a file's way to `import()`:
// the packages imported that way (yargs, ES modules only) and the files a scenario names (handler code, adapters)
// are imported by the loader for it, through the `__slsimImport` argument it passes to each file. Every dynamic
// import the parser finds is rewritten so; under Node's own loader (node dist/bundle/main.cjs), which passes no
// such argument, the first line after 'use strict' falls back to the real `import()`.
const IMPORT = '__slsimImport';
const FALLBACK = `var ${IMPORT} = ${IMPORT} || ((specifier, options) => import(specifier, options));`;

/** The start of each dynamic `import(...)` in `code`, found by parsing it (not in strings, comments, or methods named import). */
function dynamicImports(code) {
  const starts = [];
  const visit = (node) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node !== null && typeof node === 'object') {
      if (node.type === 'ImportExpression') starts.push(node.start);
      for (const key of Object.keys(node)) if (key !== 'parent') visit(node[key]);
    }
  };
  visit(parseAst(code));
  return starts;
}

files.forEach((file, i) => {
  let code = chunks[i];
  // Node reads a file of one-byte characters several times faster (and the loader reads the bundle so).
  if (/[^\x00-\x7f]/.test(code)) throw new Error(`tools/bundle-cli.mjs: ${file} is not pure ASCII`);
  for (const at of dynamicImports(code).sort((a, b) => b - a)) {
    if (code.slice(at, at + 6) !== 'import') throw new Error(`tools/bundle-cli.mjs: no import keyword at ${file}:${at}`);
    code = code.slice(0, at) + IMPORT + code.slice(at + 6);
  }
  if (dynamicImports(code).length > 0) throw new Error(`tools/bundle-cli.mjs: ${file} still has a dynamic import`);
  // Strict mode, as the ES modules it is made of always are (rolldown writes no "use strict" in CommonJS output of
  // ES modules), under a first line naming a hash of the rest.
  writeGenerated(`${outDir}/${file}`, 'tools/bundle-cli.mjs', `'use strict';\n${FALLBACK}\n${code}`);
});
