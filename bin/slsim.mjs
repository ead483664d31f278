#!/usr/bin/env node
// The slsim command. The TypeScript sources are compiled to dist/ by `npm install`
// (the prepare script) or `npm run build`, which also joins the command's modules
// into dist/bundle/ (tools/bundle-cli.mjs: fewer files to load at start-up). A
// bundle older than the modules (a bare `tsc` since) is left aside.
import { statSync } from 'node:fs';

const modified = (url) => statSync(url, { throwIfNoEntry: false })?.mtimeMs ?? -1;
const bundle = new URL('../dist/bundle/main.js', import.meta.url);
const modules = new URL('../dist/cli/main.js', import.meta.url);
const modulesTime = modified(modules);
if (modulesTime < 0) {
  console.error('slsim: not built yet. Run `npm install` (or `npm run build`) in the project folder first.');
  process.exit(3);
}
await import((modified(bundle) >= modulesTime ? bundle : modules).href);
