/**
 * A user pool refuses requests above its operation's per-second quota with
 * TooManyRequestsException before any trigger runs (Amazon Cognito developer
 * guide, "Quotas"; docs/aws-model.md rule 24). Defaults are AWS's per category:
 * UserCreation 50, UserAuthentication 120 (RespondToAuthChallenge three times
 * that), UserAccountRecovery 30. Refused requests never reach the function.
 */
import { describe, expect, it } from 'vitest';
import { run } from '../../test/helpers.js';
import { PerSecondQuota } from './request-quota.js';

const scenario = (source: string, rate: number, arrivals = 'uniform', seconds = 10) => `
name: cognito quota
duration: ${seconds}s
functions:
  check: { duration: 20ms }
sources:
  pool:
    type: cognito
    targets: [check]
${source}
    load: { arrivals: ${arrivals}, phases: [ { duration: ${seconds}s, arrivalRate: ${rate} } ] }
`;

describe('the per-second quota', () => {
  it('refuses exactly the excess of each second: 80/s offered against 50/s for 10 s, 300 refused', () => {
    const { report } = run(scenario('    trigger: PreSignUp', 80));
    const pool = report.sources.pool!;
    expect(pool.Requests).toBe(800);
    expect(pool.TooManyRequests).toBe(300);
    expect(pool.delivery).toMatchObject({ generated: 800, succeeded: 500, rejected: 300, inFlight: 0 });
    expect(pool.TriggerAttempts).toBe(500);
    expect(report.functions.check!.Invocations).toBe(500); // refused requests never invoke the function
  });

  it.each([
    ['PreAuthentication', 'PreAuthentication_Authentication', 120],
    ['VerifyAuthChallengeResponse', 'VerifyAuthChallengeResponse_Authentication', 360],
    ['PostConfirmation', 'PostConfirmation_ConfirmForgotPassword', 30],
    ['CustomMessage', 'CustomMessage_UpdateUserAttribute', 25],
    ['PreSignUp', 'PreSignUp_ExternalProvider', 25],
  ])("%s (%s) defaults to AWS's %i requests per second", (trigger, triggerSource, quota) => {
    const rate = quota + 30;
    const { report } = run(scenario(`    trigger: ${trigger}\n    triggerSource: ${triggerSource}\n    users: none`, rate));
    expect(report.sources.pool!.TooManyRequests).toBe(300);
    expect(report.functions.check!.Invocations).toBe(10 * quota);
  });

  it('takes a raised quota', () => {
    const { report } = run(scenario('    quota: 75', 80));
    expect(report.sources.pool!.TooManyRequests).toBe(50);
  });

  it('under Poisson arrivals refuses E[(N − 50)⁺] a second, N ~ Poisson(80) (±5 sd)', () => {
    const seconds = 60;
    const { report } = run(scenario('    quota: 50', 80, 'poisson', seconds));
    // E[(N − q)⁺] = E[N] − q + Σ_{k<q} (q − k) P(N = k); the variance from E[((N − q)⁺)²] likewise.
    let pk = Math.exp(-80);
    let below1 = 0;
    let below2 = 0;
    for (let k = 0; k < 50; k++) {
      below1 += (50 - k) * pk;
      below2 += (50 - k) ** 2 * pk;
      pk *= 80 / (k + 1);
    }
    const mean = 80 - 50 + below1;
    const second = 80 + 30 ** 2 - below2; // E[(N−q)²] = Var N + (E N − q)², minus the part below q
    const sd = Math.sqrt(seconds * (second - mean ** 2));
    const refused = report.sources.pool!.TooManyRequests as number;
    expect(refused).toBeGreaterThan(seconds * mean - 5 * sd);
    expect(refused).toBeLessThan(seconds * mean + 5 * sd);
  });
});

describe('PerSecondQuota', () => {
  it('counts in whole simulated seconds', () => {
    const quota = new PerSecondQuota(2);
    expect([0, 1, 999].map((t) => quota.admit(t))).toStrictEqual([true, true, false]);
    expect([1000, 1500, 1999, 2000].map((t) => quota.admit(t))).toStrictEqual([true, true, false, true]);
  });
});
