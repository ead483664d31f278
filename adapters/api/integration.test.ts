/**
 * What the client gets from a Lambda proxy integration (docs/aws-model.md,
 * rules 8, 17 and 23; AWS's "Handling Lambda errors with an API Gateway API"): 504 at
 * the integration timeout while the function runs on and is billed, the
 * protocols' different timeouts, 502 for a failed run, 500 for a Lambda
 * throttle (retried by a client that retries), 413 over 10 MB and 500 over
 * Lambda's 6 MB; Latency from the request to the answer; balanced ledgers.
 */
import { describe, expect, it } from 'vitest';
import type { Summary } from '../../core/metrics/histogram.js';
import type { Report, SourceReport } from '../../core/report/build-report.js';
import { run } from '../../test/helpers.js';

/** A source's `Latency` summary (ms). */
const latency = (source: SourceReport) => source.Latency as Summary;

function balanced(report: Report): void {
  for (const [name, source] of Object.entries(report.sources)) {
    const d = source.delivery;
    expect(d.succeeded + d.failed + d.dropped + d.rejected + d.inFlight, name).toBe(d.generated);
    expect(d.inFlight, name).toBe(0);
  }
}

const scenario = (fn: string, source: string, duration = '100s') => `
name: api integration
duration: ${duration}
functions:
  orders: ${fn}
sources:
  web:
    type: api
    targets: [orders]
${source}
`;

const apiLine = (report: Report) => report.cost.lines.find((l) => l.service === 'Amazon API Gateway');

describe('the integration timeout', () => {
  it('a 35 s function behind a 29 s REST integration: 100 of 100 get a 504 at 29 s, and the function still runs 100 times and is billed', () => {
    const { report } = run(
      scenario(
        '{ timeout: 60s, duration: 35s, memory: 1024 }',
        '    protocol: rest\n    integrationTimeout: 29s\n    load: { phases: [ { duration: 100s, arrivalCount: 100 } ] }',
      ),
    );
    const web = report.sources.web!;
    expect(web).toMatchObject({ Count: 100, '4XXError': 0, '5XXError': 100 });
    expect(web.delivery).toStrictEqual({ generated: 100, succeeded: 0, failed: 0, dropped: 0, rejected: 100, inFlight: 0 });
    // Latency is the integration timeout exactly: the client was answered then, not when the run ended.
    expect(web.Latency).toStrictEqual({ mean: 29000, p50: 29000, p90: 29000, p99: 29000, max: 29000 });
    const orders = report.functions.orders!;
    expect(orders).toMatchObject({ Invocations: 100, Errors: 0, Timeouts: 0, Throttles: 0 });
    // Billed: 100 runs of 35 s at 1 GB (plus the cold starts' INIT), though nobody got their answer.
    expect(orders.cost.gbSeconds).toBeGreaterThanOrEqual(3500);
    // The run lasts until the last function ends, 35 s after the last request (at 99.5 s).
    expect(report.simulated.seconds).toBeGreaterThanOrEqual(134.5);
    expect(apiLine(report)!.quantity).toBe(100);
    balanced(report);
  });

  it('defaults to 30 s for an HTTP API and 29 s for a REST API: a 29.5 s run answers over HTTP, times out over REST', () => {
    const fn = '{ timeout: 40s, duration: 29.5s, provisionedConcurrency: 10 }';
    const load = '    load: { phases: [ { duration: 10s, arrivalCount: 10 } ] }';
    const http = run(scenario(fn, `    protocol: http\n${load}`, '10s')).report.sources.web!;
    expect(http.delivery).toMatchObject({ succeeded: 10, rejected: 0 });
    expect(http['5XXError']).toBe(0);
    expect(latency(http).max).toBe(29500);
    const rest = run(scenario(fn, `    protocol: rest\n${load}`, '10s')).report.sources.web!;
    expect(rest.delivery).toMatchObject({ succeeded: 0, rejected: 10 });
    expect(rest['5XXError']).toBe(10);
    expect(latency(rest).max).toBe(29000);
  });

  it('answers the run that ends in time, and times out only the slow ones, one timer serving them all', () => {
    // Runs uniform in 1..59 s behind 30 s: about half in time.
    const { report } = run(
      scenario(
        '{ timeout: 60s, duration: { dist: uniform, min: 1s, max: 59s }, provisionedConcurrency: 200 }',
        '    load: { phases: [ { duration: 100s, arrivalRate: 2 } ] }',
      ),
    );
    const web = report.sources.web!;
    const late = web['5XXError'] as number;
    // Binomial(about 200, 0.5): sd about 7.
    expect(late).toBeGreaterThan((web.Count as number) / 2 - 40);
    expect(late).toBeLessThan((web.Count as number) / 2 + 40);
    expect(web.delivery.succeeded).toBe((web.Count as number) - late);
    expect(latency(web).max).toBe(30000);
    expect(web.EndToEndLatency.max).toBeLessThanOrEqual(30000);
    expect(report.functions.orders!.Invocations).toBe(web.Count);
    balanced(report);
  });
});

