#!/usr/bin/env node
// The slsim command. The TypeScript sources are compiled to dist/ by `npm install`
// (the prepare script) or `npm run build`, which also joins the command's modules
// into CommonJS files in dist/bundle/ (tools/bundle-cli.mjs: fewer files to load,
// and no ES module loader to start, at start-up). In a source checkout, a bundle
// older than the modules (a bare `tsc` since the last build) is left aside for the
// modules themselves; an installed package (no sources, and files timed by when
// they were unpacked) always runs its bundle, with V8's code cache (load-bundle.cjs).
'use strict';
const { existsSync, statSync } = require('node:fs');

// The C library's malloc (glibc) gives memory back to the system whenever a
// free leaves more than its trim threshold (128 kB at first) at the top of a
// heap. V8's optimising compiler takes and frees megabytes for each function
// it compiles on its own threads, so it then writes to fresh pages again at
// every compilation: on a small virtual machine a first write to a page costs
// about 11 us, some 1,200 page faults and 10 to 25 ms of a long run. Freeing
// a block that malloc mapped on its own raises the size from which it maps
// blocks on their own to that block's size, and the trim threshold to twice
// that (glibc's dynamic mmap threshold). This buffer of 8 MB, never written
// (so no page of it is touched, whatever the C library) and dropped at once,
// is freed at V8's first minor collection, before a run has warmed up: the
// compiler's memory then stays in place between compilations
// (docs/performance.md, "Start-up").
Buffer.allocUnsafeSlow(8 * 1024 * 1024);

const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

const root = join(__dirname, '..');
const modified = (file) => statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? -1;
const bundle = join(root, 'dist', 'bundle', 'main.cjs');
const modules = join(root, 'dist', 'cli', 'main.js');
const modulesTime = modified(modules);
if (modulesTime < 0) {
  console.error('slsim: not built yet. Run `npm install` (or `npm run build`) in the project folder first.');
  process.exit(3);
}
const checkout = existsSync(join(root, 'cli', 'main.ts'));
if (modified(bundle) >= (checkout ? modulesTime : 0)) require('./load-bundle.cjs').loadBundle(bundle);
else import(pathToFileURL(modules).href);
