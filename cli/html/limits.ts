/**
 * Each function's concurrency limit, for the HTML report's concurrency charts:
 * the report holds what happened, the scenario what the limit was. Pools are
 * split by the same rule the engine uses (core/lambda/concurrency.ts).
 */
import { allocatePools } from '../../core/lambda/concurrency.js';
import type { Scenario } from '../../core/scenario/scenario.js';
import type { ConcurrencyLimit } from './chart-plan.js';

export function concurrencyLimits(scenario: Pick<Scenario, 'account' | 'functions'>): Record<string, ConcurrencyLimit> {
  const { unreserved, reserved } = allocatePools(scenario.account.concurrencyLimit, scenario.functions);
  const limits: Record<string, ConcurrencyLimit> = {};
  for (const fn of scenario.functions) {
    const own = reserved.get(fn.name);
    limits[fn.name] = own
      ? { limit: own.capacity, pool: 'reserved', provisioned: fn.provisionedConcurrency }
      : { limit: unreserved.capacity + fn.provisionedConcurrency, pool: 'unreserved', provisioned: fn.provisionedConcurrency };
  }
  return limits;
}
