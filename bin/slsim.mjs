#!/usr/bin/env node
// The slsim command. The TypeScript sources are compiled to dist/ by `npm install`
// (the prepare script) or `npm run build`.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('slsim: not built yet. Run `npm install` (or `npm run build`) in the project folder first.');
  process.exit(3);
}
await import(entry.href);
