// Saves V8's code cache of the files the build generates beside each, as
// FILE.cache (start-up time, README "Development"). Run by `npm run build`, last.
// - The yaml bundle and the precompiled validators (core/scenario/code-cache.ts):
//   loads every shipped scenario as a run does, so that the caches hold the
//   code a run compiles.
// - The command's bundle (bin/load-bundle.cjs): every file compiled, then a
//   short run of the SimFaaS example through the command, whose files' caches
//   then also hold the functions a run calls.
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
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

const bundle = join(root, 'dist', 'bundle');
for (const file of readdirSync(bundle).filter((f) => f.endsWith('.cache'))) rmSync(join(bundle, file));
const require = createRequire(import.meta.url);
const { compileFile, writeCache } = require('../bin/code-cache.cjs');
for (const file of readdirSync(bundle).filter((f) => f.endsWith('.cjs'))) {
  const { script, hash } = compileFile(join(bundle, file), 'latin1', false);
  writeCache(join(bundle, file), hash, script);
}
// Without NODE_OPTIONS: V8 refuses a cache made under other flags (a heap size, say), and users run without them.
const env = { ...process.env };
delete env.NODE_OPTIONS;
const run = spawnSync(process.execPath, [join(root, 'tools', 'run-bundle-saving-caches.cjs'), 'run', join(root, 'scenarios', 'simfaas-readme.yaml'), '--set', 'duration=60s'], {
  cwd: root,
  encoding: 'utf8',
  env,
});
// Exit 1 is the example's expectations, not met by a one-minute run (so its summary was printed); anything else is a broken bundle.
if (!(run.status === 0 || (run.status === 1 && run.stdout.includes('SimFaaS README example')))) {
  throw new Error(`tools/code-caches.mjs: the bundle's run failed (exit ${run.status}): ${run.stderr}`);
}
