#!/usr/bin/env node
// The slsim command. The TypeScript sources are compiled to dist/ by `npm install`
// (the prepare script) or `npm run build`, which also joins the command's modules
// into CommonJS files in dist/bundle/ (tools/bundle-cli.mjs: fewer files to load,
// and no ES module loader to start, at start-up). A bundle older than the modules
// (a bare `tsc` since the last build) is left aside for the modules themselves.
'use strict';
const { statSync } = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

const dist = join(__dirname, '..', 'dist');
const modified = (file) => statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? -1;
const bundle = join(dist, 'bundle', 'main.cjs');
const modules = join(dist, 'cli', 'main.js');
const modulesTime = modified(modules);
if (modulesTime < 0) {
  console.error('slsim: not built yet. Run `npm install` (or `npm run build`) in the project folder first.');
  process.exit(3);
}
if (modified(bundle) >= modulesTime) require(bundle);
else import(pathToFileURL(modules).href);
