/**
 * The yaml package as the build leaves it (tools/bundle-yaml.mjs): its
 * CommonJS files joined into one, dist/vendor/yaml-bundle.js, with V8's code
 * cache of it, so that start-up reads two files and compiles almost nothing
 * (start-up time, README "Development"). Same code, same results; V8 ignores a
 * cache made by another Node version. Undefined when there is no bundle (a
 * bare `tsc` build, tests from source): yaml.ts then requires the package.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

export const YAML_BUNDLE = fileURLToPath(new URL('../../vendor/yaml-bundle.js', import.meta.url));
export const YAML_CACHE = fileURLToPath(new URL('../../vendor/yaml-bundle.cache', import.meta.url));

/** The bundle's source is one function expression, given `require` for Node's own modules; it returns the package's exports. */
export function loadYamlBundle(): unknown {
  let text: string;
  try {
    text = readFileSync(YAML_BUNDLE, 'utf8');
  } catch {
    return undefined;
  }
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(YAML_CACHE);
  } catch {
    cachedData = undefined;
  }
  const script = new Script(text, { filename: YAML_BUNDLE, cachedData });
  return (script.runInThisContext() as (require: NodeJS.Require) => unknown)(createRequire(import.meta.url));
}
