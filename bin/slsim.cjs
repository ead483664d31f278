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
