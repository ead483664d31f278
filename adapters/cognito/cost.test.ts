/**
 * Monthly active users and their price (docs/cost.md; Amazon Cognito pricing):
 * each successful sign-up is a new user; sign-ins from a population of N
 * users count the distinct users of each 30-day month; Lite $0.0055 and
 * Essentials $0.015 a MAU after 10,000 free MAUs they share, Plus $0.020 with
 * none. The arithmetic below is done by hand from those prices, with the
 * whole month's free tier (`pricing.freeTier: true`) unless a test says not.
 */
import { describe, expect, it } from 'vitest';
import type { Report } from '../../core/report/build-report.js';
import { run } from '../../test/helpers.js';

const scenario = (source: string, { rate = 3, duration = '1h', freeTier = 'true' } = {}) => `
name: cognito cost
duration: ${duration}
pricing: { freeTier: ${freeTier} }
functions:
  check: { duration: 50ms }
sources:
  pool:
    type: cognito
    targets: [check]
${source}
    load: { arrivals: uniform, phases: [ { duration: ${duration}, arrivalRate: ${rate} } ] }
`;

const cognitoLines = (report: Report) => report.cost.lines.filter((line) => line.service === 'Amazon Cognito');

describe('sign-ups: one new monthly active user each', () => {
  // 3 sign-ups a second for an hour: 10,800 users, 800 of them above the 10,000 free MAUs.
  it.each([
    ['essentials', 'monthly active users (Essentials)', 800 * 0.015],
    ['lite', 'monthly active users (Lite)', 800 * 0.0055],
    ['plus', 'monthly active users (Plus)', 10_800 * 0.02],
  ])('%s: priced by hand', (plan, item, usd) => {
    const { report } = run(scenario(`    featurePlan: ${plan}`));
    expect(report.sources.pool!.MonthlyActiveUsers).toBe(10_800);
    const [line, ...others] = cognitoLines(report);
    expect(others).toStrictEqual([]);
    expect(line).toMatchObject({ item, quantity: 10_800, unit: 'MAU' });
    expect(line!.usd).toBeCloseTo(usd, 9);
    expect(report.cost.totalUsd).toBe(Math.round(usd * 100) / 100); // the function's runs stay in Lambda's free tier
  });

  it('gets a share of the free MAUs by default: 1 h is 1/720 of a month, so 10,000 / 720 free', () => {
    const { report } = run(scenario('    featurePlan: essentials', { freeTier: 'prorated' }));
    expect(cognitoLines(report)[0]!.usd).toBeCloseTo((10_800 - 10_000 / 720) * 0.015, 5); // lines show 6 decimals
  });

  it('counts only requests that succeeded: refused and failed sign-ups create nobody', () => {
    const { report } = run(scenario('    quota: 2', { rate: 3, duration: '10s' }).replace('duration: 50ms', 'duration: 50ms, errorRate: 0.5'));
    const pool = report.sources.pool!;
    expect(pool.TooManyRequests).toBe(10);
    expect(pool.MonthlyActiveUsers).toBe(pool.delivery.succeeded);
    expect(pool.MonthlyActiveUsers).toBe(20 - (pool.FailedRequests as number));
  });
});

describe('sign-ins: distinct users of a population', () => {
  it('counts N(1 − (1 − 1/N)^n) distinct users of n sign-ins, as uniform draws give (±5 sd)', () => {
    const { report } = run(scenario('    trigger: PreAuthentication\n    users: 20000'));
    const n = 10_800;
    const N = 20_000;
    const x = n / N;
    const mean = N * (1 - (1 - 1 / N) ** n);
    const sd = Math.sqrt(N * Math.exp(-x) * (1 - (1 + x) * Math.exp(-x)));
    const mau = report.sources.pool!.MonthlyActiveUsers as number;
    expect(mau).toBeGreaterThan(mean - 5 * sd);
    expect(mau).toBeLessThan(mean + 5 * sd);
    expect(cognitoLines(report)[0]!.usd).toBeCloseTo((mau - 10_000 > 0 ? mau - 10_000 : 0) * 0.015, 9);
  });

  it('counts a user once a month: 40 users signing in over 60 days are 80 MAUs', () => {
    const { report } = run(scenario('    trigger: PostAuthentication\n    users: 40', { rate: 0.002, duration: '60d' }));
    expect(report.sources.pool!.Requests).toBe(10_368);
    expect(report.sources.pool!.MonthlyActiveUsers).toBe(80);
  });

  it('counts nobody with users: none', () => {
    const { report } = run(scenario('    users: none'));
    expect(report.sources.pool!.MonthlyActiveUsers).toBe(0);
    expect(cognitoLines(report)).toStrictEqual([]);
  });
});

describe('the month projection of a user population', () => {
  it('saturates at the population: 1,000 users signing in 10 times a second are 1,000 MAUs a month, not 720 × the hour', () => {
    const { report } = run(`
name: sign-ins
duration: 1h
pricing: { freeTier: false }
functions:
  auth: { memory: 128, duration: 10ms, coldStart: { init: 0ms } }
sources:
  sign-ins:
    type: cognito
    trigger: PreAuthentication
    featurePlan: lite
    users: 1000
    targets: [auth]
    load: { phases: [ { duration: 1h, arrivalRate: 10 } ] }
`);
    const requests = report.functions.auth!.Invocations;
    const k = 2_592_000 / report.simulated.seconds; // 30 days / the span run
    // By hand: 1,000 MAUs × $0.0055, plus Lambda's requests and GB-s scaled to the month.
    const lambda = requests * k * 0.2e-6 + requests * k * 0.01 * 0.125 * 0.0000166667;
    expect(report.cost.monthlyUsd).toBeCloseTo(1000 * 0.0055 + lambda, 1);
    // The hour itself saw nearly every user: 36,000 draws from 1,000.
    expect(report.sources['sign-ins']!.MonthlyActiveUsers).toBeGreaterThan(990);
  });
});
