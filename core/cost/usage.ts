/**
 * What a run used, in the units AWS bills: the input of the cost model.
 * The engine fills it from its counters (no per-invocation records), the
 * pricer turns it into a bill with a price table. Plain data.
 */
import type { Architecture } from '../lambda/function-spec.js';

/**
 * `pricing.freeTier`: `prorated` (the default) gives a run the monthly free
 * allowances times its share of a 30-day month; `true` the whole month's (at
 * least); `false` none. Runs of a month or more get the same either way.
 */
export type FreeTierSetting = 'prorated' | boolean;

export interface FunctionUsage {
  name: string;
  architecture: Architecture;
  memoryMb: number;
  ephemeralStorageMb: number;
  /** Configured provisioned concurrency (environments), 0 when none. */
  provisionedConcurrency: number;
  /** Billed requests: one per run, plus extra units for async payloads over 256 KB. */
  requests: number;
  /** Σ billed ms of runs on on-demand environments, INIT of on-demand cold starts included (each rounded up to 1 ms). */
  billedMsOnDemand: number;
  /** Σ billed ms of runs on provisioned environments (each rounded up to 1 ms). */
  billedMsProvisioned: number;
}

/** A quantity of a source service's billable item, priced by `priceKey` in the region's table. */
export interface ServiceUsage {
  /** Key into the price table's `services`, e.g. `scheduler.invocations`. */
  priceKey: string;
  quantity: number;
  /**
   * What a month of this traffic would come to, when it does not grow with
   * time: distinct users of a population (MAUs) saturate. Without it the month
   * projection scales `quantity` by 30 days / the span run.
   */
  monthlyQuantity?: number;
}

export interface RunUsage {
  region: string;
  /** The simulated traffic window (scenario duration), ms: months are counted from it. */
  spanMs: number;
  /** The simulated time the run actually covered (to its last event, drain included), ms: `monthlyUsd` scales by it. Defaults to spanMs. */
  runSpanMs?: number;
  /** How long provisioned concurrency was configured, ms (the scenario duration). */
  provisionedSpanMs: number;
  freeTier: FreeTierSetting;
  functions: FunctionUsage[];
  services: ServiceUsage[];
}

export interface CostLine {
  service: string;
  item: string;
  quantity: number;
  unit: string;
  usd: number;
}

export interface FunctionCost {
  requests: number;
  gbSeconds: number;
  usd: number;
}

export interface CostReport {
  /** Σ of the lines, rounded to the cent. */
  totalUsd: number;
  lines: CostLine[];
  functions: Record<string, FunctionCost>;
  /** Total cost divided by Lambda requests, × 1,000,000 (0 when no request). */
  perMillionRequestsUsd: number;
  /** The usage scaled to 30 days and priced again (one month's free tier, unless the free tier is off). */
  monthlyUsd: number;
  /** Plain-language notes: how much free tier the run got, what monthlyUsd assumes, etc. */
  notes: string[];
}
