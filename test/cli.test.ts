/**
 * The command line as a user meets it (docs/cli.md): help and version, exit codes
 * 0/1/2/3, one-line input errors without a stack trace, the JSON report on
 * standard output, third-party adapters loaded by path. Runs the built
 * command (npm test builds first).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, slsim } from './command.js';
import pkg from '../package.json' with { type: 'json' };



describe('slsim command', () => {
  it('--help lists the commands; --version prints the version', () => {
    const help = slsim('--help');
    expect(help.code).toBe(0);
    for (const command of ['run <file>', 'validate <file>', 'events <type>', 'adapters']) expect(help.stdout).toContain(command);
    expect(slsim('run', '--help').stdout).toContain('--json');
    expect(slsim('--version').stdout.trim()).toBe(pkg.version);
  });

  it('runs the showcase: exit 0, a summary with the ledger and the bill', () => {
    const r = slsim('run', 'scenarios/checkout-api.yaml');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/checkout API · seed 42/);
    expect(r.stdout).toMatch(/storefront \(invoke\)/);
    expect(r.stdout).toMatch(/cost \$\d/);
    expect(r.stdout).toMatch(/✓ functions\.checkout\.Duration\.p99 < 1500/);
  });

  it('--json - writes the report to standard output and the summary to standard error', () => {
    const r = slsim('run', 'scenarios/flash-sale-spike.yaml', '--json', '-', '--seed', '3');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ reportVersion: 1, scenario: 'flash sale spike', seed: 3 });
    expect(r.stderr).toMatch(/flash sale spike/);
  });

  it('--quiet prints nothing', () => {
    const r = slsim('run', 'scenarios/flash-sale-spike.yaml', '--quiet');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
  });

  it('exits 1 when an expectation fails, printing every expectation', () => {
    const r = slsim('run', 'test/fixtures/failing-expectation.yaml');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✗ functions\.f\.Throttles == 0 {2}\(actual 4\)/);
    expect(r.stdout).toMatch(/✓ functions\.f\.Invocations >= 1/);
  });

  it.each([
    [['run', 'test/fixtures/bad-memory.yaml'], /^slsim: test\/fixtures\/bad-memory\.yaml:5 \/functions\/resize\/memory: must be <= 10240\n$/],
    [['validate', 'test/fixtures/bad-memory.yaml'], /^slsim: test\/fixtures\/bad-memory\.yaml:5 \/functions\/resize\/memory: must be <= 10240\n$/],
    [['run', 'no/such/file.yaml'], /^slsim: no\/such\/file\.yaml: cannot read the scenario: no such file\n$/],
    [['run', 'scenarios/checkout-api.yaml', '--set', 'functions.checkout.memory=64'], /^slsim: --set functions\.checkout\.memory=64 \/functions\/checkout\/memory: must be >= 128\n$/],
    [['run', 'scenarios/checkout-api.yaml', '--seed', '1.5'], /^slsim: --seed must be an integer from 0 to 4294967295, got "1\.5"\n$/],
    [['run', 'scenarios/checkout-api.yaml', '--seed', 'abc'], /^slsim: --seed must be an integer from 0 to 4294967295, got "abc"\n$/],
    [['run', 'scenarios/checkout-api.yaml', '--seed', '-1'], /^slsim: --seed must be an integer from 0 to 4294967295, got "-1"\n$/],
    [['run', 'scenarios/checkout-api.yaml', '--seed=-1'], /^slsim: --seed must be an integer from 0 to 4294967295, got "-1"\n$/],
    [['run', 'scenarios/checkout-api.yaml', '--seed', '4294967296'], /^slsim: --seed must be an integer from 0 to 4294967295, got "4294967296"\n$/],
    [['run', 'scenarios/checkout-api.yaml', '--set', 'seed=-1'], /^slsim: --set seed=-1 \/seed: must be >= 0\n$/],
    [['run', 'scenarios/checkout-api.yaml', '--json'], /^slsim: --json needs a value: a file, or - for standard output \(see slsim --help\)\n$/],
    [['validate', 'scenarios/checkout-api.yaml', '--max-events', 'lots'], /^slsim: --max-events must be a whole number of events, at least 1 \(e\.g\. 5000000000 or 5e9\), got "lots"\n$/],
    [['validate', 'scenarios/checkout-api.yaml', '--max-event', '5'], /^slsim: unknown argument: max-event \(did you mean --max-events\?\) \(see slsim --help\)\n$/],
    [['adapters', '--adapter', 'no/such/adapter.mjs'], /^slsim: cannot load adapter no\/such\/adapter\.mjs: no such file\n$/],
    [['frobnicate'], /^slsim: unknown argument: frobnicate \(see slsim --help\)\n$/],
    [['run', 'scenarios/checkout-api.yaml', '--quite'], /^slsim: unknown argument: quite \(did you mean --quiet\?\) \(see slsim --help\)\n$/],
    [['run'], /^slsim: run needs a scenario FILE: slsim run FILE \(see slsim --help\)\n$/],
    [['run', 'scenarios/checkout-api.yaml', '--set', 'functions.chekout.memory=512'], /^slsim: --set functions\.chekout\.memory=512: the scenario has no function "chekout" \(did you mean "checkout"\?\)\n$/],
  ])('bad input %j exits 2 with one line and no stack trace', (args, message) => {
    const r = slsim(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('validate says what it checked, and the work it estimates', () => {
    const r = slsim('validate', 'scenarios/checkout-api.yaml');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/valid · 2 function\(s\), 2 source\(s\), 5 expectation\(s\) · 10h00m00s of traffic · about [\d,]+ events\n$/);
  });

  it.each(['run', 'validate'])('%s refuses a scenario too big to run at load, with the estimate and the flag', (command) => {
    const dir = mkdtempSync(join(tmpdir(), 'slsim-'));
    const file = join(dir, 'big.yaml');
    writeFileSync(
      file,
      'name: big\nduration: 1m\nfunctions:\n  f: { memory: 128 }\nsources:\n  api:\n    type: invoke\n    targets: [f]\n    load: { phases: [ { duration: 1m, arrivalRate: 1000000000000 } ] }\n',
    );
    // Were it not refused, this run would last days (the test's timeout ends it first).
    const r = slsim(command, file);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `slsim: ${file}:9 /sources/api/load: the run is estimated at 180,000,000,000,000 events (arrivals, invocations and the messages they cause), over --max-events 2,000,000,000: shorten duration, lower the traffic, or raise --max-events\n`,
    );
    expect(slsim('validate', file, '--set', 'sources.api.load.phases.0.arrivalRate=10').code).toBe(0);
  });

  it('reports YAML alias problems as input errors with their line, not as bugs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'slsim-'));
    const file = join(dir, 'alias.yaml');
    writeFileSync(file, 'name: alias\nduration: 1m\nfunctions:\n  f: *defaults\n');
    const r = slsim('validate', file);
    expect(r).toMatchObject({ code: 2, stderr: `slsim: ${file}:4: not valid YAML: the alias *defaults has no anchor &defaults before it\n` });
  });

  it('loads a third-party adapter by path', () => {
    const r = slsim('run', 'test/fixtures/heartbeat.yaml', '--adapter', 'test/fixtures/heartbeat-adapter.mjs');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/✓ sources\.devices\.Beats == 6/);
    expect(slsim('adapters', '--adapter', 'test/fixtures/heartbeat-adapter.mjs').stdout).toMatch(/heartbeat\s+0\.1\.0/);
    expect(slsim('run', 'test/fixtures/heartbeat.yaml').stderr).toMatch(/unknown source type "heartbeat"/);
  });

  it('ends quietly, with its own exit code, when the reader of its output stops early (--json - | head)', () => {
    // A shell pipe, as users write it; the report is far bigger than the pipe's buffer.
    const command = `"${process.execPath}" bin/slsim.cjs run scenarios/order-pipeline.yaml --json - --quiet | head -c 100 > /dev/null; echo "exit \${PIPESTATUS[0]}" >&2`;
    const r = spawnSync('bash', ['-c', command], { cwd: root, encoding: 'utf8' });
    expect(r.stderr).toBe('exit 0\n');
  });

  it("runs from its bundle beside an adapter that uses slsim's modules themselves (a helper, and its errors)", () => {
    expect(existsSync(join(root, 'dist', 'bundle', 'main.cjs'))).toBe(true);
    const adapter = ['--adapter', 'test/fixtures/heartbeat-adapter.mjs'];
    const r = slsim('run', 'test/fixtures/heartbeat.yaml', ...adapter, '--set', 'sources.devices.every=15s');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✗ sources\.devices\.Beats == 6 {2}\(actual 4\)/);
    // The helper's error, thrown by the modules' copy at run time, is the adapter's fault, not a bug in slsim.
    const bad = slsim('run', 'test/fixtures/heartbeat.yaml', ...adapter, '--set', 'sources.devices.every=soon');
    expect(bad.code).toBe(3);
    expect(bad.stderr).toMatch(/^slsim: adapter "heartbeat" \(test\/fixtures\/heartbeat-adapter\.mjs\) failed at t = 0 ms: .*soon/);
  });

  it('exits 3 and blames a third-party adapter that throws, naming its type and file, not slsim', () => {
    const r = slsim('run', 'test/fixtures/broken.yaml', '--adapter', 'test/fixtures/broken-adapter.mjs');
    expect(r.code).toBe(3);
    expect(r.stderr).toBe('slsim: adapter "broken" (test/fixtures/broken-adapter.mjs) failed in create: broken on purpose\n');
  });

  it('blames a third-party adapter that throws from an event it scheduled, at the simulated time', () => {
    const r = slsim('run', 'test/fixtures/faulty.yaml', '--adapter', 'test/fixtures/faulty-adapter.mjs');
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^slsim: adapter "faulty" \(test\/fixtures\/faulty-adapter\.mjs\) failed at t = 5000 ms: Cannot read properties of undefined \(reading 'boom'\)\n$/);
  });

  it('refuses an adapter written for an API it does not implement, naming its type and file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'slsim-'));
    const file = join(dir, 'future.mjs');
    writeFileSync(file, "export default { meta: { type: 'future', version: '1.0.0', apiVersion: 3, description: '', invocation: ['async'], schema: {} }, create() {} };\n");
    const r = slsim('adapters', '--adapter', file);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`slsim: adapter "future" (${file}): written for adapter API 3; this slsim implements API 2 and loads APIs 1 and 2 (docs/adapters.md)\n`);
  });

  it('lists the built-in adapters and prints a sample event', () => {
    expect(slsim('adapters').stdout).toMatch(/invoke\s+1\.0\.0[\s\S]*schedule\s+1\.0\.0/);
    const event = JSON.parse(slsim('events', 'schedule').stdout);
    expect(event['detail-type']).toBe('Scheduled Event');
    // A direct invoke carries whatever its caller sends: the Lambda console's default test event ("hello-world").
    expect(slsim('events', 'invoke')).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(slsim('events', 'invoke').stdout)).toStrictEqual({ key1: 'value1', key2: 'value2', key3: 'value3' });
  });

  it('warns on standard error when phases and duration disagree', () => {
    const r = slsim('validate', 'scenarios/checkout-api.yaml', '--set', 'duration=12h');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^slsim: warning: --set duration=12h .*|^slsim: warning: scenarios\/checkout-api\.yaml:\d+ \/sources\/storefront\/load: the phases last 10h00m00s but duration is 12h00m00s/);
  });
});
