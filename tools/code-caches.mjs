// Saves V8's code cache of the files the build generates (the yaml bundle, the
// precompiled validators) beside each, as FILE.cache: loads every shipped
// scenario as a run does, so that the caches hold the code a run compiles,
// then writes them (core/scenario/code-cache.ts, start-up time, README
// "Development"). Run by `npm run build`, last.
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const dist = new URL('../dist/', import.meta.url);
const { PRECOMPILED_DIR } = await import(new URL('core/scenario/ajv.js', dist).href);
const { YAML_BUNDLE } = await import(new URL('core/scenario/yaml-bundle.js', dist).href);

// No stale cache is read while the new ones are made.
for (const file of readdirSync(PRECOMPILED_DIR).filter((f) => f.endsWith('.cache'))) rmSync(join(PRECOMPILED_DIR, file));
rmSync(`${YAML_BUNDLE}.cache`, { force: true });

const { saveCodeCaches } = await import(new URL('core/scenario/code-cache.js', dist).href);
const { createRegistry } = await import(new URL('adapters/built-in.js', dist).href);
const { loadScenario } = await import(new URL('core/scenario/load.js', dist).href);
const registry = await createRegistry();
for (const file of readdirSync(join(root, 'scenarios')).filter((f) => f.endsWith('.yaml'))) loadScenario(join(root, 'scenarios', file), registry);
saveCodeCaches();
