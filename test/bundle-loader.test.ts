/**
 * The command's bundle as bin/load-bundle.cjs loads it (docs/performance.md,
 * start-up): every file with the V8 code cache the build saved beside it; a
 * cache made for another file or build, or cut short, is left aside and the
 * command runs the same; the bundle's `import()` (packages, files a scenario names)
 * goes through the loader; and the bundle runs in strict mode, as the ES
 * modules it is made of.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { root } from './command.js';

const bundleDir = join(root, 'dist', 'bundle');
const scenario = join(root, 'scenarios', 'nightly-cron.yaml');

const scratch: string[] = [];
afterAll(() => scratch.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A scratch folder, removed after the tests. */
function scratchDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  scratch.push(dir);
  return dir;
}

/** A JSON report without its one figure that differs from run to run. */
function withoutWallTime(json: string): unknown {
  const report = JSON.parse(json) as { engine: { wallSeconds?: number } };
  delete report.engine.wallSeconds;
  return report;
}

/** An installed layout (bin/, dist/, package.json) in a scratch folder, whose bundle a test may damage. */
function installedCopy(): string {
  const dir = scratchDir('slsim-loader-');
  cpSync(join(root, 'bin'), join(dir, 'bin'), { recursive: true });
  cpSync(join(root, 'dist'), join(dir, 'dist'), { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  writeFileSync(join(dir, 'package.json'), readFileSync(join(root, 'package.json')));
  return dir;
}

/** Runs the command of `dir` with a hook that reports, for each bundle file compiled, whether its cache was used. */
function runReportingCaches(dir: string, args: readonly string[]): { status: number | null; stdout: string; caches: Map<string, string> } {
  const hook = join(scratchDir('slsim-hook-'), 'report-caches.cjs');
  writeFileSync(
    hook,
    `const vm = require('node:vm');
const Script = vm.Script;
vm.Script = class extends Script {
  constructor(code, options) {
    super(code, options);
    const file = String(options?.filename ?? '');
    if (/[\\\\/]dist[\\\\/]bundle[\\\\/]/.test(file)) process.stderr.write('cache ' + file.split(/[\\\\/]/).pop() + ' ' + (options.cachedData === undefined ? 'none' : this.cachedDataRejected ? 'rejected' : 'used') + '\\n');
  }
};`,
  );
  const r = spawnSync(process.execPath, ['-r', hook, join(dir, 'bin', 'slsim.cjs'), ...args], { encoding: 'utf8' });
  const caches = new Map<string, string>();
  for (const [, file, state] of r.stderr.matchAll(/^cache (\S+) (\w+)$/gm)) caches.set(file!, state!);
  return { status: r.status, stdout: r.stdout, caches };
}

describe('the bundle loader', () => {
  it('loads every file of a run with its code cache, and V8 takes each', () => {
    const { status, caches } = runReportingCaches(root, ['run', scenario, '--quiet']);
    expect(status).toBe(0);
    expect(caches.get('main.cjs')).toBe('used');
    expect([...caches.keys()].some((file) => file.startsWith('core-'))).toBe(true);
    for (const [file, state] of caches) expect(state, file).toBe('used');
  });

  it('leaves aside a cache made for another file, one cut short, and one whose first line is garbled: the command gives the same answer', () => {
    const dir = installedCopy();
    const reference = runReportingCaches(dir, ['run', scenario, '--json', '-']);
    const bundle = join(dir, 'dist', 'bundle');
    const core = readdirSync(bundle).find((file) => file.startsWith('core-') && file.endsWith('.cjs'))!;
    const run = readdirSync(bundle).find((file) => file.startsWith('run-') && file.endsWith('.cjs'))!;
    // main.cjs gets another file's cache; core's first line loses a character; run's cache loses its end.
    copyFileSync(join(bundle, `${core}.cache`), join(bundle, 'main.cjs.cache'));
    const coreCache = readFileSync(join(bundle, `${core}.cache`));
    const lineEnd = coreCache.indexOf(0x0a);
    writeFileSync(join(bundle, `${core}.cache`), Buffer.concat([coreCache.subarray(0, lineEnd - 1), coreCache.subarray(lineEnd)]));
    const runCache = readFileSync(join(bundle, `${run}.cache`));
    writeFileSync(join(bundle, `${run}.cache`), runCache.subarray(0, runCache.length - 100));
    const damaged = runReportingCaches(dir, ['run', scenario, '--json', '-']);
    expect(damaged.caches.get('main.cjs')).toBe('none');
    expect(damaged.caches.get(core)).toBe('none');
    expect(damaged.caches.get(run)).toBe('none');
    expect(damaged.status).toBe(reference.status);
    expect(withoutWallTime(damaged.stdout)).toStrictEqual(withoutWallTime(reference.stdout));
  });

  it('leaves aside the cache of a file built again since (its first line names another hash): the new code runs', () => {
    const dir = installedCopy();
    const bundle = join(dir, 'dist', 'bundle');
    const summary = readdirSync(bundle).find((file) => file.startsWith('summary-') && file.endsWith('.cjs'))!;
    const text = readFileSync(join(bundle, summary), 'latin1');
    expect(text).toContain('per million requests');
    // What a build of changed code writes (tools/generated-file.mjs): the code, under a line naming its hash.
    const code = text.slice(text.indexOf('\n') + 1).replace('per million requests', 'PER MILLION REQUESTS');
    const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
    writeFileSync(join(bundle, summary), `${text.slice(0, text.indexOf('\n')).replace(/[0-9a-f]{16}$/, hash)}\n${code}`, 'latin1');
    const rebuilt = runReportingCaches(dir, ['run', scenario]);
    expect(rebuilt.caches.get(summary)).toBe('none');
    expect(rebuilt.stdout).toContain('PER MILLION REQUESTS');
  });

  it("imports packages for the bundle (yargs, for --help) even from a file loaded with its cache", () => {
    const { status, stdout, caches } = runReportingCaches(root, ['--help']);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^slsim <command> \[options\]/);
    expect([...caches].filter(([file]) => file.startsWith('yargs-args-'))).toStrictEqual([[expect.stringMatching(/^yargs-args-/), 'used']]);
  });

  it('is strict mode, and its only import() is the fallback for Node\'s own loader (tools/bundle-cli.mjs)', async () => {
    const { parseAst } = await import('rolldown/parseAst');
    for (const file of readdirSync(bundleDir).filter((f) => f.endsWith('.cjs'))) {
      const text = readFileSync(join(bundleDir, file), 'latin1');
      const lines = text.split('\n');
      expect(lines[0], file).toMatch(/^\/\/ Generated by tools\/bundle-cli\.mjs .* [0-9a-f]{16}$/);
      expect(lines[1], file).toBe("'use strict';");
      const imports: number[] = [];
      const visit = (node: unknown): void => {
        if (Array.isArray(node)) node.forEach(visit);
        else if (node !== null && typeof node === 'object') {
          const n = node as { type?: string; start?: number };
          if (n.type === 'ImportExpression') imports.push(text.slice(0, n.start).split('\n').length);
          for (const [key, value] of Object.entries(node)) if (key !== 'parent') visit(value);
        }
      };
      visit(parseAst(text));
      expect(imports, file).toStrictEqual([3]);
    }
  });

  it('runs under Node\'s own loader too (node dist/bundle/main.cjs), its import() falling back to the real one', () => {
    const r = spawnSync(process.execPath, [join(bundleDir, 'main.cjs'), '--help'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^slsim <command> \[options\]/);
  });
});
