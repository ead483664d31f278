/**
 * The build's one-file yaml bundle (tools/bundle-yaml.mjs, loaded by
 * core/scenario/yaml-bundle.ts) is the yaml package itself: the same exports,
 * and the same documents, data, errors and warnings for the shipped
 * scenarios and for random YAML. The code caches of the generated files
 * (tools/code-caches.mjs), made by the build with this Node, are used for
 * this build of their file and accepted by V8 (else start-up would compile
 * them again).
 */
import fc from 'fast-check';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Script } from 'node:vm';
import { describe, expect, it } from 'vitest';
import * as yaml from 'yaml';
// The built code finds the build's bundle (dist/vendor/); the sources have none beside them.
import { loadYamlBundle, YAML_BUNDLE } from '../dist/core/scenario/yaml-bundle.js';
import { PRECOMPILED_DIR } from '../dist/core/scenario/ajv.js';
import { root } from './command.js';

const { compileFile } = createRequire(import.meta.url)('../bin/code-cache.cjs') as {
  compileFile(file: string, encoding: 'latin1' | 'utf8'): { script: Script };
};

const bundled = loadYamlBundle() as typeof yaml;
const texts = readdirSync(join(root, 'scenarios'))
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => readFileSync(join(root, 'scenarios', f), 'utf8'));

/** What core/scenario/source-file.ts reads of a document, with its options. */
function read(lib: typeof yaml, text: string): unknown {
  const lineCounter = new lib.LineCounter();
  const doc = lib.parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, merge: true, resolveKnownTags: false, stringKeys: true });
  const problems = [...doc.errors, ...doc.warnings].map((e) => ({ code: e.code, message: e.message, pos: e.pos }));
  let data: unknown;
  // As source-file.ts, data only from a document without errors.
  if (doc.errors.length > 0) return { problems };
  try {
    data = doc.toJS({ maxAliasCount: 1000 });
  } catch (error) {
    data = { thrown: (error as Error).message };
  }
  return { problems, data, lines: text.length > 0 ? lineCounter.linePos(text.length - 1) : null };
}

describe('the yaml bundle', () => {
  it('exports what the package exports', () => {
    expect(bundled).toBeDefined();
    expect(Object.keys(bundled).sort()).toStrictEqual(Object.keys(yaml).filter((k) => k !== 'default').sort());
  });

  it('reads the shipped scenarios as the package does', () => {
    for (const text of texts) expect(read(bundled, text)).toStrictEqual(read(yaml, text));
  });

  it('reads random YAML as the package does', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'ab:- \n[]{},&*<!#"\'|>.1'.split('')), maxLength: 60 }), (text) => {
        expect(read(bundled, text)).toStrictEqual(read(yaml, text));
      }),
      { seed: 7, numRuns: 500 },
    );
  });

  it.each([YAML_BUNDLE, join(PRECOMPILED_DIR, 'v0.cjs')])('%s has a code cache for this build of it that V8 accepts, and none for another build', (file) => {
    const text = readFileSync(file, 'utf8');
    expect(text.split('\n')[0]).toMatch(/ [0-9a-f]{16}$/);
    // V8 says whether it took the cache only when one was given.
    expect(compileFile(file, 'utf8').script.cachedDataRejected).toBe(false);
    // Another build of the file names another hash on its first line: the same cache beside it is left aside.
    const dir = mkdtempSync(join(tmpdir(), 'slsim-other-build-'));
    const otherBuild = join(dir, basename(file));
    writeFileSync(otherBuild, text.replace(/[0-9a-f]{16}\n/, '0123456789abcdef\n'));
    copyFileSync(`${file}.cache`, `${otherBuild}.cache`);
    expect(compileFile(otherBuild, 'utf8').script.cachedDataRejected).toBeUndefined();
    rmSync(dir, { recursive: true, force: true });
  });
});
