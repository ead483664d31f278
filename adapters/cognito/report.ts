/**
 * What a cognito source reports at the end of a run (docs/report.md) and what
 * it bills (docs/cost.md): its monthly active users under the pool's feature
 * plan, `cognito.mau.lite`, `cognito.mau.essentials` or `cognito.mau.plus`
 * (Lite and Essentials share 10,000 free MAUs a month; Plus has none). The
 * function's runs, late ones included, are billed by Lambda.
 */
import type { ServiceUsage } from '../../core/cost/usage.js';
import type { UserPool } from './user-pool.js';

export function userPoolReport(pool: UserPool): Record<string, number | Record<string, number>> {
  return {
    Requests: pool.requests,
    TooManyRequests: pool.tooManyRequests,
    TriggerAttempts: pool.attempts,
    TriggerTimeouts: pool.timeouts,
    TriggerErrors: pool.errors,
    // Only with handler code (docs/handlers.md): answers that were not the event back, InvalidLambdaResponseException.
    ...(pool.invalidResponses > 0 ? { TriggerInvalidResponses: pool.invalidResponses } : {}),
    TriggerThrottles: pool.throttles,
    FailedRequests: pool.failed,
    MonthlyActiveUsers: pool.activeUsers.count,
    Latency: { ...pool.latency.summary() },
  };
}

export function userPoolUsage(pool: UserPool): ServiceUsage[] {
  const monthly = pool.activeUsers.monthly(pool.ctx.now());
  const usage: ServiceUsage = { priceKey: `cognito.mau.${pool.ctx.config.featurePlan}`, quantity: pool.activeUsers.count };
  if (monthly !== null) usage.monthlyQuantity = monthly;
  return [usage];
}
