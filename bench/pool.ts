/**
 * The worker-pool figure of docs/performance.md: invocations per second of a
 * function whose handler is a no-op, run by slsim's pool (dispatch at run
 * start, await at completion, payloads, context, isolation), against raw
 * piscina running the same no-op handler on the same number of threads with
 * the same number of calls in flight. Prints one JSON line per mode:
 * `node dist/bench/pool.js slsim N` or `node dist/bench/pool.js raw N`.
 */
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { Piscina } from 'piscina';
import { createRegistry } from '../adapters/index.js';
import { runScenarioAsync } from '../core/engine/run-scenario.js';
import { loadFromSource } from '../core/scenario/load.js';
import { parseSourceText } from '../core/scenario/source-file.js';
import { HandlerPool } from '../handlers/pool.js';

/** Threads on both sides, and calls in flight (the function's concurrency: arrivals 2,000/s × 100 ms). */
export const POOL_THREADS = 2;
export const IN_FLIGHT = 200;
const ARRIVALS_PER_SECOND = 2_000;

const [mode = 'slsim', countText = '20000'] = process.argv.slice(2);
const calls = Number(countText);
// The .mjs files are not compiled: they sit beside this script's source.
const source = fileURLToPath(new URL('../../bench/pool/', import.meta.url));

if (mode === 'raw') {
  const piscina = new Piscina({ filename: join(source, 'raw-worker.mjs'), minThreads: POOL_THREADS, maxThreads: POOL_THREADS });
  await piscina.run({});
  const event = { key1: 'value1', key2: 'value2', key3: 'value3' };
  let sent = 0;
  const started = performance.now();
  const lane = async () => {
    while (sent < calls) {
      sent++;
      await piscina.run(event);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
  print(calls, (performance.now() - started) / 1000);
  await piscina.destroy();
} else {
  const dir = mkdtempSync(join(tmpdir(), 'slsim-bench-'));
  copyFileSync(join(source, 'noop-handler.mjs'), join(dir, 'noop-handler.mjs'));
  const seconds = calls / ARRIVALS_PER_SECOND;
  const yaml = `
name: pool workload
duration: ${seconds}s
functions:
  f: { handler: ./noop-handler.mjs, duration: 100ms, timeout: 10s }
sources:
  calls:
    type: invoke
    targets: [f]
    load: { phases: [ { duration: ${seconds}s, arrivalRate: ${ARRIVALS_PER_SECOND} } ] }
`;
  const registry = await createRegistry();
  const loaded = loadFromSource(parseSourceText(join(dir, 'pool.yaml'), yaml), registry);
  const pool = new HandlerPool(loaded.scenario.functions, { workers: POOL_THREADS });
  await pool.prepare(loaded.scenario.functions);
  const report = await runScenarioAsync(loaded, registry, { handlers: pool });
  print(report.functions.f!.Invocations, report.engine.wallSeconds, { errors: report.functions.f!.Errors });
  await pool.close();
}

function print(invocations: number, wallSeconds: number, extra: Record<string, number> = {}): void {
  const rssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  console.log(JSON.stringify({ invocations, wallSeconds, perSecond: Math.round(invocations / wallSeconds), rssMb, ...extra }));
}
