/**
 * One bench workload in this process, printed as one JSON line:
 * `reference N` runs the reference workload (docs/performance.md: one 128 MB
 * function, sync Poisson arrivals at 5,000/s, exponential 100 ms handlers,
 * INIT 250 ms) through the real loader, adapters and engine until N
 * invocations;
 * `floor N` runs a bare heap loop doing only arrivals and completions, the
 * speed no engine can beat on this machine;
 * `queue N` sends N SQS messages (50,000 a second) through an event source
 * mapping with batches of 10 (docs/performance.md, `bench queue`);
 * `burst N` sends N sync requests at one instant to a function limited to
 * 1,000 concurrent runs (docs/performance.md, `bench burst`: bounded memory);
 * `burst-async N` sends N async events at one instant to the same function
 * with a maximum event age of 60 s: all but a few thousand wait out the
 * throttle back-off (1, 2, 4, 8, 16 s) on the function's internal queue and
 * are given up at 60 s, about 6 kernel events each (big inputs: the waiting
 * events must not cost memory each; target peak RSS under 400 MB for 10 M).
 */
import { performance } from 'node:perf_hooks';
import { createRegistry } from '../adapters/index.js';
import { runScenario } from '../core/engine/run-scenario.js';
import { loadFromSource } from '../core/scenario/load.js';
import { parseSourceText } from '../core/scenario/source-file.js';
import { runFloor } from './floor.js';
import { referenceYaml } from './reference-scenario.js';

const [mode = 'reference', countText = '5000000'] = process.argv.slice(2);
const invocations = Number(countText);

if (mode === 'floor') {
  const started = performance.now();
  runFloor(invocations);
  print(invocations, (performance.now() - started) / 1000);
} else if (mode === 'queue') {
  const seconds = invocations / 50_000;
  const yaml = `
name: queue workload
duration: ${seconds}s
functions:
  worker: { duration: 20ms, recordDuration: 1ms, timeout: 10s }
sources:
  jobs:
    type: sqs
    visibilityTimeout: 60s
    consumer: { function: worker, batchSize: 10, maximumBatchingWindow: 1s }
    load: { phases: [ { duration: ${seconds}s, arrivalRate: 50000 } ] }
`;
  const registry = await createRegistry();
  const report = runScenario(loadFromSource(parseSourceText('queue.yaml', yaml), registry), registry);
  const jobs = report.sources.jobs!;
  print(jobs.delivery.succeeded, report.engine.wallSeconds, { batches: report.functions.worker!.Invocations });
} else if (mode === 'burst') {
  const yaml = `
name: burst workload
duration: 1m
functions:
  f: { memory: 128, duration: 100ms }
sources:
  api:
    type: invoke
    targets: [f]
    load: { phases: [ { burst: ${invocations} } ] }
`;
  const registry = await createRegistry();
  const report = runScenario(loadFromSource(parseSourceText('burst.yaml', yaml), registry), registry);
  print(report.sources.api!.delivery.generated, report.engine.wallSeconds, { rejected: report.sources.api!.delivery.rejected });
} else if (mode === 'burst-async') {
  const yaml = `
name: async burst workload
duration: 1m
functions:
  f: { memory: 128, duration: 100ms, async: { maximumEventAge: 60s } }
sources:
  api:
    type: invoke
    mode: async
    targets: [f]
    load: { phases: [ { burst: ${invocations} } ] }
`;
  const registry = await createRegistry();
  const report = runScenario(loadFromSource(parseSourceText('burst-async.yaml', yaml), registry), registry);
  const delivery = report.sources.api!.delivery;
  print(delivery.generated, report.engine.wallSeconds, { succeeded: delivery.succeeded, dropped: delivery.dropped, events: report.engine.events });
} else {
  const yaml = referenceYaml(invocations);
  const registry = await createRegistry();
  const loaded = loadFromSource(parseSourceText('reference.yaml', yaml), registry);
  const report = runScenario(loaded, registry);
  const fn = report.functions.f!;
  print(fn.Invocations + fn.Throttles, report.engine.wallSeconds, { meanConcurrency: fn.ConcurrentExecutions.mean });
}

function print(count: number, wallSeconds: number, extra: object = {}): void {
  const rssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  process.stdout.write(JSON.stringify({ mode, invocations: count, wallSeconds, perSecond: Math.round(count / wallSeconds), rssMb, ...extra }) + '\n');
}
