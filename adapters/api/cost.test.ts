/**
 * What an api source bills, against AWS's prices worked by hand
 * (https://aws.amazon.com/api-gateway/pricing/, us-east-1): HTTP APIs $1.00 a
 * million for the first 300 million a month, then $0.90, each 512 KB of a
 * request counting as one; REST APIs $3.50 a million for the first 333
 * million, $2.80 for the next 667 million, $2.38 for the next 19 billion,
 * $1.51 beyond; no permanent free tier. And the same seed gives the same report.
 */
import { describe, expect, it } from 'vitest';
import { priceRun } from '../../core/cost/price-run.js';
import type { Summary } from '../../core/metrics/histogram.js';
import type { Report, SourceReport } from '../../core/report/build-report.js';
import { line, usage } from '../../test/cost-fixtures.js';
import { run } from '../../test/helpers.js';

/** A source's `Latency` summary (ms). */
const latency = (source: SourceReport) => source.Latency as Summary;

const scenario = (source: string, freeTier = 'false') => `
name: api cost
duration: 1h
pricing: { freeTier: ${freeTier} }
functions:
  orders: { duration: 20ms }
sources:
  web:
    type: api
    targets: [orders]
${source}
    load: { phases: [ { duration: 1h, arrivalCount: 1000 } ] }
`;

const apiLine = (report: Report) => report.cost.lines.find((l) => l.service === 'Amazon API Gateway')!;

describe('API Gateway requests on the bill', () => {
  it('HTTP API: 1,000 requests of 600 KB are 2,000 billed requests (512 KB each) at $1.00 a million: $0.002', () => {
    const { report } = run(scenario('    payloadSize: 600KB'));
    expect(apiLine(report)).toMatchObject({ item: 'HTTP API requests', quantity: 2000, unit: 'requests (512 KB units)' });
    expect(apiLine(report).usd).toBeCloseTo(0.002, 12);
  });

  it('REST API: 1,000 requests of 600 KB are 1,000 billed requests at $3.50 a million: $0.0035', () => {
    const { report } = run(scenario('    protocol: rest\n    payloadSize: 600KB'));
    expect(apiLine(report)).toMatchObject({ item: 'REST API requests', quantity: 1000 });
    expect(apiLine(report).usd).toBeCloseTo(0.0035, 12);
  });

  it('has no permanent free tier: the bill is the same with the free tier on (the 1 million free calls are for new accounts only)', () => {
    expect(apiLine(run(scenario('    payloadSize: 600KB', 'true')).report).usd).toBeCloseTo(0.002, 12);
  });

  it('crosses the tiers of a month: 400 million HTTP requests and 1.5 billion REST requests', () => {
    const bill = priceRun(usage({ services: [{ priceKey: 'apigateway.http.requests', quantity: 400e6 }, { priceKey: 'apigateway.rest.requests', quantity: 1.5e9 }] }));
    // 300 M × $1.00 / M + 100 M × $0.90 / M = $300 + $90
    expect(line(bill, 'HTTP API requests').usd).toBeCloseTo(390, 6);
    // 333 M × $3.50 / M + 667 M × $2.80 / M + 500 M × $2.38 / M = $1,165.50 + $1,867.60 + $1,190.00
    expect(line(bill, 'REST API requests').usd).toBeCloseTo(4223.1, 6);
    expect(line(bill, 'REST API requests').service).toBe('Amazon API Gateway');
  });
});

describe('reproducibility', () => {
  const yaml = `
name: api seeds
duration: 10s
account: { concurrencyLimit: 5000 }
functions:
  orders: { duration: { dist: lognormal, median: 20ms, p99: 40s }, timeout: 60s, errorRate: 0.05 }
sources:
  web:
    type: api
    throttle: { rateLimit: 8000, burstLimit: 2000 }
    clientRetries: { attempts: 2, backoff: 50ms }
    payloadSize: { dist: uniform, min: 1KB, max: 1MB }
    targets: [orders]
    load: { phases: [ { duration: 10s, arrivalRate: 9000 } ] }
`;

  it('gives the same report for the same seed, with throttles, retries, errors and timeouts all at work', () => {
    const strip = (report: Report) => ({ ...report, engine: null });
    const first = run(yaml).report;
    expect(strip(run(yaml).report)).toStrictEqual(strip(first));
    const web = first.sources.web!;
    expect(web['4XXError']).toBeGreaterThan(0);
    expect(web['5XXError']).toBeGreaterThan(0);
    expect(latency(web).max).toBe(30000);
    expect(run(yaml, { set: ['seed=2'] }).report.sources.web!.Count).not.toBe(web.Count);
  });
});
