/**
 * Third-party adapters on the command line (docs/adapters.md): the example
 * adapter (examples/adapters/eventbridge-bus) loaded by folder with
 * `--adapter DIR` or by a scenario's `adapters:` (relative to the scenario
 * file), listed by `slsim adapters`, its sample from `slsim events`; a broken
 * adapter reported as its own fault, naming its type and file; the test kit
 * exported as `slsim/testing`. Runs the built command (npm test builds first).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, slsimIn } from './command.js';

const slsim = (args: string[], cwd = root) => slsimIn(cwd, args);

const example = 'examples/adapters/eventbridge-bus';


/** A scratch folder with these files. */
function scratch(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'slsim-kit-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const adapterSource = (type: string, extra = '', meta = '') =>
  `export default { meta: { type: '${type}', version: '1.2.3', apiVersion: 2, description: '${type} (test)', invocation: ['async'], schema: { type: 'object', additionalProperties: false, properties: { type: { const: '${type}' } } }${meta} }, create(ctx) { return {${extra}}; } };\n`;
const scenarioUsing = (type: string, adapters = '') => `${adapters}name: uses ${type}\nduration: 1m\nfunctions: { f: {} }\nsources: { s: { type: ${type} } }\n`;

describe('the example adapter on the command line', () => {
  it("runs the example scenario, whose adapters: names the adapter's folder", () => {
    const r = slsim(['run', `${example}/scenario.yaml`]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/orders-bus \(eventbridge-bus\)/);
    expect(r.stdout).toMatch(/✓ sources\.orders-bus\.TriggeredRules\.fulfil-placed > 0/);
  });

  it('loads it by folder with --adapter, alone or besides the same adapters: entry', () => {
    const text = readFileSync(join(root, example, 'scenario.yaml'), 'utf8').replace(/^adapters:.*\n/m, '');
    const dir = scratch({ 'bus.yaml': text });
    const alone = slsim(['run', join(dir, 'bus.yaml'), '--adapter', example, '--json', '-', '--quiet']);
    expect(alone.code).toBe(0);
    const both = slsim(['run', `${example}/scenario.yaml`, '--adapter', example, '--json', '-', '--quiet']);
    expect(both.code).toBe(0);
    const sources = (stdout: string) => JSON.parse(stdout).sources;
    expect(sources(alone.stdout)).toStrictEqual(sources(both.stdout));
    expect(slsim(['validate', join(dir, 'bus.yaml')]).stderr).toMatch(/unknown source type "eventbridge-bus"/);
  });

  it('resolves adapters: from the scenario file, wherever slsim runs', () => {
    const r = slsim(['validate', join(root, example, 'scenario.yaml')], tmpdir());
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/valid · 4 function\(s\), 3 source\(s\)/);
  });

  it('lists it with its version and folder', () => {
    const r = slsim(['adapters', '--adapter', example]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^eventbridge-bus\s+0\.1\.0\s+async\s+EventBridge event bus: .*\(examples\/adapters\/eventbridge-bus\)$/m);
    expect(r.stdout).toMatch(/^sqs\s+1\.0\.0\s+poll\s+/m);
  });

  it('prints its sample event, the one the folder ships', () => {
    const r = slsim(['events', 'eventbridge-bus', '--adapter', example]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toStrictEqual(JSON.parse(readFileSync(join(root, example, 'sample-event.json'), 'utf8')));
  });
});

describe('--adapter and adapters: take a module or a folder', () => {
  it('a folder loads its index.mjs, or what its package.json exports', () => {
    const dir = scratch({
      'plain/index.mjs': adapterSource('plain'),
      'pkg/package.json': JSON.stringify({ name: 'x', type: 'module', exports: { '.': { import: './lib/entry.mjs' } } }),
      'pkg/lib/entry.mjs': adapterSource('packaged'),
      'main/package.json': JSON.stringify({ name: 'y', main: 'src/adapter.mjs' }),
      'main/src/adapter.mjs': adapterSource('mained'),
    });
    const r = slsim(['adapters', '--adapter', join(dir, 'plain'), '--adapter', join(dir, 'pkg'), '--adapter', join(dir, 'main')]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^plain\s+1\.2\.3/m);
    expect(r.stdout).toMatch(/^packaged\s+1\.2\.3/m);
    expect(r.stdout).toMatch(/^mained\s+1\.2\.3/m);
  });

  it('a folder with nothing to load, or a path that is not there, exits 2 naming the path as written', () => {
    const dir = scratch({ 'empty/README.md': '', 'scenario.yaml': scenarioUsing('nothing', 'adapters:\n  - ./adapters/missing.mjs\n') });
    expect(slsim(['adapters', '--adapter', join(dir, 'empty')])).toMatchObject({
      code: 2,
      stderr: `slsim: cannot load adapter ${join(dir, 'empty')}: a directory needs a package.json with "exports" or "main", or an index.mjs or index.js\n`,
    });
    const r = slsim(['run', 'scenario.yaml'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('slsim: scenario.yaml:2 /adapters/0: cannot load adapter ./adapters/missing.mjs: no such file\n');
  });

  it('adapters: must be a list of paths', () => {
    const dir = scratch({ 'scenario.yaml': scenarioUsing('nothing', 'adapters: ./a.mjs\n') });
    const r = slsim(['validate', 'scenario.yaml'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^slsim: scenario\.yaml:1 \/adapters: must be array\n$/);
  });
});

describe('a broken third-party adapter is reported as its own fault, naming its type and file', () => {
  const dir = scratch({
    'bad-schema.mjs': `export default { meta: { type: 'bad-schema', version: '1.0.0', apiVersion: 2, description: '', invocation: ['async'], schema: { type: 'object', required: 'type' } }, create() { return {}; } };\n`,
    'bad-event-schema.mjs': adapterSource('bad-event-schema', '', ", eventSchema: 'sqs-event.schema.json'"),
    'old.mjs': adapterSource('old').replace('apiVersion: 2', 'apiVersion: 0'),
    'throws-create.mjs': adapterSource('throws-create').replace('create(ctx) {', "create(ctx) { throw new Error('no source today');"),
    'throws-start.mjs': adapterSource('throws-start', " start() { throw new Error('cannot start'); } "),
    'throws-report.mjs': adapterSource('throws-report', ' report() { return ctx.nothing.here; } '),
    'throws-check.mjs': adapterSource('throws-check').replace('create(ctx)', "check() { throw new RangeError('check broke'); }, samplePayload() { throw new Error('no payload'); }, create(ctx)"),
    'timer.mjs': adapterSource('timer', ' start() { ctx.timer(() => { throw new Error(`tick ${ctx.now()}`); }).arm(2000); } '),
  });
  /** Runs, in `dir`, a scenario with one source of `type`, loading ./<type>.mjs. */
  const runFrom = (type: string) => {
    writeFileSync(join(dir, `${type}.yaml`), scenarioUsing(type));
    return slsim(['run', `${type}.yaml`, '--quiet', '--adapter', `./${type}.mjs`], dir);
  };

  it.each([
    ['a schema that does not compile', 'bad-schema', /^slsim: adapter "bad-schema" \(\.\/bad-schema\.mjs\): its schema does not compile: schema is invalid: data\/required must be array\n$/],
    ['an event schema that is not a schema', 'bad-event-schema', /^slsim: adapter "bad-event-schema" \(\.\/bad-event-schema\.mjs\): meta\.eventSchema must be a JSON Schema object/],
    ['another API version', 'old', /^slsim: adapter "old" \(\.\/old\.mjs\): written for adapter API 0; this slsim implements API 2 and loads APIs 1 and 2 \(docs\/adapters\.md\)\n$/],
  ])('%s: exit 2 at load', (_what, type, message) => {
    const r = runFrom(type);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it.each([
    ['throws in create', 'throws-create', 'slsim: adapter "throws-create" (./throws-create.mjs) failed in create: no source today\n'],
    ['throws in start', 'throws-start', 'slsim: adapter "throws-start" (./throws-start.mjs) failed in start: cannot start\n'],
    ['throws in report', 'throws-report', `slsim: adapter "throws-report" (./throws-report.mjs) failed in report: Cannot read properties of undefined (reading 'here')\n`],
    ['throws in check', 'throws-check', 'slsim: adapter "throws-check" (./throws-check.mjs) failed in check: check broke\n'],
    ['throws from a timer it armed', 'timer', 'slsim: adapter "timer" (./timer.mjs) failed at t = 2000 ms: tick 2000\n'],
  ])('%s: exit 3, its fault, not a bug in slsim', (_what, type, message) => {
    const r = runFrom(type);
    expect(r.code).toBe(3);
    expect(r.stderr).toBe(message);
  });

  it('throws in samplePayload: slsim events says so', () => {
    const r = slsim(['events', 'throws-check', '--adapter', './throws-check.mjs'], dir);
    expect(r).toMatchObject({ code: 3, stderr: 'slsim: adapter "throws-check" (./throws-check.mjs) failed in samplePayload: no payload\n' });
  });

  it("named by a scenario's adapters:, a fault names the adapter by its path from here", () => {
    writeFileSync(join(dir, 'via-scenario.yaml'), scenarioUsing('throws-create', 'adapters: [./throws-create.mjs]\n'));
    const r = slsim(['run', join(dir, 'via-scenario.yaml'), '--quiet'], join(dir, '..'));
    expect(r.code).toBe(3);
    expect(r.stderr).toBe(`slsim: adapter "throws-create" (${join(dir.split('/').pop()!, 'throws-create.mjs')}) failed in create: no source today\n`);
  });
});

describe('the package', () => {
  it('exports the adapter test kit as slsim/testing', () => {
    const script = "const kit = await import('slsim/testing'); console.log(typeof kit.AdapterTester, typeof kit.checkAdapter, kit.Outcome.Dropped);";
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('function function 2');
  });

  it('packs the kit, its types and the command', () => {
    const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' });
    const files = (JSON.parse(r.stdout) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
    for (const file of ['bin/slsim.cjs', 'bin/load-bundle.cjs', 'bin/code-cache.cjs', 'dist/bundle/main.cjs', 'dist/bundle/main.cjs.cache', 'dist/cli/main.js', 'dist/testing/index.js', 'dist/testing/index.d.ts', 'package.json']) {
      expect(files).toContain(file);
    }
    // No sources: bin/slsim.cjs tells an installed package from a checkout by cli/main.ts.
    expect(files).not.toContain('cli/main.ts');
  });

  it('runs its bundle once installed, even where unpacking left the modules newer than the bundle', () => {
    // An installed layout: bin/ and dist/, no sources; npm times each file by when it was unpacked.
    const dir = mkdtempSync(join(tmpdir(), 'slsim-installed-'));
    cpSync(join(root, 'bin'), join(dir, 'bin'), { recursive: true });
    cpSync(join(root, 'dist'), join(dir, 'dist'), { recursive: true });
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
    writeFileSync(join(dir, 'package.json'), readFileSync(join(root, 'package.json')));
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(dir, 'dist', 'cli', 'main.js'), later, later);
    // Logs every file read: the bundle's and its code caches (bin/load-bundle.cjs), or the ES modules.
    const hook = join(dir, 'log-reads.cjs');
    writeFileSync(
      hook,
      "const fs = require('node:fs'); for (const name of ['readFileSync', 'openSync']) { const f = fs[name]; fs[name] = function (path, ...rest) { process.stderr.write(`read ${path}\\n`); return f.call(this, path, ...rest); }; }",
    );
    const r = spawnSync(process.execPath, ['-r', hook, join(dir, 'bin', 'slsim.cjs'), 'validate', join(root, 'scenarios', 'nightly-cron.yaml')], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/read .*[\\/]dist[\\/]bundle[\\/]main\.cjs\n/);
    expect(r.stderr).toMatch(/read .*[\\/]dist[\\/]bundle[\\/]main\.cjs\.cache\n/);
    rmSync(dir, { recursive: true, force: true });
  });
});
