#!/usr/bin/env node
// The slsim command. The TypeScript sources are compiled to dist/ by `npm install`
// (the prepare script) or `npm run build`, which also joins the command's modules
// into dist/bundle/ (tools/bundle-cli.mjs: fewer files to load at start-up).
import { existsSync } from 'node:fs';

const bundle = new URL('../dist/bundle/main.js', import.meta.url);
const modules = new URL('../dist/cli/main.js', import.meta.url);
const entry = existsSync(bundle) ? bundle : modules;
if (!existsSync(entry)) {
  console.error('slsim: not built yet. Run `npm install` (or `npm run build`) in the project folder first.');
  process.exit(3);
}
await import(entry.href);
