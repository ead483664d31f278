// Joins the yaml package's CommonJS files (about 70, dist/index.js and what it
// requires) into one CommonJS file, dist/vendor/yaml-bundle.js, with rolldown,
// so that a run reads one file instead of resolving, reading and compiling each
// (start-up time, README "Development"); tools/code-caches.mjs then saves its
// code cache. The file is pure ASCII (strings escaped, comments dropped): Node
// reads it as a one-byte string, several times faster. Run by `npm run build`
// after tsc. core/scenario/yaml.ts loads the bundle, and falls back to
// require('yaml') when it is missing.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { build } from 'rolldown';
import { writeGenerated } from './generated-file.mjs';

const require = createRequire(import.meta.url);
const packageDir = dirname(require.resolve('yaml/package.json'));
const { YAML_BUNDLE } = await import(new URL('../dist/core/scenario/yaml-bundle.js', import.meta.url).href);

const { output } = await build({
  input: require.resolve('yaml'),
  platform: 'node',
  logLevel: 'warn',
  write: false,
  // yaml's own files only; Node's modules (process, buffer) stay require()s.
  external: (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0'),
  output: { format: 'cjs', codeSplitting: false, charset: 'ascii', comments: false },
});
const version = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')).version;
writeGenerated(YAML_BUNDLE, `tools/bundle-yaml.mjs from yaml ${version}`, output[0].code);
