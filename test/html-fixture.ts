/**
 * A small run for the HTML report's tests: a reserved function behind a
 * synchronous API that throttles, an SQS queue with a backlog and a Kinesis
 * stream, two simulated minutes, an expectation that holds and one that
 * fails, and a name that needs escaping. Returns the report and its page.
 */
import { concurrencyLimits } from '../cli/html/limits.js';
import { renderHtmlReport } from '../cli/html/render-page.js';
import type { Report } from '../core/report/build-report.js';
import { run } from './helpers.js';

export const FIXTURE_NAME = 'html <report> & "fixture"';

export const FIXTURE_YAML = `
name: '${FIXTURE_NAME}'
seed: 5
duration: 2m
functions:
  front:
    memory: 256
    reservedConcurrency: 5
    duration: { dist: lognormal, median: 80ms, p99: 400ms }
  worker: { timeout: 30s, duration: 50ms }
  reader: { duration: 20ms }
sources:
  api:
    type: invoke
    mode: sync
    targets: [front]
    load: { phases: [ { duration: 1m, arrivalRate: 20, rampTo: 100 }, { burst: 200 } ] }
  jobs:
    type: sqs
    consumer: { function: worker, batchSize: 10 }
    load: { phases: [ { duration: 30s, arrivalCount: 3000 } ] }
  events:
    type: kinesis
    consumer: { function: reader }
    load: { phases: [ { duration: 1m, arrivalRate: 50 } ] }
expect:
  - functions.front.Throttles == 0
  - sources.jobs.delivery.succeeded == 3000
`;

export function fixturePage(): { report: Report; html: string } {
  const { report, engine } = run(FIXTURE_YAML);
  return { report, html: renderHtmlReport(report, { limits: concurrencyLimits(engine.scenario) }) };
}
