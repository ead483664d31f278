/**
 * bin/code-cache.cjs reads each generated file into a buffer reused from one
 * file to the next, with Node's module wrapper already around its text, and
 * keeps V8's data 8-byte aligned in the cache file: the text V8 compiles and
 * the cache it takes are those of the file read, whatever was read before it,
 * whatever its size or encoding.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Script } from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';

const { compileFile, writeCache } = createRequire(import.meta.url)('../bin/code-cache.cjs') as {
  compileFile(file: string, encoding: 'latin1' | 'utf8', withCache?: boolean): { script: Script; hash: string };
  writeCache(file: string, hash: string, script: Script): void;
};

const dir = mkdtempSync(join(tmpdir(), 'slsim-code-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A generated file (first line naming its build hash) whose module exports `value` and the length of a `filler`-character padding. */
function generated(name: string, hash: string, value: string, filler: number): string {
  const file = join(dir, name);
  writeFileSync(file, `// Generated for a test: do not edit. ${hash}\nconst padding = ${JSON.stringify('x'.repeat(filler))};\nmodule.exports = { value: ${JSON.stringify(value)}, padding: padding.length };\n`);
  return file;
}

/** Runs a compiled generated file as the loaders do, and returns its exports. */
function exportsOf(script: Script): { value: string; padding: number } {
  const module = { exports: {} as { value: string; padding: number } };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, require, module, '', '');
  return module.exports;
}

describe('generated files and their code caches', () => {
  it('compiles a file larger than the reused buffer, with text beyond ASCII, and then its cache, which V8 takes', () => {
    const file = generated('large.cjs', '00000000000000a1', 'größe → 1 MB', 700_000);
    const first = compileFile(file, 'utf8');
    expect(first.hash).toBe('00000000000000a1');
    expect(first.script.cachedDataRejected).toBeUndefined(); // no cache yet
    expect(exportsOf(first.script)).toStrictEqual({ value: 'größe → 1 MB', padding: 700_000 });
    writeCache(file, first.hash, first.script);
    const again = compileFile(file, 'utf8');
    expect(again.script.cachedDataRejected).toBe(false);
    expect(exportsOf(again.script)).toStrictEqual({ value: 'größe → 1 MB', padding: 700_000 });
  });

  it("writes V8's data at an 8-byte boundary of the cache file", () => {
    for (const [name, filler] of [['a.cjs', 1], ['b.cjs', 10], ['c.cjs', 1000]] as const) {
      const file = generated(name, '00000000000000b2', name, filler);
      const { script, hash } = compileFile(file, 'latin1');
      writeCache(file, hash, script);
      const cache = readFileSync(`${file}.cache`);
      const firstLine = cache.indexOf(0x0a) + 1;
      expect(firstLine % 8).toBe(0);
      expect(cache.toString('latin1', 0, firstLine)).toMatch(/^slsim-code-cache 00000000000000b2 \d+ *\n$/);
    }
  });

  it('gives each file its own text and cache, whatever was read before it', () => {
    const big = generated('big.cjs', '00000000000000c3', 'big', 300_000);
    const small = generated('small.cjs', '00000000000000c4', 'small', 3);
    for (const file of [big, small]) {
      const { script, hash } = compileFile(file, 'latin1');
      writeCache(file, hash, script);
    }
    // The small file is read over what the big one left in the buffers.
    const order = [big, small, big, small].map((file) => compileFile(file, 'latin1').script);
    expect(order.map((s) => s.cachedDataRejected)).toStrictEqual([false, false, false, false]);
    expect(order.map((s) => exportsOf(s))).toStrictEqual([
      { value: 'big', padding: 300_000 },
      { value: 'small', padding: 3 },
      { value: 'big', padding: 300_000 },
      { value: 'small', padding: 3 },
    ]);
  });

  it("keeps the file's own line numbers, and compiles a file that ends in a line comment with no newline", () => {
    const file = join(dir, 'lines.cjs');
    writeFileSync(file, '// Generated for a test: do not edit. 00000000000000e7\nmodule.exports = () => {\n  throw new Error("line 3");\n}; // no newline after this');
    for (const withCache of [false, true]) {
      const { script, hash } = compileFile(file, 'latin1', withCache);
      if (!withCache) writeCache(file, hash, script);
      const module = { exports: (() => 0) as () => unknown };
      (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, require, module, '', '');
      expect(() => module.exports()).toThrow(expect.objectContaining({ stack: expect.stringContaining(`${file}:3:`) }));
    }
  });

  it("leaves aside the cache of another build of the file, and reports a file it cannot read as readFileSync does", () => {
    const file = generated('rebuilt.cjs', '00000000000000d5', 'old', 5);
    const { script, hash } = compileFile(file, 'latin1');
    writeCache(file, hash, script);
    generated('rebuilt.cjs', '00000000000000d6', 'new', 5);
    const rebuilt = compileFile(file, 'latin1');
    expect(rebuilt.script.cachedDataRejected).toBeUndefined();
    expect(exportsOf(rebuilt.script).value).toBe('new');
    expect(() => compileFile(join(dir, 'missing.cjs'), 'latin1')).toThrow(expect.objectContaining({ code: 'ENOENT' }));
  });
});