describe('function errors and Lambda throttles', () => {
  it('a failed run is a 502: 5XXError, rejected, billed', () => {
    const { report } = run(scenario('{ duration: 50ms, errorRate: 1 }', '    load: { phases: [ { duration: 100s, arrivalCount: 200 } ] }'));
    expect(report.sources.web).toMatchObject({ Count: 200, '4XXError': 0, '5XXError': 200 });
    expect(report.sources.web!.delivery).toMatchObject({ succeeded: 0, rejected: 200 });
    expect(report.functions.orders!.Errors).toBe(200);
    expect(apiLine(report)!.quantity).toBe(200);
    balanced(report);
  });

  it('a Lambda throttle is a 500, billed; a retrying client tries again after 1 s, then 2 s more', () => {
    // 20 at once on a function limited to 5 that runs 1 s (plus 250 ms of INIT): 5 run, 15 are throttled.
    const fn = '{ duration: 1s, reservedConcurrency: 5 }';
    const noRetry = run(scenario(fn, '    load: { phases: [ { burst: 20 } ] }')).report;
    expect(noRetry.sources.web).toMatchObject({ Count: 20, '4XXError': 0, '5XXError': 15 });
    expect(noRetry.sources.web!.delivery).toMatchObject({ succeeded: 5, rejected: 15 });
    expect(noRetry.functions.orders!.Throttles).toBe(15);
    expect(apiLine(noRetry)!.quantity).toBe(20);
    // t = 1 s: the 5 still run (to 1.25 s), the 15 are throttled again; t = 3 s: 5 run, 10 are throttled and give up.
    const retried = run(scenario(fn, '    clientRetries: { attempts: 2, backoff: 1s }\n    load: { phases: [ { burst: 20 } ] }')).report;
    expect(retried.sources.web).toMatchObject({ Count: 50, '4XXError': 0, '5XXError': 40 });
    expect(retried.sources.web!.delivery).toMatchObject({ generated: 20, succeeded: 10, rejected: 10 });
    expect(retried.functions.orders!.Throttles).toBe(40);
    expect(apiLine(retried)!.quantity).toBe(50);
    balanced(retried);
  });
});

describe('payload limits', () => {
  it('a body over 10 MB gets a 413 from API Gateway: never invoked, not billed', () => {
    const { report } = run(scenario('{}', '    payloadSize: 11MB\n    load: { phases: [ { duration: 10s, arrivalCount: 10 } ] }', '10s'));
    expect(report.sources.web).toMatchObject({ Count: 10, '4XXError': 10, '5XXError': 0 });
    expect(report.sources.web!.delivery).toMatchObject({ rejected: 10 });
    expect(report.functions.orders!.Invocations).toBe(0);
    expect(apiLine(report)).toBeUndefined();
  });

  it('a 7 MB body passes API Gateway but makes an event over Lambda\'s 6 MB: a 500, billed in 512 KB units', () => {
    const { report } = run(scenario('{}', '    payloadSize: 7MB\n    load: { phases: [ { duration: 10s, arrivalCount: 10 } ] }', '10s'));
    expect(report.sources.web).toMatchObject({ Count: 10, '4XXError': 0, '5XXError': 10 });
    expect(report.functions.orders).toMatchObject({ Invocations: 0, Throttles: 0 });
    expect(apiLine(report)!.quantity).toBe(10 * 14); // 7 MB = 14 × 512 KB
  });
});

describe('latency', () => {
  it('is the time from the request to the answer: a warm 120 ms function answers in 120 ms', () => {
    const { report } = run(scenario('{ duration: 120ms, provisionedConcurrency: 5 }', '    load: { arrivals: uniform, phases: [ { duration: 100s, arrivalRate: 10 } ] }'));
    const web = report.sources.web!;
    expect(web.Latency).toStrictEqual({ mean: 120, p50: 120, p90: 120, p99: 120, max: 120 });
    expect(web.EndToEndLatency.p50).toBe(120);
    expect(web.delivery.succeeded).toBe(web.Count);
    const series = report.series.series;
    const sum = (name: string) => (series[name] ?? []).reduce((a, b) => a + b, 0);
    expect(sum('sources.web.Count')).toBe(web.Count);
    expect(sum('sources.web.5XXError')).toBe(0);
    expect(Math.max(...series['sources.web.Latency']!)).toBe(120);
    // The timeout timer is cancelled once nothing waits: it does not hold the run 30 s past the last answer.
    expect(report.simulated.seconds).toBeLessThan(101);
    balanced(report);
  });

  it('includes the cold starts: INIT then the handler', () => {
    const { report } = run(scenario('{ duration: 100ms, coldStart: { init: 400ms } }', '    load: { phases: [ { burst: 3 } ] }'));
    expect(latency(report.sources.web!).max).toBe(500);
  });
});
