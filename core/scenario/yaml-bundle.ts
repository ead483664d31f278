/**
 * The yaml package as the build leaves it (tools/bundle-yaml.mjs): its
 * CommonJS files joined into one, dist/vendor/yaml-bundle.js, loaded with
 * its code cache (code-cache.ts), so that start-up reads two files and
 * compiles almost nothing (start-up time, README "Development"). Same code,
 * same results. Undefined when there is no bundle (a bare `tsc` build, tests
 * from source): yaml.ts then requires the package.
 */
import { fileURLToPath } from 'node:url';
import { requireWithCache } from './code-cache.js';

export const YAML_BUNDLE = fileURLToPath(new URL('../../vendor/yaml-bundle.js', import.meta.url));

export function loadYamlBundle(): unknown {
  try {
    return requireWithCache(YAML_BUNDLE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
