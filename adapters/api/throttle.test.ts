/**
 * API Gateway's throttles against AWS's published numbers (docs/aws-model.md,
 * rule 23): the account's token bucket of 5,000 refilled at 10,000 a second,
 * shared by every API of the account; a stage's own bucket below it; 429s
 * counted in `Count` and `4XXError`, `rejected`, and not billed; a client that
 * retries a 429 with exponential backoff. The function has provisioned
 * environments and a large account concurrency so that Lambda never throttles
 * here: every refusal is API Gateway's.
 */
import { describe, expect, it } from 'vitest';
import type { Report } from '../../core/report/build-report.js';
import { run } from '../../test/helpers.js';

const scenario = (sources: string) => `
name: api throttles
duration: 10s
account: { concurrencyLimit: 5000 }
functions:
  orders: { duration: 1ms, provisionedConcurrency: 200 }
sources:
${sources}
`;

/** An api source `rate` requests a second, evenly spaced, for 10 s. */
const api = (name: string, rate: number, extra = '') => `  ${name}:
    type: api
    targets: [orders]
${extra}    load: { arrivals: uniform, phases: [ { duration: 10s, arrivalRate: ${rate} } ] }
`;

function balanced(report: Report): void {
  for (const [name, source] of Object.entries(report.sources)) {
    const d = source.delivery;
    expect(d.succeeded + d.failed + d.dropped + d.rejected + d.inFlight, name).toBe(d.generated);
    expect(d.inFlight, name).toBe(0);
  }
}

const apiLine = (report: Report) => report.cost.lines.find((l) => l.service === 'Amazon API Gateway');

describe('the account throttle: 5,000 burst, 10,000 a second', () => {
  it('12,000 requests a second for 10 s: 120,000 offered, about 105,000 pass and 15,000 get a 429', () => {
    const { report } = run(scenario(api('web', 12000)));
    const web = report.sources.web!;
    // AWS's arithmetic: the bucket's 5,000 plus 10,000 a second for 10 s = 105,000 allowed.
    // (The last token refills after the last request: the model refuses one more.)
    expect(web.Count).toBe(120000);
    expect(Math.abs((web['4XXError'] as number) - 15000)).toBeLessThanOrEqual(2);
    expect(web['5XXError']).toBe(0);
    expect(web.delivery.rejected).toBe(web['4XXError']);
    expect(web.delivery.succeeded).toBe(120000 - (web['4XXError'] as number));
    expect(report.functions.orders!.Invocations).toBe(web.delivery.succeeded);
    expect(report.functions.orders!.Throttles).toBe(0);
    // Refused requests are not billed: only the ones passed to the function.
    expect(apiLine(report)!.quantity).toBe(web.delivery.succeeded);
    balanced(report);
  });

  it('9,000 requests a second never run out of tokens', () => {
    const web = run(scenario(api('web', 9000))).report.sources.web!;
    expect(web.Count).toBe(90000);
    expect(web['4XXError']).toBe(0);
  });

  it('is shared: two APIs of 7,000 and 5,000 a second, each fine alone, share the account bucket of 105,000 tokens', () => {
    const poisson = (name: string, rate: number) => api(name, rate).replace('arrivals: uniform', 'arrivals: poisson');
    expect(run(scenario(poisson('web', 7000))).report.sources.web!['4XXError']).toBe(0);
    expect(run(scenario(poisson('mobile', 5000))).report.sources.mobile!['4XXError']).toBe(0);
    const { report } = run(scenario(poisson('web', 7000) + poisson('mobile', 5000)));
    const web = report.sources.web!;
    const mobile = report.sources.mobile!;
    const offered = (web.Count as number) + (mobile.Count as number);
    // Random arrivals, about 120,000 in all: whatever the total, 5,000 + 10 s × 10,000 pass, less the tokens left in
    // the bucket at the end, and the rest is refused. Once drained, the bucket's few tokens are an M/M/1 queue
    // (tokens come at 10,000 a second, requests take them at 12,000): at the end it holds k or more with
    // probability ρ^k, ρ = 10/12 (mean 5), so fewer than 50 with probability 1 - 0.83^50 > 99.99%.
    expect(Math.abs(offered - 120000)).toBeLessThan(2000);
    const passed = web.delivery.succeeded + mobile.delivery.succeeded;
    expect(passed).toBeLessThanOrEqual(105000);
    expect(passed).toBeGreaterThan(105000 - 50);
    expect(web.delivery.rejected + mobile.delivery.rejected).toBe((web['4XXError'] as number) + (mobile['4XXError'] as number));
    // Each is refused in proportion to its traffic: 7/12 and 5/12 of about 15,000.
    const refused = (web['4XXError'] as number) + (mobile['4XXError'] as number);
    expect(Math.abs((web['4XXError'] as number) - (refused * 7) / 12)).toBeLessThan(600);
    balanced(report);
  });
});

describe('a stage throttle', () => {
  it('binds below the account: 100 a second, burst 50, offered 200 a second for 10 s lets about 1,050 through', () => {
    const { report } = run(scenario(api('web', 200, '    throttle: { rateLimit: 100, burstLimit: 50 }\n') + api('other', 200)));
    const web = report.sources.web!;
    // 50 + 100 × 10 s = 1,050 of 2,000.
    expect(web.Count).toBe(2000);
    expect(Math.abs((web['4XXError'] as number) - 950)).toBeLessThanOrEqual(2);
    expect(web.delivery.succeeded).toBe(2000 - (web['4XXError'] as number));
    // It is the stage's own: another API of the account is not held back.
    expect(report.sources.other!['4XXError']).toBe(0);
    balanced(report);
  });
});

describe('client retries of a 429', () => {
  const burst = (retries: string) =>
    scenario(`  web:
    type: api
    targets: [orders]
    throttle: { rateLimit: 10, burstLimit: 10 }
${retries}    load: { phases: [ { burst: 30 } ] }
`);

  it('30 at once through a bucket of 10 refilled at 10 a second: 10 pass, the rest get a 429 and are rejected', () => {
    const { report } = run(burst(''));
    expect(report.sources.web).toMatchObject({ Count: 30, '4XXError': 20 });
    expect(report.sources.web!.delivery).toMatchObject({ generated: 30, succeeded: 10, rejected: 20 });
  });

  it('retried after 1 s then 2 s more, all 30 pass: 10 at 0 s, 10 at 1 s, 10 at 3 s; each try counts and only the 30 passed are billed', () => {
    const { report } = run(burst('    clientRetries: { attempts: 3, backoff: 1s }\n'));
    const web = report.sources.web!;
    expect(web).toMatchObject({ Count: 60, '4XXError': 30, '5XXError': 0 });
    expect(web.delivery).toMatchObject({ generated: 30, succeeded: 30, rejected: 0 });
    expect(web.EndToEndLatency.max).toBeGreaterThanOrEqual(3000);
    expect(web.EndToEndLatency.max).toBeLessThan(3100);
    expect(apiLine(report)!.quantity).toBe(30);
    balanced(report);
  });
});
